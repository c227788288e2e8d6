"""The last validated graph, kept per named graph in SQLite, so that a change re-validates in part.

A full validation stores each named graph's N-Triples lines, its violations, and the few indexes
:mod:`kzkg.units` needs to find what a changed graph can affect: which article graphs state a
node as subject, which name a node of another graph as object, and which triples in an article
graph are about a registry node. SQLite gives atomic updates: a re-validation that fails half
way leaves the store as it was.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzkg.shacl_graph import RDF_TYPE
from kzkg.validate import Violation

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS graphs(graph TEXT PRIMARY KEY, lines TEXT);
CREATE TABLE IF NOT EXISTS subjects(node TEXT, graph TEXT);
CREATE TABLE IF NOT EXISTS externals(node TEXT, graph TEXT);
CREATE TABLE IF NOT EXISTS registry_side(node TEXT, graph TEXT, lines TEXT);
CREATE TABLE IF NOT EXISTS witnesses(node TEXT, graph TEXT, line TEXT);
CREATE TABLE IF NOT EXISTS violations(focus TEXT, violation TEXT);
CREATE TABLE IF NOT EXISTS blobs(key TEXT PRIMARY KEY, value BLOB);
CREATE INDEX IF NOT EXISTS subjects_node ON subjects(node);
CREATE INDEX IF NOT EXISTS externals_node ON externals(node);
CREATE INDEX IF NOT EXISTS registry_side_node ON registry_side(node);
CREATE INDEX IF NOT EXISTS witnesses_node ON witnesses(node);
CREATE INDEX IF NOT EXISTS violations_focus ON violations(focus);
"""


def split(line: str) -> tuple[str, str, str]:
    """Subject, predicate and object of an ``S P O .`` line (subjects and predicates hold no
    space)."""
    s, p, o = line[:-2].split(" ", 2)
    return s, p, o


@dataclass(slots=True)
class GraphFacts:
    """What the indexes record about one article graph."""

    subjects: set[str] = field(default_factory=set)  # nodes stated as subject, not registry nodes
    # nodes named as object (not as a type) that are neither subjects here nor registry nodes
    externals: set[str] = field(default_factory=set)
    # registry node → its triples here, and the rdf:type triples here of their objects
    registry_side: dict[str, list[str]] = field(default_factory=dict)
    # registry node → one triple here naming it as object of a sh:targetObjectsOf predicate
    witnesses: dict[str, str] = field(default_factory=dict)


def graph_facts(lines: Iterable[str], registry: set[str], targets: frozenset[str]) -> GraphFacts:
    """Index one article graph's lines against the registry's subjects."""
    facts = GraphFacts()
    objects: set[str] = set()
    types: dict[str, list[str]] = {}
    side_objects: dict[str, set[str]] = {}
    for line in lines:
        s, p, o = split(line)
        if s in registry:
            facts.registry_side.setdefault(s, []).append(line)
            side_objects.setdefault(s, set()).add(o)
        else:
            facts.subjects.add(s)
        if p == RDF_TYPE:
            types.setdefault(s, []).append(line)
        elif o[0] != '"' and o not in registry:
            objects.add(o)
        if p in targets and o in registry:
            facts.witnesses.setdefault(o, line)
    facts.externals = objects - facts.subjects
    for node, found in side_objects.items():
        for obj in sorted(found):
            facts.registry_side[node].extend(types.get(obj, ()))
    return facts


def _chunks(keys: Iterable[str]) -> Iterator[list[str]]:
    """Keys in sorted slices of 500: SQLite allows some hundreds of parameters a statement."""
    wanted = sorted(set(keys))
    for start in range(0, len(wanted), 500):
        yield wanted[start : start + 500]


def select_in(
    db: sqlite3.Connection, table: str, columns: str, key: str, keys: Iterable[str]
) -> Iterator[tuple[Any, ...]]:
    """The ``columns`` of the rows of ``table`` whose ``key`` is one of ``keys``."""
    for chunk in _chunks(keys):
        marks = ",".join("?" * len(chunk))
        yield from db.execute(f"SELECT {columns} FROM {table} WHERE {key} IN ({marks})", chunk)


class UnitStore:
    """One SQLite file holding the last validated graph; see the module docstring."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        # A second validation of the same folder waits for the first rather than failing.
        self.db = sqlite3.connect(path, isolation_level=None, timeout=600)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(SCHEMA)

    def close(self) -> None:
        self.db.close()

    # -- reading ------------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else row[0]

    def blob(self, key: str) -> bytes | None:
        row = self.db.execute("SELECT value FROM blobs WHERE key = ?", (key,)).fetchone()
        return None if row is None else bytes(row[0])

    def lines(self, graph: str) -> list[str]:
        row = self.db.execute("SELECT lines FROM graphs WHERE graph = ?", (graph,)).fetchone()
        return [] if row is None or not row[0] else row[0].split("\n")

    def homes(self, nodes: Iterable[str]) -> dict[str, set[str]]:
        """Node → the article graphs that state it as subject, for the nodes some graph does."""
        found: dict[str, set[str]] = {}
        for node, graph in self._rows("subjects", "node, graph", nodes):
            found.setdefault(node, set()).add(graph)
        return found

    def graphs_naming(self, nodes: Iterable[str]) -> set[str]:
        """Article graphs that name one of ``nodes`` as an object they do not describe."""
        return self._graphs("externals", nodes)

    def registry_side(self, nodes: Iterable[str], leaving: set[str]) -> list[str]:
        """The article-graph triples about these registry nodes, graphs in ``leaving`` aside."""
        return [
            line
            for graph, text in self._rows("registry_side", "graph, lines", nodes)
            if graph not in leaving
            for line in text.split("\n")
        ]

    def witnesses(self, nodes: Iterable[str], leaving: set[str]) -> list[str]:
        """One triple per node (and graph) making it a target of a sh:targetObjectsOf shape."""
        found: dict[str, str] = {}
        for node, graph, line in self._rows("witnesses", "node, graph, line", nodes):
            if graph not in leaving:
                found.setdefault(node, line)
        return sorted(found.values())

    def violations(self) -> list[Violation]:
        rows = self.db.execute("SELECT violation FROM violations")
        return [Violation(**json.loads(text)) for (text,) in rows]

    def _graphs(self, table: str, nodes: Iterable[str]) -> set[str]:
        return {graph for (graph,) in self._rows(table, "graph", nodes)}

    def _rows(self, table: str, columns: str, nodes: Iterable[str]) -> Iterator[tuple[str, ...]]:
        return select_in(self.db, table, columns, "node", nodes)

    # -- writing ------------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``with store.transaction():`` makes the writes inside all-or-nothing. (No
        ``executescript`` inside: it commits first.)"""
        self.db.execute("BEGIN")
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def set_blob(self, key: str, value: bytes) -> None:
        self.db.execute("INSERT OR REPLACE INTO blobs VALUES (?, ?)", (key, value))

    def clear(self) -> None:
        for table in (
            "graphs",
            "violations",
            "subjects",
            "externals",
            "registry_side",
            "witnesses",
        ):
            self.db.execute(f"DELETE FROM {table}")

    def put_graph(
        self,
        graph: str,
        lines: list[str],
        facts: GraphFacts | None,
        old: GraphFacts | None = None,
    ) -> None:
        """Store (or replace, or with no lines drop) one named graph and its index entries;
        ``facts`` is None for the registry graph, which the indexes do not cover. ``old``, the
        facts of the lines being replaced, finds the index entries to drop by node."""
        if old is not None:
            for table, nodes in (
                ("subjects", old.subjects),
                ("externals", old.externals),
                ("registry_side", old.registry_side),
                ("witnesses", old.witnesses),
            ):
                for chunk in _chunks(nodes):
                    marks = ",".join("?" * len(chunk))
                    self.db.execute(
                        f"DELETE FROM {table} WHERE node IN ({marks}) AND graph = ?",
                        [*chunk, graph],
                    )
        if not lines:
            self.db.execute("DELETE FROM graphs WHERE graph = ?", (graph,))
            return
        self.db.execute("INSERT OR REPLACE INTO graphs VALUES (?, ?)", (graph, "\n".join(lines)))
        if facts is None:
            return
        rows = self.db.executemany
        rows("INSERT INTO subjects VALUES (?, ?)", ((n, graph) for n in facts.subjects))
        rows("INSERT INTO externals VALUES (?, ?)", ((n, graph) for n in facts.externals))
        rows(
            "INSERT INTO registry_side VALUES (?, ?, ?)",
            ((n, graph, "\n".join(found)) for n, found in facts.registry_side.items()),
        )
        rows(
            "INSERT INTO witnesses VALUES (?, ?, ?)",
            ((n, graph, line) for n, line in facts.witnesses.items()),
        )

    def replace_violations(self, focus: set[str], found: Iterable[Violation]) -> None:
        """Drop the stored violations of ``focus`` (IRIs) and store ``found`` in their place."""
        for chunk in _chunks(focus):
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM violations WHERE focus IN ({marks})", chunk)
        self.db.executemany(
            "INSERT INTO violations VALUES (?, ?)",
            ((v.focus, json.dumps(v.to_dict(), sort_keys=True)) for v in found),
        )
