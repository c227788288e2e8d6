"""``kzkg site``: build the static explorer of the graph into a folder.

A plain click command that raises :class:`kzkg.runtime.errors.KzkgError` for anything the user can fix;
``kzkg.cli.main`` wraps it in its ``friendly`` decorator (message + exit 1) when it adds it to the
main group, so this module never imports ``kzkg.cli.main`` (that would be a cycle).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kzkg.cli.common import graph_option, path_option

DIST_SITE = Path("dist") / "site"


def _progress(step: str) -> None:
    click.echo(f"… {step}", err=True)


@click.command()
@graph_option("The graph file to build the site from (.ttl, .nt, .trig).")
@path_option(
    "--out",
    default=DIST_SITE,
    help="The folder to write; a previous site there is replaced as a whole.",
)
def site(graph: Path, out: Path) -> None:
    """Build the static HTML explorer (entities, articles, timeline, network, queries)."""
    from kzkg.site import build_site

    # Steps over a second are announced, but only to a person watching a terminal.
    progress = _progress if sys.stderr.isatty() else None
    result = build_site(graph, out, progress=progress)
    click.echo(
        f"wrote {result.pages} pages ({len(result.files)} files) to {out} in "
        f"{result.seconds:.1f} s — open {out / 'index.html'}"
    )
