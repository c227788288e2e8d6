"""``kzkg serve`` runs a real, read-only Oxigraph server and stops it; ``kzkg load`` replaces a graph."""

from __future__ import annotations

import copy
import json
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import click
import pyoxigraph as ox
import pytest
from canned_cases import GRAPH
from click.testing import CliRunner
from loopback import free_port
from oxigraph_server import OxigraphServer

from kzkg.cli import stores as cli_stores
from kzkg.rdf.namespaces import LOAD_GRAPH
from kzkg.runtime.errors import StoreError
from kzkg.stores.server import serve

FIXTURE_TRIPLES = len(list(ox.parse(path=GRAPH)))
SERVE = (
    "import sys; from pathlib import Path; from kzkg.stores.server import serve; "
    "serve([Path(sys.argv[1])], port=int(sys.argv[2]))"
)

pytestmark = pytest.mark.slow


def test_busy_port_is_refused_before_anything_starts() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with pytest.raises(StoreError, match=rf"cannot listen on 127.0.0.1:{port}: .* pass --port"):
            serve([GRAPH], port=port)


def test_missing_graph_file_says_build_first(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="graph file not found — run `kzkg build` first"):
        serve([tmp_path / "kzkg.ttl"], port=free_port())


def _read_until(process: subprocess.Popen[str], marker: str, seconds: float) -> str:
    """Collect stdout until ``marker`` appears, the process ends or ``seconds`` pass."""
    seen: list[str] = []

    def pump() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            seen.append(line)

    threading.Thread(target=pump, daemon=True).start()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and marker not in "".join(seen) and process.poll() is None:
        time.sleep(0.05)
    return "".join(seen)


def _count(url: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"
    request = urllib.request.Request(
        f"{url}query?query={urllib.parse.quote(query)}", headers={"Accept": "text/csv"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return int(response.read().decode().split()[1])


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM])
def test_serve_answers_then_stops_its_server(stop_signal: signal.Signals) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(GRAPH), str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        shown = _read_until(process, "press Ctrl-C", 60)
        url = f"http://127.0.0.1:{port}/"
        assert f"Oxigraph query UI: {url}" in shown, shown
        assert _count(url) == FIXTURE_TRIPLES, "the served graph is not the fixture"
        with pytest.raises(urllib.error.HTTPError):  # read-only: the UI cannot drop the graph
            urllib.request.urlopen(
                urllib.request.Request(
                    f"{url}update",
                    data=b"DROP ALL",
                    method="POST",
                    headers={"Content-Type": "application/sparql-update"},
                ),
                timeout=30,
            )
        process.send_signal(stop_signal)
        assert process.wait(timeout=30) == 0, process.stderr.read()  # type: ignore[union-attr]
    finally:
        if process.poll() is None:  # a failed assertion: stop it the polite way first
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
    with socket.socket() as probe, pytest.raises(ConnectionRefusedError):
        probe.connect(("127.0.0.1", port))  # the oxigraph child is gone too


def test_load_command_replaces_the_graph(tmp_path: Path) -> None:
    with OxigraphServer(tmp_path / "store") as server:
        result = CliRunner().invoke(
            cli_stores.load, ["--endpoint", server.base, "--file", str(GRAPH), "--format", "json"]
        )
        assert result.exit_code == 0, result.output
        report = json.loads(result.output)
        assert report["graphs"] == {LOAD_GRAPH: FIXTURE_TRIPLES}, report


def test_load_command_with_the_server_down_exits_1_with_a_message() -> None:
    """Wired into the CLI as the lead does it: the callback wrapped in kzkg.cli.main.friendly."""
    from kzkg.cli.main import friendly

    command = copy.copy(cli_stores.load)
    command.callback = friendly(cli_stores.load.callback)  # type: ignore[arg-type]
    group = click.Group(commands={"load": command})
    base = f"http://127.0.0.1:{free_port()}"
    result = CliRunner().invoke(group, ["load", "--endpoint", base, "--file", str(GRAPH)])
    assert result.exit_code == 1, result.output
    message = " ".join(result.output.split())  # rich wraps long lines
    assert message.startswith(f"error: cannot reach {base}/store: connection refused"), message
    assert "— is the server running? check the URL" in message, message
