"""Unit tests of kzkg.query.catalogue: the header parser, parameter binding, running and formatting."""

from __future__ import annotations

import csv
import doctest
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

import kzkg.query.catalogue
from kzkg.query.catalogue import (
    CannedQuery,
    Parameter,
    ResultTable,
    bind,
    format_table,
    load_catalogue,
    run,
)

FIXTURE = ROOT / "tests" / "data" / "queries" / "fixture.ttl"
CATALOGUE = load_catalogue(ROOT / "queries")
XSD = "http://www.w3.org/2001/XMLSchema#"
KZ = "https://w3id.org/kzkg/id/"

GOOD = """\
# title: Claims by a person
# description: Every claim made by the person whose spelling matches NAME,
#   case-insensitively: the continuation is joined.
# param: name literal "Kosanov" — a spelling of the person's name
# param: org iri <https://w3id.org/kzkg/id/org/iwpr> — an organisation
# param: min integer 2 — at least this many
# param: since date "2011-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> — a month
# param: claim iri UNDEF — every claim when not given
# example: kzkg query good --param name=Kosapov
SELECT ?name ?org ?min ?since ?claim WHERE { }
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    loaded = ox.Store()
    loaded.load(path=str(FIXTURE), format=ox.RdfFormat.TURTLE)
    return loaded


def write(tmp_path: Path, text: str, name: str = "good") -> Path:
    (tmp_path / f"{name}.rq").write_text(text, encoding="utf-8")
    return tmp_path


# --- header parser ----------------------------------------------------------------------------


def test_header_parses_every_field(tmp_path: Path) -> None:
    query = load_catalogue(write(tmp_path, GOOD))["good"]
    assert query.title == "Claims by a person"
    assert query.description == (
        "Every claim made by the person whose spelling matches NAME, "
        "case-insensitively: the continuation is joined."
    ), query.description
    assert query.example == "kzkg query good --param name=Kosapov"
    assert query.parameters[0] == Parameter(
        "name", "literal", '"Kosanov"', "a spelling of the person's name"
    )
    assert [(p.name, p.kind, p.default) for p in query.parameters[1:]] == [
        ("org", "iri", "<https://w3id.org/kzkg/id/org/iwpr>"),
        ("min", "integer", "2"),
        ("since", "date", '"2011-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'),
        ("claim", "iri", "UNDEF"),
    ]
    assert query.sparql == GOOD and query.path == tmp_path / "good.rq"


BAD_HEADERS = [
    (GOOD.replace("# title: Claims by a person\n", ""), 1, "needs '# title:'"),
    (GOOD.replace("# example", "# exemple"), 9, "expected '# KEY: value'"),
    (GOOD.replace("#   case", "# case"), 3, "expected '# KEY: value'"),
    (GOOD.replace("# title: Claims", "# title: Claims\n# title: Again"), 2, "second '# title:'"),
    (GOOD.replace(" — a spelling", " - a spelling"), 4, "VARNAME TYPE DEFAULT — description"),
    (GOOD.replace("min integer", "min number"), 6, "kind 'number' is not one of"),
    (GOOD.replace("min integer 2", "min integer two"), 6, "bad default"),
    (GOOD.replace("min integer 2", 'min integer "2"'), 6, "bad default"),
    (GOOD.replace('name literal "Kosanov"', "name literal 2"), 4, "bad default"),
    (GOOD.replace("org/iwpr>", "org/i wpr>"), 5, "bad default"),
    (GOOD.replace("gYearMonth>", "gYear>"), 7, "bad default"),
    (GOOD.replace("# param: claim", "# param: org"), 8, "declared twice"),
    (GOOD.replace("?since ?claim", "?since"), 8, "never uses ?claim"),
    (GOOD.replace("kzkg query good", "kzkg query bad"), 1, "'# example: kzkg query good …'"),
    (GOOD.replace("WHERE { }", "WHERE {"), None, "not valid SPARQL"),
]


@pytest.mark.parametrize(("text", "line", "message"), BAD_HEADERS)
def test_malformed_header_names_file_and_line(
    tmp_path: Path, text: str, line: int | None, message: str
) -> None:
    with pytest.raises(ValueError) as error:
        load_catalogue(write(tmp_path, text))
    where = f"{tmp_path / 'good.rq'}:{line}" if line else f"{tmp_path / 'good.rq'}:"
    assert where in str(error.value), f"{where} not in {error.value}"
    assert message in str(error.value), f"{message!r} not in {error.value}"


def test_real_catalogue_is_complete_and_well_named() -> None:
    assert len(CATALOGUE) >= 15, sorted(CATALOGUE)
    required = {
        "claims-by-person", "claims-about", "contradictions", "timeline", "roles",
        "organisation-history", "mentions", "spellings", "attribution-chain", "articles",
        "figures", "persons-in-several-articles", "speaker-subject-over-time",
        "contradiction-sides", "stances", "facts-without-source-violation",
        "quote-offsets-violation", "entity-without-label-violation",
    }  # fmt: skip
    assert required <= set(CATALOGUE), required - set(CATALOGUE)
    for name, query in CATALOGUE.items():
        assert name.replace("-", "").isalnum() and name == name.lower(), name
        assert query.description.endswith("."), f"{name}: description is not a sentence"
        if name.endswith("-violation"):
            assert not query.parameters, f"{name}: a quality check takes no parameters"


# --- binding ----------------------------------------------------------------------------------


def query_with(*parameters: Parameter) -> CannedQuery:
    return CannedQuery("q", "t", "d", parameters, "kzkg query q", "SELECT * {}", Path("q.rq"))


IRI = query_with(Parameter("x", "iri", "UNDEF", "d"))


@pytest.mark.parametrize(
    "value",
    [
        "person/ainur-kurmanov",
        "kz:person/ainur-kurmanov",
        "https://w3id.org/kzkg/id/person/ainur-kurmanov",
        "<https://w3id.org/kzkg/id/person/ainur-kurmanov>",
        " person/ainur-kurmanov ",
    ],
)
def test_iri_accepts_full_iri_and_kz_names(value: str) -> None:
    assert bind(IRI, {"x": value}) == {"x": ox.NamedNode(KZ + "person/ainur-kurmanov")}


def test_iri_accepts_other_prefixes_and_schemes() -> None:
    assert bind(IRI, {"x": "kzo:Person"})["x"].value == "https://w3id.org/kzkg/ontology#Person"
    assert bind(IRI, {"x": "schema:Claim"})["x"].value == "https://schema.org/Claim"
    assert bind(IRI, {"x": "urn:isbn:1"})["x"].value == "urn:isbn:1"


@pytest.mark.parametrize("value", ["ainur-kurmanov", "kz:", "person/ainur kurmanov", "a b:c", ""])
def test_bad_iri_says_which_parameter_and_the_accepted_form(value: str) -> None:
    with pytest.raises(ValueError, match=r"parameter x \(iri\).*give a full IRI"):
        bind(IRI, {"x": value})


def test_literal_integer_and_date_values() -> None:
    query = query_with(
        Parameter("name", "literal", '"a"', "d"),
        Parameter("n", "integer", "2", "d"),
        Parameter("when", "date", '"2011"^^<http://www.w3.org/2001/XMLSchema#gYear>', "d"),
    )
    assert bind(query, {"name": ' Kosanov "x" '})["name"] == ox.Literal(' Kosanov "x" ')
    assert bind(query, {"n": "+007"})["n"] == ox.Literal(
        "7", datatype=ox.NamedNode(XSD + "integer")
    )
    for value, kind in [("2011", "gYear"), ("2011-05", "gYearMonth"), ("2011-05-14", "date")]:
        term = bind(query, {"when": value})["when"]
        assert term == ox.Literal(value, datatype=ox.NamedNode(XSD + kind)), term


BAD_VALUES = {
    ("integer", "a whole number"): ["1.5", "1_000", "two"],
    ("date", "2011, 2011-05 or 2011-05-14"): ["2011-13", "2011-02-30", "May 2011", "11-05"],
}


@pytest.mark.parametrize(
    ("kind", "value", "accepted"),
    [
        (kind, value, accepted)
        for (kind, accepted), values in BAD_VALUES.items()
        for value in values
    ],
)
def test_bad_values_are_refused(kind: str, value: str, accepted: str) -> None:
    query = query_with(Parameter("p", kind, "UNDEF", "d"))
    with pytest.raises(ValueError, match=rf"parameter p \({kind}\) cannot be .*give .*{accepted}"):
        bind(query, {"p": value})


def test_unknown_parameter_lists_the_known_ones() -> None:
    with pytest.raises(
        ValueError, match=r"claims-by-person has no parameter 'nme'; it takes: name"
    ):
        bind(CATALOGUE["claims-by-person"], {"nme": "Kosanov"})
    with pytest.raises(ValueError, match="it takes: no parameters"):
        bind(CATALOGUE["stances"], {"name": "x"})


def test_defaults_fill_missing_values_and_undef_stays_free() -> None:
    assert bind(CATALOGUE["claims-by-person"], {}) == {"name": ox.Literal("Kosanov")}
    assert bind(CATALOGUE["organisation-history"], {}) == {
        "org": ox.NamedNode(KZ + "org/kazakhstan-2012")
    }
    assert bind(CATALOGUE["attribution-chain"], {}) == {}, "UNDEF must leave ?claim unbound"


def oracle(store: ox.Store, value: str) -> set[str]:
    """Entities a name search must find, computed in Python from every label and alias."""
    rows = store.query(
        "SELECT ?e ?s WHERE { ?e a ?c ; <http://www.w3.org/2000/01/rdf-schema#label>"
        "|<http://www.w3.org/2004/02/skos/core#altLabel> ?s "
        "FILTER(?c IN (<https://w3id.org/kzkg/ontology#Person>, "
        "<https://w3id.org/kzkg/ontology#Organisation>, <https://w3id.org/kzkg/ontology#Group>, "
        "<https://w3id.org/kzkg/ontology#Place>, <https://w3id.org/kzkg/ontology#Event>)) }"
    )
    found = {row["e"].value for row in rows if value.lower() in row["s"].value.lower()}
    return {"kz:" + iri.removeprefix(KZ) for iri in found}


HOSTILE = [
    'x" || true || "',
    '") || true || ("',
    "x' || true || '",
    '"} UNION { ?entity ?p ?o } #',
    "} } SELECT * WHERE { ?s ?p ?o } #",
    "\\u0022) || true || (\\u0022",
    "Kos\nanov",
    "<https://w3id.org/kzkg/id/person/amirzhan-kosanov>",
    "?name",
]
LETTERS = st.sampled_from(
    [
        *"KosanvKurmАаБбЁёЖжЯяӘәҒғҚқҢңӨөҰұҮүҺһІі \"'{}()<>?#\\|&!=\n\t.,;:-_",
        *["\\u0022", "\\u", "\\n", "||", "true", "\\\\", "Қазақстан", "Kosanov", "Kazakh"],
    ]
)


@settings(max_examples=150, deadline=None)
@given(value=st.one_of(st.sampled_from(HOSTILE), st.lists(LETTERS, max_size=8).map("".join)))
def test_any_name_is_matched_literally_never_as_query_text(store: ox.Store, value: str) -> None:
    table = run(CATALOGUE["entities"], store, {"name": value})
    assert {row[0] for row in table.rows} == oracle(store, value), repr(value)
    assert table.columns[0] == "entity", "the bound ?name column is dropped"


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_names_match_nothing(store: ox.Store, value: str) -> None:
    for name in ("claims-by-person", "claims-about", "mentions", "entities"):
        assert run(CATALOGUE[name], store, {"name": value}).rows == [], (name, value)


@settings(max_examples=200, deadline=None)
@given(value=st.text(max_size=40), kind=st.sampled_from(["iri", "integer", "date", "literal"]))
def test_any_text_becomes_one_term_or_a_clear_error(value: str, kind: str) -> None:
    query = query_with(Parameter("p", kind, "UNDEF", "d"))
    try:
        term = bind(query, {"p": value})["p"]
    except ValueError as error:
        assert kind != "literal" and f"parameter p ({kind})" in str(error), str(error)
    else:
        assert isinstance(term, ox.NamedNode if kind == "iri" else ox.Literal), term


# --- running and formatting -------------------------------------------------------------------


def test_run_drops_bound_parameters_and_keeps_free_ones(store: ox.Store) -> None:
    chain = CATALOGUE["attribution-chain"]
    every = run(chain, store, {})
    assert every.columns == ["claim", "step", "role", "agent", "article"], every.columns
    one = run(chain, store, {"claim": "claim/many-doubt-russia-behind"})
    assert one.columns == ["step", "role", "agent", "article"], one.columns
    assert one.rows[0] == ["0", "speaker", "many in Kazakhstan",
                           "kz:article/2021-05-goble-internationalist-parties"]  # fmt: skip


def test_run_refuses_a_query_that_is_not_select(store: ox.Store) -> None:
    ask = CannedQuery("ask", "t", "d", (), "kzkg query ask", "ASK { ?s ?p ?o }", Path("a.rq"))
    with pytest.raises(ValueError, match="not a SELECT"):
        run(ask, store, {})


def test_rendering_compacts_known_namespaces_only() -> None:
    query = query_with()
    query = CannedQuery(
        "r", "t", "d", (), "kzkg query r",
        'SELECT ?a ?b ?c ?d ?e WHERE { VALUES (?a ?b ?c ?d ?e) { (<https://w3id.org/kzkg/id/x/y> '
        "<https://w3id.org/kzkg/ontology#Claim> <https://schema.org/Claim> <http://example.org/z> "
        '"2011-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>) } }',
        Path("r.rq"),
    )  # fmt: skip
    table = run(query, ox.Store(), {})
    assert table.rows == [
        ["kz:x/y", "kzo:Claim", "schema:Claim", "http://example.org/z", "2011-05"]
    ], table.rows


TABLE = ResultTable(["who", "said"], [["Kosanov", 'he said "[b]hi[/b]", twice'], ["Ә", None]])


def test_to_dict_and_json() -> None:
    expected = {"columns": ["who", "said"], "rows": [["Kosanov", 'he said "[b]hi[/b]", twice'],
                                                     ["Ә", None]]}  # fmt: skip
    assert TABLE.to_dict() == expected
    text = format_table(TABLE, "json")
    assert json.loads(text) == expected and "Ә" in text, text


def test_csv_round_trips_commas_quotes_and_none() -> None:
    text = format_table(TABLE, "csv")
    assert list(csv.reader(io.StringIO(text))) == [
        ["who", "said"], ["Kosanov", 'he said "[b]hi[/b]", twice'], ["Ә", ""]
    ], text  # fmt: skip


def test_table_shows_text_verbatim_not_as_markup() -> None:
    text = format_table(TABLE, "table", width=200)
    assert "[b]hi[/b]" in text and "Kosanov" in text and "who" in text, text
    assert "2 rows" in text and "None" not in text, text


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="choose one of table, csv, json"):
        format_table(TABLE, "xml")


def test_docstring_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testmod(kzkg.query.catalogue)
    assert tried >= 1 and failures == 0, (failures, tried)
