"""A real Virtuoso 7 for tests: Debian's server, on 127.0.0.1, on free ports, in a temp folder.

It runs the commands docs/stores.md gives (the constants below; tests/stores/test_virtuoso_docs.py
checks that the page holds each one verbatim) on docs/virtuoso/virtuoso.ini, with only the two
loopback ports and the bulk loader's folder changed. The database is created with a known dba
password and thrown away with the folder. Every server is stopped at interpreter exit too.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from loopback import die_with_parent, free_port
from oxigraph_server import ServerProcess
from paths import ROOT
from system_tools import ensure_virtuoso

from kzkg.stores.server import stop_process

DOCS = ROOT / "docs" / "virtuoso"
PASSWORD = "kzkg-test-Secret1"
DOC_HTTP, DOC_SQL, DOC_DIST = "127.0.0.1:8890", "127.0.0.1:1111", "/srv/kzkg/dist"
# The commands of docs/stores.md, run with bash in the server's folder.
CREATE = (
    "virtuoso-t +configfile virtuoso.ini +foreground +checkpoint-only "
    '+pwdold dba +pwddba "$VIRTUOSO_PASSWORD" +pwddav "$VIRTUOSO_PASSWORD"'
)
START = "virtuoso-t +configfile virtuoso.ini +foreground"
ISQL = 'isql-vt 127.0.0.1:1111 dba "$VIRTUOSO_PASSWORD"'
CREATE_TIMEOUT = 180.0  # seconds; creating the database takes about 30 s on a busy machine
START_TIMEOUT = 120.0


class VirtuosoServer(ServerProcess):
    """One ``virtuoso-t`` on a fresh database in ``folder``; a context manager."""

    def __init__(self, folder: Path, *, allowed: Path | None = None) -> None:
        self.folder = folder
        self.allowed = allowed or folder
        self.http_port = self.sql_port = 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def ports(self, text: str) -> str:
        """The doc's text with this server's ports and bulk-load folder."""
        text = text.replace(DOC_HTTP, f"127.0.0.1:{self.http_port}")
        return text.replace(DOC_SQL, f"127.0.0.1:{self.sql_port}").replace(
            DOC_DIST, str(self.allowed)
        )

    def bash(self, command: str, *, stdin: str | None = None, timeout: float = 300) -> str:
        """Run one of the doc's commands in the server folder; its output, or RuntimeError."""
        env = {**os.environ, "VIRTUOSO_PASSWORD": PASSWORD}
        done = subprocess.run(
            ["bash", "-c", self.ports(command)],
            cwd=self.folder,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        errors = re.findall(r"\*\*\* Error.*", done.stdout + done.stderr)
        if done.returncode != 0 or errors:
            raise RuntimeError(f"{command} failed ({done.returncode}): {errors or done.stderr}")
        return done.stdout

    def isql(self, sql: str) -> str:
        """Run SQL statements (each ending in ';') as dba; RuntimeError on any SQL error."""
        return self.bash(ISQL, stdin=sql)

    def start(self) -> VirtuosoServer:
        """Create the database with the known password, then start the server and wait."""
        ensure_virtuoso()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.http_port, self.sql_port = free_port(), free_port()
        ini = (DOCS / "virtuoso.ini").read_text(encoding="utf-8")
        (self.folder / "virtuoso.ini").write_text(self.ports(ini), encoding="utf-8")
        self.bash(CREATE, timeout=CREATE_TIMEOUT)
        log = (self.folder / "server.out").open("ab")
        env = {**os.environ, "VIRTUOSO_PASSWORD": PASSWORD}
        self.process = subprocess.Popen(
            ["bash", "-c", f"exec {START}"],
            cwd=self.folder,
            env=env,
            stdout=log,
            stderr=log,
            preexec_fn=die_with_parent,
        )
        log.close()
        ServerProcess.RUNNING.add(self)
        self._wait_ready()
        self.isql(self.ports((DOCS / "basic-auth.sql").read_text(encoding="utf-8")))
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                break
            try:
                with urllib.request.urlopen(f"{self.base}/sparql", timeout=2):
                    return
            except urllib.error.HTTPError:
                return
            except OSError:
                time.sleep(0.2)
        self.stop()
        tail = (self.folder / "virtuoso.log").read_text(errors="replace")[-1500:]
        raise RuntimeError(f"Virtuoso did not start in {self.folder}:\n{tail}")

    def stop(self) -> None:
        """Terminate (Virtuoso checkpoints and exits), kill if it lingers; safe twice."""
        if self.process is not None:
            stop_process(self.process)
        ServerProcess.RUNNING.discard(self)
