"""Shared fixtures: the repository's folders, and a corpus built once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from paths import MINIMAL, ROOT, SEEDS


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def minimal_build():
    """The pipeline run over the small hand-written corpus, without writing files."""
    from kzkg.pipeline.steps import build

    return build(MINIMAL, None)


@pytest.fixture(scope="session")
def seed_build():
    """The pipeline run over the real seeds, without writing files."""
    from kzkg.pipeline.steps import build

    return build(SEEDS, None)
