"""From a checked corpus to RDF quads, following docs/rdf-model.md row by row.

Each record becomes the standard-vocabulary triples of DESIGN.md's contract plus the ``kzo:``
terms on top. Quads carry a graph name, one per article and one for the registry, so that the
TriG output can replace one article's facts alone. No blank nodes are made: every node has an
IRI derived from curated ids and offsets, which keeps output stable. The building blocks are
in :mod:`kzkg.convert.emit`; the registry's records in :mod:`kzkg.convert.registry`; each article's in
:mod:`kzkg.convert.articles`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kzkg.convert.articles import article_triples, claim_triples, figure_triples
from kzkg.convert.emit import (
    REGISTRY_GRAPH,
    Emitter,
    P,
    anchor,
    article_graph,
    inside,
    iri_of,
    ref_of,
)
from kzkg.convert.registry import (
    change_triples,
    entity_triples,
    membership_triples,
    vocabulary_triples,
)
from kzkg.load import Change, Claim, Corpus, Figure, Membership, Span
from kzkg.rdf import Text, iri

__all__ = ["convert_graphs", "iri_of", "triples"]


def convert_graphs(corpus: Corpus) -> dict[Text, list[str]]:
    """Each named graph (as an IRI term) → its triples as N-Triples lines, in no order."""
    quads: dict[Text, list[str]] = {}
    ref = {rid: ref_of(record) for rid, record in corpus.records.items()}
    _registry_graph(Emitter(REGISTRY_GRAPH, quads), corpus, ref)
    for record_id, spans in corpus.evidence.items():
        for found in spans:
            emitter = Emitter(article_graph(found.article), quads)
            anchor(
                emitter,
                iri(f"{inside(ref[record_id])}/evidence/{found.article}/{found.start}"),
                ref[record_id],
                found,
                "describing",
            )
            emitter.add(ref[record_id], P["derived"], ref[found.article])
    mentions: dict[str, list[tuple[str, Span]]] = {}
    for entity_id, found in corpus.mentions:
        mentions.setdefault(found.article, []).append((entity_id, found))
    for article in corpus.articles.values():
        article_id = article.record.id
        out = Emitter(article_graph(article_id), quads)
        article_triples(out, corpus, article_id, ref, mentions.get(article_id, []))
    for claim in corpus.of_type(Claim):
        claim_triples(
            Emitter(article_graph(claim.article), quads), claim, corpus.anchors[claim.id], ref
        )
    for figure in corpus.of_type(Figure):
        figure_triples(
            Emitter(article_graph(figure.article), quads), figure, corpus.anchors[figure.id], ref
        )
    return quads


def _registry_graph(registry: Emitter, corpus: Corpus, ref: dict[str, Text]) -> None:
    for entity in corpus.entities:
        entity_triples(registry, entity, ref)
    for membership in corpus.of_type(Membership):
        membership_triples(registry, membership, ref)
    for change in corpus.of_type(Change):
        change_triples(registry, change, ref)
    vocabulary_triples(registry, corpus)


def triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The default-graph view: each distinct triple once."""
    seen: set[ox.Triple] = set()
    for quad in quads:
        if quad.triple not in seen:
            seen.add(quad.triple)
            yield quad.triple
