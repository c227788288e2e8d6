"""`kzkg query NAME --endpoint …/query` against a real `kzkg serve` answers as the embedded store.

`kzkg serve` loads the graph into the default graph (served as the union of all graphs), while
`kzkg load` writes a named graph; by default a remote query reads that named graph only where
the endpoint has it, so both routes agree with the embedded store. Every canned query is run
through the real command, on the real served graph.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from canned_cases import GRAPHS, case_id, cases, catalogue
from loopback import free_port
from paths import ROOT

from kzkg.query.catalogue import format_table, run
from kzkg.query.remote import run_remote
from kzkg.stores.embedded import load_file, open_store
from kzkg.stores.server import stop_process

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=GRAPHS, ids=lambda path: path.name)
def served(request: pytest.FixtureRequest) -> Iterator[tuple[str, Path]]:
    """`kzkg serve --graph FILE` on a free port, stopped afterwards."""
    graph, port = request.param, free_port()
    command = [sys.executable, "-m", "kzkg", "serve", "--no-site", "--port", str(port)]
    process = subprocess.Popen(
        [*command, "--graph", str(graph)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            try:
                urllib.request.urlopen(f"{url}?query=ASK%7B%7D", timeout=2).close()
                break
            except (urllib.error.URLError, OSError):
                time.sleep(0.1)
        assert process.poll() is None, "kzkg serve stopped"
        yield url, graph
    finally:
        stop_process(process)  # SIGTERM, which `kzkg serve` handles as Ctrl-C


@pytest.mark.parametrize("case", cases(), ids=case_id)
def test_every_canned_query_through_kzkg_serve(case, served) -> None:
    url, graph = served
    name, values = case
    query = catalogue()[name]
    local = run(query, load_file(open_store(), graph), values)
    remote = run_remote(query, url, values)
    for fmt in ("table", "csv", "json"):
        assert format_table(remote, fmt) == format_table(local, fmt), f"{name} {values} as {fmt}"


def test_the_documented_command_prints_rows(served) -> None:
    """docs/queries.md's example, as a user types it: rows, the same as the embedded store's."""
    url, graph = served
    base = [sys.executable, "-m", "kzkg", "query", "timeline", "--format", "csv"]
    local = subprocess.run([*base, "--graph", str(graph)], capture_output=True, text=True, cwd=ROOT)
    remote = subprocess.run([*base, "--endpoint", url], capture_output=True, text=True, cwd=ROOT)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout and remote.stdout.count("\n") > 2, remote.stdout
