"""Shared fixtures: the repository's folders, and a corpus built once per session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
MINIMAL = ROOT / "tests" / "data" / "valid" / "minimal"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """`kzkg validate` caches its last validation under $XDG_CACHE_HOME; tests, and the CLI
    processes they start, keep theirs in a temporary folder instead of the user's."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def minimal_build():
    """The pipeline run over the small hand-written corpus, without writing files."""
    from kzkg.pipeline import build

    return build(MINIMAL, None)


@pytest.fixture(scope="session")
def seed_build():
    """The pipeline run over the real seeds, without writing files."""
    from kzkg.pipeline import build

    return build(SEEDS, None)
