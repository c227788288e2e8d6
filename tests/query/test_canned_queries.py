"""Every canned query, run on the hand-made fixture graph, gives the answer written out here.

The fixture (tests/data/queries/fixture.ttl, made by make_fixture.py beside it) is shaped as
docs/rdf-model.md describes: two articles, a person spelled four ways, a renaming, contradictions,
relay chains, figures, and dates of year, month and day precision. Each quality check
(*-violation) must find nothing on it, and must find the fault in a deliberately broken copy.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from paths import ROOT

from kzkg.query.catalogue import ResultTable, load_catalogue, run

FIXTURE = ROOT / "tests" / "data" / "queries" / "fixture.ttl"
CATALOGUE = load_catalogue(ROOT / "queries")
IWPR = "kz:article/2014-03-iwpr-russian-embrace"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
GOBLE = "kz:article/2021-05-goble-internationalist-parties"
PREFIXES = """
PREFIX kz: <https://w3id.org/kzkg/id/>
PREFIX kzo: <https://w3id.org/kzkg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <https://schema.org/>
"""


def iri(curie: str) -> str:
    """The SPARQL form of a kz: name: its local part holds '/', which a prefixed name may not."""
    return f"<https://w3id.org/kzkg/id/{curie.removeprefix('kz:')}>"


def load() -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    return store


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load()


def altered(update: str) -> ox.Store:
    """A fresh copy of the fixture with one SPARQL update applied."""
    copy = load()
    copy.update(PREFIXES + update)
    return copy


def table(store: ox.Store, name: str, /, **values: str) -> ResultTable:
    return run(CATALOGUE[name], store, values)


def records(store: ox.Store, name: str, /, **values: str) -> list[dict[str, str | None]]:
    result = table(store, name, **values)
    return [dict(zip(result.columns, row, strict=True)) for row in result.rows]


def column(store: ox.Store, name: str, key: str, /, **values: str) -> list[str | None]:
    return [row[key] for row in records(store, name, **values)]


def columns(store: ox.Store, name: str, keys: str, /) -> list[tuple[str | None, ...]]:
    """The rows of a canned query cut down to ``keys`` (space-separated), in the query's order."""
    return [tuple(row[key] for key in keys.split()) for row in records(store, name)]


# --- the catalogue as a whole -----------------------------------------------------------------


def test_every_query_has_its_own_test() -> None:
    tested = {name[5:].replace("_", "-") for name in globals() if name.startswith("test_")}
    missing = set(CATALOGUE) - tested
    assert not missing, f"write a test_<name> for: {sorted(missing)}"


def selected(sparql: str) -> set[str]:
    body = re.sub(r"#.*", "", sparql)
    projection = re.search(r"SELECT\s+(?:DISTINCT\s+)?(.*?)\bWHERE\b", body, re.S | re.I)
    assert projection, "no SELECT … WHERE"
    text = projection[1]
    aliases = set(re.findall(r"\bAS\s+\?(\w+)", text, re.I))
    while re.search(r"\([^()]*\)", text):  # drop (expression AS ?alias), innermost first
        text = re.sub(r"\([^()]*\)", "", text)
    return aliases | set(re.findall(r"\?(\w+)", text))


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_order_by_covers_every_selected_column(name: str) -> None:
    query = CATALOGUE[name]
    order = re.search(r"\bORDER BY\b(.*)\Z", query.sparql, re.S)
    assert order, f"{name}: no ORDER BY, so rows come in whatever order the store likes"
    parameters = {parameter.name for parameter in query.parameters}
    unordered = {v for v in selected(query.sparql) - parameters if f"?{v}" not in order[1]}
    assert not unordered, f"{name}: ORDER BY does not mention {sorted(unordered)}"


@pytest.mark.parametrize("name", sorted(CATALOGUE))
def test_runs_twice_with_identical_rows(store: ox.Store, name: str) -> None:
    assert table(store, name).rows == run(CATALOGUE[name], load(), {}).rows, name


# --- one test per query -----------------------------------------------------------------------

KOSANOV_CLAIMS = [
    ("Amirzhan Kosanov", "2014-03-20", IWPR, "kz:claim/kosanov-annexation-imperial-thinking"),
    ("Amirzhan Kosanov", "2014-03-20", IWPR, "kz:claim/kosanov-kremlin-plans-drafted"),
    (
        "Amirzhan Kosanov",
        "2021-05",
        GOBLE,
        "kz:claim/kosanov-revival-reflects-russian-neo-imperialists",
    ),
]


def test_claims_by_person(store: ox.Store) -> None:
    for spelling in ("Kosanov", "Kosapov", "kosapov", "Amirjan", "amirzhan kosapov"):
        rows = records(store, "claims-by-person", name=spelling)
        got = [(r["person"], r["published"], r["article"], r["claim"]) for r in rows]
        assert got == KOSANOV_CLAIMS, (spelling, got)
    rows = records(store, "claims-by-person", name="Kurmanov")
    assert rows == [
        {"person": "Ainur Kurmanov", "published": "2014-03-20", "article": IWPR,
         "claim": "kz:claim/kurmanov-russia-no-plans", "stance": "denies",
         "quote": "Russia has no such plans."}
    ], rows  # fmt: skip
    assert records(store, "claims-by-person", name="many in") == [], "a group is not a person"


def test_claims_about(store: ox.Store) -> None:
    rows = records(store, "claims-about", name="russia")
    assert [(r["claim"], r["speaker"], r["stance"]) for r in rows] == [
        ("kz:claim/kosanov-annexation-imperial-thinking", "Amirzhan Kosanov", "asserts"),
        ("kz:claim/kosanov-kremlin-plans-drafted", "Amirzhan Kosanov", "asserts"),
        (
            "kz:claim/kosanov-revival-reflects-russian-neo-imperialists",
            "Amirzhan Kosanov",
            "accuses",
        ),
        ("kz:claim/kurmanov-russia-no-plans", "Ainur Kurmanov", "denies"),
        ("kz:claim/many-doubt-russia-behind", "many in Kazakhstan", "doubts"),
    ], rows
    assert {r["subject"] for r in rows} == {"Russia"}
    rows = records(store, "claims-about", name="annexation of crimea")
    assert [(r["subject"], r["claim"]) for r in rows] == [
        ("Annexation of Crimea", "kz:claim/kosanov-annexation-imperial-thinking")
    ], rows


def test_contradictions(store: ox.Store) -> None:
    assert records(store, "contradictions") == [
        {"claim_a": "kz:claim/kosanov-kremlin-plans-drafted", "speaker_a": "Amirzhan Kosanov",
         "quote_a": "The Kremlin’s long-term plans have already been drafted", "article_a": IWPR,
         "claim_b": "kz:claim/kurmanov-russia-no-plans", "speaker_b": "Ainur Kurmanov",
         "quote_b": "Russia has no such plans.", "article_b": IWPR},
        {"claim_a": "kz:claim/kosanov-revival-reflects-russian-neo-imperialists", "speaker_a": "Amirzhan Kosanov",
         "quote_a": "neo-imperialistically concerned forces in neighboring Russia",
         "article_a": GOBLE, "claim_b": "kz:claim/many-doubt-russia-behind",
         "speaker_b": "many in Kazakhstan", "quote_b": "doubt that Russia is behind it",
         "article_b": GOBLE},
    ]  # fmt: skip


def test_claim_relation_counts(store: ox.Store) -> None:
    rows = records(store, "claim-relation-counts")
    got = [(r["article_a"], r["article_b"], r["kind"], r["links"]) for r in rows]
    assert got == [
        (IWPR, IWPR, "contradicts", "1"),
        (IWPR, GOBLE, "supports", "1"),
        (GOBLE, GOBLE, "contradicts", "1"),
    ], got


def test_contradiction_sides(store: ox.Store) -> None:
    rows = records(store, "contradiction-sides")
    got = [(r["contradiction"], r["side"], r["speaker"], r["stance"], r["date"]) for r in rows]
    first = "kosanov-kremlin-plans-drafted × kurmanov-russia-no-plans"
    second = "kosanov-revival-reflects-russian-neo-imperialists × many-doubt-russia-behind"
    assert got == [
        (first, "1", "Amirzhan Kosanov", "asserts", "2014-03"),
        (first, "2", "Ainur Kurmanov", "denies", "2014-03-20"),
        (second, "1", "Amirzhan Kosanov", "accuses", "2021"),
        (second, "2", "many in Kazakhstan", "doubts", "2021-05"),
    ], got


def test_timeline(store: ox.Store) -> None:
    got = columns(store, "timeline", "start start_precision inferred event type")
    assert got == [
        ("2011-05", "month", "true", "Fourth conference of Kazakhstan 2012", "conference"),
        ("2014-03-18", "day", "false", "Annexation of Crimea", "annexation"),
        ("2015", "year", "false", "Launch of the Eurasian Economic Union", "founding"),
    ], got
    notes, places = zip(*columns(store, "timeline", "date_note place"), strict=True)
    assert notes[0] == "Held 'last weekend' before the report.", notes
    assert places[1:] == ("Crimea", None), places
    undated = altered(
        "INSERT DATA { <https://w3id.org/kzkg/id/event/x> a schema:Event, kzo:Event, kzo:PressConference ;"
        ' rdfs:label "An undated press conference"@en }'
    )
    last = run(CATALOGUE["timeline"], undated, {}).rows[-1]
    assert last[:2] == [None, None] and last[5:7] == [
        "An undated press conference",
        "press-conference",
    ], last


def test_roles(store: ox.Store) -> None:
    assert records(store, "roles") == [
        {"organisation": "Institute for War and Peace Reporting", "role": "journalist",
         "member": "Aigerim Tursunova", "start": None, "end": None,
         "membership": "kz:membership/aigerim-tursunova-iwpr-journalist"},
        {"organisation": "Socialist Movement of Kazakhstan", "role": "leader",
         "member": "Ainur Kurmanov", "start": "2011-05", "end": None,
         "membership": "kz:membership/ainur-kurmanov-socialist-movement-kazakhstan-leader"},
    ]  # fmt: skip


def test_organisation_history(store: ox.Store) -> None:
    expected = [
        ("2009-05", "month", "Kazakhstan 2012", "founded", None, None),
        ("2011-05", "month", "Kazakhstan 2012", "dissolved", None, None),
        ("2011-05", "month", "Kazakhstan 2012", "renaming", "Socialist Movement of Kazakhstan",
         GOBLE),
        ("2011-05", "month", "Socialist Movement of Kazakhstan", "founded", None, None),
    ]  # fmt: skip
    for org in ("org/kazakhstan-2012", "org/socialist-movement-kazakhstan", None):
        values = {"org": org} if org else {}
        rows = records(store, "organisation-history", **values)
        got = [(r["date"], r["precision"], r["organisation"], r["event"], r["counterpart"],
                r["article"]) for r in rows]  # fmt: skip
        assert got == expected, (org, got)
    assert records(store, "organisation-history", org="kz:org/iwpr") == []


def test_mentions(store: ox.Store) -> None:
    rows = records(store, "mentions", name="kosanov")
    assert [(r["article"], r["start"], r["end"], r["spelling"]) for r in rows] == [
        (IWPR, "63", "78", "Amirjan Kosanov"),
        (IWPR, "243", "250", "Kosanov"),
        (IWPR, "351", "358", "Kosanov"),
        (GOBLE, "51", "67", "Amirzhan Kosapov"),
        (GOBLE, "268", "275", "Kosapov"),
    ], rows
    assert {r["entity"] for r in rows} == {"Amirzhan Kosanov"}
    body = next(iter(store.query(PREFIXES + f"SELECT ?b {{ {iri(IWPR)} schema:articleBody ?b }}")))
    for row in records(store, "mentions", name="Қазақстан"):
        if row["article"] == IWPR:
            text = body["b"].value[int(row["start"]) : int(row["end"])]
            assert text == row["spelling"], (text, row)
    spellings = column(store, "mentions", "spelling", name="Қазақстан")
    assert spellings == ["Kazakstan", "Қазақстан", "Kazakhstan"], spellings


def test_spellings(store: ox.Store) -> None:
    rows = [tuple(row) for row in table(store, "spellings").rows]
    kosanov = [row for row in rows if row[0] == "Amirzhan Kosanov"]
    assert kosanov == [
        ("Amirzhan Kosanov", "Amirzhan Kosanov", "label", None, "0"),
        ("Amirzhan Kosanov", "Amirjan Kosanov", "alias", IWPR, "1"),
        ("Amirzhan Kosanov", "Amirzhan Kosapov", "alias", GOBLE, "1"),
        ("Amirzhan Kosanov", "Kosanov", "alias", IWPR, "2"),
        ("Amirzhan Kosanov", "Kosapov", "alias", GOBLE, "1"),
    ], kosanov
    assert ("Kazakhstan", "Қазақстан", "alias", IWPR, "1") in rows, rows
    assert ("Russia", "Russia", "label", GOBLE, "2") in rows, rows


def test_attribution_chain(store: ox.Store) -> None:
    rows = records(
        store, "attribution-chain", claim="claim/kosanov-revival-reflects-russian-neo-imperialists"
    )
    chain = " → ".join(f"{r['role']} {r['agent']}" for r in rows)
    assert chain == (
        "speaker Amirzhan Kosanov → relay Ardak Bekov → relay Paul Goble → author Paul Goble"
        " → publisher Window on Eurasia"
    ), rows
    assert [r["step"] for r in rows] == ["0", "1", "2", "3", "4"], rows
    assert {r["article"] for r in rows} == {GOBLE}
    own_voice = column(store, "attribution-chain", "role", claim="kz:claim/goble-eeu-launched-2015")
    assert own_voice == ["speaker", "author", "publisher"], own_voice
    every = records(store, "attribution-chain")
    speakers = [r["claim"] for r in every if r["step"] == "0"]
    assert len(speakers) == 6 == len(set(speakers)), speakers
    assert len(every) == 24, len(every)
    unsigned = altered(f"DELETE WHERE {{ {iri(GOBLE)} schema:author ?a }}")
    chain = run(
        CATALOGUE["attribution-chain"],
        unsigned,
        {"claim": "claim/kosanov-revival-reflects-russian-neo-imperialists"},
    )
    assert [row[:2] for row in chain.rows] == [
        ["0", "speaker"], ["1", "relay"], ["2", "relay"], ["3", "publisher"]
    ], chain.rows  # fmt: skip


def test_articles(store: ox.Store) -> None:
    assert records(store, "articles") == [
        {"article": IWPR, "published": "2014-03-20", "headline": "Russia’s embrace fades in Kazakstan",
         "author": "Aigerim Tursunova", "publisher": "Institute for War and Peace Reporting",
         "language": "en", "genre": "news report", "claims": "3", "mentions": "14",
         "entities": "7", "figures": "1"},
        {"article": GOBLE, "published": "2021-05",
         "headline": "Kazakhs see no need for an internationalist party", "author": "Paul Goble",
         "publisher": "Window on Eurasia", "language": "en", "genre": "blog post", "claims": "3",
         "mentions": "12", "entities": "8", "figures": "1"},
    ]  # fmt: skip


def test_figures(store: ox.Store) -> None:
    assert [tuple(row) for row in table(store, "figures").rows] == [
        (IWPR, "kz:figure/capital-flight-tenge", "240000000000", "tenge",
         "money that left the country", "false", "Amirzhan Kosanov", "240 billion tenge"),
        (GOBLE, "kz:figure/kazakhstan-2012-conference-delegates", "200", "person",
         "delegates at the conference", "true", None, "nearly 200 delegates"),
    ]  # fmt: skip


def test_persons_in_several_articles(store: ox.Store) -> None:
    assert [tuple(row) for row in table(store, "persons-in-several-articles").rows] == [
        ("Ainur Kurmanov", "2", "2014-03-20", "2021-05"),
        ("Amirzhan Kosanov", "2", "2014-03-20", "2021-05"),
    ]
    everyone = column(store, "persons-in-several-articles", "person", min="1")
    assert everyone == [
        "Ainur Kurmanov", "Amirzhan Kosanov", "Aigerim Tursunova", "Ardak Bekov", "Paul Goble"
    ], everyone  # fmt: skip
    assert table(store, "persons-in-several-articles", min="3").rows == []


def test_speaker_subject_over_time(store: ox.Store) -> None:
    got = columns(store, "speaker-subject-over-time", "year date dated_by claim stance")
    assert got == [
        ("2014", "2014-03", "claim", "kz:claim/kosanov-annexation-imperial-thinking", "asserts"),
        ("2014", "2014-03", "claim", "kz:claim/kosanov-kremlin-plans-drafted", "asserts"),
        (
            "2021",
            "2021",
            "claim",
            "kz:claim/kosanov-revival-reflects-russian-neo-imperialists",
            "accuses",
        ),
    ], got
    group = records(
        store,
        "speaker-subject-over-time",
        speaker="group/many-in-kazakhstan",
        subject="place/russia",
    )
    assert [(r["year"], r["dated_by"], r["claim"]) for r in group] == [
        ("2021", "article", "kz:claim/many-doubt-russia-behind")
    ], group
    assert records(store, "speaker-subject-over-time", subject="place/kazakhstan") == []


def test_stances(store: ox.Store) -> None:
    assert [tuple(row) for row in table(store, "stances").rows] == [
        ("Ainur Kurmanov", "denies", "1", "1"),
        ("Amirzhan Kosanov", "accuses", "1", "1"),
        ("Amirzhan Kosanov", "asserts", "2", "1"),
        ("Paul Goble", "recalls", "1", "1"),
        ("many in Kazakhstan", "doubts", "1", "1"),
    ]


def test_entities(store: ox.Store) -> None:
    rows = records(store, "entities", name="kazakhstan")
    assert [(r["entity"], r["kind"], r["articles"]) for r in rows] == [
        ("kz:event/kazakhstan-2012-fourth-conference", "event", "0"),
        ("kz:place/kazakhstan", "place", "2"),
        ("kz:org/kazakhstan-2012", "organisation", "1"),
        ("kz:org/socialist-movement-kazakhstan", "organisation", "2"),
        ("kz:group/many-in-kazakhstan", "group", "1"),
    ], rows
    assert column(store, "entities", "entity", name="Kosapov") == ["kz:person/amirzhan-kosanov"]


def test_claims_between(store: ox.Store) -> None:
    march_2014 = records(store, "claims-between", **{"from": "2014-03", "to": "2014-03"})
    assert [(r["date"], r["claim"]) for r in march_2014] == [
        ("2014-03", "kz:claim/kosanov-annexation-imperial-thinking"),
        ("2014-03", "kz:claim/kosanov-kremlin-plans-drafted"),
        ("2014-03-20", "kz:claim/kurmanov-russia-no-plans"),
    ], march_2014
    may_2021 = column(store, "claims-between", "claim", **{"from": "2021-05-01", "to": "2021"})
    # The first is dated only "2021": it may fall on or after 1 May, so it is kept.
    assert may_2021 == [
        "kz:claim/kosanov-revival-reflects-russian-neo-imperialists",
        "kz:claim/goble-eeu-launched-2015",
        "kz:claim/many-doubt-russia-behind",
    ], may_2021
    assert records(store, "claims-between", **{"from": "2015", "to": "2020-12-31"}) == []
    assert len(records(store, "claims-between")) == 6


# --- quality checks: nothing on good data, the fault on a broken copy -------------------------


CLAIM = "kz:claim/kosanov-kremlin-plans-drafted"
ANCHOR = "<https://w3id.org/kzkg/id/claim/kosanov-kremlin-plans-drafted/anchor/position>"
QUOTE = "<https://w3id.org/kzkg/id/claim/kosanov-kremlin-plans-drafted/anchor/quote>"
NO_SOURCE = [
    ("claim", CLAIM),
    ("event", "kz:event/crimea-annexation-2014"),
    ("membership", "kz:membership/aigerim-tursunova-iwpr-journalist"),
    ("change", "kz:change/kazakhstan-2012-relaunch"),
    ("figure", "kz:figure/capital-flight-tenge"),
]


def test_facts_without_source_violation(store: ox.Store) -> None:
    assert table(store, "facts-without-source-violation").rows == []


@pytest.mark.parametrize(("kind", "fact"), NO_SOURCE)
def test_facts_without_source_violation_finds_each_kind(kind: str, fact: str) -> None:
    copy = altered(f"DELETE WHERE {{ {iri(fact)} prov:wasDerivedFrom ?a }}")
    rows = run(CATALOGUE["facts-without-source-violation"], copy, {}).rows
    assert rows == [[kind, fact]], rows


def test_facts_without_source_violation_wants_a_news_article() -> None:
    copy = altered(f"DELETE WHERE {{ {iri(IWPR)} a schema:NewsArticle }}")
    facts = [row[1] for row in run(CATALOGUE["facts-without-source-violation"], copy, {}).rows]
    assert CLAIM in facts and "kz:event/crimea-annexation-2014" in facts, facts


def test_quote_offsets_violation(store: ox.Store) -> None:
    assert table(store, "quote-offsets-violation").rows == []


@pytest.mark.parametrize(
    ("update", "problem"),
    [
        (f"DELETE {{ {ANCHOR} oa:start ?s }} INSERT {{ {ANCHOR} oa:start ?t }} "
         f"WHERE {{ {ANCHOR} oa:start ?s BIND(?s + 1 AS ?t) }}", "text at offsets is not oa:exact"),
        (f"DELETE {{ {ANCHOR} oa:start ?s ; oa:end ?e }} INSERT {{ {ANCHOR} oa:start ?t ; oa:end ?f }}"
         f" WHERE {{ {ANCHOR} oa:start ?s ; oa:end ?e BIND(?s + 1 AS ?t) BIND(?e + 1 AS ?f) }}",
         "text at offsets is not oa:exact"),
        (f"DELETE WHERE {{ {QUOTE} oa:exact ?x }} ; INSERT DATA {{ {QUOTE} oa:exact \"Kremlin\" }}",
         "text at offsets is not oa:exact"),
        (f"DELETE WHERE {{ {QUOTE} oa:prefix ?x }} ; INSERT DATA {{ {QUOTE} oa:prefix \"xyz\" }}",
         "text before does not end with oa:prefix"),
        (f"DELETE WHERE {{ {QUOTE} oa:suffix ?x }} ; INSERT DATA {{ {QUOTE} oa:suffix \"xyz\" }}",
         "text after does not start with oa:suffix"),
        (f"DELETE WHERE {{ {ANCHOR} oa:end ?x }} ; INSERT DATA {{ {ANCHOR} oa:end 99999 }}",
         "offsets out of range"),
        (f"DELETE WHERE {{ {ANCHOR} a oa:TextPositionSelector }}", "no oa:TextPositionSelector"),
        (f"DELETE WHERE {{ {QUOTE} a oa:TextQuoteSelector }}", "no oa:TextQuoteSelector"),
        (f"DELETE WHERE {{ {iri(IWPR)} schema:articleBody ?b }}", "article has no schema:articleBody"),
    ],
)  # fmt: skip
def test_quote_offsets_violation_finds_a_broken_anchor(update: str, problem: str) -> None:
    rows = run(CATALOGUE["quote-offsets-violation"], altered(update), {}).rows
    anchor = "kz:claim/kosanov-kremlin-plans-drafted/anchor"
    assert [anchor, problem] in [row[:2] for row in rows], rows


def test_quote_offsets_violation_counts_characters_not_bytes() -> None:
    """The Kazakh spelling sits after a curly quote: offsets are code points, as Python counts."""
    rows = run(CATALOGUE["mentions"], load(), {"name": "Қазақстан"}).rows
    assert any(row[-1] == "Қазақстан" for row in rows), rows


def test_entity_without_label_violation(store: ox.Store) -> None:
    assert table(store, "entity-without-label-violation").rows == []


@pytest.mark.parametrize(
    ("update", "entity", "problem"),
    [
        ("DELETE WHERE { <https://w3id.org/kzkg/id/person/paul-goble> rdfs:label ?l }", "kz:person/paul-goble",
         "no rdfs:label"),
        ('INSERT DATA { <https://w3id.org/kzkg/id/place/crimea> rdfs:label "Krym"@en }', "kz:place/crimea",
         "more than one rdfs:label"),
        ('DELETE WHERE { <https://w3id.org/kzkg/id/place/russia> rdfs:label ?l } ; '
         'INSERT DATA { <https://w3id.org/kzkg/id/place/russia> rdfs:label "Россия"@ru }', "kz:place/russia",
         "rdfs:label is not in English"),
        ("INSERT DATA { <https://w3id.org/kzkg/id/claim/kurmanov-russia-no-plans> schema:about <https://w3id.org/kzkg/id/place/ghost> }",
         "kz:place/ghost", "no rdfs:label"),
    ],
)  # fmt: skip
def test_entity_without_label_violation_finds_the_entity(
    update: str, entity: str, problem: str
) -> None:
    rows = run(CATALOGUE["entity-without-label-violation"], altered(update), {}).rows
    assert [[row[0], row[3]] for row in rows] == [[entity, problem]], rows


def test_contradiction_link_violation(store: ox.Store) -> None:
    assert table(store, "contradiction-link-violation").rows == []


@pytest.mark.parametrize(
    ("update", "row"),
    [
        (f"DELETE DATA {{ <https://w3id.org/kzkg/id/claim/kurmanov-russia-no-plans> kzo:contradicts {iri(CLAIM)} }}",
         [CLAIM, "kzo:contradicts", "kz:claim/kurmanov-russia-no-plans",
          "kzo:contradicts written in one direction only"]),
        (f"INSERT DATA {{ {iri(CLAIM)} kzo:supports {iri(CLAIM)} }}",
         [CLAIM, "kzo:supports", CLAIM, "links a claim to itself"]),
        (f"INSERT DATA {{ {iri(CLAIM)} kzo:supports <https://w3id.org/kzkg/id/place/russia> }}",
         [CLAIM, "kzo:supports", "kz:place/russia", "links something that is not a schema:Claim"]),
    ],
)  # fmt: skip
def test_contradiction_link_violation_finds_the_link(update: str, row: list[str]) -> None:
    rows = run(CATALOGUE["contradiction-link-violation"], altered(update), {}).rows
    assert rows == [row], rows


def test_catalogue_page_lists_every_query() -> None:
    """docs/queries.md is generated (docs/make_queries_md.py); this catches a stale page."""
    page = (ROOT / "docs" / "queries.md").read_text(encoding="utf-8")
    for name, query in CATALOGUE.items():
        assert f"### {name}\n" in page and query.example in page, (
            f"rerun docs/make_queries_md.py ({name})"
        )
        assert query.description in page, f"rerun docs/make_queries_md.py ({name})"


CRIMEA_IN_RUSSIA = ("kz:place/crimea", "schema:containedInPlace", "kz:place/russia")


def test_unmarked_outside_knowledge_violation(store: ox.Store) -> None:
    rows = records(store, "unmarked-outside-knowledge-violation")
    got = {(r["record"], r["property"], r["value"]) for r in rows}
    assert CRIMEA_IN_RUSSIA in got, got  # no fixture article names both
    assert ("kz:org/windows-on-eurasia", RDFS_LABEL, "Window on Eurasia") in got, got
    assert ("kz:article/2021-05-goble-internationalist-parties", "schema:publisher",
            "kz:org/windows-on-eurasia") in got, got  # fmt: skip
    named = [r for r in got if r[0] == "kz:person/ainur-kurmanov" or r[0] == "kz:place/russia"]
    assert not named, f"labels that occur as mentions are anchored: {named}"


def test_unmarked_outside_knowledge_violation_accepts_a_mark() -> None:
    mark = "<https://w3id.org/kzkg/id/place/crimea/curator-knowledge/contained_in>"
    marked = altered(
        f"INSERT DATA {{ {iri('kz:place/crimea')} kzo:curatorKnowledge {mark} . "
        f"{mark} kzo:markedProperty "
        '"https://schema.org/containedInPlace"^^<http://www.w3.org/2001/XMLSchema#anyURI> }'
    )
    rows = run(CATALOGUE["unmarked-outside-knowledge-violation"], marked, {}).rows
    assert list(CRIMEA_IN_RUSSIA) not in [row[:3] for row in rows], rows
    assert any(row[0] == "kz:place/crimea" for row in rows), "the label stays unmarked"


KURMANOV_LEADS = {"organisation": "org/socialist-movement-kazakhstan", "role": "role/leader"}


def test_office_holders(store: ox.Store) -> None:
    rows = records(store, "office-holders", **KURMANOV_LEADS, on="2014-03-20")
    got = [(r["holder"], r["start"], r["start_source"], r["end"], r["article"]) for r in rows]
    assert got == [
        ("Ainur Kurmanov", "2011-05", "the articles", None, IWPR),
        ("Ainur Kurmanov", "2011-05", "the articles", None, GOBLE),
    ], got
    for on in ("2011", "2011-05", "2011-05-31"):  # the start's month overlaps each
        assert records(store, "office-holders", **KURMANOV_LEADS, on=on), on
    for on in ("2010", "2011-04", "2011-04-30"):
        assert records(store, "office-holders", **KURMANOV_LEADS, on=on) == [], on


def test_office_holders_ends_and_curator_dates() -> None:
    membership = iri("kz:membership/ainur-kurmanov-socialist-movement-kazakhstan-leader")
    mark = "<https://w3id.org/kzkg/id/membership/m/curator-knowledge/end>"
    ended = altered(
        f'INSERT DATA {{ {membership} <https://schema.org/endDate> "2015"^^<http://www.w3.org/2001/XMLSchema#gYear> ; '
        f'kzo:curatorKnowledge {mark} . {mark} kzo:field "end" ; kzo:basis "Known."@en }}'
    )
    query = CATALOGUE["office-holders"]
    rows = run(query, ended, {**KURMANOV_LEADS, "on": "2015-12-31"}).rows
    assert rows and all(row[-3:-1] == ["2015", "curator knowledge: Known."] for row in rows), rows
    assert run(query, ended, {**KURMANOV_LEADS, "on": "2016-01"}).rows == []


def test_said_over_the_years(store: ox.Store) -> None:
    rows = records(store, "said-over-the-years", subject="place/russia")
    got = [(r["year"], r["claim"], r["relation"], r["direction"], r["other"]) for r in rows]
    plans, revival = "kz:claim/kosanov-kremlin-plans-drafted", KOSANOV_CLAIMS[2][3]
    assert got == [
        ("2014", "kz:claim/kosanov-annexation-imperial-thinking", None, None, None),
        ("2014", plans, "contradicts", "to", "kz:claim/kurmanov-russia-no-plans"),
        ("2014", plans, "supports", "from", revival),
        ("2014", "kz:claim/kurmanov-russia-no-plans", "contradicts", "from", plans),
        ("2021", revival, "contradicts", "to", "kz:claim/many-doubt-russia-behind"),
        ("2021", revival, "supports", "to", plans),
        ("2021", "kz:claim/many-doubt-russia-behind", "contradicts", "from", revival),
    ], got
    linked = [r for r in rows if r["relation"]]
    assert all(r["reason"] and r["other_date"] and r["other_article"] for r in linked), linked
