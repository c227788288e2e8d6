"""The repository's folders as the tests see them: the one place a test spells the root.

Test modules sit one folder per step below ``tests/``; they import these names (or take the
``root`` fixture of ``conftest.py``) instead of counting ``parents`` of their own file.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DIST = ROOT / "dist"
DATA = ROOT / "tests" / "data"
VALID = DATA / "valid"
INVALID = DATA / "invalid"
MINIMAL = VALID / "minimal"
