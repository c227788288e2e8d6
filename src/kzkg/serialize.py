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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

import pyoxigraph as ox

from kzkg.forking import can_fork, inherited, pool_inheriting
from kzkg.jsonld import render_jsonld
from kzkg.namespaces import RDF, SERIALIZATION_PREFIXES
from kzkg.shacl_terms import ntriples_text

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


_PARSE_SLICE = 50_000  # lines parsed at once


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

    def ntriples(self) -> bytes:
        """The whole graph as N-Triples text, in order: the .nt file and the validator's input."""
        return ntriples_text(self.triple_lines)

    def triples(self) -> Iterator[ox.Triple]:
        """Every triple in order, parsed a slice at a time: a million triples as objects would
        take gigabytes, and each reader only needs them one by one."""
        for start in range(0, len(self.triple_lines), _PARSE_SLICE):
            text = "\n".join(self.triple_lines[start : start + _PARSE_SLICE])
            yield from ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad, graph by graph: parsed one graph at a time to keep memory flat."""
        for graph, lines in self.graph_lines.items():
            text = "\n".join(f"{line[:-2]} {graph} ." for line in lines)
            yield from ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_QUADS)


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One published serialization: file suffix and how to render the ordered graph."""

    suffix: str
    render: Callable[[Ordered], bytes]


FORMATS: dict[str, OutputFormat] = {}


def register(name: str, output: OutputFormat) -> None:
    """Add an output format by name; ``kzkg build`` writes every registered one."""
    FORMATS[name] = output


def _with_pyoxigraph(fmt: ox.RdfFormat, dataset: bool) -> Callable[[Ordered], bytes]:
    def render(ordered: Ordered) -> bytes:
        items = ordered.quads() if dataset else ordered.triples()
        return ox.serialize(items, format=fmt, prefixes=SERIALIZATION_PREFIXES)

    return render


def _ntriples(ordered: Ordered) -> bytes:
    return ordered.ntriples()


def _jsonld(ordered: Ordered) -> bytes:
    return render_jsonld(ordered.triple_lines)


register("turtle", OutputFormat("ttl", _with_pyoxigraph(ox.RdfFormat.TURTLE, dataset=False)))
register("trig", OutputFormat("trig", _with_pyoxigraph(ox.RdfFormat.TRIG, dataset=True)))
register("ntriples", OutputFormat("nt", _ntriples))
register("jsonld", OutputFormat("jsonld", _jsonld))


# Below this many triples a process costs more to start than the format takes to write.
PARALLEL_FROM = 100_000


def write_ordered(
    ordered: Ordered, directory: Path, stem: str = "kzkg", jobs: int = 1
) -> list[Path]:
    """Write every registered format to ``directory/stem.SUFFIX``; all files or none change.
    ``jobs`` formats at once, each in a forked process, when the graph is large enough to gain
    from it."""
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
                work = [(name, temporary) for name, temporary, _ in plan]
                pool.starmap(_write_one, work, chunksize=1)
        else:
            for name, temporary, _ in plan:
                _write_one(name, temporary, ordered)
    except BaseException:
        for _, temporary, _ in plan:
            temporary.unlink(missing_ok=True)
        raise
    for _, temporary, target in plan:
        os.replace(temporary, target)
    return [target for _, _, target in plan]


def _write_one(name: str, temporary: Path, ordered: Ordered | None = None) -> None:
    graph = ordered if ordered is not None else inherited()
    assert isinstance(graph, Ordered)
    temporary.write_bytes(FORMATS[name].render(graph))
