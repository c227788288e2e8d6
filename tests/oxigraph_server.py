"""A real ``oxigraph serve`` for tests: on 127.0.0.1, on a free port, on a store in a temp folder.

Not a mock: the tests talk HTTP to the same server binary users run. The server is always
stopped — use it as a context manager (or a pytest fixture that does), and every instance is
also stopped at interpreter exit, so a failing test never leaves a server behind.
"""

from __future__ import annotations

import atexit
import os
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import ClassVar, Self

from loopback import die_with_parent, free_port

from kzkg.stores import oxigraph_binary

START_TIMEOUT = 15.0  # seconds; the server is usually up in well under one


class ServerProcess:
    """A server process the tests start: used in a ``with`` block, and stopped when the test
    process exits if a test left it running. Subclasses start it, stop it, and keep
    ``RUNNING`` up to date."""

    RUNNING: ClassVar[set[ServerProcess]] = set()

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


@atexit.register
def _stop_all() -> None:
    for server in list(ServerProcess.RUNNING):
        server.stop()


class OxigraphServer(ServerProcess):
    """One ``oxigraph serve`` process; ``kill()`` + ``start()`` restarts it on the same store."""

    def __init__(self, location: Path, *, union_default_graph: bool = False) -> None:
        self.location = location
        self.union_default_graph = union_default_graph
        self.port = 0
        self.process: subprocess.Popen[bytes] | None = None
        self.log = location.with_name(location.name + ".log")

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> OxigraphServer:
        """Start on a fresh free port and wait until it answers; retry if the port was taken."""
        for _ in range(3):
            self.port = free_port()
            command = [
                oxigraph_binary(),
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ]
            if self.union_default_graph:
                command.append("--union-default-graph")
            with self.log.open("ab") as log:
                self.process = subprocess.Popen(
                    command, stdout=log, stderr=log, preexec_fn=die_with_parent
                )
            ServerProcess.RUNNING.add(self)
            if self._wait_ready():
                return self
            self.stop()
        raise RuntimeError(f"oxigraph serve did not start; see {self.log}")

    def _wait_ready(self) -> bool:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.base}/query", timeout=1):
                    return True
            except urllib.error.HTTPError:
                return True  # it answered
            except OSError:
                time.sleep(0.02)
        return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush — what a crash or a power cut does to the server."""
        if self.process is not None and self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        ServerProcess.RUNNING.discard(self)

    def stop(self) -> None:
        """Terminate politely, then kill after 10 s; safe to call twice."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
        ServerProcess.RUNNING.discard(self)
