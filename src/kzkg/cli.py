"""The ``kzkg`` command line: one subcommand per job, errors as messages, never tracebacks.

Every command exits 0 on success and 1 when the input or the data is wrong (with ``FILE:LINE:
what — fix`` lines on stderr); nothing is written to ``dist/`` unless the whole build succeeded.
"""

from __future__ import annotations

import copy
import json
import sys
from pathlib import Path

import click
from rich.console import Console

from kzkg import __version__
from kzkg.cli_common import DIST, QUERIES, SEEDS, err, friendly, out, table_width
from kzkg.errors import KzkgError
from kzkg.forking import CPUS
from kzkg.progress import steps


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kzkg")
def main() -> None:
    """kzkg: a knowledge graph of Kazakhstan's political persons, organisations, events and
    the claims made about them, every fact traced to the words of its source article."""


seeds_option = click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=SEEDS,
    show_default=True,
    help="Folder of articles and annotations.",
)
dist_option = click.option(
    "--dist",
    type=click.Path(path_type=Path),
    default=DIST,
    show_default=True,
    help="Folder the graph files are written to.",
)
quiet_option = click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
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
            seeds, dist, validate=not no_validate, engine=engine, progress=announce, jobs=jobs
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
@click.option(
    "--full", is_flag=True, help="Validate everything, even if only some articles changed."
)
@click.option(
    "--cache",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="The cache of the last validation (default: one per seeds folder under "
    "$XDG_CACHE_HOME/kzkg, or ~/.cache/kzkg).",
)
@click.option("--no-cache", is_flag=True, help="Neither read nor write a cache.")
@jobs_option
@quiet_option
@friendly
def validate(
    seeds: Path,
    fmt: str,
    engine: str,
    full: bool,
    cache: Path | None,
    no_cache: bool,
    jobs: int,
    quiet: bool,
) -> None:
    """Check seeds/ and the graph built from it against the SHACL shapes; write nothing.

    The first run validates everything and caches the result; later runs read, check and
    re-validate only the articles whose files changed, with the same verdicts."""
    from kzkg.errors import ValidationError
    from kzkg.incremental import default_cache, validate_seeds
    from kzkg.pipeline import describe

    where = None if no_cache or engine != "fast" else (cache or default_cache(seeds))
    with steps(err, quiet=quiet) as announce:
        outcome = validate_seeds(
            seeds, where, full=full, engine=engine, progress=announce, jobs=jobs
        )
    report = outcome.report
    if fmt == "json":
        out.print_json(json.dumps(report.to_dict()))
        if not report.conforms:
            sys.exit(1)
        return
    if not report.conforms:
        raise ValidationError(describe(report), report)
    if not quiet:
        warnings = len(report.violations)
        summary = f"conforms: {outcome.summary()}, 0 violations"
        out.print(summary + (f", {warnings} warnings" if warnings else ""))


@main.command()
@click.option(
    "--ontology",
    type=click.Path(path_type=Path),
    default=None,
    help="Ontology file (default: ontology/kzkg.ttl).",
)
@click.option(
    "--data",
    "data",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Data file(s) to reason over (default: dist/kzkg.ttl).",
)
@friendly
def reason(ontology: Path | None, data: tuple[Path, ...]) -> None:
    """Run the HermiT reasoner (needs Java) over the ontology and the data; exit 1 if inconsistent."""
    from kzkg import reason as reasoner

    report = reasoner.check_consistency(
        ontology or reasoner.ONTOLOGY, list(data) or [DIST / "kzkg.ttl"]
    )
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
    from kzkg.load import read_seeds
    from kzkg.resolve import resolve
    from kzkg.stats import compute, render

    figures = compute(resolve(read_seeds(seeds)))
    if fmt == "json":
        out.print_json(json.dumps(figures.to_dict()))
    else:
        render(figures, Console(highlight=False, width=table_width()))


@main.command()
@seeds_option
@dist_option
@quiet_option
@friendly
def run(seeds: Path, dist: Path, quiet: bool) -> None:
    """The main job: build and validate the graph, then print every canned query's answer."""
    from kzkg import query as canned
    from kzkg.pipeline import build as run_build
    from kzkg.store import load_file, open_store

    with steps(err, quiet=quiet) as announce:
        result = run_build(seeds, dist, progress=announce)
    total = sum(result.timings.values())
    out.print(
        f"[bold]built and validated[/] {result.triple_count:,} triples from {len(result.corpus.articles)} articles in {total:.2f} s: 0 violations",
        markup=True,
    )
    store = load_file(open_store(), dist / "kzkg.ttl")
    failed = []
    for name, item in canned.load_catalogue(QUERIES).items():
        answer = canned.run(item, store, {})
        out.rule(f"{name}: {item.title}")
        out.print(canned.format_table(answer, "table", width=table_width()), markup=False)
        if name.endswith("-violation") and answer.rows:
            failed.append(name)
    if failed:
        raise KzkgError(f"quality checks returned rows: {', '.join(failed)}")


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
    from kzkg.cli_contrib import diff, new
    from kzkg.cli_query import query
    from kzkg.cli_registry import migrate_registry, xref
    from kzkg.cli_site import site
    from kzkg.cli_stores import load, serve

    for command in (query, serve, load, site, new, diff, migrate_registry, xref):
        adopt(command)


_adopt_commands()
