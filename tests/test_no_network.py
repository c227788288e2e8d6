"""Build, validate and query of local data touch no network.

An audit hook (PEP 578) sees every socket the interpreter creates, connects, binds or resolves
a name for, whichever library asks: rdflib fetching a remote context, pyshacl importing an
ontology, a stray HTTP client. The commands run in a child interpreter so the hook, which can
never be removed, does not leak into the rest of the test session.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest
from paths import MINIMAL, ROOT

pytestmark = pytest.mark.slow

CHILD = textwrap.dedent(
    """
    import json, sys
    events = []

    def audit(event, args):
        if event.startswith("socket.") or event in {"urllib.Request", "http.client.connect"}:
            events.append(event)

    sys.addaudithook(audit)

    from kzkg.cli.main import main

    def run(*args):
        try:
            main(list(args), standalone_mode=False)
        except SystemExit as exc:
            assert not exc.code, f"kzkg {args[0]} exited {exc.code}"

    seeds, dist, canary = sys.argv[1], sys.argv[2], sys.argv[3] == "canary"
    if canary:
        import socket
        socket.socket().close()
    run("build", "--quiet", "--seeds", seeds, "--dist", dist)
    run("validate", "--quiet", "--seeds", seeds)
    for name in ("claims-by-person", "contradictions", "spellings", "timeline"):
        run("query", name, "--graph", dist + "/kzkg.ttl", "--format", "json")
    run("query", "claims-by-person", "-p", "name=Kosanov", "--graph", dist + "/kzkg.ttl")
    print("AUDIT " + json.dumps(events))
    """
)


def audit(tmp_path, canary: bool) -> list[str]:
    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL, seeds)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(seeds),
            str(tmp_path / "dist"),
            "canary" if canary else "plain",
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    line = next(x for x in done.stdout.splitlines() if x.startswith("AUDIT "))
    return json.loads(line.removeprefix("AUDIT "))


def test_build_validate_and_query_open_no_socket(tmp_path):
    events = audit(tmp_path, canary=False)
    assert events == [], f"local work touched the network: {sorted(set(events))}"


def test_the_hook_does_see_a_socket(tmp_path):
    """The canary: without it, an empty list could mean a hook that never fires."""
    events = audit(tmp_path, canary=True)
    assert "socket.__new__" in events, events
