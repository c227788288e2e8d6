"""benchmarks/ab.py, the before-and-after timer: it runs the command on both sides, in turn,
and refuses to report figures of a command that failed."""

from __future__ import annotations

import subprocess
import sys

from paths import ROOT


def ab(runs: int, *command: str) -> subprocess.CompletedProcess[str]:
    """ab.py with this checkout on both sides."""
    script = ROOT / "benchmarks" / "ab.py"
    sides = ["--before", str(ROOT), "--after", str(ROOT), "--runs", str(runs)]
    return subprocess.run(
        [sys.executable, str(script), *sides, "--", *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )


def test_both_sides_are_timed() -> None:
    done = ab(2, "query", "--list")
    assert done.returncode == 0, done.stderr
    before, after = (line.split() for line in done.stdout.splitlines()[1:3])
    assert before[0] == "before" and after[0] == "after", done.stdout
    assert len(before) == len(after) == 7, "median, min and two runs of each side"
    assert "change of the median: " in done.stdout


def test_a_failing_command_is_an_error_not_a_figure() -> None:
    done = ab(1, "query", "no-such-query")
    assert done.returncode != 0
    assert "failed" in done.stderr and "median" not in done.stdout
