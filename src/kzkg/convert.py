"""From a checked corpus to RDF quads, following docs/rdf-model.md row by row.

Each record becomes the standard-vocabulary triples of DESIGN.md's contract plus the ``kzo:``
terms on top. Quads carry a graph name, one per article and one for the registry, so that the
TriG output can replace one article's facts alone. No blank nodes are made: every node has an
IRI derived from curated ids and offsets, which keeps output stable. Terms are written as
N-Triples text (:mod:`kzkg.terms`) and quads as N-Quads lines: a million of them cost string
formatting, not a million objects in the RDF binding.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from kzkg.model import (
    CHANGE_TYPES,
    EVENT_TYPES,
    HEAD_ROLES,
    ORGANISATION_TYPES,
    PLACE_TYPES,
    Article,
    Change,
    Claim,
    Date,
    Event,
    Figure,
    Group,
    Membership,
    Organisation,
    Person,
    Place,
)
from kzkg.namespaces import FOAF, KZ, KZO, OA, ORG, PROV, RDF, RDFS, SCHEMA, SKOS, TIME
from kzkg.resolve import Corpus
from kzkg.terms import english as en
from kzkg.terms import iri as node
from kzkg.terms import plain, typed
from kzkg.text import Span
from kzkg.vocab import concepts

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
DATE_TYPES = {"year": "gYear", "month": "gYearMonth", "day": "date"}
TIME_PROPERTIES = {"year": "inXSDgYear", "month": "inXSDgYearMonth", "day": "inXSDDate"}


def iri_text(record: object) -> str:
    """The record's IRI, as text without angle brackets."""
    return f"{KZ}{PATHS[type(record)]}/{record.id}"  # type: ignore[attr-defined]


def iri_of(record: object) -> ox.NamedNode:
    return ox.NamedNode(iri_text(record))


def _ref(record: object) -> Term:
    return node(iri_text(record))


def article_graph(article_id: str) -> Term:
    return node(f"{KZ}graph/article/{article_id}")


def date(value: Date) -> Term:
    return typed(value.value, DATE_TYPES[value.precision])


def _inside(term: Term) -> str:
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


def convert(corpus: Corpus) -> list[ox.Quad]:
    """Every quad of the graph, in no particular order (serializers sort)."""
    lines = [f"{t[:-2]} {g} ." for g, triples in convert_graphs(corpus).items() for t in triples]
    return list(ox.parse("\n".join(lines), format=ox.RdfFormat.N_QUADS))


def convert_graphs(corpus: Corpus) -> dict[Term, list[str]]:
    """Each named graph (as an IRI term) → its triples as N-Triples lines, in no order."""
    quads: dict[Term, list[str]] = {}
    registry = Emitter(REGISTRY_GRAPH, quads)
    ref = {rid: _ref(record) for rid, record in corpus.records.items()}
    for entity in corpus.entities:
        _entity(registry, entity, ref)
    for membership in corpus.of_type(Membership):
        _membership(registry, membership, ref)
    for change in corpus.of_type(Change):
        _change(registry, change, ref)
    for record_id, spans in corpus.evidence.items():
        for found in spans:
            emitter = Emitter(article_graph(found.article), quads)
            _anchor(
                emitter,
                node(f"{_inside(ref[record_id])}/evidence/{found.article}/{found.start}"),
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
        _article(out, corpus, article_id, ref, mentions.get(article_id, []))
    for claim in corpus.of_type(Claim):
        _claim(Emitter(article_graph(claim.article), quads), claim, corpus.anchors[claim.id], ref)
    for figure in corpus.of_type(Figure):
        _figure(
            Emitter(article_graph(figure.article), quads), figure, corpus.anchors[figure.id], ref
        )
    _vocabulary(registry, corpus)
    return quads


def _entity(out: Emitter, entity: object, ref: dict[str, Term]) -> None:
    s = _ref(entity)
    out.add(s, P["label"], en(entity.label))  # type: ignore[attr-defined]
    out.add(s, P["prefLabel"], en(entity.label))  # type: ignore[attr-defined]
    out.many(s, P["altLabel"], (en(a) for a in entity.aliases))  # type: ignore[attr-defined]
    out.add(s, P["description"], _maybe(en, entity.description))  # type: ignore[attr-defined]
    out.add(s, P["note"], _maybe(en, entity.note))  # type: ignore[attr-defined]
    match entity:
        case Person():
            out.types(s, f"{KZO}Person", f"{SCHEMA}Person", f"{FOAF}Person")
            out.add(s, f"{FOAF}name", en(entity.label))
            out.many(s, f"{SCHEMA}jobTitle", (en(t) for t in entity.job_titles))
        case Organisation():
            kind = ORGANISATION_TYPES[entity.type]
            out.types(
                s,
                f"{KZO}Organisation",
                f"{SCHEMA}Organization",
                f"{ORG}Organization",
                kind and f"{KZO}{kind}",
            )
            out.add(s, f"{SCHEMA}foundingDate", _maybe(date, entity.founded))
            out.add(s, f"{SCHEMA}dissolutionDate", _maybe(date, entity.dissolved))
            out.add(s, f"{SCHEMA}location", ref.get(entity.location or ""))
            out.add(s, f"{ORG}subOrganizationOf", ref.get(entity.part_of or ""))
            _inferred(out, s, entity.date_inferred, entity.date_note)
        case Group():
            out.types(s, f"{KZO}Group", f"{FOAF}Group")
        case Place():
            kind = PLACE_TYPES[entity.type]
            out.types(s, f"{KZO}Place", f"{SCHEMA}Place", kind and f"{SCHEMA}{kind}")
            out.add(s, f"{SCHEMA}containedInPlace", ref.get(entity.contained_in or ""))
        case Event():
            kind = EVENT_TYPES[entity.type]
            out.types(s, f"{KZO}Event", f"{SCHEMA}Event", kind and f"{KZO}{kind}")
            out.add(s, f"{SCHEMA}startDate", _maybe(date, entity.start))
            out.add(s, f"{SCHEMA}endDate", _maybe(date, entity.end))
            out.add(s, f"{SCHEMA}location", ref.get(entity.location or ""))
            out.many(s, f"{SCHEMA}organizer", (ref[o] for o in entity.organizers))
            out.many(s, f"{SCHEMA}attendee", (ref[a] for a in entity.attendees))
            _inferred(out, s, entity.date_inferred, entity.date_note)


def _membership(out: Emitter, m: Membership, ref: dict[str, Term]) -> None:
    s, member, organisation = _ref(m), ref[m.member], ref[m.organization]
    out.types(s, f"{ORG}Membership")
    out.add(s, f"{ORG}member", member)
    out.add(s, f"{ORG}organization", organisation)
    out.add(s, f"{ORG}role", node(f"{KZ}role/{m.role}"))
    out.add(s, P["note"], _maybe(en, m.note))
    out.add(member, f"{ORG}memberOf", organisation)
    if m.role in HEAD_ROLES:
        out.add(member, f"{ORG}headOf", organisation)
    if m.start or m.end:
        during = node(f"{_inside(s)}/during")
        out.add(s, f"{ORG}memberDuring", during)
        out.types(during, f"{TIME}Interval")
        for name, value, link in (("start", m.start, "hasBeginning"), ("end", m.end, "hasEnd")):
            if value:
                instant = node(f"{_inside(during)}/{name}")
                out.add(during, f"{TIME}{link}", instant)
                out.types(instant, f"{TIME}Instant")
                out.add(instant, f"{TIME}{TIME_PROPERTIES[value.precision]}", date(value))
                out.add(s, f"{SCHEMA}{name}Date", date(value))
    _inferred(out, s, m.date_inferred, m.date_note)


def _change(out: Emitter, c: Change, ref: dict[str, Term]) -> None:
    s = _ref(c)
    out.types(s, f"{ORG}ChangeEvent", f"{KZO}OrganisationalChange", f"{KZO}{CHANGE_TYPES[c.type]}")
    for original in c.original:
        out.add(s, f"{ORG}originalOrganization", ref[original])
        out.add(ref[original], f"{ORG}changedBy", s)
    for resulting in c.resulting:
        out.add(s, f"{ORG}resultingOrganization", ref[resulting])
        out.add(ref[resulting], f"{ORG}resultedFrom", s)
    out.add(s, f"{SCHEMA}startDate", _maybe(date, c.date))
    out.add(s, P["description"], _maybe(en, c.description))
    out.add(s, P["note"], _maybe(en, c.note))
    _inferred(out, s, c.date_inferred, c.date_note)


def _article(
    out: Emitter,
    corpus: Corpus,
    article_id: str,
    ref: dict[str, Term],
    mentions: list[tuple[str, Span]],
) -> None:
    text = corpus.articles[article_id]
    a: Article = text.record
    s = ref[a.id]
    out.types(s, f"{KZO}SourceArticle", f"{SCHEMA}NewsArticle")
    out.add(s, f"{SCHEMA}identifier", plain(a.id))
    out.add(s, f"{SCHEMA}headline", en(a.headline))
    out.add(s, f"{SCHEMA}datePublished", date(a.published))
    out.add(s, f"{KZO}datePrinted", _maybe(plain, a.date_printed))
    out.many(s, f"{SCHEMA}author", (ref[x] for x in a.authors))
    out.add(s, f"{SCHEMA}publisher", ref[a.publisher])
    out.add(s, f"{SCHEMA}inLanguage", plain(a.language))
    out.add(s, f"{SCHEMA}genre", en(a.genre))
    out.add(s, P["description"], _maybe(en, a.description))
    out.add(s, f"{SCHEMA}articleBody", plain(text.text))
    out.add(s, f"{KZO}sha256", plain(text.sha256))
    out.add(s, f"{KZO}fileName", plain(text.path.name))
    out.add(s, f"{KZO}originalFileName", _maybe(plain, a.original_file))
    _inferred(out, s, a.date_inferred, a.date_note)
    for entity_id, found in mentions:
        entity = ref[entity_id]
        out.add(s, f"{SCHEMA}mentions", entity)
        out.add(entity, P["derived"], s)
        _anchor(
            out,
            node(f"{_inside(s)}/mention/{found.start}-{found.end}"),
            entity,
            found,
            "identifying",
        )


def _claim(out: Emitter, c: Claim, found: Span, ref: dict[str, Term]) -> None:
    s, article = _ref(c), ref[c.article]
    out.types(s, f"{KZO}Claim", f"{SCHEMA}Claim")
    out.add(s, f"{SCHEMA}author", ref[c.speaker])
    out.many(s, f"{SCHEMA}about", (ref[x] for x in c.about))
    out.add(s, f"{SCHEMA}text", plain(c.quote))
    out.add(s, P["description"], en(c.paraphrase))
    out.add(s, f"{SCHEMA}appearance", article)
    out.add(s, P["derived"], article)
    out.add(s, f"{KZO}stance", node(f"{KZ}stance/{c.stance}"))
    out.add(s, f"{SCHEMA}dateCreated", _maybe(date, c.date))
    _inferred(out, s, c.date_inferred, c.date_note)
    out.add(s, P["note"], _maybe(en, c.note))
    for position, relayer in enumerate(c.relayed_by, start=1):
        step = node(f"{_inside(s)}/relay/{position}")
        out.add(s, f"{KZO}reportedBy", ref[relayer])
        out.add(s, f"{KZO}relayStep", step)
        out.types(step, f"{KZO}RelayStep")
        out.add(step, f"{KZO}position", typed(position, "integer"))
        out.add(step, f"{KZO}relayer", ref[relayer])
    for other in c.contradicts:
        out.add(s, f"{KZO}contradicts", ref[other])
        out.add(ref[other], f"{KZO}contradicts", s)
    out.many(s, f"{KZO}supports", (ref[x] for x in c.supports))
    _anchor(out, node(f"{_inside(s)}/anchor"), s, found, "describing")


def _figure(out: Emitter, f: Figure, found: Span, ref: dict[str, Term]) -> None:
    s, article = _ref(f), ref[f.article]
    out.types(s, f"{KZO}Figure", f"{SCHEMA}QuantitativeValue")
    is_integer = isinstance(f.value, int) or float(f.value).is_integer()
    value = typed(int(f.value), "integer") if is_integer else typed(repr(float(f.value)), "decimal")
    out.add(s, f"{SCHEMA}value", value)
    out.add(s, f"{SCHEMA}unitText", plain(f.unit))
    out.add(s, f"{KZO}counts", en(f.counts))
    out.add(s, f"{KZO}approximate", typed(f.approximate, "boolean"))
    out.many(s, f"{SCHEMA}about", (ref[x] for x in f.about))
    out.add(s, f"{KZO}statedBy", ref.get(f.stated_by or ""))
    out.add(s, f"{SCHEMA}text", plain(f.quote))
    out.add(s, P["derived"], article)
    out.add(s, P["note"], _maybe(en, f.note))
    _anchor(out, node(f"{_inside(s)}/anchor"), s, found, "describing")


def _anchor(out: Emitter, annotation: Term, body: Term, found: Span, motivation: str) -> None:
    target, quote, position = (
        node(f"{_inside(annotation)}/{part}") for part in ("target", "quote", "position")
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


def _vocabulary(out: Emitter, corpus: Corpus) -> None:
    """Labels of the stances and roles the data uses, so queries need not load the ontology."""
    used = {("stance", c.stance) for c in corpus.of_type(Claim)} | {
        ("role", m.role) for m in corpus.of_type(Membership)
    }
    for scheme, name in sorted(used):
        concept = concepts(scheme)[name]
        s = node(f"{KZ}{scheme}/{name}")
        out.types(s, f"{SKOS}Concept", f"{ORG}Role" if scheme == "role" else None)
        out.add(s, P["inScheme"], node(f"{KZ}{scheme}"))
        out.add(s, P["prefLabel"], en(concept.label))
        out.add(s, P["label"], en(concept.label))
        out.add(s, P["definition"], _maybe(en, concept.definition or None))
    for scheme in sorted({scheme for scheme, _ in used}):
        s = node(f"{KZ}{scheme}")
        out.types(s, f"{SKOS}ConceptScheme")
        out.add(s, P["label"], en(f"kzkg {scheme}s"))


def _inferred(out: Emitter, s: Term, inferred: bool, note: str | None) -> None:
    if inferred:
        out.add(s, f"{KZO}dateInferred", typed(True, "boolean"))
        out.add(s, f"{KZO}dateNote", _maybe(en, note))


def _maybe(make, value):  # type: ignore[no-untyped-def]
    """``make(value)``, or ``None`` when there is no value: keeps optional fields one line each."""
    return None if value is None else make(value)


def triples(quads: Iterable[ox.Quad]) -> Iterator[ox.Triple]:
    """The default-graph view: each distinct triple once."""
    seen: set[ox.Triple] = set()
    for quad in quads:
        if quad.triple not in seen:
            seen.add(quad.triple)
            yield quad.triple
