"""A fast SHACL engine over pyoxigraph for the constraint components kzkg's shapes use.

pyshacl on rdflib needs minutes of CPU for the seed graph, most of it in SHACL-SPARQL
constraints evaluated by rdflib's query engine once per focus node. This engine reads the same
shapes file, indexes the data by term text (:mod:`kzkg.shacl_terms`), runs each SPARQL
constraint once, in Rust, for all focus nodes (:mod:`kzkg.shacl_sparql`), and checks every
other constraint one shape at a time over all of that shape's focus nodes
(:mod:`kzkg.shacl_validator`). It implements exactly the components listed in ``COMPONENTS``
and refuses a shapes graph that uses any other (:class:`UnsupportedShape`), so it can never
pass data that pyshacl would reject because of a constraint it silently skipped. The tests
check that both engines give the same verdicts and messages on the seed, valid and invalid
corpora.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kzkg.collector import cycle_collection_paused
from kzkg.shacl_graph import Shapes, TripleIndex, UnsupportedShape
from kzkg.shacl_terms import Text, lines_of
from kzkg.shacl_validator import Result, Validator

__all__ = [
    "Result",
    "Shapes",
    "TripleIndex",
    "UnsupportedShape",
    "Validator",
    "validate",
    "validate_ntriples",
]


def validate(triples: Iterable[ox.Triple], shapes_path: Path) -> list[Result]:
    """Every result of validating the graph of ``triples`` against the shapes file."""
    return validate_ntriples(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), shapes_path)


@cycle_collection_paused()
def validate_ntriples(
    data: bytes, shapes_path: Path, only: set[Text] | None = None
) -> list[Result]:
    """:func:`validate` for a graph given as N-Triples text that pyoxigraph wrote (canonical,
    repeats allowed), as the build already has it: no parsing into objects and back. Given
    ``only`` (focus nodes as N-Triples terms), the results of those nodes alone."""
    store = ox.Store()
    # The text was written from valid terms, so the parser need not check them again.
    store.load(data, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    # The store holds each triple once: as many lines as triples means no line repeats.
    index = TripleIndex(lines_of(data, distinct=len(store)))
    del data  # hundreds of megabytes for a large graph, and no longer needed
    return Validator(Shapes(shapes_path), index, store).run(only)
