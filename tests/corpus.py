"""Example contributions as a contributor would make them: a seeds folder and a `kzkg build`.

An invalid example is the files that differ from ``tests/data/valid/minimal/`` (a file named
``DELETE`` lists files to remove), an ``expected.txt`` with the exact error lines, and, for big
or binary damage, a generator in ``tests/data/invalid/make_generated.py``. Examples run through
the real command line in a subprocess, as CI and contributors run it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

from paths import INVALID, MINIMAL, VALID

SPECIAL = {"expected.txt", "DELETE"}


def invalid_examples() -> list[str]:
    return sorted(p.name for p in INVALID.iterdir() if (p / "expected.txt").is_file())


def valid_examples() -> list[str]:
    return sorted(p.name for p in VALID.iterdir() if (p / "entities.yaml").is_file())


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("make_generated", INVALID / "make_generated.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assemble(example: Path, seeds: Path) -> Path:
    """Copy the minimal corpus to ``seeds`` and apply ``example``'s overlay and damage."""
    shutil.copytree(MINIMAL, seeds)
    return apply_example(example, seeds)


def apply_example(example: Path, seeds: Path) -> Path:
    """Apply ``example``'s overlay and damage to a copy of the minimal corpus."""
    for item in sorted(example.iterdir()):
        if item.name == "DELETE":
            for name in item.read_text(encoding="utf-8").split():
                (seeds / name).unlink()
        elif item.name not in SPECIAL:
            shutil.copy(item, seeds / item.name)
    _generator().generate(example.name, seeds)  # type: ignore[attr-defined]
    return seeds


class Run(NamedTuple):
    """A finished ``kzkg`` command: its exit code and what it printed."""

    code: int
    stdout: str
    stderr: str

    @property
    def problem_lines(self) -> list[str]:
        """The FILE:LINE lines of stderr, without the "error: N problems" header."""
        lines = self.stderr.splitlines()
        return [line for line in lines[1:] if line.strip()]


def kzkg(*args: str, cwd: Path, columns: int | None = 10_000) -> Run:
    """Run the CLI as a contributor would, from ``cwd``; ``columns`` sets the terminal width.

    A wide terminal keeps the comparison about content; :func:`test_messages_are_not_wrapped`
    checks separately that a narrow one does not break lines.
    """
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    if columns is not None:
        env["COLUMNS"] = str(columns)
    done = subprocess.run(
        [sys.executable, "-m", "kzkg", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file below ``folder`` with its bytes, to prove that nothing was written."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
