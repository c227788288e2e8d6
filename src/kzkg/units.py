"""SHACL over the part of the graph a change can reach, with the verdicts of a full validation.

The graph is a registry graph plus one named graph per article. A shape reads at most
``REACH`` triples away from its focus node (an article's anchor checks walk article → target
→ annotation → anchored record). So when article graphs change, only the nodes within
``REACH`` triples of a changed triple can be judged otherwise, and what they read lies within
``REACH`` triples of them (:mod:`kzkg.reach` walks both balls across the stored graphs). Those
nodes are validated again, over the registry, the changed graphs, every article graph the
walks reached, and the triples elsewhere about the registry nodes the change touches; every
other node keeps its stored verdict.

Registry nodes are walls for the walks: every article names them, and what shapes read of
them is in the registry graph, loaded whole, or in the few triples an article graph may hold
about them (``ARTICLE_SIDE``: where the node was found, and its anchors). A changed graph that
states anything else about a registry node, or declares a subclass, is reported as
:class:`NeedsFull`, and the caller validates the whole graph: never a guess. A test holds this
module to full validation over mutated seed and synthetic graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kzkg.emit import REGISTRY_GRAPH
from kzkg.namespaces import KZO, PROV, RDFS
from kzkg.reach import Reach
from kzkg.shacl_graph import RDF_TYPE, Shapes
from kzkg.unit_store import UnitStore, graph_facts, split
from kzkg.validate import SHAPES, Source, Violation, violations_of

REACH = 3  # the most triples a shape walks from its focus: article → target → annotation → record
ARTICLE_SIDE = frozenset({f"<{PROV}wasDerivedFrom>", f"<{KZO}anchor>"})
_SUBCLASS = f"<{RDFS}subClassOf>"


class NeedsFull(Exception):
    """The change is outside what a partial re-validation can judge; the message says why."""


@dataclass(frozen=True, slots=True)
class Revalidated:
    """The outcome of a partial re-validation."""

    violations: list[Violation]  # of the whole graph: stored ones and new ones
    checked: int  # focus nodes validated again
    context: int  # triples they were validated over


@cache
def target_predicates(shapes: Path = SHAPES) -> frozenset[str]:
    """The predicates whose objects some shape targets (``sh:targetObjectsOf``); read once
    per process, not once per stored graph."""
    graph = Shapes(shapes)
    return frozenset(
        p for shape in graph.node_shapes() for p in graph.values(shape, "targetObjectsOf")
    )


def store_full(
    store: UnitStore,
    graphs: dict[str, list[str]],
    violations: Iterable[Violation],
    shapes: Path = SHAPES,
) -> None:
    """Replace the store's content with a whole graph and the verdicts of its full validation
    (inside :meth:`UnitStore.transaction`, like every write)."""
    store_graphs(store, graphs, shapes)
    store.replace_violations(set(), violations)


def store_graphs(store: UnitStore, graphs: dict[str, list[str]], shapes: Path = SHAPES) -> None:
    """Replace the store's content with a whole graph, without verdicts (yet)."""
    registry_lines = graphs.get(REGISTRY_GRAPH, [])
    registry = {split(line)[0] for line in registry_lines}
    targets = target_predicates(shapes)
    store.clear()
    store.put_graph(REGISTRY_GRAPH, registry_lines, None)
    for graph, lines in graphs.items():
        if graph != REGISTRY_GRAPH:
            store.put_graph(graph, lines, graph_facts(lines, registry, targets))


def revalidate(
    store: UnitStore,
    changed: dict[str, list[str]],
    origins: dict[str, Source],
    shapes: Path = SHAPES,
) -> Revalidated:
    """Re-validate after the article graphs in ``changed`` got new lines (none: removed), and
    record the new state in ``store`` (inside :meth:`UnitStore.transaction`). ``origins`` locates the records of the changed articles.
    Raises :class:`NeedsFull` for a change it cannot judge in part."""
    if REGISTRY_GRAPH in changed:
        raise NeedsFull("the registry graph changed")
    registry_lines = store.lines(REGISTRY_GRAPH)
    registry = {split(line)[0] for line in registry_lines}
    old = {graph: store.lines(graph) for graph in changed}
    for graph, lines in changed.items():
        _check_bounds(graph, lines, registry)
    nodes, named = _changed_nodes(old, changed, registry)
    reach = Reach(store, registry, {g: [old[g], changed[g]] for g in changed})
    focus = reach.ball(nodes, REACH)
    reach.ball(focus, REACH)  # what the nodes that may judge otherwise now read
    for node in nodes:
        named |= reach.registry_near.get(node, set())
    loaded = set(reach.loaded)
    context = dict.fromkeys(registry_lines)
    for lines in changed.values():
        context.update(dict.fromkeys(lines))
    context.update(dict.fromkeys(reach.stored_lines()))
    context.update(dict.fromkeys(store.registry_side(named, loaded)))
    context.update(dict.fromkeys(store.witnesses(named, loaded)))
    only = focus | named
    data = "".join(line + "\n" for line in context).encode("utf-8")
    found = violations_of(data, origins, shapes=shapes, only=only)
    focus_iris = {node[1:-1] for node in only}
    kept = [v for v in store.violations() if v.focus not in focus_iris]
    targets = target_predicates(shapes)
    for graph, lines in changed.items():
        before = graph_facts(old[graph], registry, targets)
        store.put_graph(graph, lines, graph_facts(lines, registry, targets), before)
    store.replace_violations(focus_iris, found)
    return Revalidated(sorted({*kept, *found}), len(only), len(context))


def _check_bounds(graph: str, lines: list[str], registry: set[str]) -> None:
    for line in lines:
        s, p, _ = split(line)
        if s in registry and p not in ARTICLE_SIDE:
            raise NeedsFull(f"{graph} states {p} of the registry node {s}")
        if p == _SUBCLASS:
            raise NeedsFull(f"{graph} declares a subclass")


def _changed_nodes(
    old: dict[str, list[str]], new: dict[str, list[str]], registry: set[str]
) -> tuple[set[str], set[str]]:
    """The nodes of the triples added or removed (not classes, not literals): those that are not
    registry nodes, and those that are."""
    nodes: set[str] = set()
    for graph, lines in new.items():
        for line in set(lines).symmetric_difference(old[graph]):
            s, p, o = split(line)
            nodes.add(s)
            if p != RDF_TYPE and o[0] != '"':
                nodes.add(o)
    return nodes - registry, nodes & registry
