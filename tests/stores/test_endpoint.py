"""Credentials come from the environment or ~/.netrc only; transient failures are retried, bounded."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pytest
from canned_cases import catalogue
from loopback import serve_http

from kzkg.query.remote import run_remote
from kzkg.runtime.errors import StoreError
from kzkg.stores.endpoint import Endpoint, credentials, request

EMPTY = b'{"head":{"vars":["start"]},"results":{"bindings":[]}}'


class Recorder(BaseHTTPRequestHandler):
    """Answers every request with an empty SPARQL result, after ``failures`` 503s."""

    seen: ClassVar[list[tuple[str, str | None]]] = []
    failures = 0

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        type(self).seen.append((self.command, self.headers.get("Authorization")))
        if type(self).failures > 0:
            type(self).failures -= 1
            self.send_response(503)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(EMPTY)))
        self.end_headers()
        self.wfile.write(EMPTY)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    """A loopback HTTP server that records what clients send (stopped after each test)."""
    Recorder.seen, Recorder.failures = [], 0
    with serve_http(Recorder) as base:
        yield base


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("KZKG_ENDPOINT_USER", "KZKG_ENDPOINT_PASSWORD", "KZKG_ENDPOINT_AUTH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))  # no real ~/.netrc leaks into a test


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_environment_credentials_reach_both_paths(recorder, monkeypatch) -> None:
    monkeypatch.setenv("KZKG_ENDPOINT_USER", "reader")
    monkeypatch.setenv("KZKG_ENDPOINT_PASSWORD", "s3cret:with colon")
    run_remote(catalogue()["timeline"], f"{recorder}/query", {})
    request("PUT", f"{recorder}/store", body=b"", headers={"Content-Type": "text/turtle"})
    assert Recorder.seen == [
        ("POST", basic("reader", "s3cret:with colon")),  # does it hold kzkg load's graph?
        ("POST", basic("reader", "s3cret:with colon")),  # the query
        ("PUT", basic("reader", "s3cret:with colon")),
    ], Recorder.seen


def test_netrc_credentials_are_used_for_their_host(recorder, tmp_path) -> None:
    netrc = tmp_path / ".netrc"
    netrc.write_text("machine 127.0.0.1 login alice password wonder\n")
    netrc.chmod(0o600)
    assert credentials(recorder) == ("alice", "wonder")
    assert credentials("http://elsewhere.example/query") is None
    run_remote(catalogue()["timeline"], f"{recorder}/query", {}, graph="")
    assert Recorder.seen == [("POST", basic("alice", "wonder"))], Recorder.seen


def test_half_set_credentials_are_refused(monkeypatch) -> None:
    monkeypatch.setenv("KZKG_ENDPOINT_USER", "reader")
    with pytest.raises(StoreError, match="set both"):
        credentials("http://127.0.0.1/query")


def test_credentials_in_the_url_are_refused_without_echoing_them() -> None:
    with pytest.raises(StoreError) as caught:
        Endpoint.parse("http://bob:hunter2@127.0.0.1:7878")
    assert "hunter2" not in str(caught.value) and "KZKG_ENDPOINT_USER" in str(caught.value)


def test_a_503_is_retried_a_bounded_number_of_times(recorder) -> None:
    Recorder.failures = 2
    run_remote(catalogue()["timeline"], f"{recorder}/query", {}, graph="", attempts=3)
    assert len(Recorder.seen) == 3, Recorder.seen
    Recorder.seen, Recorder.failures = [], 5
    with pytest.raises(StoreError, match=r"HTTP 503 after 2 attempts"):
        run_remote(catalogue()["timeline"], f"{recorder}/query", {}, graph="", attempts=2)
    assert len(Recorder.seen) == 2, Recorder.seen


def test_endpoint_layouts() -> None:
    oxigraph = Endpoint.parse("http://127.0.0.1:7878/query")
    assert (oxigraph.update, oxigraph.store) == (
        "http://127.0.0.1:7878/update",
        "http://127.0.0.1:7878/store",
    )
    fuseki = Endpoint.parse("http://h:3030/kzkg/", store="http://h:3030/kzkg/data")
    assert (fuseki.query, fuseki.store) == ("http://h:3030/kzkg/query", "http://h:3030/kzkg/data")
    virtuoso = Endpoint.parse("http://h:8890/sparql")
    assert (virtuoso.query, virtuoso.update, virtuoso.store) == (
        "http://h:8890/sparql",
        "http://h:8890/sparql",
        "http://h:8890/sparql-graph-crud",
    )
    with pytest.raises(StoreError, match="not an http"):
        Endpoint.parse("ftp://h/sparql")
