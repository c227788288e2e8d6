"""The query page of ``kzkg serve`` in a real Chromium, against the real Oxigraph server.

``kzkg serve`` runs as a user starts it; the page must offer every canned query with its
parameters, bind values through the server (a bad value gets kzkg's own message), show answers
with kz: IRIs linking to pages that exist and literals as plain values, fit a 390-pixel phone,
and ask nothing of any host but 127.0.0.1.
"""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from browser import chromium
from paths import ROOT
from system_tools import ensure_chromium

from kzkg.query.catalogue import load_catalogue

pytestmark = pytest.mark.slow

ARTIFACTS = ROOT / "test-artifacts"
CATALOGUE = load_catalogue(ROOT / "queries")
ROWS = "[...document.querySelectorAll('#results tbody tr')].length"


def two_free_ports() -> int:
    """A port P with P and P+1 both free (the server takes P, the site and query page P+1)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise RuntimeError("no two free ports in a row")


@pytest.fixture(scope="module")
def served():
    port = two_free_ports()
    process = subprocess.Popen(
        [sys.executable, "-m", "kzkg", "serve", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    said: list[str] = []
    threading.Thread(target=lambda: said.extend(process.stdout), daemon=True).start()
    deadline = time.monotonic() + 120
    while "press Ctrl-C" not in "".join(said):
        assert process.poll() is None and time.monotonic() < deadline, "".join(said)
        time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port + 1}/", "".join(said)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def tab(served):
    with chromium(ensure_chromium()) as tab:
        yield tab


def wait_rows(tab, at_least: int = 1) -> int:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        status = tab.evaluate("document.getElementById('status').textContent")
        if status.startswith("answered") or tab.evaluate("!!document.querySelector('pre.error')"):
            return tab.evaluate(ROWS)
        time.sleep(0.1)
    raise TimeoutError("no answer within 30 s")


def test_serve_names_the_query_page(served):
    base, said = served
    assert f"query page: {base}query.html" in said, said


def test_every_canned_query_is_an_example_with_its_parameters(served, tab):
    base, _ = served
    tab.viewport(1280, 900)
    start = tab.open(base + "query.html")
    names = tab.evaluate("[...document.querySelectorAll('#example option')].map(o => o.value)")
    assert set(names) - {""} == set(CATALOGUE), names
    sparql = tab.evaluate("document.getElementById('sparql').value")
    assert "PREFIX kz: <https://w3id.org/kzkg/id/>" in sparql and "PREFIX kzo:" in sparql
    for name, query in CATALOGUE.items():
        tab.evaluate(
            f"(() => {{ const s = document.getElementById('example'); s.value = '{name}';"
            " s.dispatchEvent(new Event('change')); })()"
        )
        fields = tab.evaluate(
            "[...document.querySelectorAll('#parameters input')].map(i => i.name)"
        )
        assert fields == [f"p.{p.name}" for p in query.parameters], name
        assert tab.evaluate("document.getElementById('sparql').value") == query.sparql
    assert not tab.errors(start)


def test_a_canned_query_answers_with_links_and_plain_values(served, tab):
    base, _ = served
    tab.viewport(1280, 900)
    start = tab.open(base + "query.html?name=claims-by-person&p.name=Kosanov")
    rows = wait_rows(tab)
    assert rows == 8, f"{rows} rows for claims by Kosanov"
    cells = tab.evaluate("[...document.querySelectorAll('#results td')].map(td => td.textContent)")
    assert not [c for c in cells if "^^" in c or c.startswith('"')], "literals shown raw"
    links = tab.evaluate(
        "[...document.querySelectorAll('#results a')].map(a => a.href)"
        ".filter((h, i, all) => all.indexOf(h) === i)"
    )
    assert any("/article/" in link for link in links), links
    for link in links:
        page = link.split("#")[0]
        with urllib.request.urlopen(page, timeout=10) as response:
            assert response.status == 200, link
    tab.screenshot(ARTIFACTS / "query-ui-desktop.png")
    assert not tab.errors(start)
    assert not [u for u in tab.requests(start) if not u.startswith("http://127.0.0.1:")]


def test_a_bad_parameter_value_gets_kzkgs_message(served, tab):
    base, _ = served
    start = tab.open(base + "query.html?name=persons-in-several-articles&p.min=two")
    wait_rows(tab)
    message = tab.evaluate("document.querySelector('#results pre.error').textContent")
    assert "parameter min (integer) cannot be 'two'" in message, message
    # The page's own failed request is the answer shown, not an error of the page.
    assert all("status of 400" in e for e in tab.errors(start)), tab.errors(start)


def test_the_page_works_on_a_phone(served, tab):
    base, _ = served
    tab.viewport(390, 844, mobile=True, scale=2)
    start = tab.open(base + "query.html?name=stances")
    rows = wait_rows(tab)
    assert rows > 50, rows
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the query page is {width} px wide on a 390 px phone"
    tab.evaluate("document.getElementById('results').scrollIntoView()")
    tab.screenshot(ARTIFACTS / "query-ui-phone.png")
    tab.viewport(1280, 900)
    assert not tab.errors(start)


def test_a_query_of_your_own_runs(served, tab):
    base, _ = served
    tab.viewport(1280, 900)
    start = tab.open(base + "query.html")
    tab.evaluate("document.getElementById('run').click()")
    assert wait_rows(tab) == 20
    first = tab.evaluate("document.querySelector('#results tbody a').getAttribute('href')")
    assert first.startswith("person/") and first.endswith(".html"), first
    assert not tab.errors(start)
