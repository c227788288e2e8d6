"""Contributor commands: `kzkg new` scaffolds an annotation file, `kzkg diff` reviews a change.

Plain click commands; user errors are raised as :class:`~kzkg.runtime.errors.KzkgError` and the main
group (:mod:`kzkg.cli.main`) turns them into a message and exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from kzkg.cli.common import SEEDS, path_option
from kzkg.runtime import KzkgError


@click.command()
@click.argument("article", type=click.Path(path_type=Path, dir_okay=False))
@path_option(
    "--seeds",
    file_okay=False,
    help="Seeds folder with the registry (default: the article's folder).",
)
@click.option(
    "--print", "to_stdout", is_flag=True, help="Print the scaffold instead of writing it."
)
@click.option("--force", is_flag=True, help="Replace an existing annotation file.")
def new(article: Path, seeds: Path | None, to_stdout: bool, force: bool) -> None:
    """Scaffold seeds/ARTICLE-ID.yaml for the text ARTICLE: metadata keys to fill in, every
    mention of an entity the registry already knows, with its offsets, and proposals to
    confirm (new spellings, new entities, candidate claims), commented out."""
    from kzkg.curate import proposals_for, scaffold, write_scaffold

    if not article.is_file():
        raise KzkgError(f"{article}: no such file; save the article's text there first")
    folder = seeds or article.parent
    if to_stdout:
        click.echo(scaffold(article, folder), nl=False)
        return
    target = write_scaffold(article, folder, force=force)
    text = article.read_text(encoding="utf-8")
    proposals = proposals_for(text, article.stem, folder)
    found = proposals.known
    mentions = sum(len(s.spans) for s in found)
    click.echo(
        f"wrote {target}: {len(found)} known entities, {mentions} mentions; proposed, "
        f"commented out: {len(proposals.aliases)} new spellings, {len(proposals.entities)} new "
        f"entities, {len(proposals.claims)} candidate claims; confirm them, fill in the "
        f"article's metadata, then run `kzkg validate`"
    )


@click.command()
@click.argument("rev", default="HEAD")
@path_option("--seeds", default=SEEDS, file_okay=False, help="Folder of articles and annotations.")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def diff(rev: str, seeds: Path, fmt: str) -> None:
    """Print what changed in the graph since git revision REV: entities, claims and facts added
    and removed, by label."""
    from kzkg.pipeline import diff as graph_diff

    result = graph_diff(rev, seeds)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        click.echo("\n".join(result.lines()))
