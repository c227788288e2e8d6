"""An article's graph: the article with its mentions, its claims and its figures."""

from __future__ import annotations

from kzkg.convert.curation import curator_knowledge_triples
from kzkg.convert.emit import CURATORS, Emitter, P, anchor, date, inferred, inside, maybe, ref_of
from kzkg.load import LINK_KINDS, Article, Claim, Corpus, Figure, Span
from kzkg.rdf import KZO, PROV, SCHEMA, Text, english, iri, mint, plain, typed

# The relations that hold both ways; the graph states them in both directions.
SYMMETRIC_LINKS = frozenset({"contradicts", "opposes"})
# The class of the relation node of each relation term (AIF calls it an S-node's scheme).
LINK_CLASSES = {
    "contradicts": "Contradiction",
    "opposes": "Opposition",
    "supports": "Support",
    "supersededBy": "Supersession",
}


def article_triples(
    out: Emitter,
    corpus: Corpus,
    article_id: str,
    ref: dict[str, Text],
    mentions: list[tuple[str, Span]],
) -> None:
    text = corpus.articles[article_id]
    a: Article = text.record
    s = ref[a.id]
    out.types(s, f"{KZO}SourceArticle", f"{SCHEMA}NewsArticle")
    out.add(s, f"{SCHEMA}identifier", plain(a.id))
    out.add(s, f"{SCHEMA}headline", english(a.headline))
    out.add(s, f"{SCHEMA}datePublished", date(a.published))
    out.add(s, f"{KZO}datePrinted", maybe(plain, a.date_printed))
    out.add(s, f"{SCHEMA}dateline", maybe(plain, a.dateline))
    out.add(s, f"{SCHEMA}locationCreated", ref.get(a.location_created or ""))
    if a.id in corpus.anchors:  # the dateline, anchored like any quote
        anchor(out, iri(f"{inside(s)}/dateline"), s, corpus.anchors[a.id], "describing")
    out.many(s, f"{SCHEMA}author", (ref[x] for x in a.authors))
    out.add(s, f"{SCHEMA}publisher", ref[a.publisher])
    out.add(s, f"{SCHEMA}inLanguage", plain(a.language))
    out.add(s, f"{SCHEMA}genre", english(a.genre))
    out.add(s, P["description"], maybe(english, a.description))
    out.add(s, f"{SCHEMA}articleBody", plain(text.text))
    out.add(s, f"{KZO}sha256", plain(text.sha256))
    out.add(s, f"{KZO}fileName", plain(text.path.name))
    out.add(s, f"{KZO}originalFileName", maybe(plain, a.original_file))
    inferred(out, s, a.date_inferred, a.date_note)
    curator_knowledge_triples(out, a, s)
    for entity_id, found in mentions:
        entity = ref[entity_id]
        out.add(s, f"{SCHEMA}mentions", entity)
        out.add(entity, P["derived"], s)
        anchor(
            out,
            iri(f"{inside(s)}/mention/{found.start}-{found.end}"),
            entity,
            found,
            "identifying",
        )


def claim_triples(out: Emitter, c: Claim, found: Span, ref: dict[str, Text]) -> None:
    s, article = ref_of(c), ref[c.article]
    out.types(s, f"{KZO}Claim", f"{SCHEMA}Claim")
    out.add(s, f"{SCHEMA}author", ref[c.speaker])
    out.many(s, f"{SCHEMA}about", (ref[x] for x in c.about))
    out.add(s, f"{SCHEMA}text", plain(c.quote))
    out.add(s, P["description"], english(c.paraphrase))
    out.add(s, f"{SCHEMA}appearance", article)
    out.add(s, P["derived"], article)
    out.add(s, f"{KZO}stance", iri(mint("stance", c.stance)))
    out.add(s, f"{SCHEMA}dateCreated", maybe(date, c.date))
    inferred(out, s, c.date_inferred, c.date_note)
    out.add(s, P["note"], maybe(english, c.note))
    for position, relayer in enumerate(c.relayed_by, start=1):
        step = iri(f"{inside(s)}/relay/{position}")
        out.add(s, f"{KZO}reportedBy", ref[relayer])
        out.add(s, f"{KZO}relayStep", step)
        out.types(step, f"{KZO}RelayStep")
        out.add(step, f"{KZO}position", typed(position, "integer"))
        out.add(step, f"{KZO}relayer", ref[relayer])
    link_triples(out, c, ref)
    anchor(out, iri(f"{inside(s)}/anchor"), s, found, "describing")


def link_triples(out: Emitter, c: Claim, ref: dict[str, Text]) -> None:
    """Each relation to another claim: the direct triple (both ways for the symmetric kinds) for
    short queries, and a relation node carrying the curator's reason, since a triple alone
    cannot say why two claims are linked."""
    s = ref_of(c)
    for key, term in LINK_KINDS.items():
        for link in getattr(c, key):
            other = ref[link.claim]
            out.add(s, f"{KZO}{term}", other)
            if term in SYMMETRIC_LINKS:
                out.add(other, f"{KZO}{term}", s)
            relation = iri(f"{inside(s)}/{term}/{link.claim}")
            out.types(relation, f"{KZO}ClaimRelation", f"{KZO}{LINK_CLASSES[term]}")
            out.add(relation, f"{KZO}fromClaim", s)
            out.add(relation, f"{KZO}toClaim", other)
            out.add(relation, f"{KZO}reason", english(link.reason))
            out.add(relation, f"{PROV}wasAttributedTo", CURATORS)


def figure_triples(out: Emitter, f: Figure, found: Span, ref: dict[str, Text]) -> None:
    s, article = ref_of(f), ref[f.article]
    out.types(s, f"{KZO}Figure", f"{SCHEMA}QuantitativeValue")
    is_integer = isinstance(f.value, int) or float(f.value).is_integer()
    value = typed(int(f.value), "integer") if is_integer else typed(repr(float(f.value)), "decimal")
    out.add(s, f"{SCHEMA}value", value)
    out.add(s, f"{SCHEMA}unitText", plain(f.unit))
    out.add(s, f"{KZO}counts", english(f.counts))
    out.add(s, f"{KZO}approximate", typed(f.approximate, "boolean"))
    out.many(s, f"{SCHEMA}about", (ref[x] for x in f.about))
    out.add(s, f"{KZO}statedBy", ref.get(f.stated_by or ""))
    out.add(s, f"{SCHEMA}text", plain(f.quote))
    out.add(s, P["derived"], article)
    out.add(s, P["note"], maybe(english, f.note))
    anchor(out, iri(f"{inside(s)}/anchor"), s, found, "describing")
