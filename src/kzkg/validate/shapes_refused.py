"""Shapes the fast SHACL engine does not validate with: refused, ill-formed or unreadable.

The fast engine refuses a shapes graph using a feature it does not implement
(:class:`kzkg.shacl.engine.UnsupportedShape`) rather than skip it. ``kzkg validate``, ``build`` and
``run`` then fall back to pyshacl for the whole run: the verdict stays right — pyshacl is the
reference the fast engine is held to — and a contributor is never blocked because a
maintainer's shape needs a feature the fast engine lacks. The fall-back is said as a warning of
the ``kzkg.validate.engines`` logger, which the command line prints; it costs nothing until a refusal,
as the shapes are not checked beforehand. Shapes no engine may use — ill-formed, unreadable,
not Turtle, or beyond pyshacl too — are one error naming the file.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kzkg.runtime import KzkgError, display_path

# Where a fall-back from the fast engine to pyshacl is said; the command line prints it.
FALLBACK = logging.getLogger("kzkg.validate.engines")


def say_falling_back(shapes: Path, refusal: Exception) -> None:
    """Warn that pyshacl validates in the fast engine's place, naming the shape and feature."""
    FALLBACK.warning(
        "%s: %s; validating with pyshacl instead, for the whole run (the same verdicts, "
        "slower: minutes on large graphs)",
        display_path(shapes),
        refusal,
    )


def unusable_for_pyshacl(shapes: Path, error: Exception) -> KzkgError:
    """The error for shapes pyshacl, validating in the fast engine's place, cannot use."""
    return KzkgError(
        f"{display_path(shapes)}: pyshacl cannot validate with these shapes either: "
        f"{type(error).__name__}: {error}"
    )


@contextmanager
def shapes_errors(shapes: Path) -> Iterator[None]:
    """Shapes no engine may validate with (ill-formed, unreadable, not Turtle) as one error
    naming the file; a refusal passes through, for the caller to fall back."""
    from kzkg import shacl

    try:
        yield
    except shacl.IllFormedShapes as exc:
        raise KzkgError(f"{display_path(shapes)}: ill-formed shapes: {exc}") from exc
    except (OSError, SyntaxError) as exc:
        where = Path(exc.filename) if getattr(exc, "filename", None) else shapes
        raise KzkgError(_unreadable(where, exc)) from exc


def _unreadable(path: Path, error: OSError | SyntaxError) -> str:
    if isinstance(error, SyntaxError):
        line = f":{error.lineno}" if error.lineno else ""
        return f"{display_path(path)}{line}: not valid Turtle: {error.msg} — fix the shapes file"
    return f"{display_path(path)}: cannot be read: {error.strerror or error}"
