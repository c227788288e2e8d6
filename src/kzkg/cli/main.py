"""The ``kzkg`` command line: one subcommand per job, errors as messages, never tracebacks.

Every command exits 0 on success and 1 when the input or the data is wrong (with ``FILE:LINE:
what — fix`` lines on stderr), 2 on an error in kzkg itself (one line, never a traceback);
nothing is written to ``dist/`` unless the whole build succeeded.
"""

from __future__ import annotations

import copy
import json
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console

from kzkg import __version__
from kzkg.cli.common import (
    DIST_GRAPH,
    dist_option,
    err,
    friendly,
    notice,
    out,
    path_option,
    quiet_option,
    seeds_option,
    table_width,
)
from kzkg.data import ONTOLOGY
from kzkg.runtime import CPUS, KzkgError, steps

if TYPE_CHECKING:
    from kzkg.validate import Report


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kzkg")
def main() -> None:
    """kzkg: a knowledge graph of Kazakhstan's political persons, organisations, events and
    the claims made about them, every fact traced to the words of its source article."""


jobs_option = click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=CPUS,
    show_default="the number of CPUs",
    help="Processes working side by side from 100,000 triples: writing the output formats, "
    "and validating in two halves. 1 keeps everything in one process.",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(["fast", "pyshacl"]),
    default="fast",
    show_default=True,
    help="SHACL engine: fast (pyoxigraph) or pyshacl (the reference; same verdicts, far slower).",
)


@main.command()
@seeds_option
@dist_option
@click.option("--no-validate", is_flag=True, help="Skip SHACL validation (faster; CI never does).")
@engine_option
@jobs_option
@quiet_option
@friendly
def build(seeds: Path, dist: Path, no_validate: bool, engine: str, jobs: int, quiet: bool) -> None:
    """Build dist/kzkg.{ttl,trig,nt,jsonld} from seeds/, validating before writing."""
    from kzkg.pipeline import build as run_build

    with steps(err, quiet=quiet) as announce:
        result = run_build(
            seeds,
            dist,
            validate=not no_validate,
            engine=engine,
            progress=announce,
            jobs=jobs,
            waiting=notice,
        )
    if not quiet:
        total = sum(result.timings.values())
        files = ", ".join(str(p) for p in result.written)
        out.print(
            f"built {result.triple_count:,} triples from {len(result.corpus.articles)} articles in {total:.2f} s → {files}"
        )


@main.command()
@seeds_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@engine_option
@path_option(
    "--shapes",
    exists=True,
    dir_okay=False,
    show_default="kzkg's own shapes",
    help="The SHACL shapes to validate against.",
)
@jobs_option
@quiet_option
@friendly
def validate(
    seeds: Path, fmt: str, engine: str, shapes: Path | None, jobs: int, quiet: bool
) -> None:
    """Check seeds/ and the graph built from it against the SHACL shapes; write nothing.

    Every run checks everything: the verdict never depends on an earlier run."""
    from kzkg.data import SHAPES
    from kzkg.pipeline import check
    from kzkg.runtime import InputError, ValidationError

    try:
        with steps(err, quiet=quiet) as announce:
            checked = check(
                seeds,
                engine=engine,
                shapes=shapes.resolve() if shapes is not None else SHAPES,
                progress=announce,
                jobs=jobs,
            )
    except (InputError, ValidationError) as exc:
        if fmt != "json":
            raise
        out.print_json(json.dumps(verdict_json(exc)))
        sys.exit(1)
    report = checked.report
    if fmt == "json":
        out.print_json(json.dumps(verdict_json(None, report)))
    elif not quiet:
        warnings = len(report.violations)
        summary = (
            f"conforms: {checked.triples:,} triples, {checked.articles} articles, 0 violations"
        )
        out.print(summary + (f", {warnings} warnings" if warnings else ""))


def verdict_json(failure: KzkgError | None, report: Report | None = None) -> dict[str, object]:
    """`kzkg validate --format json`'s answer: the verdict, every input problem and every
    violation, in one object whether the input could be read or not."""
    from kzkg.runtime import InputError, ValidationError
    from kzkg.validate import Report

    problems = failure.problems if isinstance(failure, InputError) else []
    if isinstance(failure, ValidationError) and isinstance(failure.report, Report):
        report = failure.report
    violations = [v.to_dict() for v in report.violations] if report is not None else []
    return {
        "conforms": failure is None,
        "problems": [p.to_dict() for p in problems],
        "violations": violations,
    }


@main.command()
@path_option("--ontology", help="Ontology file (default: ontology/kzkg.ttl).")
@path_option("--data", multiple=True, help="Data file(s) to reason over (default: dist/kzkg.ttl).")
@friendly
def reason(ontology: Path | None, data: tuple[Path, ...]) -> None:
    """Run the HermiT reasoner (needs Java) over the ontology and the data; exit 1 if inconsistent."""
    from kzkg.validate import check_consistency

    report = check_consistency(ontology or ONTOLOGY, list(data) or [DIST_GRAPH])
    out.print(str(report))
    if not report.consistent:
        sys.exit(1)


@main.command()
@seeds_option
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@friendly
def stats(seeds: Path, fmt: str) -> None:
    """Counts per class and per article, and how much of each article is annotated."""
    from kzkg.load import compute, read_seeds, render, resolve

    figures = compute(resolve(read_seeds(seeds)))
    if fmt == "json":
        out.print_json(json.dumps(figures.to_dict()))
    else:
        render(figures, Console(highlight=False, width=table_width()))


class _Warnings(logging.Handler):
    """A warning of kzkg's (pyshacl validating in the fast engine's place) as a line on
    stderr, like the errors."""

    def emit(self, record: logging.LogRecord) -> None:
        err.print("warning:", style="bold yellow", end=" ")
        err.print(record.getMessage(), markup=False)


# kzkg.validate.engines says there when pyshacl validates in the fast engine's place.
_fallback = logging.getLogger("kzkg.validate.engines")
_fallback.addHandler(_Warnings())
_fallback.propagate = False


def adopt(command: click.Command) -> None:
    """Add a command defined in another module, with kzkg's error handling around it.

    A copy is wrapped, so the module's own command object keeps raising kzkg's errors for
    callers (and tests) that use it directly.
    """
    wrapped = copy.copy(command)
    if command.callback is not None:
        wrapped.callback = friendly(command.callback)
    main.add_command(wrapped)


def _adopt_commands() -> None:
    from kzkg.cli.contrib import diff, new
    from kzkg.cli.query import query
    from kzkg.cli.registry import migrate_registry, xref
    from kzkg.cli.run import run
    from kzkg.cli.shacl import shacl
    from kzkg.cli.site import site
    from kzkg.cli.stores import load, serve

    for command in (run, query, serve, load, site, new, diff, shacl, migrate_registry, xref):
        adopt(command)


_adopt_commands()
