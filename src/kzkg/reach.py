"""The nodes within some hops of others, across the article graphs of a :class:`UnitStore`.

A partial re-validation must know which nodes can read a changed triple, and which triples
those nodes read. Both are balls around nodes: walking triples in either direction, loading
an article graph from the store the first time the walk reaches a node it states or names.
Registry nodes are walls (every article names them; their own triples are all in the registry
graph, loaded whole) and so are classes, the objects of ``rdf:type``.
"""

from __future__ import annotations

from collections.abc import Iterable

from kzkg.shacl_graph import RDF_TYPE
from kzkg.unit_store import UnitStore, split


class Reach:
    """Walks the article graphs: the changed ones as given, the others as stored."""

    def __init__(
        self, store: UnitStore, registry: set[str], graphs: dict[str, list[list[str]]]
    ) -> None:
        """``graphs``: the changed article graphs, each with its line lists (old and new)."""
        self.store, self.registry = store, registry
        self.loaded: dict[str, list[str]] = {}
        self._next: dict[str, set[str]] = {}
        self.registry_near: dict[
            str, set[str]
        ] = {}  # node → registry nodes it shares a triple with
        self.stated: set[str] = set()  # subjects of the changed graphs
        for graph, versions in graphs.items():
            for lines in versions:
                self._index(lines)
                self.stated.update(split(line)[0] for line in lines)
            self.loaded[graph] = []  # never loaded from the store: its lines are given
        self._asked: set[str] = set()

    def ball(self, start: Iterable[str], radius: int) -> set[str]:
        """Non-registry nodes at most ``radius`` triples away from ``start``."""
        seen = set(start) - self.registry
        frontier = set(seen)
        for _ in range(radius):
            self._load_around(frontier)
            frontier = {n for node in frontier for n in self._next.get(node, ())} - seen
            seen |= frontier
        self._load_around(frontier)  # the triples of the outermost nodes too
        return seen

    def stored_lines(self) -> Iterable[str]:
        """The lines of every article graph the walks loaded from the store."""
        for lines in self.loaded.values():
            yield from lines

    def _load_around(self, nodes: set[str]) -> None:
        ask = nodes - self._asked
        if not ask:
            return
        self._asked |= ask
        homes = self.store.homes(ask)
        graphs = set().union(*homes.values())
        # A node no graph states (a motivation, a language) has no triples to read: the
        # graphs that name it are not reached through it.
        graphs |= self.store.graphs_naming(homes.keys() | (ask & self.stated))
        for graph in sorted(graphs - self.loaded.keys()):
            lines = self.store.lines(graph)
            self.loaded[graph] = lines
            self._index(lines)

    def _index(self, lines: Iterable[str]) -> None:
        registry, after, near = self.registry, self._next, self.registry_near
        for line in lines:
            s, p, o = split(line)
            if p == RDF_TYPE or o[0] == '"':
                continue
            if s in registry or o in registry:
                if s not in registry:
                    near.setdefault(s, set()).add(o)
                elif o not in registry:
                    near.setdefault(o, set()).add(s)
                continue
            after.setdefault(s, set()).add(o)
            after.setdefault(o, set()).add(s)
