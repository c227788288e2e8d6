"""Turning one YAML mapping into one record, checking each value against its field's kind.

This is the only place that knows how a kind (``date``, ``refs:agent``, ``choice:stance`` …) is
read, so adding a field to a record in :mod:`kzkg.load.model` needs no change here. References are
kept as ids; whether they resolve is :mod:`kzkg.load.corpus`'s job, once every file is read.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from kzkg.load.kinds import CHANGE_TYPES, EVENT_TYPES, ORGANISATION_TYPES, PLACE_TYPES
from kzkg.load.model import ID_PATTERN, CuratorKnowledge, Evidence, Link
from kzkg.load.yamlio import YamlList, YamlMap
from kzkg.rdf import DATE_PATTERN, Date
from kzkg.runtime import Problem, Source


@dataclasses.dataclass(frozen=True, slots=True)
class Vocabularies:
    """The closed lists a value may be chosen from; stances and roles come from the ontology."""

    stance: frozenset[str]
    role: frozenset[str]
    organisation: frozenset[str] = frozenset(ORGANISATION_TYPES)
    event: frozenset[str] = frozenset(EVENT_TYPES)
    place: frozenset[str] = frozenset(PLACE_TYPES)
    change: frozenset[str] = frozenset(CHANGE_TYPES)


@dataclasses.dataclass(frozen=True, slots=True)
class Located(Source):
    """A record's place in its file and the line of each key, so that cross-file checks point
    at the very key to change (a bad reference, a quote), not at the top of the record."""

    keys: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        return dict(self.keys).get(key, self.line)


def line_of(source: Source | None, key: str) -> int:
    """The line of ``key`` in the record written at ``source`` (its first line when unknown)."""
    return source.line_of(key) if isinstance(source, Located) else source.line if source else 0


FORMAT_DOC = "docs/annotation-format.md"


class _Invalid(Exception):
    """A value that does not fit its field; becomes a Problem at the field's line."""

    def __init__(self, what: str, fix: str) -> None:
        super().__init__(what)
        self.what, self.fix = what, fix


class _Reported(Exception):
    """A value whose parts already reported their own problems; the record fails silently."""


def _prose(value: Any) -> str:
    """Text, of one line or several (descriptions, notes, paraphrases)."""
    if isinstance(value, bool | int | float):
        # 10:45 and 0x1F are read as text already; a plain decimal number or true/false is
        # not, and converting it back could change it (1.50 → "1.5").
        raise _Invalid(f"expected text, found {value!r}", "write it in quotes, as text")
    if not isinstance(value, str):
        raise _Invalid(f"expected text, found a {type(value).__name__}", "write a plain string")
    if not value.strip():
        raise _Invalid("is empty", "write a value or leave the key out")
    return value


def _text(value: Any) -> str:
    """Text of one line: a name, a label, a language tag, a headline."""
    text = _prose(value)
    if "\n" in text or "\t" in text:
        raise _Invalid(
            f"{text!r} holds a line break or a tab", "write it on one line, without tabs"
        )
    return text


def _quote(value: Any) -> str:
    if not isinstance(value, str):
        raise _Invalid("a quote must be text", "quote the article's words in double quotes")
    if not value.strip():
        raise _Invalid("quote is empty", "copy the article's words that state the fact")
    if "\n" in value:
        raise _Invalid("quote spans a line break", "quote words from within one paragraph")
    return value


def _slug(value: Any) -> str:
    if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
        raise _Invalid(
            f"{value!r} is not a valid id",
            "use lowercase ASCII letters, digits and single hyphens, e.g. ainur-kurmanov",
        )
    return value


def _date(value: Any) -> Date:
    if isinstance(value, bool) or not DATE_PATTERN.fullmatch(str(value)):
        raise _Invalid(
            f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD",
            'write "YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes, as precise as the text',
        )
    try:
        return Date.parse(value)
    except ValueError as exc:
        raise _Invalid(str(exc), "check the day and the month against the article") from None


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _Invalid(f"expected true or false, found {value!r}", "write true or false")
    return value


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _Invalid(f"expected a whole number from 1, found {value!r}", "write e.g. 2")
    return value


def _number(value: Any) -> int | float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Invalid(
            f"expected a number, found {value!r}",
            "write a plain decimal number, e.g. 240000000000 or 5.4",
        )
    return value


def _list(value: Any, item: Callable[[Any], Any]) -> tuple[Any, ...]:
    values = value if isinstance(value, list) else [value]
    items = tuple(item(v) for v in values)
    duplicates = sorted({str(v) for v in items if items.count(v) > 1})
    if duplicates:
        raise _Invalid(f"lists {', '.join(duplicates)} more than once", "list each value once")
    return items


class RecordReader:
    """Builds records from YAML mappings, collecting every problem rather than stopping."""

    def __init__(self, vocabularies: Vocabularies) -> None:
        self.vocabularies = vocabularies
        self.problems: list[Problem] = []
        # id → record class name of records that had a problem: references to them are not
        # reported again as unknown, so one mistake gives one message.
        self.broken: dict[str, str] = {}

    def read(self, cls: type, mapping: Any, path: Path, line: int, **extra: Any) -> Any | None:
        """One record of ``cls`` from ``mapping``, or ``None`` when it has a problem."""
        kind = cls.__name__.lower()
        if not isinstance(mapping, YamlMap):
            self._report(path, line, f"expected a mapping for {kind}", "write key: value lines")
            return None
        fields = {f.name: f for f in dataclasses.fields(cls) if "kind" in f.metadata}
        misspelt = self._unknown_keys(mapping, fields, kind, path)
        values: dict[str, Any] = {}
        ok = not misspelt
        for name, spec in fields.items():
            if mapping.get(name) is None:
                required = spec.default is dataclasses.MISSING is spec.default_factory
                if required and name not in misspelt.values():
                    named = f" {mapping['id']}" if isinstance(mapping.get("id"), str) else ""
                    blank = name in mapping  # written but left empty, as a scaffold leaves it
                    state = "is empty" if blank else "is missing"
                    what = f"{kind}{named}: required key {name!r} {state}"
                    fix = f"{'fill in' if blank else 'add'} `{name}:` (see {FORMAT_DOC})"
                    self._report(path, mapping.line_of(name), what, fix)
                    ok = False
                continue
            try:
                values[name] = self._value(spec.metadata["kind"], mapping[name], path)
            except _Invalid as exc:
                self._report(path, mapping.line_of(name), f"{name}: {exc.what}", exc.fix)
                ok = False
            except _Reported:
                ok = False
        if not ok:
            if isinstance(mapping.get("id"), str) and ID_PATTERN.fullmatch(mapping["id"]):
                self.broken.setdefault(mapping["id"], cls.__name__)
            return None
        keys = tuple(sorted(mapping.key_lines.items()))
        return cls(**values, source=Located(path, mapping.line, keys), **extra)

    def _unknown_keys(
        self, mapping: YamlMap, fields: Mapping[str, Any], kind: str, path: Path
    ) -> dict[str, str]:
        """Report keys the record does not have; return misspelt key → the field it resembles,
        so that a misspelt required key is one message ("did you mean"), not two."""
        misspelt = {}
        for key in mapping:
            if key in fields:
                continue
            near = difflib.get_close_matches(key, [f for f in fields if f not in mapping], n=1)
            fix = f"did you mean {near[0]!r}?" if near else f"known keys: {', '.join(fields)}"
            self._report(path, mapping.line_of(key), f"unknown key {key!r} in {kind}", fix)
            misspelt[key] = near[0] if near else ""
        return misspelt

    def _report(self, path: Path, line: int, what: str, fix: str) -> None:
        self.problems.append(Problem(path, line, what, fix))

    def _value(self, kind: str, value: Any, path: Path) -> Any:
        readers: Mapping[str, Callable[[Any], Any]] = {
            "id": _slug,
            "text": _text,
            "prose": _prose,
            "quote": _quote,
            "date": _date,
            "bool": _bool,
            "int": _int,
            "number": _number,
            "texts": lambda v: _list(v, _text),
        }
        if kind in readers:
            return readers[kind](value)
        if kind.startswith("ref:"):
            return _slug(value)
        if kind.startswith("refs:"):
            return _list(value, _slug)
        if kind.startswith("choice:"):
            allowed = getattr(self.vocabularies, kind.removeprefix("choice:"))
            if value not in allowed:
                near = difflib.get_close_matches(str(value), sorted(allowed), n=1)
                hint = f"did you mean {near[0]!r}? " if near else ""
                raise _Invalid(
                    f"unknown value {value!r}", f"{hint}choose one of: {', '.join(sorted(allowed))}"
                )
            return value
        if kind == "evidence":
            return self._items(Evidence, value, path, "`- article: …` / `quote: …`")
        if kind == "links":
            return self._items(Link, value, path, "`- claim: …` / `reason: …`")
        if kind == "curated":
            return self._items(CuratorKnowledge, value, path, "`- field: …` / `basis: …`")
        raise AssertionError(f"unknown field kind {kind}")

    def _items(self, cls: type, value: Any, path: Path, shape: str) -> tuple[Any, ...]:
        """A list of nested mappings (evidence quotes, claim links), each read as a record."""
        if not isinstance(value, YamlList):
            raise _Invalid("must be a list", f"write {shape} items")
        items = []
        for item, item_line in zip(value, value.item_lines, strict=True):
            record = self.read(cls, item, path, item_line)
            if record is not None:
                items.append(record)
        if len(items) != len(value):
            raise _Reported
        return tuple(items)
