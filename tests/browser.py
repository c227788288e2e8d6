"""A real headless Chromium driven over the DevTools protocol, and a static file server.

Chromium runs with a fresh profile, no network services of its own (no sync, updates, QUIC or
background fetches) and the DevTools protocol on a port it picks; a ``Tab`` talks to one page
over a websocket (``websocket-client``). Every event the page sends is kept, so a test can ask
afterwards what the console said and which URLs the page requested.
"""

from __future__ import annotations

import base64
import contextlib
import functools
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from typing import Any

import websocket
from loopback import die_with_parent, serve_http

from kzkg.stores.server import stop_process

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--remote-debugging-port=0",
]
TIMEOUT = 30.0  # seconds for Chromium to start, and for a page to load


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the test output stays readable
        pass


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1, on a free port; yields the base URL."""
    with serve_http(functools.partial(_QuietHandler, directory=str(folder))) as base:
        yield base + "/"


class Tab:
    """One page target: send commands, collect events."""

    def __init__(self, ws_url: str) -> None:
        # Chromium refuses websocket clients that send an Origin header it was not told about.
        self.ws = websocket.create_connection(ws_url, timeout=TIMEOUT, suppress_origin=True)
        self.events: list[dict[str, Any]] = []
        self._id = 0
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        # A headless window never has the focus, and without it :focus never matches.
        self.call("Emulation.setFocusEmulationEnabled", enabled=True)

    def call(self, method: str, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self._id += 1
        self.ws.send(json.dumps({"id": self._id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self._id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, event: str, since: int = 0) -> dict[str, Any]:
        """Wait for an event (one already received after index ``since`` counts)."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for message in self.events[since:]:
                if message.get("method") == event:
                    return message
            if time.monotonic() > deadline:
                raise TimeoutError(f"no {event} within {TIMEOUT} s")
            self.events.append(json.loads(self.ws.recv()))

    def open(self, url: str) -> int:
        """Load ``url`` and wait for its load event; returns the index of its first event."""
        start = len(self.events)
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired", start)
        self.call("Runtime.evaluate", expression="1")  # flush events queued during the load
        return start

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (JSON-serialisable results only)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}…: {result['exceptionDetails']}")
        return result["result"].get("value")

    def errors(self, since: int = 0) -> list[str]:
        """Console errors, uncaught exceptions and failed loads reported since ``since``."""
        found = []
        for message in self.events[since:]:
            method, params = message.get("method"), message.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(
                    " ".join(str(a.get("value", a.get("description"))) for a in params["args"])
                )
            elif method == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "exception"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                entry = params["entry"]
                found.append(f"{entry.get('text')} {entry.get('url', '')}".strip())
        return found

    def requests(self, since: int = 0) -> list[str]:
        """Every URL the page asked for since ``since``."""
        return [
            m["params"]["request"]["url"]
            for m in self.events[since:]
            if m.get("method") == "Network.requestWillBeSent"
        ]

    def document_status(self, since: int = 0) -> int | None:
        """The HTTP status of the last document loaded since ``since``."""
        statuses = [
            m["params"]["response"]["status"]
            for m in self.events[since:]
            if m.get("method") == "Network.responseReceived"
            and m["params"].get("type") == "Document"
        ]
        return statuses[-1] if statuses else None

    def hover(self, selector: str) -> None:
        """Move the mouse to the middle of the first element matching ``selector``."""
        box = self.evaluate(
            f"(() => {{ const r = document.querySelector({json.dumps(selector)})"
            ".getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=box[0], y=box[1])

    def viewport(self, width: int, height: int, *, mobile: bool = False, scale: float = 1) -> None:
        """Emulate a screen of this size (a phone with ``mobile=True``)."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width,
            height=height,
            deviceScaleFactor=scale,
            mobile=mobile,
        )

    def screenshot(self, path: Path) -> Path:
        """Save what the viewport shows as a PNG."""
        data = self.call("Page.captureScreenshot", format="png")["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.ws.close()


@contextlib.contextmanager
def chromium(binary: str) -> Iterator[Tab]:
    """A headless Chromium with a throw-away profile; yields its first tab; always stopped."""
    profile = Path(tempfile.mkdtemp(prefix="kzkg-chromium-"))
    process = subprocess.Popen(
        [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=die_with_parent,
    )
    tab = None
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + TIMEOUT
        while not (port_file.is_file() and port_file.read_text().strip()):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"chromium did not start (exit status {process.poll()})")
            time.sleep(0.05)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=TIMEOUT) as r:
            targets = json.load(r)
        page = next(t for t in targets if t.get("type") == "page")
        tab = Tab(page["webSocketDebuggerUrl"])
        yield tab
    finally:
        if tab:
            tab.close()
        stop_process(process)
        shutil.rmtree(profile, ignore_errors=True)
