"""Talking to a remote SPARQL server: where its services are, who we are, and what went wrong.

Shared by the query path (:mod:`kzkg.query.remote`) and the load path (:mod:`kzkg.stores.graphstore`), so that
both retry the same way, send credentials the same way (:mod:`kzkg.stores.http_auth`) and explain a
failure in the same words: the HTTP status with the server's own message, never a traceback.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlsplit

from kzkg.runtime import StoreError
from kzkg.stores.http_auth import CREDENTIAL_HELP, TIMEOUT, credentials, digest_auth, request

__all__ = ["CREDENTIAL_HELP", "TIMEOUT", "Endpoint", "credentials", "digest_auth", "request"]

T = TypeVar("T")

ATTEMPTS = 3  # one try and two retries, 0.5 s then 1 s apart: long enough for a restart
BACKOFF = 0.5


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The three services of one SPARQL server: query, update and Graph Store (may be unknown).

    >>> Endpoint.parse("http://127.0.0.1:7878/query").store
    'http://127.0.0.1:7878/store'
    >>> Endpoint.parse("http://localhost:8890/sparql-auth").store
    'http://localhost:8890/sparql-graph-crud-auth'
    """

    query: str
    update: str
    store: str | None

    @classmethod
    def parse(cls, url: str, *, update: str | None = None, store: str | None = None) -> Endpoint:
        """Derive the services from one URL, the way Oxigraph and Fuseki lay them out.

        ``…/query`` or a base URL gives ``base/query``, ``base/update``, ``base/store``; a URL
        ending in ``/sparql`` or ``/sparql-NAME`` (Virtuoso: ``/sparql-auth``) serves query and
        update itself, and its Graph Store is ``/sparql-graph-crud`` or ``/sparql-graph-crud-NAME``
        as Virtuoso lays them out (a server without one answers 404 there, and the load falls
        back to SPARQL Update).
        Explicit ``update``/``store`` always win.
        """
        for given in (url, update, store):
            if given is not None:
                check_url(given)
        base = url.rstrip("/")
        head, _, last = base.rpartition("/")
        if last == "sparql" or last.startswith("sparql-"):
            crud = f"{head}/{last.replace('sparql', 'sparql-graph-crud', 1)}"
            return cls(base, update or base, store or crud)
        base = base.removesuffix("/query")
        return cls(f"{base}/query", update or f"{base}/update", store or f"{base}/store")


def check_url(url: str) -> None:
    """Refuse URLs that are not http(s) or carry a password (it would end up in shell history)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url!r} is not an http:// or https:// URL — check the endpoint URL")
    if parts.username or parts.password:
        raise StoreError(f"{parts.hostname}: do not put credentials in the URL — {CREDENTIAL_HELP}")


def status_of(error: BaseException) -> int | None:
    """The HTTP status behind an error from urllib, if it has one."""
    return error.code if isinstance(error, urllib.error.HTTPError) else None


def _reason(error: BaseException) -> BaseException:
    reason = getattr(error, "reason", None)
    return reason if isinstance(reason, BaseException) else error


def never_arrived(error: BaseException) -> bool:
    """True when the server certainly did not act on the request, so repeating it is safe."""
    status = status_of(error)
    if status is not None:
        return status >= 500  # it answered: an update that failed was rolled back
    return isinstance(_reason(error), ConnectionRefusedError)


def transient(error: BaseException) -> bool:
    """Worth repeating an idempotent request: refused, reset or dropped connections and 5xx."""
    if never_arrived(error):
        return True
    reason = _reason(error)
    lost = (ConnectionResetError, ConnectionAbortedError, http.client.RemoteDisconnected)
    return status_of(error) is None and isinstance(reason, lost)


def retrying(
    action: Callable[[], T],
    url: str,
    *,
    attempts: int = ATTEMPTS,
    retry_if: Callable[[BaseException], bool] = transient,
    what: str = "",
) -> T:
    """Run ``action`` up to ``attempts`` times, backing off, and turn failures into StoreError."""
    for attempt in range(1, attempts + 1):
        try:
            return action()
        except (OSError, http.client.HTTPException, ValueError) as exc:
            error: BaseException = exc
        if attempt == attempts or not retry_if(error):
            raise StoreError(explain(url, error, attempt, what)) from error
        time.sleep(BACKOFF * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


HINTS = {
    400: "the server refused the request as written (its own message above)",
    401: CREDENTIAL_HELP,
    403: f"the account may not do this; {CREDENTIAL_HELP}",
    404: "check the URL (for Oxigraph: http://HOST:PORT/query)",
    405: "this URL does not accept that request — check the URL",
}


def server_message(error: BaseException) -> str:
    """The text the server sent with an HTTP error (read once, by :mod:`kzkg.stores.http_auth`)."""
    message = getattr(error, "server_message", None)
    if message is None and isinstance(error, urllib.error.HTTPError):
        try:
            message = (error.read() or b"").decode("utf-8", "replace")
        except OSError:
            message = ""
    return message or str(getattr(error, "reason", "") or "")


def explain(url: str, error: BaseException, attempts: int = 1, what: str = "") -> str:
    """A message that says what failed and what to check, never a bare traceback."""
    tried = f" after {attempts} attempts" if attempts > 1 else ""
    status = status_of(error)
    if status is not None:
        detail = " ".join(server_message(error).split())[:500]
        hint = HINTS.get(status) or ("see the server's log" if status >= 500 else "check the URL")
        return f"{what or url}: HTTP {status}{tried}: {detail} — {hint}"
    reason = _reason(error)
    if isinstance(reason, ConnectionRefusedError):
        return (
            f"cannot reach {url}: connection refused{tried} — is the server running? check the URL"
        )
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"{url}: no answer in time{tried} — is the server overloaded? check the URL"
    if isinstance(reason, socket.gaierror):
        return f"cannot reach {url}: unknown host — check the URL"
    if isinstance(reason, ssl.SSLError):
        return f"cannot reach {url}: TLS failed ({reason}) — check http:// versus https://"
    # It accepted the connection, so it runs: say what happened to the request instead.
    return (
        f"{what or url}: the server closed the connection ({reason or type(reason).__name__})"
        f"{tried} — see the server's log; a request too large for it is one cause"
    )
