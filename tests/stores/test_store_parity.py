"""Every canned query gives the same answer on pyoxigraph as on rdflib, the fallback store.

rdflib runs the query on a Graph parsed from the same Turtle, with the parameters as
``initBindings``; its answer goes through SPARQL JSON into pyoxigraph terms and then through the
very ``kzkg.query.catalogue.run`` the CLI uses, so the two tables differ only if the engines do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import pyoxigraph as ox
import pytest
import rdflib
from canned_cases import GRAPHS, case_id, cases, catalogue

from kzkg.query.catalogue import format_table, run
from kzkg.stores.embedded import load_file, open_store

pytestmark = pytest.mark.slow

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def to_rdflib(term: ox.NamedNode | ox.Literal) -> rdflib.term.Identifier:
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:  # rdflib keeps plain literals untyped
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


class RdflibStore:
    """Answers ``kzkg.query.catalogue.run``'s one call, ``store.query(sparql, substitutions=…)``, with rdflib."""

    def __init__(self, graph: rdflib.Graph) -> None:
        self.graph = graph

    def query(self, sparql: str, *, substitutions: Mapping | None = None, **_: object):  # type: ignore[no-untyped-def]
        bindings = {
            rdflib.Variable(v.value): to_rdflib(t) for v, t in (substitutions or {}).items()
        }
        result = self.graph.query(sparql, initBindings=bindings)
        return ox.parse_query_results(result.serialize(format="json"), ox.QueryResultsFormat.JSON)


@pytest.fixture(scope="module", params=GRAPHS, ids=lambda path: path.name)
def stores(request: pytest.FixtureRequest) -> tuple[ox.Store, RdflibStore]:
    """Both engines on the same file: the query fixture, and dist/kzkg.ttl once built."""
    path = request.param
    return load_file(open_store(), path), RdflibStore(rdflib.Graph().parse(path, format="turtle"))


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_pyoxigraph_and_rdflib_agree(case, stores) -> None:
    name, values = case
    query = catalogue()[name]
    oxigraph, fallback = stores
    expected = run(query, oxigraph, values)
    answer = run(query, fallback, values)  # type: ignore[arg-type]
    if (
        not expected.rows
        and answer.rows == [[None] * len(answer.columns)]
        and re.search(r"\bGROUP\s+BY\b", query.sparql, re.IGNORECASE)
    ):
        pytest.xfail(
            "rdflib answers a GROUP BY that matches nothing with one empty row instead "
            "of none (RDFLib/rdflib#3382, fix pending in #3498)"
        )
    for fmt in ("csv", "json"):
        assert format_table(answer, fmt) == format_table(expected, fmt), (
            f"{name} {values}: rdflib and pyoxigraph disagree"
        )
