"""How the W3C SHACL test suite compares a validation report with the expected one.

The suite's documentation: keep, of both reports, the report node's type, ``sh:conforms`` and
``sh:result``, and of each result its ``rdf:type sh:ValidationResult``, ``sh:focusNode``,
``sh:resultPath`` (with a private copy of a complex path's blank nodes), ``sh:value``,
``sh:resultSeverity``, ``sh:sourceShape``, ``sh:sourceConstraintComponent`` and
``sh:sourceConstraint`` — plus ``sh:resultMessage`` where the expected report states messages —
and the two graphs must be isomorphic, blank nodes matched as blank nodes. Terms are carried
into rdflib as pyoxigraph read them: rdflib's parser would normalise ``"01"^^xsd:integer`` to
``"1"`` and hide a changed value.
"""

from __future__ import annotations

import logging
import warnings
from itertools import count

import pyoxigraph as ox
import rdflib

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
TYPE = ox.NamedNode(f"{RDF}type")
rdflib_term = logging.getLogger("rdflib.term")
# What a result may say and still be compared (the suite's list).
COMPARED = {f"{SH}{n}" for n in ("focusNode", "resultPath", "value", "resultSeverity")} | {
    f"{SH}{n}" for n in ("sourceShape", "sourceConstraintComponent", "sourceConstraint")
}
MESSAGE = f"{SH}resultMessage"


def reduced(
    triples: list[ox.Triple], report: ox.BlankNode | ox.NamedNode, messages: bool
) -> rdflib.Graph:
    """The part of a report the suite compares, as an rdflib graph (see the module's doc)."""
    about = index(triples)
    graph = rdflib.Graph()
    fresh = (f"path{n}" for n in count())
    for predicate, obj in about.get(report, ()):
        if (
            predicate.value in (f"{SH}conforms", f"{SH}result")
            or obj.value == f"{SH}ValidationReport"
        ):
            graph.add((to_rdflib(report), to_rdflib(predicate), to_rdflib(obj)))
    for result in results_of(about, report):
        for predicate, obj in about.get(result, ()):
            if predicate == TYPE and obj.value != f"{SH}ValidationResult":
                continue
            if (
                predicate != TYPE
                and predicate.value not in COMPARED
                and not (messages and predicate.value == MESSAGE)
            ):
                continue
            if predicate.value == f"{SH}resultPath" and isinstance(obj, ox.BlankNode):
                obj = _copy_path(obj, about, graph, {}, fresh)
            graph.add((to_rdflib(result), to_rdflib(predicate), to_rdflib(obj)))
    return graph


def _copy_path(node, about, graph: rdflib.Graph, copies: dict, fresh) -> ox.BlankNode:
    """A private copy of the blank-node structure of a path (results may share one)."""
    if node in copies:
        return copies[node]
    copy = copies[node] = ox.BlankNode(next(fresh))
    for predicate, obj in about.get(node, ()):
        if isinstance(obj, ox.BlankNode):
            obj = _copy_path(obj, about, graph, copies, fresh)
        graph.add((to_rdflib(copy), to_rdflib(predicate), to_rdflib(obj)))
    return copy


def results_of(about: dict, report) -> list:
    """The result nodes of a report."""
    return [o for p, o in about.get(report, ()) if p.value == f"{SH}result"]


def to_rdflib(term) -> rdflib.term.Node:
    """An rdflib term for a pyoxigraph one, its lexical form untouched: rdflib's parser would
    normalise literals (``"01"^^xsd:integer`` to ``"1"``) and hide a changed value."""
    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    # Some entries are about ill-formed literals ("300"^^xsd:byte), which rdflib keeps as they
    # are but reports on stderr and as a warning: quiet here, where they are expected.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rdflib_term.disabled = True
        try:
            datatype = rdflib.URIRef(term.datatype.value)
            return rdflib.Literal(term.value, datatype=datatype, normalize=False)
        finally:
            rdflib_term.disabled = False


def index(triples: list[ox.Triple]) -> dict:
    about: dict = {}
    for t in triples:
        about.setdefault(t.subject, []).append((t.predicate, t.object))
    return about


def show(graph: rdflib.Graph) -> str:
    return "\n".join(sorted(" ".join(term.n3() for term in triple) for triple in graph))
