"""``kzkg shacl DATA --shapes SHAPES``: validate any RDF file against any SHACL shapes file.

The public face of kzkg's fast SHACL engine, outside kzkg's own graph: it writes the standard
``sh:ValidationReport`` (:mod:`kzkg.shacl.report`), so a W3C-style runner — the project's own
suite runner, ``tests/shacl/test_w3c_shacl.py``, uses this command — can compare it with the report
the specification expects. The exit code is the verdict: 0 the data conforms, 1 it does not,
2 the engine did not validate (shapes it refuses or that are ill-formed, a file that cannot be
read or parsed), each time with one line naming the file, never a traceback.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click
import pyoxigraph as ox

from kzkg.cli.common import path_option
from kzkg.runtime import display_path
from kzkg.shacl import ValidationLike, to_json, to_text, to_turtle

CONFORMS, DOES_NOT_CONFORM, NOT_VALIDATED = 0, 1, 2
RENDERERS: dict[str, Callable[[ValidationLike], str]] = {
    "text": to_text,
    "turtle": to_turtle,
    "json": to_json,
}
# Phrases the error lines begin with: the suite runner tells a refusal from an ill-formed
# shapes graph by them, so they are part of the command's interface.
REFUSED, ILL_FORMED = "is not implemented by the fast engine", "ill-formed shapes"


class NotValidated(Exception):
    """The engine did not validate: the message is the one line the command prints."""


@click.command()
@click.argument("data", type=click.Path(path_type=Path, dir_okay=False))
@path_option(
    "--shapes",
    required=True,
    dir_okay=False,
    help="The SHACL shapes graph (Turtle, or any RDF format by its extension).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(RENDERERS)),
    default="text",
    show_default=True,
    help="text for a person; turtle for the standard sh:ValidationReport; json for programs.",
)
def shacl(data: Path, shapes: Path, fmt: str) -> None:
    """Validate DATA (any RDF file) against SHAPES with kzkg's fast SHACL engine.

    Exit 0 when the data conforms, 1 when it does not, 2 when the shapes are refused (a
    feature the engine does not implement: use pyshacl) or ill-formed, or a file cannot be
    read."""
    try:
        validation = validate_files(data, shapes)
    except NotValidated as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(NOT_VALIDATED)
    click.echo(RENDERERS[fmt](validation), nl=False)
    sys.exit(CONFORMS if validation.conforms else DOES_NOT_CONFORM)


def validate_files(data: Path, shapes: Path) -> ValidationLike:
    """The fast engine's validation of ``data`` against ``shapes``, or :class:`NotValidated`
    with the line that says why it did not run."""
    from kzkg import shacl

    for path in (shapes, data):
        _check_readable(path)
    try:
        return shacl.validate_files(data.resolve(), shapes.resolve())
    except shacl.UnsupportedShape as exc:
        said = str(exc) if REFUSED in str(exc) else f"{exc}: {REFUSED}"
        raise NotValidated(
            f"{display_path(shapes)}: {said}; validate with pyshacl instead: "
            f"pyshacl -a -s {display_path(shapes)} {display_path(data)}"
        ) from exc
    except shacl.IllFormedShapes as exc:
        raise NotValidated(f"{display_path(shapes)}: {ILL_FORMED}: {exc}") from exc
    except SyntaxError as exc:
        where = Path(exc.filename) if exc.filename else data
        line = f":{exc.lineno}" if exc.lineno else ""
        raise NotValidated(
            f"{display_path(where)}{line}: not valid {_format_name(where)}: {exc.msg} — fix the "
            "file, or give it the extension of the format it is written in"
        ) from exc
    except OSError as exc:
        raise NotValidated(
            f"cannot read {display_path(data)} or {display_path(shapes)}: {exc}"
        ) from exc


def _check_readable(path: Path) -> None:
    """A missing, unreadable or unknown-format file, refused before any parsing."""
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise NotValidated(f"{display_path(path)}: cannot be read: {exc.strerror}") from exc
    if ox.RdfFormat.from_extension(path.suffix.removeprefix(".")) is None:
        raise NotValidated(
            f"{display_path(path)}: unknown RDF format {path.suffix or '(no extension)'} — use "
            ".ttl, .nt, .nq, .trig, .n3, .rdf or .jsonld"
        )


def _format_name(path: Path) -> str:
    found = ox.RdfFormat.from_extension(path.suffix.removeprefix("."))
    return found.name if found is not None else "RDF"
