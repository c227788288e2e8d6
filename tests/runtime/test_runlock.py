"""Builds writing one dist/ take turns: the second waits, says so, and both leave a whole dist/."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from corpus import snapshot
from paths import MINIMAL

from kzkg.runtime.runlock import exclusive


def start_build(dist: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kzkg", "build", "-q", "--seeds", str(MINIMAL), "--dist", str(dist)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_build_waits_while_another_holds_its_dist(tmp_path):
    dist = tmp_path / "dist"
    messages: list[str] = []
    with exclusive(dist, messages.append):
        build = start_build(dist)
        waited = ""
        deadline = time.monotonic() + 120
        while "waiting" not in waited and time.monotonic() < deadline:
            line = build.stderr.readline() if build.stderr else ""
            waited += line
            if not line and build.poll() is not None:
                break
        assert waited.strip() == f"waiting for another kzkg run writing {dist} to finish"
        assert build.poll() is None, "it waits"
        assert not dist.exists(), "and writes nothing meanwhile"
    assert build.wait(timeout=300) == 0, build.stderr.read() if build.stderr else ""
    assert sorted(p.name for p in dist.iterdir()) == [
        "kzkg.jsonld",
        "kzkg.nt",
        "kzkg.trig",
        "kzkg.ttl",
    ]
    assert messages == [], "the lock was free when the test took it"


def test_builds_started_together_all_succeed_and_leave_one_whole_dist(tmp_path):
    reference = tmp_path / "reference"
    assert start_build(reference).wait(timeout=300) == 0
    shared = tmp_path / "dist"
    builds = [start_build(shared) for _ in range(3)]
    outcomes = [(b.wait(timeout=600), b.stderr.read() if b.stderr else "") for b in builds]
    assert [code for code, _ in outcomes] == [0, 0, 0], outcomes
    assert all("Traceback" not in err for _, err in outcomes)
    assert snapshot(shared) == snapshot(reference), "no file half written or mixed"


def test_validations_take_no_lock(tmp_path):
    dist = tmp_path / "dist"
    with exclusive(Path.cwd() / "dist", lambda _: None), exclusive(dist, lambda _: None):
        done = subprocess.run(
            [sys.executable, "-m", "kzkg", "validate", "-q", "--seeds", str(MINIMAL)],
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == 0, done.stderr
    assert "waiting" not in done.stderr
