"""Talking to a remote SPARQL server: where its services are, who we are, and what went wrong.

Shared by the query path (:mod:`kzkg.remote`) and the load path (:mod:`kzkg.graphstore`), so that
both retry the same way, read credentials from the same places and explain a failure in the same
words. Credentials come only from the environment (``KZKG_ENDPOINT_USER``,
``KZKG_ENDPOINT_PASSWORD``, optionally ``KZKG_ENDPOINT_AUTH=digest``) or ``~/.netrc``: a password
on the command line ends up in shell history and in ``ps`` output.
"""

from __future__ import annotations

import ast
import base64
import http.client
import netrc
import os
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO, TypeVar
from urllib.parse import urlsplit

from kzkg.errors import StoreError

T = TypeVar("T")

TIMEOUT = 60.0  # seconds per request; a canned query on the whole graph takes well under one
ATTEMPTS = 3  # one try and two retries, 0.5 s then 1 s apart: long enough for a restart
BACKOFF = 0.5
CREDENTIAL_HELP = "set KZKG_ENDPOINT_USER and KZKG_ENDPOINT_PASSWORD, or add the host to ~/.netrc"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """The three services of one SPARQL server: query, update and Graph Store (may be unknown).

    >>> Endpoint.parse("http://127.0.0.1:7878/query").store
    'http://127.0.0.1:7878/store'
    >>> Endpoint.parse("http://localhost:8890/sparql").store is None
    True
    """

    query: str
    update: str
    store: str | None

    @classmethod
    def parse(cls, url: str, *, update: str | None = None, store: str | None = None) -> Endpoint:
        """Derive the services from one URL, the way Oxigraph and Fuseki lay them out.

        ``…/query`` or a base URL gives ``base/query``, ``base/update``, ``base/store``; a URL
        ending in ``/sparql`` or ``/sparql-auth`` (Virtuoso) serves query and update itself and
        has no Graph Store unless ``store`` is given. Explicit ``update``/``store`` always win.
        """
        for given in (url, update, store):
            if given is not None:
                check_url(given)
        base = url.rstrip("/")
        if base.rsplit("/", 1)[-1] in ("sparql", "sparql-auth"):
            return cls(base, update or base, store)
        base = base.removesuffix("/query")
        return cls(f"{base}/query", update or f"{base}/update", store or f"{base}/store")


def check_url(url: str) -> None:
    """Refuse URLs that are not http(s) or carry a password (it would end up in shell history)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise StoreError(f"{url!r} is not an http:// or https:// URL — check the endpoint URL")
    if parts.username or parts.password:
        raise StoreError(f"{parts.hostname}: do not put credentials in the URL — {CREDENTIAL_HELP}")


def credentials(url: str) -> tuple[str, str] | None:
    """(user, password) for the host of ``url``: the environment first, then ``~/.netrc``."""
    user = os.environ.get("KZKG_ENDPOINT_USER")
    password = os.environ.get("KZKG_ENDPOINT_PASSWORD")
    if user is not None or password is not None:
        if not user or password is None:
            raise StoreError(
                "only one of KZKG_ENDPOINT_USER and KZKG_ENDPOINT_PASSWORD is set — set both"
            )
        return user, password
    host = urlsplit(url).hostname or ""
    try:
        found = netrc.netrc().authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as exc:
        raise StoreError(f"cannot read ~/.netrc ({exc}) — fix or remove the file") from None
    return (found[0], found[2] or "") if found else None


def digest_auth() -> bool:
    """Whether to answer a Digest challenge (Virtuoso's /sparql-auth) instead of sending Basic."""
    scheme = os.environ.get("KZKG_ENDPOINT_AUTH", "basic").lower()
    if scheme not in ("basic", "digest"):
        raise StoreError(f"KZKG_ENDPOINT_AUTH={scheme!r}: use basic or digest")
    return scheme == "digest"


def request(
    method: str,
    url: str,
    *,
    body: bytes | BinaryIO | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> tuple[int, bytes]:
    """One HTTP request with the user's credentials; HTTP errors raise ``HTTPError``."""
    prepared = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    handlers: list[urllib.request.BaseHandler] = []
    login = credentials(url)
    if login and digest_auth():
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, url, *login)
        handlers.append(urllib.request.HTTPDigestAuthHandler(manager))
    elif login:  # preemptive Basic: one round trip, and the body is never sent twice
        token = base64.b64encode(":".join(login).encode()).decode("ascii")
        prepared.add_header("Authorization", f"Basic {token}")
    with urllib.request.build_opener(*handlers).open(prepared, timeout=timeout) as response:
        return response.status, response.read()


def status_of(error: BaseException) -> int | None:
    """The HTTP status behind an error from urllib or SPARQLWrapper, if it has one."""
    if isinstance(error, urllib.error.HTTPError):
        return error.code
    codes = {
        "QueryBadFormed": 400,
        "Unauthorized": 401,
        "EndPointNotFound": 404,
        "URITooLong": 414,
        "EndPointInternalError": 500,
    }
    return codes.get(type(error).__name__)


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
        except Exception as exc:  # SPARQLWrapper's own exception classes
            if status_of(exc) is None:
                raise
            error = exc
        if attempt == attempts or not retry_if(error):
            raise StoreError(explain(url, error, attempt, what)) from error
        time.sleep(BACKOFF * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


HINTS = {
    401: CREDENTIAL_HELP,
    403: f"the account may not do this; {CREDENTIAL_HELP}",
    404: "check the URL (for Oxigraph: http://HOST:PORT/query)",
    405: "this URL does not accept that request — check the URL",
}


def _body(error: BaseException) -> str:
    if isinstance(error, urllib.error.HTTPError):
        try:
            return (error.read() or b"").decode("utf-8", "replace") or str(error.reason)
        except OSError:
            return str(error.reason)
    # SPARQLWrapper's exceptions keep the server's answer only in their message, as a repr.
    _, found, response = str(error).partition("\n\nResponse:\n")
    try:
        body = ast.literal_eval(response) if found else str(error)
    except (ValueError, SyntaxError):
        return response
    return body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)


def explain(url: str, error: BaseException, attempts: int = 1, what: str = "") -> str:
    """A message that says what failed and what to check, never a bare traceback."""
    tried = f" after {attempts} attempts" if attempts > 1 else ""
    status = status_of(error)
    if status is not None:
        detail = " ".join(_body(error).split())[:300]
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
    return f"cannot reach {url}: {reason}{tried} — is the server running? check the URL"
