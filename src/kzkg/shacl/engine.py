"""A fast SHACL engine over pyoxigraph: SHACL Core and SHACL-SPARQL.

pyshacl on rdflib needs minutes of CPU for the seed graph, most of it in SHACL-SPARQL
constraints evaluated by rdflib's query engine once per focus node. This engine reads the
shapes as parsed, indexes the data by term text (:mod:`kzkg.rdf.ntriples`), runs a SPARQL
constraint once, in Rust, for all focus nodes where that gives the rows of one run per node and
with real pre-binding per node elsewhere (:mod:`kzkg.shacl.sparql`), and checks every other
constraint one shape at a time over all of that shape's focus nodes
(:mod:`kzkg.shacl.validator`). It passes every ``sht:Validate`` entry of the W3C SHACL test
suite, core and SPARQL (``tests/shacl/test_w3c_shacl.py``, comparing reports result by result),
and gives pyshacl's verdicts and messages on kzkg's seed, valid and invalid corpora
(``tests/shacl/test_shacl_engines.py``). What it does not implement (SHACL Advanced Features such as
``sh:target`` and ``sh:rule``, XPath regex syntax Python lacks) it refuses
(:class:`UnsupportedShape`, naming the shape and the feature) rather than skip; shapes that
are not well-formed SHACL (forbidden SPARQL, a query that does not parse) raise
:class:`IllFormedShapes`.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from kzkg.rdf import SLICE, Text, lines_of, ntriples_slices, ntriples_text
from kzkg.runtime import (
    CPUS,
    SILENT,
    Steps,
    can_fork,
    cycle_collection_paused,
    inherited,
    pool_inheriting,
)
from kzkg.shacl.graph import (
    IllFormedShapes,
    ShaclEngineError,
    Shapes,
    TripleIndex,
    UnsupportedShape,
    parse_file,
)
from kzkg.shacl.sparql import (
    Found,
    FoundElsewhere,
    SparqlConstraints,
    constrained_shapes,
    targets_in_store,
)
from kzkg.shacl.validator import Result, Validator

__all__ = [
    "IllFormedShapes",
    "Result",
    "ShaclEngineError",
    "Shapes",
    "TripleIndex",
    "UnsupportedShape",
    "Validation",
    "Validator",
    "validate",
    "validate_files",
    "validate_graphs",
    "validate_lines",
    "validate_ntriples",
]


@dataclass(frozen=True, slots=True)
class Validation:
    """A validation's results, its verdict, and the shapes graph the results point into."""

    results: list[Result]
    conforms: bool
    shapes_graph: list[ox.Triple]  # as parsed: the blank nodes of results are these


def validate_files(data: Path, shapes: Path) -> Validation:
    """Validate an RDF file against a shapes file, each in the format its extension names;
    the same file may be both (parsed once, so the two graphs share their blank nodes).
    Raises :class:`ShaclEngineError` for shapes the engine refuses or that are ill-formed."""
    if shapes.resolve() == data.resolve():
        triples = parse_file(data, "g")
        return validate_graphs(triples, triples)
    return validate_graphs(parse_file(data, "d"), parse_file(shapes, "s"))


@cycle_collection_paused()
def validate_graphs(data: Sequence[ox.Triple], shapes: Sequence[ox.Triple]) -> Validation:
    """Validate the graph of ``data`` against the shapes graph of ``shapes``, both as parsed."""
    graph = Shapes(shapes)
    lines = lines_of(ox.serialize(data, format=ox.RdfFormat.N_TRIPLES))
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in data)  # keeps blank labels
    results = _in_one_process(graph, lines, store)
    conforms = not results  # SHACL: any result, whatever its severity, means no
    return Validation(results, conforms, graph.triples)


def validate(triples: Iterable[ox.Triple], shapes_path: Path) -> list[Result]:
    """Every result of validating the graph of ``triples`` against the shapes file."""
    return validate_ntriples(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), shapes_path)


@cycle_collection_paused()
def validate_ntriples(data: bytes, shapes_path: Path) -> list[Result]:
    """:func:`validate` for a graph given as N-Triples text that pyoxigraph wrote (canonical,
    repeats allowed): no parsing into objects and back."""
    store = _store_of(data)
    # The store holds each triple once: as many lines as triples means no line repeats.
    lines = lines_of(data, distinct=len(store))
    return _in_one_process(Shapes(shapes_path), lines, store)


def _in_one_process(
    shapes: Shapes,
    lines: list[str],
    store: ox.Store,
    progress: Steps = SILENT,
) -> list[Result]:
    """Validate distinct lines, the store holding the same triples, in this process alone."""
    validator = Validator(shapes, TripleIndex(lines), SparqlConstraints(shapes, store))
    return validator.run(progress=progress)


# Below this many triples a second process costs more to start than it saves.
PARALLEL_FROM = 100_000
_SLICE = SLICE  # lines sent to the forked process, and loaded into its store, at once


@cycle_collection_paused()
def validate_lines(
    lines: list[str], shapes_path: Path, progress: Steps = SILENT, *, jobs: int = CPUS
) -> list[Result]:
    """:func:`validate` for a graph given as distinct canonical N-Triples lines, as the build
    holds it (:class:`kzkg.formats.serialize.Ordered`): indexed as they are, not written and read back.

    A large graph is validated by two processes at once (unless ``jobs`` is 1): a forked one
    loads the store and runs the SPARQL constraints while this one indexes the lines and checks
    every other constraint. The halves share no work, so on two cores the wall time is the
    longer half's, not the sum.
    """
    shapes = Shapes(shapes_path)
    split = jobs > 1 and can_fork() and len(lines) >= PARALLEL_FROM
    if not (split and targets_in_store(shapes)):
        return _in_one_process(shapes, lines, _store_of(ntriples_text(lines)), progress=progress)
    receiving, sending = multiprocessing.Pipe(duplex=False)
    # The shapes as read here, inherited: parsed again, their blank nodes would get new labels.
    with pool_inheriting((receiving, sending, shapes), 1) as pool:
        # The forked process holds its own ends now. With this one closed, its failing breaks
        # the pipe instead of leaving the sender waiting for a reader.
        receiving.close()
        pending = pool.apply_async(_sparql_found)
        sender = threading.Thread(target=_send, args=(sending, lines), daemon=True)
        sender.start()
        try:
            index = TripleIndex(lines)
            return Validator(shapes, index, FoundElsewhere(shapes, pending.get)).run(
                progress=progress
            )
        finally:
            sender.join()


def _send(connection: Connection, lines: list[str]) -> None:
    """The lines as N-Triples text, a slice at a time, then an empty message. Sent rather than
    read by the forked process from the inherited list: reading a string in a forked process
    writes its reference count, which copies the memory page it is on."""
    try:
        for text in ntriples_slices(lines, _SLICE):
            connection.send_bytes(text)
        connection.send_bytes(b"")
    except OSError:
        pass  # the reader failed and closed its end; its error is raised by pending.get()
    finally:
        connection.close()


def _store_of(data: bytes) -> ox.Store:
    return _store_of_slices([data])


def _store_of_slices(texts: Iterable[bytes]) -> ox.Store:
    """The store of a graph given as N-Triples documents, one after the other. The text was
    written from valid terms, so the parser need not check them again."""
    store = ox.Store()
    for text in texts:
        if b"_:" in text:
            # A bulk load gives each slice's blank nodes fresh labels, and a node named in two
            # slices would become two. Parsed triples keep their labels.
            store.extend(ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True))
        else:
            store.load(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    return store


@cycle_collection_paused()
def _sparql_found() -> dict[Text, list[Found]]:
    """In the forked process: the SPARQL constraints' violations over the whole graph."""
    receiving, sending, shapes = inherited()  # type: ignore[misc]
    sending.close()  # so that a parent gone before sending everything is an error, not a wait
    try:
        store = _store_of_slices(iter(receiving.recv_bytes, b""))
    finally:
        receiving.close()  # a failure here must break the pipe, not leave the sender waiting
    constraints = SparqlConstraints(shapes, store)
    found = {}
    for shape in constrained_shapes(shapes):
        focus = constraints.focus_in_store(shape)
        found[shape] = constraints.violations(shape, focus, list(zip(focus)))
    return found
