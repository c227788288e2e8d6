"""What every command module shares: the consoles, the default folders, the table width, and
the wrapper that turns errors and stop signals into a message and an exit code.

Kept apart from :mod:`kzkg.cli` so that command modules can use them without importing the
main group, which imports them (a cycle).
"""

from __future__ import annotations

import functools
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console

from kzkg.errors import KzkgError

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

SEEDS = Path("seeds")
DIST = Path("dist")
QUERIES = Path(__file__).resolve().parents[2] / "queries"


def table_width() -> int:
    """The terminal's width, or a wide page when output goes to a file or a pipe."""
    return out.width if out.is_terminal else 160


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn kzkg's own errors into a message and exit 1; other errors say how to report them."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # A service manager's or CI's stop (SIGTERM) unwinds like Ctrl-C: files half written
        # are removed on the way out, instead of being left behind by an abrupt exit.
        signal.signal(signal.SIGTERM, _terminated)
        try:
            return command(*args, **kwargs)
        except KzkgError as exc:
            # The message is printed as text: a quote or a YAML list in it may hold [brackets].
            err.print("error:", style="bold red", end=" ")
            err.print(str(exc), markup=False)
            sys.exit(1)
        except KeyboardInterrupt as exc:
            err.print(
                f"{'terminated' if isinstance(exc, Terminated) else 'interrupted'}; nothing was written"
            )
            sys.exit(143 if isinstance(exc, Terminated) else 130)

    return wrapper


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program was, like Ctrl-C's KeyboardInterrupt."""


def _terminated(*_: object) -> None:
    raise Terminated
