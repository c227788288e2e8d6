"""SHACL property paths, followed from many focus nodes at once.

A shape's path is followed from all of its focus nodes in one call: for a predicate path, the
common case, that is one look-up per node in the predicate's subject index, done in C by
``map``. Inverse, alternative and sequence paths are followed node by node.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import repeat

from kzkg.shacl_graph import Shapes, TripleIndex, UnsupportedShape
from kzkg.shacl_terms import Text

Values = Sequence[Sequence[Text]]  # the value nodes of each focus node, in the same order


def values_along(data: TripleIndex, shapes: Shapes, path: Text | None, nodes: list[Text]) -> Values:
    """The value nodes of each of ``nodes`` along ``path``; without a path, the node itself."""
    if path is None:
        return list(zip(nodes))  # each node alone, as a 1-tuple
    if path[0] == "<":
        return [*map(data.objects_of(path).get, nodes, repeat(()))]
    return [_follow(data, shapes, path, node) for node in nodes]


def _follow(data: TripleIndex, shapes: Shapes, path: Text, node: Text) -> Sequence[Text]:
    if path[0] == "<":
        return data.objects(node, path)
    inverse = shapes.value(path, "inversePath")
    if inverse is not None and inverse[0] == "<":
        return data.subjects(inverse, node)
    alternatives = shapes.value(path, "alternativePath")
    if alternatives is not None:
        return list(
            dict.fromkeys(
                v for p in shapes.items(alternatives) for v in _follow(data, shapes, p, node)
            )
        )
    steps = shapes.items(path)
    if not steps:
        raise UnsupportedShape(f"path {path} is not implemented by the fast engine")
    current = [node]
    for step in steps:
        current = list(dict.fromkeys(v for c in current for v in _follow(data, shapes, step, c)))
    return current
