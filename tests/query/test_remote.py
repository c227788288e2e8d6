"""Canned queries on a real Oxigraph server give the embedded store's answers, byte for byte."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from canned_cases import GRAPHS, case_id, cases, catalogue
from hypothesis import given, settings
from hypothesis import strategies as st
from loopback import free_port
from oxigraph_server import OxigraphServer
from paths import ROOT

from kzkg.query.catalogue import format_table, run
from kzkg.query.remote import run_remote, with_values
from kzkg.rdf.namespaces import LOAD_GRAPH
from kzkg.rdf.terms import sparql_term
from kzkg.runtime.errors import StoreError
from kzkg.stores.embedded import load_file, open_store
from kzkg.stores.graphstore import load_graph

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=GRAPHS, ids=lambda path: path.name)
def graph(request: pytest.FixtureRequest) -> Path:
    """The query fixture graph, and dist/kzkg.ttl once it has been built."""
    return request.param


@pytest.fixture(scope="module")
def server(graph: Path, tmp_path_factory: pytest.TempPathFactory):
    """One server per graph, loaded through `kzkg load`'s own code; always stopped."""
    with OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "store") as running:
        load_graph(running.base, LOAD_GRAPH, graph)
        yield running


@pytest.fixture(scope="module")
def embedded(graph: Path) -> ox.Store:
    return load_file(open_store(), graph)


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_endpoint_answers_like_embedded_store(case, server, embedded) -> None:
    name, values = case
    query = catalogue()[name]
    local = run(query, embedded, values)
    remote = run_remote(query, f"{server.base}/query", values)
    for fmt in ("table", "csv", "json"):
        assert format_table(remote, fmt) == format_table(local, fmt), f"{name} {values} as {fmt}"


def test_the_comparison_is_not_vacuous(server, graph) -> None:
    answered = [
        name
        for name, values in cases()
        if run_remote(catalogue()[name], f"{server.base}/query", values).rows
    ]
    assert len(set(answered)) >= len(catalogue()) // 2, f"most queries return rows: {answered}"


def test_hostile_text_stays_a_string(server, graph) -> None:
    query = catalogue()["binding-scope"]
    for text in ('x" || true || "', "\\u0022) || true || (\\u0022"):
        answer = run_remote(query, f"{server.base}/query", {"word": text})
        assert answer.rows == [], f"{text!r} matched labels: the value escaped its string"


def test_endpoint_down_is_a_clear_store_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(StoreError) as caught:
        run_remote(catalogue()["timeline"], url, {}, attempts=2)
    message = str(caught.value)
    assert message.startswith(f"cannot reach {url}: connection refused"), message
    assert "after 2 attempts — is the server running? check the URL" in message, message


def test_wrong_url_says_what_to_check(server) -> None:
    with pytest.raises(
        StoreError, match=r"/nothing: HTTP 404: POST /nothing is not supported .* — check the URL"
    ):
        run_remote(catalogue()["timeline"], f"{server.base}/nothing", {}, attempts=1)


def test_cli_query_with_endpoint_down_exits_1(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    done = subprocess.run(
        [sys.executable, "-m", "kzkg", "query", "timeline", "--endpoint", url],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    message = " ".join(done.stderr.split())  # rich wraps long lines
    assert f"cannot reach {url}: connection refused" in message, message
    assert "— is the server running? check the URL" in message, message
    assert "Traceback" not in done.stderr, done.stderr


def test_values_go_first_in_every_where_group() -> None:
    term = {"n": ox.Literal("a")}
    block = 'VALUES (?n) { ("a") }'
    tricky = 'SELECT ?x WHERE { # WHERE {\n ?x ?p "WHERE {" }'
    assert with_values(tricky, term).startswith(f"SELECT ?x WHERE {{ {block} "), tricky
    assert with_values("SELECT (1 AS ?x) {}", term) == f"SELECT (1 AS ?x) {{ {block} }}"
    nested = "SELECT * { ?a ?b ?c { SELECT ?n WHERE { ?n ?b ?c } } VALUES ?b { 1 } }"
    assert with_values(nested, term).count(block) == 2, "the sub-select sees no outer binding"
    assert "VALUES ?b { 1 }" in with_values(nested, term), "a data block is not a group"
    construct = "CONSTRUCT { ?x ?p ?n } WHERE { ?x ?p ?n }"
    assert with_values(construct, term).startswith(f"CONSTRUCT {{ ?x ?p ?n }} WHERE {{ {block} ")
    assert with_values("SELECT * {}", {}) == "SELECT * {}"
    with pytest.raises(ValueError):
        with_values("DESCRIBE <http://example.org/x>", term)
    for query in catalogue().values():  # every binding still parses
        ox.Store().query(
            with_values(query.sparql, {p.name: ox.Literal("1") for p in query.parameters} or term)
        )


@settings(max_examples=300, deadline=None)
@given(st.text(), st.sampled_from(["", "en", "kk-Cyrl"]))
def test_any_text_is_bound_exactly(text: str, language: str) -> None:
    literal = ox.Literal(text, language=language or None)
    query = f"SELECT ?v WHERE {{ VALUES (?v) {{ ({sparql_term(literal)}) }} }}"
    found = [solution["v"] for solution in ox.Store().query(query)]
    assert found == [literal], f"{text!r} came back as {found!r}"
