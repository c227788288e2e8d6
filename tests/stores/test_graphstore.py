"""Loading into a real Oxigraph server replaces a graph whole: old or new, never a mix or a loss."""

from __future__ import annotations

import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from canned_cases import GRAPH
from loopback import free_port
from oxigraph_server import OxigraphServer

from kzkg.rdf.namespaces import LOAD_GRAPH
from kzkg.runtime.errors import StoreError
from kzkg.stores import graphstore
from kzkg.stores.endpoint import Endpoint, request
from kzkg.stores.graphstore import load_graph

pytestmark = pytest.mark.slow

TARGET = "https://w3id.org/kzkg/graph/test"


@pytest.fixture
def server(tmp_path: Path):
    """A server on an on-disk store, so that it can be killed and restarted; always stopped."""
    with OxigraphServer(tmp_path / "store") as running:
        yield running


def synthetic(path: Path, count: int, tag: str) -> Path:
    """An N-Triples file of ``count`` distinct triples, each marked with ``tag``."""
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            out.write(
                f'<http://example.org/{tag}/{number}> <http://example.org/p> "{tag} {number}" .\n'
            )
    return path


def ask(server: OxigraphServer, sparql: str) -> list[dict[str, str]]:
    url = f"{server.base}/query?query={urllib.parse.quote(sparql)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        solutions = ox.parse_query_results(response.read(), ox.QueryResultsFormat.JSON)
        return [{v.value: s[v].value for v in solutions.variables if s[v]} for s in solutions]


def count(server: OxigraphServer, graph: str = TARGET) -> int:
    return int(ask(server, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")[0]["n"])


def content(server: OxigraphServer, graph: str = TARGET) -> list[str]:
    _, body = request(
        "GET",
        f"{server.base}/store?graph={urllib.parse.quote(graph)}",
        headers={"Accept": "application/n-triples"},
    )
    return sorted(line for line in body.decode("utf-8").splitlines() if line)


def graphs(server: OxigraphServer) -> set[str]:
    return {row["g"] for row in ask(server, "SELECT DISTINCT ?g { GRAPH ?g { ?s ?p ?o } }")}


def test_load_replaces_the_graph(server, tmp_path) -> None:
    load_graph(server.base, TARGET, synthetic(tmp_path / "old.nt", 300, "old"))
    report = load_graph(server.base, TARGET, GRAPH)
    assert report.graphs == {TARGET: count(server)}, report
    assert not any("example.org/old/" in line for line in content(server)), "old triples stayed"
    assert not any(g.startswith("urn:kzkg:staging:") for g in graphs(server)), graphs(server)


def test_sparql_update_fallback_loads_the_same_graph(server, tmp_path) -> None:
    load_graph(server.base, TARGET, GRAPH)
    expected = content(server)
    no_store = Endpoint.parse(server.base, store=f"{server.base}/no-graph-store-here")
    report = load_graph(no_store, TARGET, GRAPH, chunk=100)
    assert report.method.startswith("sparql update"), report
    assert content(server) == expected, "INSERT DATA loaded different triples"


def test_trig_keeps_article_graphs_and_drops_stale_ones(server, tmp_path) -> None:
    stale = "https://w3id.org/kzkg/id/graph/article/removed"
    trig = tmp_path / "g.trig"
    trig.write_text(f"<{stale}> {{ <http://example.org/a> <http://example.org/p> 1 . }}\n")
    load_graph(server.base, TARGET, trig)
    article = "https://w3id.org/kzkg/id/graph/article/kept"
    trig.write_text(f"<{article}> {{ <http://example.org/b> <http://example.org/p> 2 . }}\n")
    load_graph(server.base, TARGET, trig)
    assert count(server, article) == 1 and count(server, stale) == 0, graphs(server)


def test_bad_file_is_refused_before_the_store_is_touched(server, tmp_path) -> None:
    load_graph(server.base, TARGET, GRAPH)
    before = content(server)
    bad = tmp_path / "bad.ttl"
    bad.write_text('<http://example.org/a> <http://example.org/p> "unterminated .\n')
    with pytest.raises(StoreError, match="not loadable RDF"):
        load_graph(server.base, TARGET, bad)
    with pytest.raises(StoreError, match="run `kzkg build` first"):
        load_graph(server.base, TARGET, tmp_path / "missing.ttl")
    assert content(server) == before


def test_failed_swap_leaves_graph_and_no_staging(server, monkeypatch, tmp_path) -> None:
    load_graph(server.base, TARGET, GRAPH)
    before = content(server)
    monkeypatch.setattr(graphstore, "swap_request", lambda moves, drop_stale: "MOVE nonsense")
    with pytest.raises(StoreError, match="HTTP 400"):
        load_graph(server.base, TARGET, synthetic(tmp_path / "new.nt", 50, "new"))
    assert content(server) == before, "a failed swap changed the graph"
    assert not any(g.startswith("urn:kzkg:staging:") for g in graphs(server)), graphs(server)


def test_server_down_is_a_clear_store_error() -> None:
    base = f"http://127.0.0.1:{free_port()}"
    with pytest.raises(
        StoreError, match=r"cannot reach .*connection refused.*is the server running"
    ):
        load_graph(base, LOAD_GRAPH, GRAPH, attempts=1)


def _load_in_background(server, path: Path) -> tuple[threading.Thread, list[BaseException]]:
    errors: list[BaseException] = []

    def target() -> None:
        try:
            load_graph(server.base, TARGET, path, attempts=1, timeout=30)
        except BaseException as exc:  # reported to the test thread
            errors.append(exc)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    return thread, errors


class Trickle:
    """A file that reads in small, slow pieces, so that an upload is still running when killed."""

    def __init__(self, file) -> None:  # type: ignore[no-untyped-def]
        self.file = file

    def read(self, size: int = -1) -> bytes:
        time.sleep(0.005)
        return self.file.read(min(size, 4096) if size > 0 else 4096)


@pytest.mark.parametrize("phase", ["upload", "swap"])
def test_kill_during_load_keeps_the_previous_graph(phase, server, monkeypatch, tmp_path) -> None:
    """SIGKILL while the new graph travels or is swapped in; after a restart: old graph, whole."""
    load_graph(server.base, TARGET, GRAPH)
    before = content(server)
    new = synthetic(tmp_path / "new.nt", 20_000, "new")
    started = threading.Event()

    def watched(method: str, url: str, *, body=None, **options):  # type: ignore[no-untyped-def]
        if phase == "upload" and method == "PUT":
            started.set()
            body = Trickle(body)
        elif phase == "swap" and isinstance(body, bytes) and body.startswith(b"MOVE"):
            started.set()
        return request(method, url, body=body, **options)

    monkeypatch.setattr(graphstore, "request", watched)
    thread, errors = _load_in_background(server, new)
    assert started.wait(60), f"the load never reached its {phase}"
    time.sleep(0.3 if phase == "upload" else 0.05)
    server.kill()
    thread.join(60)
    assert not thread.is_alive(), "the load hung after the server died"
    server.start()
    after = content(server)
    if phase == "upload":
        assert errors and isinstance(errors[0], StoreError), f"the load did not fail: {errors}"
        assert after == before, "the graph changed although the load was cut off"
    else:  # killed during the swap: its one transaction committed, or it did not
        assert after == before or len(after) == 20_000, f"a mix: {len(after)} triples"


def test_readers_see_the_old_or_the_new_graph_never_a_mix(server, tmp_path) -> None:
    sizes = {"a": 3_000, "b": 5_000}
    files = {tag: synthetic(tmp_path / f"{tag}.nt", size, tag) for tag, size in sizes.items()}
    load_graph(server.base, TARGET, files["a"])
    seen: list[int] = []
    stop = threading.Event()

    def reader() -> None:
        deadline = time.monotonic() + 120
        while not stop.is_set() and len(seen) < 20_000 and time.monotonic() < deadline:
            seen.append(count(server))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    for tag in ("b", "a", "b"):
        load_graph(server.base, TARGET, files[tag])
    stop.set()
    thread.join(60)
    assert len(seen) >= 20, f"the reader read only {len(seen)} times"
    assert set(seen) <= set(sizes.values()), f"readers saw a mix: {sorted(set(seen))}"
    assert set(seen) == set(sizes.values()), f"the reader saw only {set(seen)}: too fast to tell"
