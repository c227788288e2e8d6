"""The fast SHACL engine's validator: every shape checked over all its focus nodes at once.

Checking one focus node at a time, recursing into nested shapes for each, makes hundreds of
thousands of small Python calls for a graph of a thousand articles. Here a shape is checked
against a list of nodes, one component at a time: a count is one pass over the nodes' value
lists, a one-value component (:mod:`kzkg.shacl_values`) is one pass over all their values, and
a nested shape (sh:node, sh:or, sh:qualifiedValueShape...) is asked about all the values at
once and remembers its verdict on each distinct node for the whole validation. The verdicts are
those of a check node by node: the same components, each failing for the same nodes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, compress, repeat
from operator import contains, not_
from typing import TypeVar

import pyoxigraph as ox

from kzkg.progress import SILENT, Steps
from kzkg.shacl_graph import Shapes, TripleIndex
from kzkg.shacl_paths import Values, values_along
from kzkg.shacl_sparql import FoundElsewhere, SparqlConstraints
from kzkg.shacl_terms import Text, to_term, value
from kzkg.shacl_values import compare, rejected

__all__ = ["Result", "Validator"]

Term = ox.NamedNode | ox.BlankNode | ox.Literal
_NESTED = {"node", "not", "and", "or", "xone"}
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, as pyshacl would report it."""

    focus: Term
    path: str
    message: str
    severity: str


class Validator:
    """Validates one data graph against one shapes graph."""

    def __init__(
        self, shapes: Shapes, data: TripleIndex, sparql: SparqlConstraints | FoundElsewhere
    ) -> None:
        """``sparql`` answers for the SPARQL constraints: run in a store here, or found by
        another process while this one checks the rest."""
        self.shapes, self.data, self._sparql = shapes, data, sparql
        # Nested shapes (an agent, a date value) are asked about the same nodes again and again.
        self._conforms: dict[Text, dict[Text, bool]] = {}

    def run(self, only: set[Text] | None = None, *, progress: Steps = SILENT) -> list[Result]:
        """Every result, or, given ``only``, the results of those focus nodes alone: a graph
        re-validated in part checks the nodes whose verdict may have changed and no others.
        ``progress`` advances twice a shape: its core constraints, then its SPARQL ones."""
        shapes = [s for s in self.shapes.node_shapes() if not self.shapes.deactivated(s)]
        progress.size(2 * len(shapes))
        checked: list[tuple[Text, list[Text], list[Result]]] = []
        for shape in shapes:
            targets = self._targets(shape)
            focus = list(targets if only is None else targets & only)
            checked.append((shape, focus, []))
            self._report(shape, focus, checked[-1][2])
            progress.advance()
        # The SPARQL constraints are asked last: found elsewhere, they are ready by then.
        results: list[Result] = []
        for shape, focus, found in checked:
            for this, path, message in self._sparql.violations(shape, focus):
                found.append(Result(this, path, message, "Violation"))
            # Nodes are visited in set order; sorting the few results keeps the output stable.
            results.extend(sorted(found, key=_order))
            progress.advance()
        return results

    def _targets(self, shape: Text) -> set[Text]:
        found: set[Text] = set()
        for cls in self.shapes.values(shape, "targetClass"):
            found.update(self.data.instances(cls))
        for p in self.shapes.values(shape, "targetObjectsOf"):
            found.update(self.data.column(p)[1])
        for p in self.shapes.values(shape, "targetSubjectsOf"):
            found.update(self.data.column(p)[0])
        found.update(self.shapes.values(shape, "targetNode"))
        return found

    def _report(self, shape: Text, nodes: list[Text], results: list[Result]) -> None:
        """Add a result for each of ``nodes`` (distinct) and each component of ``shape`` it fails."""
        if not nodes:
            return
        spec = self.shapes.spec(shape)
        values = values_along(self.data, self.shapes, spec.path, nodes)
        reached = _reached(nodes, values, spec.path)
        for component, arg in spec.components:
            failed = self._failing(shape, component, arg, nodes, values, reached)
            if any(failed):
                for node in compress(nodes, failed):
                    results.append(
                        Result(to_term(node), spec.result_path, spec.message, spec.severity)
                    )
        if spec.properties:
            reached = list(dict.fromkeys(reached))
        for prop in spec.properties:
            self._report(prop, reached, results)

    def _conform(self, shape: Text, nodes: list[Text]) -> dict[Text, bool]:
        """Whether each of ``nodes`` conforms to ``shape``: a nested shape's yes or no.

        A node stops being checked at its first failure, as a single node check would stop.
        """
        memo = self._conforms.setdefault(shape, {})
        todo = [n for n in dict.fromkeys(nodes) if n not in memo]
        if not todo:
            return memo
        spec = self.shapes.spec(shape)
        live, values = todo, values_along(self.data, self.shapes, spec.path, todo)
        reached = _reached(live, values, spec.path)
        for component, arg in spec.components:
            failed = self._failing(shape, component, arg, live, values, reached)
            if any(failed):
                live, values = _keep(live, failed), _keep(values, failed)
                reached = _reached(live, values, spec.path)
        for prop in spec.properties:
            judged = self._conform(prop, reached)
            failed = _any_of(values, [v for v in reached if not judged[v]])
            if any(failed):
                live, values = _keep(live, failed), _keep(values, failed)
                reached = _reached(live, values, spec.path)
        memo.update(dict.fromkeys(todo, False))
        memo.update(dict.fromkeys(live, True))
        return memo

    def _failing(
        self,
        shape: Text,
        component: str,
        arg: Text,
        nodes: list[Text],
        values: Values,
        reached: list[Text],
    ) -> list[bool]:
        """For each node, whether its values fail ``component`` (True is a failure).

        ``reached`` is the values of all ``nodes`` in one list, a value there as often as nodes
        share it: a component that judges one value at a time judges each distinct one once.
        """
        match component:
            case "minCount":
                return list(map(int(value(arg)).__gt__, map(len, values)))
            case "maxCount":
                return list(map(int(value(arg)).__lt__, map(len, values)))
            case "equals":
                others = values_along(self.data, self.shapes, arg, nodes)
                return [set(v) != set(o) for v, o in zip(values, others, strict=True)]
            case "disjoint":
                others = values_along(self.data, self.shapes, arg, nodes)
                return [not set(v).isdisjoint(o) for v, o in zip(values, others, strict=True)]
            case "lessThan":
                others = values_along(self.data, self.shapes, arg, nodes)
                return [
                    not all(compare(x, y) == -1 for x in v for y in o)
                    for v, o in zip(values, others, strict=True)
                ]
            case "hasValue":
                return list(map(not_, map(contains, values, repeat(arg))))
            case "qualifiedValueShape":
                judged = self._conform(arg, reached)
                low = self.shapes.text(shape, "qualifiedMinCount")
                high = self.shapes.text(shape, "qualifiedMaxCount")
                counts = [sum(map(judged.__getitem__, v)) for v in values]
                return [
                    not ((low is None or n >= int(low)) and (high is None or n <= int(high)))
                    for n in counts
                ]
        if component in _NESTED:
            ok = self._nested(component, arg, reached)
            return _any_of(values, [x for x in reached if not ok[x]])
        # Judging a value costs more than hashing it, and values recur (dates, numbers, "en").
        distinct = list(dict.fromkeys(reached))
        return _any_of(values, self._rejected(shape, component, arg, distinct))

    def _rejected(self, shape: Text, component: str, arg: Text, nodes: list[Text]) -> list[Text]:
        """Those of ``nodes`` that fail a component judging one value at a time."""
        if component == "class":
            # Only a subject can be an instance, so a literal never is, as SHACL requires.
            instances = self.data.instances(arg)
            return [n for n in nodes if n not in instances]
        return rejected(component, arg, shape, self.shapes, nodes)

    def _nested(self, component: str, arg: Text, nodes: list[Text]) -> dict[Text, bool]:
        """sh:node, sh:not, sh:and, sh:or and sh:xone on ``nodes``, asking each shape once."""
        if component == "node":
            return self._conform(arg, nodes)
        if component == "not":
            judged = self._conform(arg, nodes)
            return {n: not judged[n] for n in nodes}
        members = self.shapes.items(arg)
        if component == "xone":
            counts = dict.fromkeys(nodes, 0)
            for member in members:
                judged = self._conform(member, nodes)
                for n in counts:
                    counts[n] += judged[n]
            return {n: c == 1 for n, c in counts.items()}
        # sh:and asks the next shape only about nodes that passed, sh:or about those that failed.
        want = component == "and"
        live = nodes
        for member in members:
            judged = self._conform(member, live)
            live = [n for n in live if judged[n] == want]
        undecided = set(live)  # and: passed every shape; or: failed every shape
        return {n: (n in undecided) == want for n in nodes}


def _order(result: Result) -> tuple[str, str, str, str]:
    return str(result.focus), result.path, result.message, result.severity


def _reached(nodes: list[Text], values: Values, path: Text | None) -> list[Text]:
    """All the values of ``nodes``, in one list; a node shape's values are its nodes."""
    return nodes if path is None else list(chain.from_iterable(values))


def _keep(items: Sequence[T], failed: list[bool]) -> list[T]:
    return list(compress(items, map(not_, failed)))


def _any_of(values: Values, bad: list[Text]) -> list[bool]:
    """For each node, whether any of its values is in ``bad`` (most often empty)."""
    if not bad:
        return [False] * len(values)
    found = set(bad)
    return [not found.isdisjoint(v) for v in values]
