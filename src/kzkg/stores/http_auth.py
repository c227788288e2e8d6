"""One HTTP request to a SPARQL server, with the user's credentials, Basic or Digest.

Credentials come only from the environment (``KZKG_ENDPOINT_USER``, ``KZKG_ENDPOINT_PASSWORD``,
optionally ``KZKG_ENDPOINT_AUTH=digest``) or ``~/.netrc``: a password on the command line ends
up in shell history and in ``ps`` output.

Why Digest is not left to urllib's handler: it sends the whole body, waits for the 401 challenge
and sends the body again. Virtuoso answers the challenge and closes the connection while a 4 MB
upload is still travelling ("Broken pipe"), and a streamed file cannot be sent twice anyway. So
the challenge is fetched first with a body-less GET (a cheap probe, cached per server), the
``Authorization`` header is computed from it, and the body travels once. A stale nonce gets one
more try with the new challenge, the body rewound. Basic is sent up front: one round trip.
"""

from __future__ import annotations

import base64
import netrc
import os
import urllib.error
import urllib.request
from typing import BinaryIO
from urllib.parse import urlsplit

from kzkg.runtime import StoreError

TIMEOUT = 60.0  # seconds per request; a canned query on the whole graph takes well under one
CREDENTIAL_HELP = "set KZKG_ENDPOINT_USER and KZKG_ENDPOINT_PASSWORD, or add the host to ~/.netrc"
_CHALLENGES: dict[str, str] = {}  # origin → the last Digest challenge it sent


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


class AuthenticationFailed(StoreError):
    """The server refused the credentials (or asked for some and none were set)."""


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _digest_challenge(error: urllib.error.HTTPError) -> str | None:
    for offered in error.headers.get_all("WWW-Authenticate") or []:
        scheme, _, fields = offered.strip().partition(" ")
        if scheme.lower() == "digest":
            return fields
    return None


def _digest_header(url: str, method: str, challenge: str, login: tuple[str, str]) -> str:
    """The ``Authorization`` value answering ``challenge`` for this method and URL (RFC 7616)."""
    manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    manager.add_password(None, url, *login)
    handler = urllib.request.HTTPDigestAuthHandler(manager)
    fields = urllib.request.parse_keqv_list(
        [item for item in urllib.request.parse_http_list(challenge) if "=" in item]
    )
    answer = handler.get_authorization(urllib.request.Request(url, method=method), fields)
    if not answer:
        raise StoreError(f"{url}: cannot answer the server's Digest challenge ({challenge})")
    return f"Digest {answer}"


def _send(
    method: str, url: str, body: bytes | BinaryIO | None, headers: dict[str, str], timeout: float
) -> tuple[int, bytes]:
    prepared = urllib.request.Request(url, data=body, method=method, headers=headers)
    try:
        with urllib.request.urlopen(prepared, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        # Read the server's message now: the body can be read once, and every later reader
        # (the retry rule, the error message) needs it.
        try:
            error.server_message = (error.read() or b"").decode("utf-8", "replace")  # type: ignore[attr-defined]
        except OSError:
            error.server_message = ""  # type: ignore[attr-defined]
        raise


def _probe(url: str, timeout: float) -> str | None:
    """The Digest challenge the server sends to a body-less, credential-less GET, if any."""
    try:
        _send("GET", url, None, {}, timeout)
    except urllib.error.HTTPError as error:
        return _digest_challenge(error) if error.code == 401 else None
    return None


def _rewind(body: bytes | BinaryIO | None) -> bool:
    if body is None or isinstance(body, bytes):
        return True
    if hasattr(body, "seek"):
        body.seek(0)
        return True
    return False


def request(
    method: str,
    url: str,
    *,
    body: bytes | BinaryIO | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
) -> tuple[int, bytes]:
    """One HTTP request with the user's credentials; HTTP errors raise ``HTTPError`` (its
    ``server_message`` holds the answer's text), refused credentials AuthenticationFailed."""
    sent = dict(headers or {})
    login = credentials(url)
    scheme = ("Digest" if digest_auth() else "Basic") if login else None
    if login and scheme == "Basic":
        token = base64.b64encode(":".join(login).encode()).decode("ascii")
        sent["Authorization"] = f"Basic {token}"
    elif login:
        challenge = _CHALLENGES.get(_origin(url)) or _probe(url, timeout)
        if challenge:
            _CHALLENGES[_origin(url)] = challenge
            sent["Authorization"] = _digest_header(url, method, challenge, login)
    refused = _answer_or_refusal(method, url, body, sent, timeout)
    if not isinstance(refused, urllib.error.HTTPError):
        return refused
    fresh = _digest_challenge(refused)
    answered = "Authorization" in sent and "stale=true" not in (fresh or "").lower()
    if login and scheme == "Digest" and fresh and not answered and _rewind(body):
        # A stale or missing nonce: answer the challenge this very answer carries, once.
        _CHALLENGES[_origin(url)] = fresh
        sent["Authorization"] = _digest_header(url, method, fresh, login)
        refused = _answer_or_refusal(method, url, body, sent, timeout)
        if not isinstance(refused, urllib.error.HTTPError):
            return refused
    raise AuthenticationFailed(_refusal(url, scheme, login, refused)) from refused


def _answer_or_refusal(
    method: str,
    url: str,
    body: bytes | BinaryIO | None,
    sent: dict[str, str],
    timeout: float,
) -> tuple[int, bytes] | urllib.error.HTTPError:
    """The answer, or the 401 that refused the request; any other failure is raised."""
    try:
        return _send(method, url, body, sent, timeout)
    except urllib.error.HTTPError as error:
        if error.code != 401:
            raise
        return error
    except OSError as error:
        # Virtuoso answers bad credentials with 401 and closes the connection while the body
        # is still travelling: the client sees a broken pipe. Ask again without a body.
        refused = _refusal_behind(url, sent, timeout) if _lost(error) else None
        if refused is None:
            raise
        return refused


def _lost(error: BaseException) -> bool:
    reason = getattr(error, "reason", error)
    return isinstance(reason, BrokenPipeError | ConnectionResetError | ConnectionAbortedError)


def _refusal_behind(
    url: str, sent: dict[str, str], timeout: float
) -> urllib.error.HTTPError | None:
    """The 401 a lost upload hid, if that is what it was: the same credentials on a GET."""
    headers = {key: value for key, value in sent.items() if key == "Authorization"}
    if headers.get("Authorization", "").startswith("Digest "):
        challenge = _CHALLENGES.get(_origin(url))
        login = credentials(url)
        if challenge and login:
            headers["Authorization"] = _digest_header(url, "GET", challenge, login)
    try:
        _send("GET", url, None, headers, timeout)
    except urllib.error.HTTPError as error:
        return error if error.code == 401 else None
    except OSError:
        return None
    return None


def _offered(url: str, error: urllib.error.HTTPError, timeout: float = 10.0) -> str:
    """The schemes the server asks for: from this 401, or (Virtuoso sends no challenge to a
    Basic attempt where it wants Digest) from the 401 a credential-less GET gets."""
    found = error.headers.get_all("WWW-Authenticate") or []
    if not found:
        try:
            _send("GET", url, None, {}, timeout)
        except urllib.error.HTTPError as bare:
            found = bare.headers.get_all("WWW-Authenticate") or []
        except OSError:
            pass
    return ", ".join(value.strip().split(" ", 1)[0] for value in found)


def _refusal(
    url: str, scheme: str | None, login: tuple[str, str] | None, error: urllib.error.HTTPError
) -> str:
    offered = _offered(url, error)
    asks = f"; the server asks for {offered}" if offered else ""
    message = " ".join(getattr(error, "server_message", "").split())[:200]
    detail = f" ({message})" if message else ""
    if login is None:
        return f"{url}: HTTP 401, authentication required{detail}{asks} — {CREDENTIAL_HELP}"
    hint = "check the user and password"
    if scheme == "Basic" and "Digest" in offered:
        hint += ", and set KZKG_ENDPOINT_AUTH=digest"
    elif scheme == "Digest" and "Digest" not in offered and offered:
        hint += ", and unset KZKG_ENDPOINT_AUTH (the server wants Basic)"
    return (
        f"{url}: authentication failed ({scheme}) for user {login[0]!r}: HTTP 401{detail}{asks}"
        f" — {hint} (KZKG_ENDPOINT_USER / KZKG_ENDPOINT_PASSWORD or ~/.netrc)"
    )
