"""The converter's building blocks: record IRIs, N-Triples terms and the emitter of one graph.

Terms are written as N-Triples text (:mod:`kzkg.rdf.terms`) and triples as N-Triples lines: a
million of them cost string formatting, not a million objects in the RDF binding.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kzkg.load import (
    Article,
    Change,
    Claim,
    Event,
    Figure,
    Group,
    Membership,
    Organisation,
    Person,
    Place,
    Span,
)
from kzkg.rdf import KZ, KZO, OA, PROV, RDF, RDFS, SCHEMA, SKOS, Date, plain, typed
from kzkg.rdf import english as en
from kzkg.rdf import iri as node

Term = str  # an IRI or literal in N-Triples syntax

PATHS = {
    Person: "person",
    Organisation: "org",
    Group: "group",
    Place: "place",
    Event: "event",
    Article: "article",
    Claim: "claim",
    Figure: "figure",
    Membership: "membership",
    Change: "change",
}
REGISTRY_GRAPH = node(f"{KZ}graph/registry")
# The curators of the graph: the agent every curator judgement (a claim relation, a fact from
# outside the articles) is attributed to, so that a query can keep such facts apart.
CURATORS = node(f"{KZ}agent/curators")
DATE_TYPES = {"year": "gYear", "month": "gYearMonth", "day": "date"}


def iri_text(record: object) -> str:
    """The record's IRI, as text without angle brackets."""
    return f"{KZ}{PATHS[type(record)]}/{record.id}"  # type: ignore[attr-defined]


def iri_of(record: object) -> ox.NamedNode:
    return ox.NamedNode(iri_text(record))


def ref_of(record: object) -> Term:
    return node(iri_text(record))


def article_graph(article_id: str) -> Term:
    return node(f"{KZ}graph/article/{article_id}")


def date(value: Date) -> Term:
    return typed(value.value, DATE_TYPES[value.precision])


def inside(term: Term) -> str:
    """The IRI of an IRI term, to derive the IRIs of its parts from."""
    return term[1:-1]


A = node(f"{RDF}type")
P = {
    name: node(iri)
    for name, iri in {
        "label": f"{RDFS}label",
        "prefLabel": f"{SKOS}prefLabel",
        "altLabel": f"{SKOS}altLabel",
        "note": f"{SKOS}note",
        "inScheme": f"{SKOS}inScheme",
        "definition": f"{SKOS}definition",
        "description": f"{SCHEMA}description",
        "derived": f"{PROV}wasDerivedFrom",
    }.items()
}


class Emitter:
    """Collects the N-Triples lines of one named graph; ``add`` skips absent values so callers
    stay flat. A predicate is given as a full IRI or as an IRI term already."""

    def __init__(self, graph: Term, graphs: dict[Term, list[str]]) -> None:
        self.sink = graphs.setdefault(graph, [])

    def add(self, subject: Term, predicate: str, obj: Term | None) -> None:
        if obj is not None:
            p = predicate if predicate[0] == "<" else f"<{predicate}>"
            self.sink.append(f"{subject} {p} {obj} .")

    def many(self, subject: Term, predicate: str, objects: Iterable[Term]) -> None:
        for obj in objects:
            self.add(subject, predicate, obj)

    def types(self, subject: Term, *classes: str | None) -> None:
        self.many(subject, A, (node(c) for c in classes if c))


def anchor(out: Emitter, annotation: Term, body: Term, found: Span, motivation: str) -> None:
    target, quote, position = (
        node(f"{inside(annotation)}/{part}") for part in ("target", "quote", "position")
    )
    out.types(annotation, f"{OA}Annotation")
    out.add(annotation, f"{OA}motivatedBy", node(f"{OA}{motivation}"))
    out.add(annotation, f"{OA}hasBody", body)
    out.add(annotation, f"{OA}hasTarget", target)
    if motivation == "describing":
        out.add(body, f"{KZO}anchor", annotation)
    out.types(target, f"{OA}SpecificResource")
    out.add(target, f"{OA}hasSource", node(f"{KZ}article/{found.article}"))
    out.add(target, f"{OA}hasSelector", quote)
    out.add(target, f"{OA}hasSelector", position)
    out.types(quote, f"{OA}TextQuoteSelector")
    out.add(quote, f"{OA}exact", plain(found.exact))
    out.add(quote, f"{OA}prefix", plain(found.prefix))
    out.add(quote, f"{OA}suffix", plain(found.suffix))
    out.types(position, f"{OA}TextPositionSelector")
    out.add(position, f"{OA}start", typed(found.start, "nonNegativeInteger"))
    out.add(position, f"{OA}end", typed(found.end, "nonNegativeInteger"))


def inferred(out: Emitter, s: Term, inferred: bool, note: str | None) -> None:
    if inferred:
        out.add(s, f"{KZO}dateInferred", typed(True, "boolean"))
        out.add(s, f"{KZO}dateNote", maybe(en, note))


def maybe(make, value):  # type: ignore[no-untyped-def]
    """``make(value)``, or ``None`` when there is no value: keeps optional fields one line each."""
    return None if value is None else make(value)
