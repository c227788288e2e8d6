"""SHACL over the part of the graph a change can reach, with the verdicts of a full validation.

The graph is a registry graph plus one named graph per article. When article graphs change, a
node's verdict can change only if the node is stated in a changed graph, or in a graph that
shares a node with one ("neighbours": a claim contradicting a claim of another article), or is
a registry node that a changed graph names. Those nodes are validated again, over the registry,
the changed graphs, their neighbours and the neighbours' neighbours (whose types the
neighbours' shapes read), and the triples in other article graphs about those registry nodes;
every other node keeps its stored verdict.

That argument holds for triples about a registry node that an article graph may hold
(``ARTICLE_SIDE``: where the node was found, and its anchors) and for graphs that do not
redefine classes. A changed graph outside those bounds is reported as :class:`NeedsFull`, and
the caller validates the whole graph: never a guess. A test holds this module to full
validation over thousands of mutated graphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kzkg.emit import REGISTRY_GRAPH
from kzkg.namespaces import KZO, PROV, RDFS
from kzkg.shacl_graph import RDF_TYPE, Shapes
from kzkg.unit_store import UnitStore, graph_facts, split
from kzkg.validate import SHAPES, Source, Violation, violations_of

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


def target_predicates(shapes: Path = SHAPES) -> frozenset[str]:
    """The predicates whose objects some shape targets (``sh:targetObjectsOf``)."""
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
    registry_lines = graphs.get(REGISTRY_GRAPH, [])
    registry = {split(line)[0] for line in registry_lines}
    targets = target_predicates(shapes)
    store.clear()
    store.put_graph(REGISTRY_GRAPH, registry_lines, None)
    for graph, lines in graphs.items():
        if graph != REGISTRY_GRAPH:
            store.put_graph(graph, lines, graph_facts(lines, registry, targets))
    store.replace_violations(set(), violations)


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
    stated = [*old.values(), *changed.values()]
    near = _neighbours(store, stated, registry) - set(changed)
    near_lines = {graph: store.lines(graph) for graph in sorted(near)}
    reached = set(changed) | near
    further = _neighbours(store, near_lines.values(), registry) - reached
    focus, named = _nodes([*stated, *near_lines.values()], registry)
    leaving = reached | further
    context = dict.fromkeys(registry_lines)
    for lines in [*changed.values(), *near_lines.values()]:
        context.update(dict.fromkeys(lines))
    for graph in sorted(further):
        context.update(dict.fromkeys(store.lines(graph)))
    context.update(dict.fromkeys(store.registry_side(named, leaving)))
    context.update(dict.fromkeys(store.witnesses(named, leaving)))
    only = focus | named
    data = "".join(line + "\n" for line in context).encode("utf-8")
    found = violations_of(data, origins, shapes=shapes, only=only)
    focus_iris = {node[1:-1] for node in only}
    kept = [v for v in store.violations() if v.focus not in focus_iris]
    targets = target_predicates(shapes)
    for graph, lines in changed.items():
        store.put_graph(graph, lines, graph_facts(lines, registry, targets))
    store.replace_violations(focus_iris, found)
    return Revalidated(sorted({*kept, *found}), len(only), len(context))


def _check_bounds(graph: str, lines: list[str], registry: set[str]) -> None:
    for line in lines:
        s, p, _ = split(line)
        if s in registry and p not in ARTICLE_SIDE:
            raise NeedsFull(f"{graph} states {p} of the registry node {s}")
        if p == _SUBCLASS:
            raise NeedsFull(f"{graph} declares a subclass")


def _neighbours(store: UnitStore, stated: Iterable[list[str]], registry: set[str]) -> set[str]:
    """Article graphs that state a node these lines name, or name a node these lines state
    (registry nodes and classes aside: every article names them)."""
    subjects: set[str] = set()
    nodes: set[str] = set()
    for lines in stated:
        for line in lines:
            s, p, o = split(line)
            subjects.add(s)
            if p != RDF_TYPE and o[0] != '"':
                nodes.add(o)
    subjects -= registry
    nodes = (nodes - registry) | subjects
    return store.graphs_with_subjects(nodes) | store.graphs_naming(subjects)


def _nodes(stated: Iterable[list[str]], registry: set[str]) -> tuple[set[str], set[str]]:
    """The non-registry subjects of these lines, and the registry nodes they name."""
    subjects: set[str] = set()
    named: set[str] = set()
    for lines in stated:
        for line in lines:
            s, _, o = split(line)
            (named if s in registry else subjects).add(s)
            if o in registry:
                named.add(o)
    return subjects, named
