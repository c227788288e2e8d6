"""Every canned query answers on Virtuoso 7 exactly as on the embedded pyoxigraph store.

On three graphs: the hand-made query fixture, the seeds (dist/kzkg.ttl) and a 1,000-article
synthetic corpus (benchmarks/generate.py, seed 1, with the parameters it names). Each graph is
loaded with `kzkg load`'s own code through the Graph Store Protocol, and each query is compared
in every output format, byte for byte. The queries are written in the subset of SPARQL 1.1 both
engines evaluate alike; the header of each rewritten query says which construct it avoids.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from canned_cases import GRAPH, case_id, cases, catalogue
from paths import ROOT
from virtuoso_server import PASSWORD, VirtuosoServer

from kzkg.pipeline.steps import build
from kzkg.query.catalogue import format_table, run
from kzkg.query.remote import run_remote
from kzkg.rdf.namespaces import LOAD_GRAPH
from kzkg.stores.embedded import load_file, open_store
from kzkg.stores.graphstore import load_graph

pytestmark = pytest.mark.slow

GENERATE = ROOT / "benchmarks" / "generate.py"
CORPUS_ARTICLES = 1_000
BUILT = ROOT / "dist" / "kzkg.ttl"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[VirtuosoServer]:
    with VirtuosoServer(tmp_path_factory.mktemp("virtuoso") / "db") as server:
        yield server


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, dict[str, str]]]:
    """The 1,000-article corpus built into Turtle, and the parameters the generator chose."""
    folder = tmp_path_factory.mktemp("corpus")
    command = [sys.executable, str(GENERATE), "--articles", str(CORPUS_ARTICLES), "--seed", "1"]
    done = subprocess.run(
        [*command, "--out", str(folder / "seeds")], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    result = build(folder / "seeds", folder / "dist", validate=False, jobs=1)
    assert len(result.ordered.triple_lines) > 100_000, len(result.ordered.triple_lines)
    params = json.loads((folder / "seeds" / "benchmark-params.json").read_text(encoding="utf-8"))
    return folder / "dist" / "kzkg.ttl", params


@pytest.fixture(scope="module")
def dba() -> Iterator[None]:
    saved = {
        name: os.environ.get(name) for name in ("KZKG_ENDPOINT_USER", "KZKG_ENDPOINT_PASSWORD")
    }
    os.environ.update(KZKG_ENDPOINT_USER="dba", KZKG_ENDPOINT_PASSWORD=PASSWORD)
    os.environ["KZKG_ENDPOINT_AUTH"] = "digest"
    yield
    for name, value in {**saved, "KZKG_ENDPOINT_AUTH": None}.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def _loaded(server: VirtuosoServer, graph: Path) -> ox.Store:
    """Load ``graph`` into Virtuoso (replacing the last one) and into an embedded store."""
    load_graph(f"{server.base}/sparql-auth", LOAD_GRAPH, graph, timeout=600)
    return load_file(open_store(), graph)


def _compare(server: VirtuosoServer, embedded: ox.Store, name: str, values: dict) -> int:
    query = catalogue()[name]
    local = run(query, embedded, values)
    remote = run_remote(query, f"{server.base}/sparql", values, timeout=600)
    for fmt in ("table", "csv", "json"):
        assert format_table(remote, fmt) == format_table(local, fmt), f"{name} {values} as {fmt}"
    return len(local.rows)


@pytest.fixture(scope="module")
def fixture_graph(virtuoso, dba) -> ox.Store:
    return _loaded(virtuoso, GRAPH)


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_fixture_graph(case, virtuoso, fixture_graph) -> None:
    _compare(virtuoso, fixture_graph, *case)


@pytest.fixture(scope="module")
def seeds_graph(virtuoso, dba, fixture_graph) -> ox.Store:
    if not BUILT.is_file():
        pytest.skip("dist/kzkg.ttl is not built")
    return _loaded(virtuoso, BUILT)


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_seeds(case, virtuoso, seeds_graph) -> None:
    _compare(virtuoso, seeds_graph, *case)


def test_corpus_of_1000_articles(virtuoso, dba, seeds_graph, corpus) -> None:
    """Each query with its defaults and with the generator's parameters; most return rows."""
    graph, params = corpus
    embedded = _loaded(virtuoso, graph)
    calls = [(name, {}) for name in catalogue()] + list(params.items())
    answered = [name for name, values in calls if _compare(virtuoso, embedded, name, values)]
    assert len(set(answered)) >= len(catalogue()) // 2, f"most queries return rows: {answered}"
