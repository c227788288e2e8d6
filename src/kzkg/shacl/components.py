"""Which nodes fail one SHACL Core constraint, for all the focus nodes of a shape at once.

:func:`failing` answers in the cheapest form the component allows, which is also the form of
its results: a flag per focus node for the components that judge the node's values together
(``sh:minCount``, ``sh:hasValue``, qualified counts: one result per focus node, no value), the
set of failing value nodes for those that judge one value at a time (one result per failing
value), or, per focus node, its ``(value, path)`` results for those that pair values up
(``sh:equals``, ``sh:lessThan``, ``sh:closed``, ``sh:uniqueLang``).
"""

from __future__ import annotations

from collections import Counter
from itertools import repeat
from operator import contains, not_
from typing import TYPE_CHECKING

from kzkg.rdf import Text, literal_parts, value
from kzkg.shacl.graph import SH, IllFormedShapes, is_true
from kzkg.shacl.paths import Values, values_along
from kzkg.shacl.values import compare, rejected

if TYPE_CHECKING:
    from kzkg.shacl.validator import Validator

Failures = list[bool] | set[Text] | list[list[tuple[Text, Text]]]
_NESTED = {"node", "not", "and", "or", "xone"}
_PAIRED = {"equals", "disjoint", "lessThan", "lessThanOrEquals"}


def _count(shape: Text, arg: Text) -> int:
    try:
        return int(value(arg))
    except ValueError:
        raise IllFormedShapes(f"shape {shape}: {arg} is not a count") from None


def failing(
    validator: Validator,
    shape: Text,
    component: str,
    arg: Text,
    nodes: list[Text],
    values: Values,
    reached: list[Text],
) -> Failures:
    """The failures of ``nodes`` (whose values are ``values``, all of them in ``reached``)."""
    data, shapes = validator.data, validator.shapes
    match component:
        case "minCount":
            return list(map(_count(shape, arg).__gt__, map(len, values)))
        case "maxCount":
            return list(map(_count(shape, arg).__lt__, map(len, values)))
        case "hasValue":
            return list(map(not_, map(contains, values, repeat(arg))))
        case "qualifiedMinCount" | "qualifiedMaxCount":
            return _qualified(validator, shape, component, _count(shape, arg), values, reached)
        case "closed":
            return _closed(validator, shape, arg, values)
        case "uniqueLang":
            if not is_true(arg):
                return [False] * len(values)
            return [_repeated_languages(v) for v in values]
        case _ if component in _PAIRED:
            others = values_along(data, shapes, arg, nodes)
            return [_paired(component, v, o) for v, o in zip(values, others, strict=True)]
        case _ if component in _NESTED:
            ok = _nested(validator, component, arg, reached)
            return {x for x in reached if not ok[x]}
        case "class":
            # Only a subject can be an instance, so a literal never is, as SHACL requires.
            instances = data.instances(arg)
            return {n for n in reached if n not in instances}
    # Judging a value costs more than hashing it, and values recur (dates, numbers, "en").
    return set(rejected(component, arg, shape, shapes, list(dict.fromkeys(reached))))


def _paired(component: str, mine: object, theirs: object) -> list[tuple[Text, Text]]:
    these, those = dict.fromkeys(mine), dict.fromkeys(theirs)  # type: ignore[call-overload]
    if component == "equals":
        bad = [v for v in these if v not in those] + [v for v in those if v not in these]
    elif component == "disjoint":
        bad = [v for v in these if v in those]
    else:
        allowed = (-1,) if component == "lessThan" else (-1, 0)
        # One result per pair of values out of order, as SHACL counts them.
        bad = [v for v in these for o in those if compare(v, o) not in allowed]
    return [(v, "") for v in bad]


def _repeated_languages(values: object) -> list[tuple[Text, Text]]:
    tags = Counter(
        literal_parts(v)[2].lower()
        for v in dict.fromkeys(values)
        if v[0] == '"'  # type: ignore[call-overload]
    )
    return [("", "") for tag, n in tags.items() if tag and n > 1]


def _closed(validator: Validator, shape: Text, arg: Text, values: Values) -> Failures:
    if not is_true(arg):
        return [False] * len(values)
    shapes = validator.shapes
    allowed = {shapes.value(p, "path") for p in shapes.values(shape, "property")}
    allowed.update(shapes.items(shapes.value(shape, "ignoredProperties")))
    return [
        [(o, p) for v in vs for p, o in validator.data.outgoing(v) if p not in allowed]
        for vs in values
    ]


def _qualified(
    validator: Validator,
    shape: Text,
    component: str,
    bound: int,
    values: Values,
    reached: list[Text],
) -> list[bool]:
    shapes = validator.shapes
    if not shapes.values(shape, "qualifiedValueShape"):
        return [False] * len(values)  # a count without its shape is no constraint
    counted: set[Text] = set(reached)
    for qualified in shapes.values(shape, "qualifiedValueShape"):
        judged = validator._conform(qualified, reached)
        counted &= {v for v in reached if judged[v]}
    if is_true(shapes.value(shape, "qualifiedValueShapesDisjoint")):
        for sibling in _siblings(validator, shape):
            judged = validator._conform(sibling, reached)
            counted -= {v for v in reached if judged[v]}
    counts = [sum(map(counted.__contains__, vs)) for vs in values]  # values are distinct
    if component == "qualifiedMinCount":
        return [n < bound for n in counts]
    return [n > bound for n in counts]


def _siblings(validator: Validator, shape: Text) -> list[Text]:
    """The qualified value shapes of the other property shapes of ``shape``'s parents."""
    shapes = validator.shapes
    parents = shapes.index.subjects(f"<{SH}property>", shape)
    return [
        q
        for parent in parents
        for sibling in shapes.values(parent, "property")
        if sibling != shape
        for q in shapes.values(sibling, "qualifiedValueShape")
    ]


def _nested(validator: Validator, component: str, arg: Text, nodes: list[Text]) -> dict[Text, bool]:
    """sh:node, sh:not, sh:and, sh:or and sh:xone on ``nodes``, asking each shape once."""
    if component == "node":
        return validator._conform(arg, nodes)
    if component == "not":
        judged = validator._conform(arg, nodes)
        return {n: not judged[n] for n in nodes}
    members = validator.shapes.items(arg)
    if component == "xone":
        counts = dict.fromkeys(nodes, 0)
        for member in members:
            judged = validator._conform(member, nodes)
            for n in counts:
                counts[n] += judged[n]
        return {n: c == 1 for n, c in counts.items()}
    # sh:and asks the next shape only about nodes that passed, sh:or about those that failed.
    want = component == "and"
    live = nodes
    for member in members:
        judged = validator._conform(member, live)
        live = [n for n in live if judged[n] == want]
    undecided = set(live)  # and: passed every shape; or: failed every shape
    return {n: (n in undecided) == want for n in nodes}
