"""The YAML loader kzkg reads seeds with: plain values only, each mapping and list with its lines.

Plain values are typed by YAML 1.2's core schema, numbers in plain decimal only, so that
``10:45``, ``0x1F`` and ``010`` stay the text written (PyYAML's YAML 1.1 rules make them 645, 31
and 8). Aliases, tags, duplicate keys, control characters however escaped, and numbers too
large to convert are refused with the place they were found (:class:`Refused`); the reading
of a whole file, its size, encoding and nesting, is :mod:`kzkg.load.yamlio`'s.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from kzkg.runtime import UNPRINTABLE


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


class Refused(yaml.MarkedYAMLError):
    """YAML that parses but that kzkg will not read; carries its own fix."""

    def __init__(self, problem: str, fix: str, mark: yaml.Mark) -> None:
        super().__init__(None, None, problem, mark)
        self.fix = fix


_STR = "tag:yaml.org,2002:str"
# libyaml parses the seeds about 20 times faster than the pure-Python parser.
_SafeBase: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_SafeBase):  # type: ignore[misc, valid-type]
    """SafeLoader without timestamps, aliases or object tags, and with duplicate-key detection."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias hands the constructor a node it has already built: refuse the second visit,
        # so a few lines cannot expand into gigabytes.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise Refused(
                "YAML aliases (*name) are not allowed",
                "write the value out instead of referring to an anchor",
                node.start_mark,
            )
        if isinstance(node, yaml.ScalarNode) and node.tag == _STR:
            # Most values are text: build them here rather than through the generic dispatch,
            # which costs several calls per value in pure Python.
            control = UNPRINTABLE.search(node.value)
            if control:
                raise Refused(
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
                raise Refused(
                    f"key {key!r} is not text", "write keys as plain words", key_node.start_mark
                )
            if key in mapping:
                raise Refused(
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
            raise Refused(
                f"the number {shown} is too large",
                "write it in quotes if it is text, or check the digits",
                node.start_mark,
            )
        return number

    def refuse_tag(self, node: yaml.Node) -> None:
        raise Refused(
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
Loader.yaml_implicit_resolvers = {}
for _tag, (_pattern, _first) in _CORE.items():
    Loader.add_implicit_resolver(
        f"tag:yaml.org,2002:{_tag}",
        re.compile(rf"(?:{_pattern})\Z"),
        [*_first, ""] if _tag == "null" else list(_first),
    )

# Only plain values are built. Every other tag (!!python/…, !!binary, !!set, !!timestamp, local
# !tags) is refused, so no YAML file can make the loader build an object kzkg does not expect.
Loader.yaml_constructors = {
    "tag:yaml.org,2002:null": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:null"],
    "tag:yaml.org,2002:bool": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:bool"],
    "tag:yaml.org,2002:int": Loader.construct_decimal,
    "tag:yaml.org,2002:float": Loader.construct_decimal,
    "tag:yaml.org,2002:str": yaml.SafeLoader.yaml_constructors["tag:yaml.org,2002:str"],
    "tag:yaml.org,2002:map": Loader.construct_mapping,
    "tag:yaml.org,2002:seq": Loader.construct_sequence,
    None: Loader.refuse_tag,
}


def _character(char: str) -> str:
    """How a refused character is named in a message."""
    kind = "bidirectional control" if char >= "\u2000" else "control character"
    return f"{kind} U+{ord(char):04X}"
