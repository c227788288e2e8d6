"""A fast SHACL engine over pyoxigraph for the constraint components kzkg's shapes use.

pyshacl on rdflib needs minutes of CPU for the seed graph, most of it in SHACL-SPARQL
constraints evaluated by rdflib's query engine once per focus node. This engine reads the same
shapes file, walks the data in a pyoxigraph store and runs each SPARQL constraint once, in
Rust, for all focus nodes. It implements exactly the components listed in ``COMPONENTS`` and
refuses a shapes graph that uses any other (:class:`UnsupportedShape`), so it can never pass
data that pyshacl would reject because of a constraint it silently skipped. The tests check that
both engines give the same verdicts and messages on the seed, valid and invalid corpora.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from kzkg.namespaces import XSD
from kzkg.shacl_graph import (
    RDF_TYPE,
    RDFS_SUBCLASS,
    SH,
    Shapes,
    Term,
    TripleIndex,
    UnsupportedShape,
)

__all__ = ["Result", "Shapes", "TripleIndex", "UnsupportedShape", "Validator", "validate"]

_LEXICAL = {
    "integer": r"[+-]?\d+",
    "nonNegativeInteger": r"\+?\d+",
    "positiveInteger": r"\+?0*[1-9]\d*",
    "decimal": r"[+-]?(\d+(\.\d*)?|\.\d+)",
    "boolean": r"true|false|1|0",
    "date": r"-?\d{4,}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(Z|[+-]\d{2}:\d{2})?",
    "gYearMonth": r"-?\d{4,}-(0[1-9]|1[0-2])(Z|[+-]\d{2}:\d{2})?",
    "gYear": r"-?\d{4,}(Z|[+-]\d{2}:\d{2})?",
}
_LEXICAL_RE = {
    f"{XSD}{name}": re.compile(rf"^(?:{pattern})$") for name, pattern in _LEXICAL.items()
}


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as pyshacl would report it."""

    focus: Term
    path: str
    message: str
    severity: str


class Validator:
    """Validates one data graph against one shapes graph."""

    def __init__(self, shapes: Shapes, data: TripleIndex, store: ox.Store) -> None:
        self.shapes, self.data, self.store = shapes, data, store
        self._prefixes = "".join(
            f"PREFIX {self.shapes.value(d, 'prefix').value}: <{self.shapes.value(d, 'namespace').value}>\n"  # type: ignore[union-attr]
            for d in self.shapes.declared
        )
        self._classes: dict[Term, set[Term]] = {}
        self._conforms: dict[tuple[Term, Term], bool] = {}

    def run(self) -> list[Result]:
        results: list[Result] = []
        for shape in self.shapes.node_shapes():
            if self.shapes.deactivated(shape):
                continue
            focus = sorted(self._targets(shape), key=str)
            for node in focus:
                results.extend(self.check(shape, node, top=True))
            results.extend(self._sparql(shape, set(focus)))
        return results

    # --- targets and paths -------------------------------------------------------------------

    def _targets(self, shape: Term) -> set[Term]:
        found: set[Term] = set()
        for cls in self.shapes.values(shape, "targetClass"):
            found |= {s for c in self._subclasses(cls) for s in self.data.subjects(RDF_TYPE, c)}
        for p in self.shapes.values(shape, "targetObjectsOf"):
            found |= {o for _, o in self.data.by_predicate.get(p, [])}
        for p in self.shapes.values(shape, "targetSubjectsOf"):
            found |= {s for s, _ in self.data.by_predicate.get(p, [])}
        found |= set(self.shapes.values(shape, "targetNode"))
        return found

    def _subclasses(self, cls: Term) -> set[Term]:
        if cls in self._classes:
            return self._classes[cls]
        seen, stack = {cls}, [cls]
        while stack:
            for sub in self.data.subjects(RDFS_SUBCLASS, stack.pop()):
                if sub not in seen:
                    seen.add(sub)
                    stack.append(sub)
        self._classes[cls] = seen
        return seen

    def _path(self, path: Term, node: Term) -> list[Term]:
        if isinstance(path, ox.NamedNode):
            return self.data.objects(node, path)
        inverse = self.shapes.value(path, "inversePath")
        if isinstance(inverse, ox.NamedNode):
            return self.data.subjects(inverse, node)
        alternatives = self.shapes.value(path, "alternativePath")
        if alternatives is not None:
            return list(
                dict.fromkeys(
                    v for p in self.shapes.items(alternatives) for v in self._path(p, node)
                )
            )
        steps = self.shapes.items(path)
        if not steps:
            raise UnsupportedShape(f"path {path} is not implemented by the fast engine")
        current = [node]
        for step in steps:
            current = list(dict.fromkeys(v for c in current for v in self._path(step, c)))
        return current

    # --- constraints -------------------------------------------------------------------------

    def conforms(self, shape: Term, node: Term) -> bool:
        # Nested shapes (an agent, a date value) are asked about the same nodes again and again.
        key = (shape, node)
        found = self._conforms.get(key)
        if found is None:
            found = self._conforms[key] = not any(True for _ in self.check(shape, node, top=False))
        return found

    def check(self, shape: Term, node: Term, *, top: bool) -> Iterator[Result]:
        """Results of ``node`` against ``shape``; nested shapes only need a yes or no."""
        spec = self.shapes.spec(shape)
        values = self._path(spec.path, node) if spec.path is not None else [node]
        for component, arg in spec.components:
            if not self._satisfied(shape, component, arg, node, values):  # type: ignore[arg-type]
                yield self._result(shape, node, spec.path)
                if not top:
                    return
        for prop in spec.properties:
            for value in values:
                yield from self.check(prop, value, top=top)

    def _satisfied(
        self, shape: Term, component: str, arg: Term, node: Term, values: list[Term]
    ) -> bool:
        match component:
            case "minCount":
                return len(values) >= int(arg.value)  # type: ignore[union-attr]
            case "maxCount":
                return len(values) <= int(arg.value)  # type: ignore[union-attr]
            case "equals":
                return set(values) == set(self._path(arg, node))  # type: ignore[arg-type]
            case "disjoint":
                return not set(values) & set(self._path(arg, node))  # type: ignore[arg-type]
            case "lessThan":
                others = self._path(arg, node)  # type: ignore[arg-type]
                return all(_compare(v, o) == -1 for v in values for o in others)
            case "hasValue":
                return arg in values
            case "qualifiedValueShape":
                count = sum(1 for v in values if self.conforms(arg, v))  # type: ignore[arg-type]
                low, high = (
                    self.shapes.value(shape, "qualifiedMinCount"),
                    self.shapes.value(shape, "qualifiedMaxCount"),
                )
                return (low is None or count >= int(low.value)) and (
                    high is None or count <= int(high.value)
                )
        return all(self._value_ok(shape, component, arg, v) for v in values)  # type: ignore[arg-type]

    def _value_ok(self, shape: Term, component: str, arg: Term, value: Term) -> bool:
        match component:
            case "class":
                classes = self._subclasses(arg)
                return not isinstance(value, ox.Literal) and any(
                    c in classes for c in self.data.objects(value, RDF_TYPE)
                )
            case "datatype":
                return (
                    isinstance(value, ox.Literal) and value.datatype == arg and _well_formed(value)
                )
            case "nodeKind":
                return _node_kind(value) in arg.value.removeprefix(SH)
            case "pattern":
                flags = self.shapes.value(shape, "flags")
                compiled = re.compile(
                    arg.value, re.IGNORECASE if flags and "i" in flags.value else 0
                )
                return (
                    not isinstance(value, ox.BlankNode) and compiled.search(value.value) is not None
                )
            case "languageIn":
                allowed = [t.value.lower() for t in self.shapes.items(arg)]
                tag = (value.language or "").lower() if isinstance(value, ox.Literal) else ""
                return any(tag == a or tag.startswith(a + "-") for a in allowed)
            case "in":
                return value in self.shapes.items(arg)
            case "minLength" | "maxLength":
                if isinstance(value, ox.BlankNode):
                    return False
                size = len(value.value)
                return (
                    size >= int(arg.value) if component == "minLength" else size <= int(arg.value)
                )
            case "minInclusive" | "maxInclusive" | "minExclusive" | "maxExclusive":
                order = _compare(value, arg)
                allowed = {
                    "minInclusive": (0, 1),
                    "maxInclusive": (-1, 0),
                    "minExclusive": (1,),
                    "maxExclusive": (-1,),
                }
                return order in allowed[component]
            case "node":
                return self.conforms(arg, value)
            case "not":
                return not self.conforms(arg, value)
            case "and":
                return all(self.conforms(s, value) for s in self.shapes.items(arg))
            case "or":
                return any(self.conforms(s, value) for s in self.shapes.items(arg))
            case "xone":
                return sum(1 for s in self.shapes.items(arg) if self.conforms(s, value)) == 1
        raise UnsupportedShape(f"sh:{component}")

    def _result(self, shape: Term, node: Term, path: Term | None) -> Result:
        message = self.shapes.value(shape, "message")
        severity = self.shapes.value(shape, "severity")
        return Result(
            node,
            path.value if isinstance(path, ox.NamedNode) else "",
            message.value if message else "constraint failed",
            severity.value.removeprefix(SH) if severity else "Violation",
        )

    def _sparql(self, shape: Term, focus: set[Term]) -> Iterator[Result]:
        for constraint in self.shapes.values(shape, "sparql"):
            if self.shapes.deactivated(constraint):
                continue
            select = self.shapes.value(constraint, "select").value.replace("$this", "?this")  # type: ignore[union-attr]
            query = self._prefixes + _prebind(select, focus)
            template = self.shapes.value(constraint, "message") or self.shapes.value(
                shape, "message"
            )
            for row in self.store.query(query):
                this = row["this"]
                if this in focus:
                    message = _fill(template.value if template else "constraint failed", row)
                    path = row["path"] if _has(row, "path") else None
                    yield Result(this, path.value if path is not None else "", message, "Violation")


def _prebind(select: str, focus: set[Term]) -> str:
    """Bind ``?this`` to every focus node at once: a VALUES block opening the WHERE group.

    SHACL pre-binds ``$this`` for each focus node; a query that uses it only inside FILTERs
    would find nothing if ``?this`` were left free, so it must be bound before they run.
    """
    where = re.search(r"\bWHERE\s*\{", select, re.IGNORECASE)
    if where is None:
        raise UnsupportedShape("a SPARQL constraint without a WHERE clause")
    terms = " ".join(str(node) for node in sorted(focus, key=str)) or "UNDEF"
    return f"{select[: where.end()]} VALUES ?this {{ {terms} }} {select[where.end() :]}"


def _fill(template: str, row: ox.QuerySolution) -> str:
    """Substitute ``{?var}`` and ``{$var}`` in a message with the row's values."""
    return re.sub(
        r"\{[?$](\w+)\}",
        lambda m: _term_text(row[m.group(1)]) if _has(row, m.group(1)) else m.group(0),
        template,
    )


def _has(row: ox.QuerySolution, name: str) -> bool:
    try:
        return row[name] is not None
    except (KeyError, IndexError):
        return False


def _term_text(term: Term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else str(term)


def _node_kind(value: Term) -> str:
    return {ox.NamedNode: "IRI", ox.BlankNode: "BlankNode", ox.Literal: "Literal"}[type(value)]


def _well_formed(value: ox.Literal) -> bool:
    pattern = _LEXICAL_RE.get(value.datatype.value)
    return pattern is None or pattern.match(value.value) is not None


def _compare(a: Term, b: Term) -> int | None:
    """-1, 0 or 1 for comparable literals (numbers, or same-typed text such as dates); else None."""
    if not isinstance(a, ox.Literal) or not isinstance(b, ox.Literal):
        return None
    try:
        x, y = Decimal(a.value), Decimal(b.value)
    except InvalidOperation:
        if a.datatype != b.datatype:
            return None
        x, y = a.value, b.value  # type: ignore[assignment]
    return (x > y) - (x < y)


def validate(triples: Iterable[ox.Triple], shapes_path: Path) -> list[Result]:
    """Every result of validating the graph of ``triples`` against the shapes file."""
    items = list(dict.fromkeys(triples))
    store = ox.Store()
    store.bulk_load(
        ox.serialize(items, format=ox.RdfFormat.N_TRIPLES), format=ox.RdfFormat.N_TRIPLES
    )
    return Validator(Shapes(shapes_path), TripleIndex(items), store).run()
