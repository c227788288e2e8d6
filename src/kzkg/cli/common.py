"""What every command module shares: the consoles, the default folders, the table width, text
made safe for a terminal, and the wrapper that turns errors and stop signals into a message and
an exit code.

Kept apart from :mod:`kzkg.cli.main` so that command modules can use them without importing the
main group, which imports them (a cycle).
"""

from __future__ import annotations

import functools
import re
import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from rich.console import Console

from kzkg.runtime import UNPRINTABLE, KzkgError

err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

SEEDS = Path("seeds")
DIST = Path("dist")
DIST_GRAPH = DIST / "kzkg.ttl"  # the graph `kzkg build` writes, read by default

Decorator = Callable[[Callable[..., Any]], Callable[..., Any]]


def path_option(
    *names: str,
    help: str,
    default: Any = None,
    multiple: bool = False,
    required: bool = False,
    show_default: bool | str | None = None,
    **checks: bool,
) -> Decorator:
    """An option naming a file or folder, read as a :class:`~pathlib.Path`; ``checks`` are
    :class:`click.Path`'s (``exists``, ``file_okay``, ``dir_okay``). One spelling for every
    command's paths, so they all show their defaults alike."""
    return click.option(
        *names,
        type=click.Path(path_type=Path, **checks),
        default=default,
        multiple=multiple,
        required=required,
        show_default=default not in (None, ()) if show_default is None else show_default,
        help=help,
    )


def address_option(
    *names: str, help: str, metavar: str = "URL", default: str | None = None, required: bool = False
) -> Decorator:
    """An option naming a server by its URL, or a graph by its IRI (``metavar="IRI"``)."""
    return click.option(
        *names,
        default=default,
        required=required,
        show_default=default is not None,
        metavar=metavar,
        help=help,
    )


# The options several commands share, declared once so their help and defaults agree.
seeds_option = path_option("--seeds", default=SEEDS, help="Folder of articles and annotations.")
dist_option = path_option("--dist", default=DIST, help="Folder the graph files are written to.")
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")


def graph_option(help: str, *names: str) -> Decorator:
    """``--graph FILE``, the built graph by default: one spelling for every command that reads it."""
    return path_option("--graph", *names, default=DIST_GRAPH, help=help)


def table_width() -> int:
    """The terminal's width, or a wide page when output goes to a file or a pipe."""
    return out.width if out.is_terminal else 160


def printable(text: str, *, json: bool = False) -> str:
    """``text`` with every unprintable character written as an escape: ``\\x1b`` as Python
    writes it, or ``\\u001b`` inside JSON strings, where it decodes to the same data."""

    def escape(found: re.Match[str]) -> str:
        code = ord(found.group())
        return f"\\u{code:04x}" if json or code > 0xFF else f"\\x{code:02x}"

    return UNPRINTABLE.sub(escape, text)


def notice(message: str) -> None:
    """A message to the user on stderr, printed as text and safe for a terminal."""
    err.print(printable(message), markup=False)


def friendly(command: Callable[..., Any]) -> Callable[..., Any]:
    """Turn kzkg's own errors into a message and exit 1; any other error, which is kzkg's
    fault, into one line that says where it happened and how to report it, and exit 2."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        # A service manager's or CI's stop (SIGTERM) unwinds like Ctrl-C: files half written
        # are removed on the way out, instead of being left behind by an abrupt exit.
        signal.signal(signal.SIGTERM, _terminated)
        try:
            return command(*args, **kwargs)
        except KzkgError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt as exc:
            err.print(
                f"{'terminated' if isinstance(exc, Terminated) else 'interrupted'}; nothing was written"
            )
            sys.exit(143 if isinstance(exc, Terminated) else 130)
        except BrokenPipeError:
            raise  # the reader of a pipe went away (`| head`): click ends quietly
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except OSError as exc:
            # A file or folder kzkg was told to use cannot be read or written: the user's to fix.
            where = f"{exc.filename}: " if exc.filename else ""
            _fail(f"{where}{exc.strerror or exc}", 1)
        except Exception as exc:  # the last resort: never a traceback
            _fail(
                f"internal error: {type(exc).__name__}: {exc} (at {_where(exc)}) — this is a bug "
                "in kzkg, not in your input: please report it to kzkg's maintainers with this "
                "line and the command you ran",
                2,
            )

    return wrapper


def _fail(message: str, code: int) -> None:
    # The message is printed as text: a quote or a YAML list in it may hold [brackets].
    err.print("error:", style="bold red", end=" ")
    err.print(printable(message), markup=False)
    sys.exit(code)


def _where(exc: BaseException) -> str:
    """The innermost line of kzkg's own code the error passed through."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "kzkg" in f.filename]
    frame = frames[-1] if frames else None
    return f"{Path(frame.filename).name}:{frame.lineno}" if frame else "unknown"


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program was, like Ctrl-C's KeyboardInterrupt."""


def _terminated(*_: object) -> None:
    raise Terminated
