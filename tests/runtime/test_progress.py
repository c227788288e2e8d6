"""Progress is shown on a terminal, step by step with counts, and never anywhere else."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from paths import SEEDS
from rich.console import Console

from kzkg.formats.serialize import FORMATS
from kzkg.load.registry_files import registry_paths
from kzkg.pipeline.steps import build
from kzkg.runtime.progress import steps

pytestmark = pytest.mark.slow


def shown(tmp_path: Path, *, terminal: bool, quiet: bool = False) -> str:
    out = io.StringIO()
    console = Console(file=out, force_terminal=terminal, width=120, color_system=None)
    with steps(console, quiet=quiet) as progress:
        build(SEEDS, tmp_path / "dist", progress=progress)
    return out.getvalue()


def test_each_step_is_shown_with_its_count_on_a_terminal(tmp_path):
    text = shown(tmp_path, terminal=True)
    files = len(list(SEEDS.glob("*.yaml"))) + len(registry_paths(SEEDS))  # either layout
    for step, count in [("read", f"{files}/{files}"), ("write", f"{len(FORMATS)}/{len(FORMATS)}")]:
        assert any(step in line and count in line for line in text.splitlines()), (
            f"no finished {step} {count} in:\n{text}"
        )
    # Validation counts its shapes twice: core constraints, then SPARQL ones.
    assert any("validate" in line and "✓" in line for line in text.splitlines()), text


def test_nothing_is_shown_off_a_terminal_or_when_quiet(tmp_path):
    assert shown(tmp_path / "a", terminal=False) == ""
    assert shown(tmp_path / "b", terminal=True, quiet=True) == ""
