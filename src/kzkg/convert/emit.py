"""The converter's building blocks: record IRIs, N-Triples terms and the emitter of one graph.

Terms are written as N-Triples text (:mod:`kzkg.rdf.terms`) and triples as N-Triples lines: a
million of them cost string formatting, not a million objects in the RDF binding.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kzkg.load import (
    KINDS,
    Span,
)
from kzkg.rdf import (
    GRAPH,
    KZ,
    KZO,
    OA,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SKOS,
    Date,
    Text,
    english,
    iri,
    mint,
    plain,
    typed,
)

REGISTRY_GRAPH = iri(f"{GRAPH}registry")
# The curators of the graph: the agent every curator judgement (a claim relation, a fact from
# outside the articles) is attributed to, so that a query can keep such facts apart.
CURATORS = iri(f"{KZ}agent/curators")


def iri_text(record: object) -> str:
    """The record's IRI, as text without angle brackets."""
    return mint(KINDS[type(record)], record.id)  # type: ignore[attr-defined]


def iri_of(record: object) -> ox.NamedNode:
    return ox.NamedNode(iri_text(record))


def ref_of(record: object) -> Text:
    return iri(iri_text(record))


def article_graph(article_id: str) -> Text:
    return iri(f"{GRAPH}article/{article_id}")


def date(value: Date) -> Text:
    return typed(value.value, value.datatype)


def inside(term: Text) -> str:
    """The IRI of an IRI term, to derive the IRIs of its parts from."""
    return term[1:-1]


A = iri(f"{RDF}type")
P = {
    name: iri(value)
    for name, value in {
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

    def __init__(self, graph: Text, graphs: dict[Text, list[str]]) -> None:
        self.sink = graphs.setdefault(graph, [])

    def add(self, subject: Text, predicate: str, obj: Text | None) -> None:
        if obj is not None:
            p = predicate if predicate[0] == "<" else f"<{predicate}>"
            self.sink.append(f"{subject} {p} {obj} .")

    def many(self, subject: Text, predicate: str, objects: Iterable[Text]) -> None:
        for obj in objects:
            self.add(subject, predicate, obj)

    def types(self, subject: Text, *classes: str | None) -> None:
        self.many(subject, A, (iri(c) for c in classes if c))


def anchor(out: Emitter, annotation: Text, body: Text, found: Span, motivation: str) -> None:
    target, quote, position = (
        iri(f"{inside(annotation)}/{part}") for part in ("target", "quote", "position")
    )
    out.types(annotation, f"{OA}Annotation")
    out.add(annotation, f"{OA}motivatedBy", iri(f"{OA}{motivation}"))
    out.add(annotation, f"{OA}hasBody", body)
    out.add(annotation, f"{OA}hasTarget", target)
    if motivation == "describing":
        out.add(body, f"{KZO}anchor", annotation)
    out.types(target, f"{OA}SpecificResource")
    out.add(target, f"{OA}hasSource", iri(mint("article", found.article)))
    out.add(target, f"{OA}hasSelector", quote)
    out.add(target, f"{OA}hasSelector", position)
    out.types(quote, f"{OA}TextQuoteSelector")
    out.add(quote, f"{OA}exact", plain(found.exact))
    out.add(quote, f"{OA}prefix", plain(found.prefix))
    out.add(quote, f"{OA}suffix", plain(found.suffix))
    out.types(position, f"{OA}TextPositionSelector")
    out.add(position, f"{OA}start", typed(found.start, "nonNegativeInteger"))
    out.add(position, f"{OA}end", typed(found.end, "nonNegativeInteger"))


def inferred(out: Emitter, s: Text, inferred: bool, note: str | None) -> None:
    if inferred:
        out.add(s, f"{KZO}dateInferred", typed(True, "boolean"))
        out.add(s, f"{KZO}dateNote", maybe(english, note))


def maybe(make, value):  # type: ignore[no-untyped-def]
    """``make(value)``, or ``None`` when there is no value: keeps optional fields one line each."""
    return None if value is None else make(value)
