"""Read everything the site shows out of a pyoxigraph store, with SPARQL, into ``model`` records.

The store is the only input: the pages never learn which files the triples came from. Each kind
of node is read with one query (every triple of every node of a class), grouped in Python, so
adding a field to a page is a dictionary look-up rather than a new query.
"""

from __future__ import annotations

import pyoxigraph as ox

from kzkg.rdf import KZO, ORG, PROV, RDF, RDFS, SCHEMA, SKOS
from kzkg.runtime import KzkgError
from kzkg.site.anchors import read_anchors
from kzkg.site.model import (
    KINDS,
    Article,
    Claim,
    ClaimRelation,
    DateLiteral,
    Entity,
    Membership,
    Ref,
    Site,
    make_ref,
)
from kzkg.site.triples import Props, date_of, describe, iris, text, texts, type_label

CLASSES = {
    "person": KZO + "Person",
    "org": KZO + "Organisation",
    "group": KZO + "Group",
    "place": KZO + "Place",
    "event": KZO + "Event",
}
# Classes every member of a kind has, so they say nothing on its page.
GENERIC = {KZO + n for n in ("Person", "Organisation", "Group", "Place", "Event", "Agent")}
# The class of each claim relation node → the YAML key that names its kind.
RELATION_KINDS = {
    KZO + "Contradiction": "contradicts",
    KZO + "Opposition": "opposes",
    KZO + "Support": "supports",
    KZO + "Supersession": "superseded_by",
}
# Entity facts shown on its page: (predicate, label), in page order.
FACTS = {
    "org": [
        (SCHEMA + "foundingDate", "founded"),
        (SCHEMA + "dissolutionDate", "dissolved"),
        (SCHEMA + "location", "based in"),
        (ORG + "subOrganizationOf", "part of"),
    ],
    "place": [(SCHEMA + "containedInPlace", "in")],
    "event": [
        (SCHEMA + "location", "place"),
        (SCHEMA + "organizer", "organised by"),
        (SCHEMA + "attendee", "attended by"),
    ],
}


class _Reader:
    """Holds the store and the label index while the records are built."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.labels: dict[str, str] = {}
        query = (
            f"SELECT ?s ?p ?l WHERE {{ VALUES ?p {{ <{RDFS}label> <{SKOS}prefLabel> }} ?s ?p ?l }}"
        )
        for s, p, label in sorted(store.query(query), key=lambda r: (r[1].value, r[2].value)):
            if p.value == RDFS + "label" or s.value not in self.labels:
                self.labels.setdefault(s.value, label.value)

    def ref(self, iri: str) -> Ref:
        return make_ref(self.labels, iri)

    def refs(self, props: Props, predicate: str) -> list[Ref]:
        return sorted((self.ref(i) for i in iris(props, predicate)), key=lambda r: r.label)

    def entities(self) -> dict[str, Entity]:
        found: dict[str, Entity] = {}
        for kind, cls in CLASSES.items():
            for iri, props in describe(self.store, cls).items():
                types = [t for t in iris(props, RDF + "type") if t not in GENERIC]
                types = [t for t in types if t.startswith(KZO) or kind == "place"]
                entity = Entity(
                    ref=self.ref(iri),
                    kind=kind,
                    types=sorted({type_label(t) for t in types if not t.endswith("/Place")}),
                    description=text(props, SCHEMA + "description"),
                    titles=texts(props, SCHEMA + "jobTitle"),
                    notes=texts(props, SKOS + "note"),
                    aliases=texts(props, SKOS + "altLabel"),
                    articles=iris(props, PROV + "wasDerivedFrom"),
                    start=date_of(props, SCHEMA + "startDate"),
                    end=date_of(props, SCHEMA + "endDate"),
                    inferred=text(props, KZO + "dateInferred") == "true",
                    date_note=text(props, KZO + "dateNote"),
                )
                for predicate, label in FACTS.get(kind, []):
                    values: list[Ref | DateLiteral | str] = [*self.refs(props, predicate)]
                    values += [d for d in [date_of(props, predicate)] if d]
                    if values:
                        entity.facts.append((label, values))
                found[iri] = entity
        for iri, props in describe(self.store, ORG + "ChangeEvent").items():
            when = date_of(props, SCHEMA + "startDate")
            summary = text(props, SCHEMA + "description") or self.ref(iri).label
            line = f"{when.label()}: {summary}" if when else summary
            for predicate, label in [
                (ORG + "originalOrganization", "changed"),
                (ORG + "resultingOrganization", "resulted from a change"),
            ]:
                for org in iris(props, predicate):
                    if org in found:
                        found[org].facts.append((label, [line]))
        return found

    def claims(self, articles: dict[str, Article]) -> dict[str, Claim]:
        steps = describe(self.store, KZO + "RelayStep")
        found: dict[str, Claim] = {}
        for iri, props in describe(self.store, SCHEMA + "Claim").items():
            relay = sorted(
                (int(text(steps.get(step, {}), KZO + "position") or 0), step)
                for step in iris(props, KZO + "relayStep")
            )
            relayers = [
                self.ref(r) for _, s in relay for r in iris(steps.get(s, {}), KZO + "relayer")
            ]
            article = iris(props, SCHEMA + "appearance")
            published = (
                articles[article[0]].published if article[0:1] and article[0] in articles else None
            )
            stance = iris(props, KZO + "stance")
            found[iri] = Claim(
                ref=self.ref(iri),
                speaker=self.ref((iris(props, SCHEMA + "author") or [iri])[0]),
                about=self.refs(props, SCHEMA + "about"),
                text=text(props, SCHEMA + "text"),
                paraphrase=text(props, SCHEMA + "description"),
                stance=self.ref(stance[0]).label if stance else "",
                article=article[0] if article else "",
                date=date_of(props, SCHEMA + "dateCreated") or published,
                inferred=text(props, KZO + "dateInferred") == "true",
                date_note=text(props, KZO + "dateNote"),
                relayers=relayers or self.refs(props, KZO + "reportedBy"),
                contradicts=iris(props, KZO + "contradicts"),
                supports=iris(props, KZO + "supports"),
            )
        return found

    def memberships(self) -> list[Membership]:
        found = []
        for iri, props in describe(self.store, ORG + "Membership").items():
            role = iris(props, ORG + "role")
            found.append(
                Membership(
                    ref=self.ref(iri),
                    member=self.ref(iris(props, ORG + "member")[0]),
                    organisation=self.ref(iris(props, ORG + "organization")[0]),
                    role=self.ref(role[0]).label if role else "member",
                    start=date_of(props, SCHEMA + "startDate"),
                    end=date_of(props, SCHEMA + "endDate"),
                    inferred=text(props, KZO + "dateInferred") == "true",
                    note=text(props, KZO + "dateNote"),
                    articles=iris(props, PROV + "wasDerivedFrom"),
                )
            )
        return found

    def articles(self) -> dict[str, Article]:
        found = {}
        for iri, props in describe(self.store, SCHEMA + "NewsArticle").items():
            publisher = iris(props, SCHEMA + "publisher")
            self.labels.setdefault(iri, text(props, SCHEMA + "headline"))
            found[iri] = Article(
                ref=self.ref(iri),
                headline=text(props, SCHEMA + "headline"),
                published=date_of(props, SCHEMA + "datePublished"),
                authors=self.refs(props, SCHEMA + "author"),
                publisher=self.ref(publisher[0]) if publisher else None,
                genre=text(props, SCHEMA + "genre"),
                description=text(props, SCHEMA + "description"),
                language=text(props, SCHEMA + "inLanguage") or "en",
                body=text(props, SCHEMA + "articleBody"),
            )
        return found

    def figures(self) -> dict[str, str]:
        found = {}
        for iri, props in describe(self.store, KZO + "Figure").items():
            about = "about " if text(props, KZO + "approximate") == "true" else ""
            value = f"{about}{text(props, SCHEMA + 'value')} {text(props, SCHEMA + 'unitText')}"
            found[iri] = f"{value.strip()}: {text(props, KZO + 'counts')}"
        return found

    def relations(self) -> list[ClaimRelation]:
        found = []
        for props in describe(self.store, KZO + "ClaimRelation").values():
            kinds = [RELATION_KINDS[t] for t in iris(props, RDF + "type") if t in RELATION_KINDS]
            source, target = iris(props, KZO + "fromClaim"), iris(props, KZO + "toClaim")
            if kinds and source and target:
                reason = text(props, KZO + "reason")
                found.append(ClaimRelation(kinds[0], source[0], target[0], reason))
        return sorted(found, key=lambda r: (r.kind, r.source, r.target))


def gather(store: ox.Store) -> Site:
    """Read the whole site's content out of ``store``; KzkgError if the graph is not a kzkg graph."""
    reader = _Reader(store)
    articles = reader.articles()
    site = Site(
        entities=reader.entities(),
        articles=articles,
        claims=reader.claims(articles),
        memberships=reader.memberships(),
        anchors=[],
        figures=reader.figures(),
        sub_organisations=[],
        labels=reader.labels,
        relations=reader.relations(),
    )
    if not site.articles:
        raise KzkgError(
            "the graph holds no schema:NewsArticle — is it a kzkg graph? run `kzkg build`"
        )
    site.anchors = read_anchors(store, site)
    site.sub_organisations = sorted(
        (
            (entity.ref, value)
            for entity in site.entities.values()
            for label, values in entity.facts
            if label == "part of"
            for value in values
            if isinstance(value, Ref)
        ),
        key=lambda pair: (pair[0].label, pair[1].label),
    )
    return site


__all__ = ["KINDS", "gather"]
