"""Writing the graph to ``dist/`` in every published format, deterministically and atomically.

Determinism: the quads are written once as canonical N-Quads by pyoxigraph, the lines are sorted
(by graph, subject, ``rdf:type`` first, predicate, object) and every format is serialized from
that one ordered list, so the bytes depend only on the data, never on hash seeds or set order.
Sorting text lines rather than term objects keeps the work in C and Rust, which matters at a
million triples. Atomicity: every file is written beside its target first and renamed into place
only when all of them are ready, so a failure leaves the previous ``dist/`` whole.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from kzkg.formats.jsonld import jsonld_pieces
from kzkg.formats.turtle import write_trig, write_turtle
from kzkg.rdf import RDF, SERIALIZATION_PREFIXES, ntriples_slices
from kzkg.runtime import can_fork, inherited, pool_inheriting

_TYPE = f" <{RDF}type> "
# rdf:type sorts first among a subject's predicates. Swapping its IRI for one that sorts below
# every IRI ("<" then U+0001) lets one plain string sort of whole lines give that order: no key
# function per line. Canonical N-Triples escapes control characters, so U+0001 never occurs in
# a line and the swap is undone exactly.
_TYPE_FIRST = " <\x01> "


def _in_order(lines: Iterable[str]) -> list[str]:
    """Distinct canonical N-Triples lines, sorted with their ``rdf:type`` swapped out.

    A line is ``subject predicate object .``; comparing whole lines compares subjects first
    because the subject ends with ``>`` and a space, which sorts below any IRI character. Lines
    are kept as the same string objects wherever possible: at a million lines, copies are what
    memory is spent on.
    """
    return sorted({line.replace(_TYPE, _TYPE_FIRST) for line in lines})


def _restored(lines: list[str]) -> list[str]:
    # str.replace returns the very same object when there is nothing to replace.
    return [line.replace(_TYPE_FIRST, _TYPE) for line in lines]


@dataclass(slots=True)
class Ordered:
    """The graph as sorted canonical N-Triples lines and, per named graph, its sorted lines."""

    triple_lines: list[str]
    graph_lines: dict[str, list[str]]

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> Ordered:
        by_graph: dict[str, list[str]] = {}
        nquads = ox.serialize(list(quads), format=ox.RdfFormat.N_QUADS).decode("utf-8")
        for line in nquads.splitlines():
            # The graph IRI is the last term and holds no space.
            body, graph = line[:-2].rsplit(" ", 1)
            by_graph.setdefault(graph, []).append(f"{body} .")
        return cls.from_graphs(by_graph)

    @classmethod
    def from_graphs(cls, graphs: dict[str, list[str]]) -> Ordered:
        """From each graph IRI term → its N-Triples lines, in any order, repeats allowed."""
        graph_lines = {graph: _in_order(graphs[graph]) for graph in sorted(graphs)}
        # Each graph is a sorted run already: the sort merges runs, far cheaper than sorting a
        # set. A triple stated in several graphs is written once.
        every = list(dict.fromkeys(sorted(chain.from_iterable(graph_lines.values()))))
        return cls(_restored(every), {g: _restored(lines) for g, lines in graph_lines.items()})

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple in order, parsed a slice at a time: a million triples as objects would
        take gigabytes, and each reader only needs them one by one."""
        for text in ntriples_slices(self.triple_lines):
            # pyoxigraph wrote every line, so the parser need not check the terms again.
            yield from ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph and a slice at a time, to keep memory flat."""
        for graph, lines in self.graph_lines.items():
            for text in ntriples_slices(lines):
                # Every line ends " .\n", and no other newline is in the text (literals escape
                # theirs): one replace puts the graph name into each line.
                nquads = text.replace(b" .\n", f" {graph} .\n".encode())
                yield from ox.parse(nquads, format=ox.RdfFormat.N_QUADS, lenient=True)


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One published serialization: file suffix and how to write the ordered graph to a file.

    Writers stream: a format is written as it is produced, never held whole in memory, which
    at a million triples would be hundreds of megabytes per format on top of the graph."""

    suffix: str
    write: Callable[[Ordered, Path], None]


FORMATS: dict[str, OutputFormat] = {}


def register(name: str, output: OutputFormat) -> None:
    """Add an output format by name; ``kzkg build`` writes every registered one."""
    FORMATS[name] = output


def _write_ntriples(ordered: Ordered, path: Path) -> None:
    with path.open("wb") as out:
        out.writelines(ntriples_slices(ordered.triple_lines))


def _write_jsonld(ordered: Ordered, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(jsonld_pieces(ordered.triple_lines))


def _write_turtle(ordered: Ordered, path: Path) -> None:
    write_turtle(ordered.triple_lines, path, SERIALIZATION_PREFIXES)


def _write_trig(ordered: Ordered, path: Path) -> None:
    write_trig(ordered.graph_lines, path, SERIALIZATION_PREFIXES)


register("turtle", OutputFormat("ttl", _write_turtle))
register("trig", OutputFormat("trig", _write_trig))
register("ntriples", OutputFormat("nt", _write_ntriples))
register("jsonld", OutputFormat("jsonld", _write_jsonld))


def render(name: str, ordered: Ordered) -> bytes:
    """The bytes format ``name`` writes for the graph, for a reader that wants them in memory."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"graph.{FORMATS[name].suffix}"
        FORMATS[name].write(ordered, path)
        return path.read_bytes()


# Below this many triples a process costs more to start than the format takes to write.
PARALLEL_FROM = 100_000
# The formats from slowest to fastest to write (JSON-LD 4.5 s, TriG 3.5 s, Turtle 2.9 s and
# N-Triples 1.6 s at 10,000 articles): started in this order, the work ends evenly.
_SLOWEST_FIRST = ("jsonld", "trig", "turtle", "ntriples")


def _slowest(name: str) -> int:
    return _SLOWEST_FIRST.index(name) if name in _SLOWEST_FIRST else len(_SLOWEST_FIRST)


def write_ordered(
    ordered: Ordered,
    directory: Path,
    stem: str = "kzkg",
    jobs: int = 1,
    advance: Callable[[int], None] = lambda n: None,
) -> list[Path]:
    """Write every registered format to ``directory/stem.SUFFIX``; all files or none change.
    ``jobs`` formats at once, each in a forked process, when the graph is large enough to gain
    from it. ``advance(1)`` is called as each format is written, for a progress display."""
    directory.mkdir(parents=True, exist_ok=True)
    plan = [
        (
            name,
            directory / f".{stem}.{output.suffix}.partial",
            directory / f"{stem}.{output.suffix}",
        )
        for name, output in FORMATS.items()
    ]
    try:
        if jobs > 1 and can_fork() and len(ordered.triple_lines) >= PARALLEL_FROM:
            # Forked writers inherit the ordered graph as it is in memory: nothing is sent.
            with pool_inheriting(ordered, min(jobs, len(plan))) as pool:
                work = sorted(((n, t) for n, t, _ in plan), key=lambda item: _slowest(item[0]))
                for _ in pool.imap_unordered(_write_inherited, work):
                    advance(1)
        else:
            for name, temporary, _ in plan:
                _write_one(name, temporary, ordered)
                advance(1)
    except BaseException:
        for _, temporary, _ in plan:
            temporary.unlink(missing_ok=True)
        raise
    for _, temporary, target in plan:
        os.replace(temporary, target)
    return [target for _, _, target in plan]


def _write_one(name: str, temporary: Path, ordered: Ordered) -> None:
    FORMATS[name].write(ordered, temporary)


def _write_inherited(work: tuple[str, Path]) -> None:
    """In a forked writer: one format of the graph the pool inherited."""
    ordered = inherited()
    assert isinstance(ordered, Ordered)
    _write_one(*work, ordered)
