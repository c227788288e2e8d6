"""The fast SHACL engine's validator: every shape checked over all its focus nodes at once.

Checking one focus node at a time, recursing into nested shapes for each, makes hundreds of
thousands of small Python calls for a graph of a thousand articles. Here a shape is checked
against a list of nodes, one component at a time: a count is one pass over the nodes' value
lists, a one-value component (:mod:`kzkg.shacl.values`) is one pass over all their distinct
values, and a nested shape (sh:node, sh:or, sh:qualifiedValueShape...) is asked about all the
values at once and remembers its verdict on each distinct node for the whole validation. The
results are those of a check node by node: one per focus node for a count, one per failing
value node for a component that judges values (:mod:`kzkg.shacl.components`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain, compress
from operator import not_
from typing import TypeVar

from kzkg.rdf import Text
from kzkg.runtime import SILENT, Steps
from kzkg.shacl.components import Failures, failing
from kzkg.shacl.graph import SH, Shapes, TripleIndex
from kzkg.shacl.paths import Values, values_along
from kzkg.shacl.result import Result, Row, result_of
from kzkg.shacl.rewrites import Rewrites
from kzkg.shacl.sparql import Found, FoundElsewhere, SparqlConstraints

__all__ = ["Result", "Validator"]

T = TypeVar("T")


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
        self._rewrites: Rewrites | None = None

    def run(self, *, progress: Steps = SILENT) -> list[Result]:
        """Every result. ``progress`` advances twice a shape: its core constraints, then its
        SPARQL ones."""
        shapes = [s for s in self.shapes.node_shapes() if not self.shapes.deactivated(s)]
        progress.size(2 * len(shapes))
        checked: list[tuple[Text, list[Text], list[Row]]] = []
        for shape in shapes:
            targets = self._targets(shape)
            focus = sorted(targets)
            checked.append((shape, focus, []))
            self._report(shape, focus, checked[-1][2], top=True)
            progress.advance()
        # The SPARQL constraints of targeted shapes are asked last: found elsewhere, they are
        # ready by then.
        rows: list[Row] = []
        for shape, focus, found in checked:
            if focus and self._sparql.has_constraints(shape):
                found.extend(self._sparql_rows(shape, focus, list(zip(focus))))
            # Nodes are visited in set order; sorting the results keeps the output stable.
            rows.extend(sorted(found))
            progress.advance()
        return [result_of(row) for row in rows]

    def _targets(self, shape: Text) -> set[Text]:
        found: set[Text] = set()
        for cls in self.shapes.values(shape, "targetClass"):
            found.update(self.data.instances(cls))
        if shape in self.shapes.implicit_targets:
            found.update(self.data.instances(shape))
        for p in self.shapes.values(shape, "targetObjectsOf"):
            found.update(self.data.column(p)[1])
        for p in self.shapes.values(shape, "targetSubjectsOf"):
            found.update(self.data.column(p)[0])
        found.update(self.shapes.values(shape, "targetNode"))
        return found

    def _sparql_rows(self, shape: Text, nodes: list[Text], values: Values) -> list[Row]:
        spec = self.shapes.spec(shape)
        return [
            (focus, path, value, spec.severity, shape, component, constraint, messages)
            for focus, path, value, component, constraint, messages in self._sparql_found(
                shape, nodes, values
            )
        ]

    def _sparql_found(self, shape: Text, nodes: list[Text], values: Values) -> list[Found]:
        """The SPARQL results of ``nodes`` against ``shape``, once the rewrites the store made
        to the data are known not to change them (:mod:`kzkg.shacl.rewrites`), with each
        literal given back as the data wrote it."""
        if self._rewrites is None:
            self._rewrites = Rewrites(self.data)
        rewrites = self._rewrites
        for constraint in self._sparql.constraints(shape):
            rewrites.check(shape, constraint.query)
        found = self._sparql.violations(shape, nodes, values)
        if not (rewrites.back or rewrites.ambiguous):
            return found
        return [
            (focus, path, rewrites.written(shape, value), component, constraint, messages)
            for focus, path, value, component, constraint, messages in found
        ]

    def _report(
        self,
        shape: Text,
        nodes: list[Text],
        rows: list[Row],
        top: bool = False,
        weights: dict[Text, int] | None = None,
    ) -> None:
        """Add the results of ``nodes`` (distinct) against ``shape``. A node reached ``weights``
        times from the focus nodes above is validated once, its results counted that often."""
        if not nodes:
            return
        spec = self.shapes.spec(shape)
        values = values_along(self.data, self.shapes, spec.path, nodes)
        reached = _reached(nodes, values, spec.path)
        path = spec.path or ""
        found: list[Row] = []
        for component, arg in spec.components:
            failures = failing(self, shape, component, arg, nodes, values, reached)
            for node, value, where in _results(failures, nodes, values):
                found.append(
                    (
                        node,
                        where or path,
                        value,
                        spec.severity,
                        shape,
                        _iri(component),
                        "",
                        spec.messages,
                    )
                )
        if not top and self._sparql.has_constraints(shape):
            found.extend(self._sparql_rows(shape, nodes, values))
        rows.extend(found if weights is None else [r for r in found for _ in range(weights[r[0]])])
        if not spec.properties:
            return
        distinct = list(dict.fromkeys(reached))
        if weights is not None or len(distinct) < len(reached):
            counts: Counter[Text] = Counter()
            for node, vs in zip(nodes, values, strict=True):
                for v in vs:
                    counts[v] += 1 if weights is None else weights[node]
            weights = dict(counts)
        for prop in spec.properties:
            self._report(prop, distinct, rows, weights=weights)

    def _conform(self, shape: Text, nodes: list[Text]) -> dict[Text, bool]:
        """Whether each of ``nodes`` conforms to ``shape``: a nested shape's yes or no.

        A node stops being checked at its first failure, as a single node check would stop.
        """
        memo = self._conforms.setdefault(shape, {})
        todo = [n for n in dict.fromkeys(nodes) if n not in memo]
        if not todo or self.shapes.deactivated(shape):
            memo.update(dict.fromkeys(todo, True))
            return memo
        spec = self.shapes.spec(shape)
        live, values = todo, values_along(self.data, self.shapes, spec.path, todo)
        reached = _reached(live, values, spec.path)
        for component, arg in spec.components:
            failed = _failed(failing(self, shape, component, arg, live, values, reached), values)
            if any(failed):
                live, values = _keep(live, failed), _keep(values, failed)
                reached = _reached(live, values, spec.path)
        for prop in spec.properties:
            judged = self._conform(prop, reached)
            failed = _any_of(values, [v for v in reached if not judged[v]])
            if any(failed):
                live, values = _keep(live, failed), _keep(values, failed)
                reached = _reached(live, values, spec.path)
        if live and self._sparql.has_constraints(shape):
            bad = {found[0] for found in self._sparql_found(shape, live, values)}
            live = [n for n in live if n not in bad]
        memo.update(dict.fromkeys(todo, False))
        memo.update(dict.fromkeys(live, True))
        return memo


def _iri(component: str) -> Text:
    return f"<{SH}{component[0].upper()}{component[1:]}ConstraintComponent>"


def _results(
    failures: Failures, nodes: list[Text], values: Values
) -> list[tuple[Text, Text, Text]]:
    """``(focus node, value node or "", path or "")`` for each result of a component."""
    if isinstance(failures, set):
        if not failures:
            return []
        return [
            (node, v, "")
            for node, vs in zip(nodes, values, strict=True)
            if not failures.isdisjoint(vs)
            for v in dict.fromkeys(vs)
            if v in failures
        ]
    if failures and isinstance(failures[0], bool):
        return [(node, "", "") for node in compress(nodes, failures)]  # type: ignore[arg-type]
    return [
        (node, value, where)
        for node, found in zip(nodes, failures, strict=True)
        for value, where in found  # type: ignore[union-attr]
    ]


def _failed(failures: Failures, values: Values) -> list[bool]:
    """For each node, whether it failed."""
    if isinstance(failures, set):
        return _any_of(values, list(failures))
    return [bool(f) for f in failures]


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
