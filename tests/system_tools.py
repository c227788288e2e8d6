"""The system programs a test needs, installed beforehand by ``tests/setup_system.py``.

Importing this module installs nothing: a test that needs a program asks for it here, and is
skipped, naming the setup step, when it is missing.
"""

from __future__ import annotations

import shutil

import pytest
from setup_system import PACKAGES


def require(*commands: str) -> None:
    """Skip the calling test unless every command is on PATH."""
    unknown = [command for command in commands if command not in PACKAGES]
    if unknown:
        raise RuntimeError(f"no Debian package known for {', '.join(unknown)}: add it to PACKAGES")
    missing = [command for command in commands if shutil.which(command) is None]
    if missing:
        pytest.skip(f"needs {', '.join(missing)}: run `python tests/setup_system.py` first")


def ensure_chromium() -> str:
    """The path of Debian's Chromium (the test is skipped when it is missing)."""
    require("chromium")
    return shutil.which("chromium") or "chromium"


def ensure_virtuoso() -> tuple[str, str]:
    """The paths of Virtuoso 7's server (virtuoso-t) and SQL client (isql-vt)."""
    require("virtuoso-t", "isql-vt")
    return shutil.which("virtuoso-t") or "virtuoso-t", shutil.which("isql-vt") or "isql-vt"
