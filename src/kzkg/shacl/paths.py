"""SHACL property paths, followed from many focus nodes at once.

A shape's path is followed from all of its focus nodes in one call: for a predicate path, the
common case, that is one look-up per node in the predicate's subject index, done in C by
``map``. Every other path (inverse, sequence, alternative, zero-or-more, one-or-more,
zero-or-one, nested in any way) is followed node by node, as SPARQL would evaluate the same
property path, values without repeats. :func:`sparql_path` writes a path in SPARQL syntax for
the ``$PATH`` of SPARQL constraints.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

from kzkg.rdf import Text
from kzkg.shacl.graph import IllFormedShapes, Shapes, TripleIndex

Values = Sequence[Sequence[Text]]  # the value nodes of each focus node, in the same order
_CLOSURES = ("zeroOrMorePath", "oneOrMorePath", "zeroOrOnePath")


def values_along(data: TripleIndex, shapes: Shapes, path: Text | None, nodes: list[Text]) -> Values:
    """The value nodes of each of ``nodes`` along ``path``; without a path, the node itself."""
    if path is None:
        return list(zip(nodes))  # each node alone, as a 1-tuple
    if path[0] == "<":
        return [*map(data.objects_of(path).get, nodes, repeat(()))]
    return [follow(data, shapes, path, node) for node in nodes]


def follow(
    data: TripleIndex, shapes: Shapes, path: Text, node: Text, inverse: bool = False
) -> list[Text]:
    """The nodes ``path`` leads to from ``node`` (or leads from, when ``inverse``)."""
    if path[0] == "<":
        found = data.subjects(path, node) if inverse else data.objects(node, path)
        return list(found)
    if shapes.is_list(path):
        steps = shapes.items(path)
        if len(steps) < 2:
            raise IllFormedShapes(f"the sequence path {path} has fewer than two members")
        current = [node]
        for step in reversed(steps) if inverse else steps:
            current = _distinct(v for c in current for v in follow(data, shapes, step, c, inverse))
        return current
    inner = shapes.value(path, "inversePath")
    if inner is not None:
        return follow(data, shapes, inner, node, not inverse)
    inner = shapes.value(path, "alternativePath")
    if inner is not None:
        members = shapes.items(inner)
        return _distinct(v for p in members for v in follow(data, shapes, p, node, inverse))
    for closure in _CLOSURES:
        inner = shapes.value(path, closure)
        if inner is not None:
            return _closure(data, shapes, closure, inner, node, inverse)
    raise IllFormedShapes(f"{path} is not a well-formed SHACL path")


def _closure(
    data: TripleIndex, shapes: Shapes, closure: str, inner: Text, node: Text, inverse: bool
) -> list[Text]:
    if closure == "zeroOrOnePath":
        return _distinct([node, *follow(data, shapes, inner, node, inverse)])
    found: dict[Text, None] = {node: None} if closure == "zeroOrMorePath" else {}
    frontier, seen = [node], {node}
    while frontier:
        step = [v for c in frontier for v in follow(data, shapes, inner, c, inverse)]
        found.update(dict.fromkeys(step))
        frontier = [v for v in dict.fromkeys(step) if v not in seen]
        seen.update(frontier)
    return list(found)


def _distinct(items: object) -> list[Text]:
    return list(dict.fromkeys(items))  # type: ignore[call-overload]


def sparql_path(shapes: Shapes, path: Text) -> str:
    """``path`` in SPARQL property-path syntax."""
    if path[0] == "<":
        return path
    if shapes.is_list(path):
        return "(" + "/".join(sparql_path(shapes, p) for p in shapes.items(path)) + ")"
    inner = shapes.value(path, "inversePath")
    if inner is not None:
        return f"^({sparql_path(shapes, inner)})"
    inner = shapes.value(path, "alternativePath")
    if inner is not None:
        return "(" + "|".join(sparql_path(shapes, p) for p in shapes.items(inner)) + ")"
    for closure, mark in zip(_CLOSURES, "*+?", strict=True):
        inner = shapes.value(path, closure)
        if inner is not None:
            return f"({sparql_path(shapes, inner)}){mark}"
    raise IllFormedShapes(f"{path} is not a well-formed SHACL path")
