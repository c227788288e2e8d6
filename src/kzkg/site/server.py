"""The explorer's own HTTP server for ``kzkg serve``: the static site, and ``/sparql`` for its
query page.

``/sparql`` takes a query (``query``), optionally the canned query it came from (``name``) and
parameter values (``p.VAR``). Values are parsed by :func:`kzkg.query.catalogue.bind` into RDF terms and
put into the text by :func:`kzkg.query.remote.with_values`, as ``kzkg query --endpoint`` does, so a
value is never pasted in as SPARQL. The query then goes to the read-only Oxigraph server, and
its answer comes back unchanged. Being on the page's own origin, it needs no CORS, and the page
asks nothing of any other host.
"""

from __future__ import annotations

import contextlib
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

from kzkg.data import QUERIES
from kzkg.query import CannedQuery, bind, load_catalogue, with_values
from kzkg.stores import check_port

ANSWER_TYPES = "application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"
MAX_BODY = 1_000_000  # bytes of form data: a query, not an upload
TIMEOUT = 120.0  # seconds a query may run
SERVED_MARK = ('<body class="query">', '<body class="query served">')


class BadRequest(ValueError):
    """A query or a parameter value the page should show back to the user."""


def bound_query(form: dict[str, str], catalogue: dict[str, CannedQuery]) -> str:
    """The query text with the canned query's parameters bound; BadRequest says what is wrong."""
    text = form.get("query", "").strip()
    if not text:
        raise BadRequest("no query: write one, or choose an example")
    name = form.get("name", "")
    if not name:
        return text
    if name not in catalogue:
        raise BadRequest(f"no canned query {name!r}")
    values = {key[2:]: value for key, value in form.items() if key.startswith("p.") and value}
    try:
        return with_values(text, bind(catalogue[name], values))
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


class FrontHandler(SimpleHTTPRequestHandler):
    """Files of the site folder, ``query.html`` marked as served, and ``/sparql``."""

    endpoint: ClassVar[str] = ""  # the Oxigraph server's base URL
    catalogue: ClassVar[dict[str, CannedQuery]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal shows what kzkg serve says, not every request

    def do_GET(self) -> None:
        path = urllib.parse.urlsplit(self.path).path
        if path == "/sparql":
            self._answer(urllib.parse.urlsplit(self.path).query)
        elif path == "/query.html":
            self._query_page()
        else:
            super().do_GET()

    def do_POST(self) -> None:
        if urllib.parse.urlsplit(self.path).path != "/sparql":
            self.send_error(405, "only /sparql takes POST")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._reply(413, "text/plain; charset=utf-8", b"query too long")
            return
        self._answer(self.rfile.read(length).decode("utf-8", errors="replace"))

    def _query_page(self) -> None:
        file = Path(self.directory) / "query.html"
        if not file.is_file():
            self.send_error(404)
            return
        html = file.read_text(encoding="utf-8").replace(*SERVED_MARK, 1)
        self._reply(200, "text/html; charset=utf-8", html.encode())

    def _answer(self, encoded_form: str) -> None:
        form = dict(urllib.parse.parse_qsl(encoded_form, keep_blank_values=True))
        try:
            query = bound_query(form, self.catalogue)
        except BadRequest as exc:
            self._reply(400, "text/plain; charset=utf-8", str(exc).encode())
            return
        request = urllib.request.Request(
            self.endpoint + "query",
            data=query.encode(),
            headers={"Content-Type": "application/sparql-query", "Accept": ANSWER_TYPES},
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:
                kind = response.headers.get("Content-Type", "application/octet-stream")
                self._reply(200, kind, response.read())
        except urllib.error.HTTPError as exc:
            self._reply(400, "text/plain; charset=utf-8", exc.read() or str(exc).encode())
        except OSError as exc:
            self._reply(502, "text/plain; charset=utf-8", f"the SPARQL server: {exc}".encode())

    def _reply(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def front_server(
    site_dir: Path, host: str, port: int, endpoint: str, catalogue: dict[str, CannedQuery]
) -> ThreadingHTTPServer:
    """A server (not yet serving) for the site folder, asking ``endpoint`` for /sparql."""
    handler = type(
        "BoundFrontHandler", (FrontHandler,), {"endpoint": endpoint, "catalogue": catalogue}
    )
    return ThreadingHTTPServer((host, port), partial(handler, directory=str(site_dir)))


@contextlib.contextmanager
def explorer(site_dir: Path, host: str, port: int, endpoint: str) -> Iterator[str]:
    """The static explorer and its query page on ``host:port`` while the block runs; the query
    page asks ``endpoint`` (``kzkg serve``'s Oxigraph) with the canned queries' parameters bound."""
    check_port(host, port)
    httpd = front_server(site_dir, host, port, endpoint, load_catalogue(QUERIES))
    thread = threading.Thread(target=httpd.serve_forever, name="kzkg-site", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{port}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
