"""Reading YAML safely, keeping the line each value came from.

Curated YAML is untrusted input. This reader refuses what a plain ``yaml.safe_load`` lets
through or handles badly: duplicate keys (the later one silently wins), aliases (a few lines can
expand to gigabytes), and implicit timestamps (``2011-05-14`` would become a ``date`` and lose
its precision). Every mapping and list remembers its line, so errors can say where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kzkg.errors import Problem

MAX_YAML_BYTES = 2_000_000  # a curated file is a few hundred kB at most; refuse anything huge


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


class _Loader(yaml.SafeLoader):
    """SafeLoader without timestamps or aliases, and with duplicate-key detection."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                "while reading", None, "YAML aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> YamlMap:  # type: ignore[override]
        mapping = YamlMap()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                raise yaml.MarkedYAMLError(
                    "while reading a mapping", None, f"key {key!r} is not text", key_node.start_mark
                )
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    "while reading a mapping",
                    None,
                    f"duplicate key {key!r} (first on line {mapping.key_lines[key]})",
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


_Loader.add_constructor("tag:yaml.org,2002:map", _Loader.construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _Loader.construct_sequence)
# Dates stay text: their precision ("2011-05" vs "2011-05-01") is the data.
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; on failure return ``None`` and the problem, located."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        return None, [Problem(path, 0, f"cannot read the file ({exc.strerror})", "check the path")]
    if size > MAX_YAML_BYTES:
        return None, [
            Problem(
                path,
                0,
                f"file is {size:,} bytes, over the {MAX_YAML_BYTES:,}-byte limit",
                "split it, or check that it is the file you meant",
            )
        ]
    raw = path.read_bytes()
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
        return yaml.load(text, Loader=_Loader), []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        what = exc.problem or "malformed YAML"
        if "\t" in what or "\\t" in what:
            fix = "indent with spaces, not tabs"
        elif "tag" in what or "constructor" in str(type(exc)).lower():
            fix = "remove the YAML tag (!!python/…): kzkg reads plain mappings, lists and text only"
        elif "alias" in what:
            fix = "write the value out instead of referring to an anchor"
        elif "duplicate key" in what:
            fix = "keep one of the two keys"
        else:
            fix = "fix the YAML syntax (indentation, a missing colon or quote)"
        return None, [Problem(path, line, f"malformed YAML: {what}", fix)]
    except yaml.YAMLError as exc:
        return None, [Problem(path, 0, f"malformed YAML: {exc}", "fix the YAML syntax")]
