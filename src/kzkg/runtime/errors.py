"""The small exception tree of kzkg.

Every error a contributor can cause is a :class:`Problem` that names the file, the line, what is
wrong and how to fix it. Problems are collected, not raised one at a time, so that one run reports
every mistake in a contribution; :class:`InputError` carries them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# C0 controls but tab and line feed, DEL, C1, and the bidirectional embeddings, overrides and
# isolates. Input refuses them (YAML escapes can write any of them); output escapes them, since
# printed raw they retitle or clear a terminal, or make text read other than it is.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


class KzkgError(Exception):
    """Base of every error kzkg raises on purpose; the CLI turns it into a message and exit 1."""


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was written: file and line, for error messages.

    Made by the loader, kept by every record and carried by the converter, so that a violation
    found in the graph is reported at the YAML line that caused it.
    """

    path: Path
    line: int


@dataclass(frozen=True, slots=True)
class Problem:
    """One mistake in the input, located at ``path:line``."""

    path: Path
    line: int
    what: str
    fix: str = ""

    def __str__(self) -> str:
        location = (
            f"{display_path(self.path)}:{self.line}" if self.line else display_path(self.path)
        )
        return f"{location}: {self.what}" + (f" — {self.fix}" if self.fix else "")

    def to_dict(self) -> dict[str, object]:
        return {
            "file": display_path(self.path),
            "line": self.line,
            "what": self.what,
            "fix": self.fix,
        }


class InputError(KzkgError):
    """The seeds hold one or more mistakes; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.path), p.line, p.what))
        count = len(self.problems)
        header = f"{count} problem{'s' if count != 1 else ''} in the input; nothing was written."
        super().__init__("\n".join([header, *map(str, self.problems)]))


class ValidationError(KzkgError):
    """The built graph does not conform to the shapes; ``report`` says where."""

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class StoreError(KzkgError):
    """A triple store could not be reached, loaded or queried."""


def display_path(path: Path) -> str:
    """A path relative to the working directory when it lies below it, as a user typed it.
    Only its folder is resolved: a file that is a symbolic link is named, not its target."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
