"""What every command module shares: the consoles, the default folders, the table width.

Kept apart from :mod:`kzkg.cli` so that command modules can use them without importing the
main group, which imports them (a cycle).
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

SEEDS = Path("seeds")
DIST = Path("dist")
QUERIES = Path(__file__).resolve().parents[2] / "queries"


def table_width() -> int:
    """The terminal's width, or a wide page when output goes to a file or a pipe."""
    return out.width if out.is_terminal else 160
