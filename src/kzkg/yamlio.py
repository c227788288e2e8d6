"""Reading YAML safely, keeping the line each value came from.

Curated YAML is untrusted input. This reader refuses what a plain ``yaml.safe_load`` lets
through or handles badly: duplicate keys (the later one silently wins), aliases (a few lines can
expand to gigabytes), control characters written as escapes (``"\\e]0;…"`` would reach a
terminal through ``kzkg query``), and numbers too long to convert. Plain values are typed by
YAML 1.2's core schema, narrowed to plain decimal numbers: PyYAML's YAML 1.1 rules would turn
``10:45`` into 645, ``0x1F`` into 31, ``010`` into 8, ``no`` into false and ``2011-05-14``
into a date that loses its precision; here they stay the text written. Every mapping and list
remembers its line, so errors can say where to look.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import yaml

from kzkg.errors import UNPRINTABLE, Problem
from kzkg.files import FIX, NotRegular, read_regular, regular_size

MAX_YAML_BYTES = 2_000_000  # a curated file is a few hundred kB at most; refuse anything huge
# Nesting the composer survives: ten thousand levels raise RecursionError, thirty thousand
# crash the interpreter. Files that could nest deeper are walked event by event first.
SAFE_COMPOSE_DEPTH = 10_000
MAX_DEPTH = 50  # an annotation nests four levels; a deeper file is a mistake or an attack


class YamlMap(dict[str, Any]):
    """A mapping that knows the line of itself and of each of its keys (1-based)."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class YamlList(list[Any]):
    """A list that knows the line of itself and of each item (1-based)."""

    line: int = 0
    item_lines: list[int]


class _Refused(yaml.MarkedYAMLError):
    """YAML that parses but that kzkg will not read; carries its own fix."""

    def __init__(self, problem: str, fix: str, mark: yaml.Mark) -> None:
        super().__init__(None, None, problem, mark)
        self.fix = fix


_STR = "tag:yaml.org,2002:str"
# libyaml parses the seeds about 20 times faster than the pure-Python parser.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamps, aliases or object tags, and with duplicate-key detection."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias hands the constructor a node it has already built: refuse the second visit,
        # so a few lines cannot expand into gigabytes.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _Refused(
                "YAML aliases (*name) are not allowed",
                "write the value out instead of referring to an anchor",
                node.start_mark,
            )
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            # Most values are text: build them here rather than through the generic dispatch,
            # which costs several calls per value in pure Python.
            control = UNPRINTABLE.search(node.value)
            if control:
                raise _Refused(
                    f"{_character(control.group())} is not allowed in YAML",
                    "delete it: values hold printable text, line breaks and tabs only",
                    node.start_mark,
                )
            self.constructed_objects[node] = node.value
            return node.value
        return super().construct_object(node, deep=deep)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> YamlMap:  # type: ignore[override]
        mapping = YamlMap()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise _Refused(
                    f"key {key!r} is not text", "write keys as plain words", key_node.start_mark
                )
            if key in mapping:
                raise _Refused(
                    f"duplicate key {key!r} (first on line {mapping.key_lines[key]})",
                    "keep one of the two keys",
                    key_node.start_mark,
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> YamlList:  # type: ignore[override]
        items = YamlList(self.construct_object(child, deep=True) for child in node.value)
        items.line = node.start_mark.line + 1
        items.item_lines = [child.start_mark.line + 1 for child in node.value]
        return items

    def construct_decimal(self, node: yaml.ScalarNode) -> int | float:
        """A plain decimal number; one Python cannot convert exactly is refused, located."""
        try:
            number = float(node.value) if _FLOAT.fullmatch(node.value) else int(node.value, 10)
        except ValueError:  # more digits than int() converts (4,300 by default)
            number = math.inf
        if math.isinf(number):
            shown = node.value if len(node.value) <= 20 else f"{node.value[:20]}…"
            raise _Refused(
                f"the number {shown} is too large",
                "write it in quotes if it is text, or check the digits",
                node.start_mark,
            )
        return number

    def refuse_tag(self, node: yaml.Node) -> None:
        raise _Refused(
            f"YAML tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
            "remove the tag: kzkg reads plain mappings, lists, text, numbers and true/false only",
            node.start_mark,
        )


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution), numbers in plain
# decimal only: every other plain scalar is text, exactly as written.
_INT = "0|-?[1-9][0-9]*"
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)")
_CORE = {
    "null": ("~|null|Null|NULL|", "~nN"),
    "bool": ("true|True|TRUE|false|False|FALSE", "tTfF"),
    "int": (_INT, "-0123456789"),
    "float": (_FLOAT.pattern, "-0123456789"),
}
_Loader.yaml_implicit_resolvers = {}
for _tag, (_pattern, _first) in _CORE.items():
    _Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}",
        re.compile(rf"(?:{_pattern})\Z"),
        [*_first, ""] if _tag == "null" else list(_first),
    )

# Only plain values are built. Every other tag (!!python/…, !!binary, !!set, !!timestamp, local
# !tags) is refused, so no YAML file can make the loader build an object kzkg does not expect.
_Loader.yaml_constructors = {
    "tag:yaml.org,2002:null": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:null"],
    "tag:yaml.org,2002:bool": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:bool"],
    "tag:yaml.org,2002:int": _Loader.construct_decimal,
    "tag:yaml.org,2002:float": _Loader.construct_decimal,
    "tag:yaml.org,2002:str": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:str"],
    "tag:yaml.org,2002:map": _Loader.construct_mapping,
    "tag:yaml.org,2002:seq": _Loader.construct_sequence,
    None: _Loader.refuse_tag,
}


def _character(char: str) -> str:
    """How a refused character is named in a message."""
    kind = "bidirectional control" if char >= "\u2000" else "control character"
    return f"{kind} U+{ord(char):04X}"


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; on failure return ``None`` and the problem, located."""
    try:
        size = regular_size(path)
        raw = read_regular(path) if size <= MAX_YAML_BYTES else b""
    except NotRegular as exc:
        return None, [Problem(path, 0, str(exc), FIX)]
    except OSError as exc:
        return None, [Problem(path, 0, f"cannot read the file ({exc.strerror})", "check the path")]
    if size > MAX_YAML_BYTES:
        return None, [
            Problem(
                path,
                1,
                f"file is {size:,} bytes, over the {MAX_YAML_BYTES:,}-byte limit",
                "split it, or check that it is the file you meant",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(path, 1, "file starts with a byte-order mark", "save it as UTF-8 without BOM")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "file is not valid UTF-8", "save it as UTF-8")]
    try:
        if _could_crash_composer(text):
            _check_depth(text)
        try:
            data = yaml.load(text, Loader=_Loader)
        except RecursionError:
            data = None
        except yaml.MarkedYAMLError as exc:
            # Newer libyaml stops at a nesting limit of its own (1,000 levels), far above ours;
            # the walk below names the line where ours is passed.
            if "nesting depth" not in str(exc.problem):
                raise
            data = None
        if data is None or _depth(data) > MAX_DEPTH:
            _check_depth(text)  # finds the line where the nesting goes too deep, and raises
        return data, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem if isinstance(exc, _Refused) else f"malformed YAML: {exc.problem}"
        line = mark.line + 1 if mark else 0
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            what, fix = (
                "malformed YAML: a tab character where indentation is expected",
                "indent with spaces, not tabs",
            )
            return None, [Problem(path, line, what, fix)]
        return None, [Problem(path, line, str(what), _fix(exc))]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        what = f"control character U+{code:04X} is not allowed in YAML"
        return None, [Problem(path, line, what, "delete it")]


def _could_crash_composer(text: str) -> bool:
    """Whether the text could nest deep enough to overflow the C stack while composing.

    Every level of nesting needs one of these characters, so their count bounds the depth.
    Below the bound the composer at worst raises RecursionError (checked up to
    ten thousand levels), which is turned into a located problem; real files stay far below it and skip the walk.
    """
    return sum(text.count(c) for c in "[{-:?") > SAFE_COMPOSE_DEPTH


def _depth(value: Any) -> int:
    """Nesting depth of composed YAML: the composed data is small, so this walk is cheap."""
    depth, level = 0, [value]
    while level:
        depth += 1
        level = [
            item
            for container in level
            if isinstance(container, dict | list)
            for item in (container.values() if isinstance(container, dict) else container)
        ]
    return depth - 1


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` before composing.

    The parser is a state machine, but the (libyaml) composer recurses once per level in C: fifty
    thousand ``[`` crash the interpreter instead of raising. Walking the events first is cheap
    and keeps every file, however hostile, an ordinary located problem.
    """
    try:
        _walk_depth(text, _Loader)
    except yaml.MarkedYAMLError as exc:
        if isinstance(exc, _Refused) or "nesting depth" not in str(exc.problem):
            raise
        # Newer libyaml scans ahead and stops at a limit of its own (1,000 levels) before the
        # walk reaches ours; the pure-Python parser, slower, does not.
        _walk_depth(text, yaml.SafeLoader)


def _walk_depth(text: str, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise _Refused(
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the nesting",
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _fix(exc: yaml.MarkedYAMLError) -> str:
    """How to repair a YAML error; PyYAML's messages say what is wrong but not what to do."""
    if isinstance(exc, _Refused):
        return exc.fix
    if "\\t" in (exc.problem or "") or "tab" in (exc.problem or ""):
        return "indent with spaces, not tabs"
    if "another document" in (exc.problem or ""):
        return "keep one YAML document per file (remove the `---` line)"
    return "fix the YAML syntax (indentation, a missing colon or quote)"
