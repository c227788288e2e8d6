"""Registry commands: `kzkg migrate-registry` splits the registry into one file per record;
`kzkg xref` lists candidate duplicates and merges two entries.

Plain click commands; user errors are raised as :class:`~kzkg.runtime.errors.KzkgError` and the main
group (:mod:`kzkg.cli.main`) turns them into a message and exit 1.
"""

from __future__ import annotations

from pathlib import Path

import click

from kzkg.cli.common import SEEDS, path_option

seeds_option = path_option(
    "--seeds",
    default=SEEDS,
    file_okay=False,
    help="Folder of articles, annotations and the registry.",
)


@click.command("migrate-registry")
@seeds_option
def migrate_registry(seeds: Path) -> None:
    """Split seeds/entities.yaml into seeds/registry/KIND/ID.yaml, one file per record, with
    every comment kept; nothing is written unless the split reads back the same."""
    from kzkg.curate import migrate

    count = migrate(seeds)
    click.echo(f"wrote {count} record files in {seeds / 'registry'}; removed entities.yaml")


@click.command()
@seeds_option
@click.option(
    "--record",
    nargs=3,
    metavar="ID ID VERDICT",
    default=None,
    help="Record a judgement of a pair: VERDICT is `same` or `different` (needs --note).",
)
@click.option("--note", default=None, help="Why: the reason a reader can check.")
@click.option("--merge", nargs=2, metavar="KEEP DROP", default=None, help="Fold DROP into KEEP.")
def xref(
    seeds: Path,
    record: tuple[str, str, str] | None,
    note: str | None,
    merge: tuple[str, str] | None,
) -> None:
    """List registry entries of one kind whose names read or sound alike and that no judgement
    in seeds/registry/judgements/ covers; record a judgement; or merge two entries, keeping
    every spelling and every mention."""
    from kzkg.curate import VERDICTS, candidates, read_judgements, record_judgement
    from kzkg.curate import merge as merge_entries
    from kzkg.load import ENTITY_CLASSES, read_seeds
    from kzkg.runtime import InputError, KzkgError

    if merge is not None:
        changed = merge_entries(seeds, *merge)
        click.echo(f"merged {merge[1]} into {merge[0]}: {len(changed)} files changed or removed")
        return
    entities = [r for r in read_seeds(seeds).records if isinstance(r, ENTITY_CLASSES)]
    judgements, problems = read_judgements(seeds, {e.id for e in entities})
    if problems:
        raise InputError(problems)
    if record is not None:
        first, second, verdict = record
        if verdict not in VERDICTS or not note:
            raise KzkgError("--record ID ID VERDICT needs VERDICT `same` or `different` and --note")
        known = {e.id for e in entities}
        if first not in known or second not in known:
            raise KzkgError(f"unknown entity among {first!r} and {second!r}; check the ids")
        path = record_judgement(seeds, first, second, verdict, note)
        click.echo(f"wrote {path}")
        return
    pairs = candidates(entities, {j.entities for j in judgements})
    for pair in pairs:
        click.echo(
            f"{pair.kind}: {pair.first} ~ {pair.second}  ({pair.because[0]!r} ~ {pair.because[1]!r})"
        )
    click.echo(
        f"{len(pairs)} candidate pairs; {len(judgements)} judged pairs not shown "
        "(record one with --record ID ID same|different --note …)"
    )
