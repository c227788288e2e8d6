"""The converter honours the standard-vocabulary contract of DESIGN.md, row by row."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kzkg.convert.graphs import triples
from kzkg.rdf.namespaces import PREFIXES
from kzkg.stores.embedded import load_triples, open_store

HEADER = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


@pytest.fixture(scope="module")
def store(minimal_build) -> ox.Store:
    return load_triples(open_store(), triples(minimal_build.quads))


def ask(store: ox.Store, where: str) -> bool:
    return bool(store.query(HEADER + f"ASK {{ {where} }}"))


def values(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return sorted(tuple(t.value for t in row) for row in store.query(HEADER + query))


@pytest.mark.parametrize(
    ("row", "pattern"),
    [
        ("person types", "kz:person\\/amirzhan-kosanov a schema:Person, foaf:Person, kzo:Person"),
        ("job title", 'kz:person\\/amirzhan-kosanov schema:jobTitle "opposition politician"@en'),
        (
            "organisation types",
            "kz:org\\/nur-otan a schema:Organization, org:Organization, kzo:PoliticalParty",
        ),
        (
            "place",
            "kz:place\\/almaty a schema:Place, schema:City; schema:containedInPlace kz:place\\/kazakhstan",
        ),
        (
            "event date typed as precise as stated",
            'kz:event\\/kosanov-almaty-statement-2014 schema:startDate "2014-03-03"^^xsd:date',
        ),
        (
            "article",
            'kz:article\\/short-note a schema:NewsArticle; schema:headline ?h; schema:datePublished "2014-03-03"^^xsd:date; schema:author kz:person\\/test-author; schema:publisher kz:org\\/kazakh-politics-weekly; schema:inLanguage "en"; kzo:sha256 ?sha',
        ),
        (
            "article mentions",
            "kz:article\\/short-note schema:mentions kz:person\\/murat-abenov, kz:place\\/almaty",
        ),
        (
            "claim",
            "kz:claim\\/abenov-submarine a schema:Claim; schema:author kz:person\\/murat-abenov; schema:about kz:org\\/kremlin; schema:text ?t; schema:description ?d; schema:appearance kz:article\\/short-note; prov:wasDerivedFrom kz:article\\/short-note; kzo:stance kz:stance\\/criticises; kzo:reportedBy kz:person\\/test-author",
        ),
        (
            "contradiction written both ways",
            "kz:claim\\/abenov-submarine kzo:contradicts kz:claim\\/kosanov-kremlin-plans-drafted . kz:claim\\/kosanov-kremlin-plans-drafted kzo:contradicts kz:claim\\/abenov-submarine",
        ),
        (
            "claim relation with its reason",
            "kz:claim\\/abenov-submarine\\/contradicts\\/kosanov-kremlin-plans-drafted a kzo:ClaimRelation, kzo:Contradiction; kzo:fromClaim kz:claim\\/abenov-submarine; kzo:toClaim kz:claim\\/kosanov-kremlin-plans-drafted; kzo:reason ?r; prov:wasAttributedTo kz:agent\\/curators",
        ),
        (
            "dateline anchored",
            "kz:article\\/short-note schema:dateline ?d; kzo:anchor ?a . ?a oa:hasBody kz:article\\/short-note; oa:hasTarget/oa:hasSelector/oa:exact ?d",
        ),
        (
            "curator knowledge marked",
            'kz:article\\/short-note kzo:curatorKnowledge ?m . ?m a kzo:CuratorKnowledge; kzo:field "authors"; kzo:markedProperty "https://schema.org/author"^^xsd:anyURI; kzo:basis ?b; prov:wasAttributedTo kz:agent\\/curators',
        ),
        (
            "stance concept labelled",
            "kz:stance\\/criticises a skos:Concept; skos:prefLabel ?l; skos:inScheme kz:stance",
        ),
        (
            "membership",
            'kz:membership\\/murat-abenov-nur-otan-member a org:Membership; org:member kz:person\\/murat-abenov; org:organization kz:org\\/nur-otan; org:role kz:role\\/member; org:memberDuring ?d . ?d time:hasBeginning/time:inXSDgYear "2014"^^xsd:gYear',
        ),
        ("memberOf shortcut", "kz:person\\/murat-abenov org:memberOf kz:org\\/nur-otan"),
        (
            "event evidence",
            "kz:event\\/kosanov-almaty-statement-2014 prov:wasDerivedFrom kz:article\\/short-note",
        ),
        (
            "figure",
            "kz:figure\\/short-note-day a schema:QuantitativeValue; schema:value 3; schema:unitText ?u; prov:wasDerivedFrom kz:article\\/short-note",
        ),
        (
            "claim anchor",
            "?a a oa:Annotation; oa:hasBody kz:claim\\/abenov-submarine; oa:hasTarget ?t . ?t oa:hasSource kz:article\\/short-note; oa:hasSelector ?q, ?p . ?q a oa:TextQuoteSelector; oa:exact ?e; oa:prefix ?pre; oa:suffix ?suf . ?p a oa:TextPositionSelector; oa:start ?s; oa:end ?end",
        ),
        (
            "spellings kept",
            'kz:person\\/amirzhan-kosanov rdfs:label "Amirzhan Kosanov"@en; skos:altLabel "Amirjan Kosanov"@en, "Kosanov"@en',
        ),
    ],
)
def test_contract_row(store, row, pattern):
    assert ask(store, pattern), f"contract row missing: {row}"


def test_every_entity_has_exactly_one_label(store):
    rows = values(
        store,
        "SELECT ?s (COUNT(?l) AS ?n) WHERE { ?s skos:prefLabel ?x . ?s rdfs:label ?l } GROUP BY ?s HAVING (COUNT(?l) != 1)",
    )
    assert rows == [], f"entities with other than one label: {rows}"


def test_anchor_offsets_select_the_quote(store):
    rows = values(
        store,
        """SELECT ?exact ?cut WHERE { ?t oa:hasSource ?a; oa:hasSelector ?q, ?p . ?q oa:exact ?exact .
        ?p oa:start ?s; oa:end ?e . ?a schema:articleBody ?body BIND(SUBSTR(?body, ?s + 1, ?e - ?s) AS ?cut) }""",
    )
    assert rows and all(exact == cut for exact, cut in rows), [r for r in rows if r[0] != r[1]]


def test_mentions_record_each_spelling_used(store):
    spellings = values(
        store,
        "SELECT ?exact WHERE { ?a oa:hasBody kz:person\\/amirzhan-kosanov; oa:motivatedBy oa:identifying; oa:hasTarget/oa:hasSelector/oa:exact ?exact }",
    )
    assert spellings == [("Amirjan Kosanov",), ("Kosanov",)]


def test_no_blank_nodes(minimal_build):
    blank = [
        q
        for q in minimal_build.quads
        if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)
    ]
    assert blank == [], "every node has an IRI"
