"""Registry commands: `kzkg migrate-registry` splits the registry into one file per record.

Plain click commands; user errors are raised as :class:`~kzkg.errors.KzkgError` and the main
group (:mod:`kzkg.cli`) turns them into a message and exit 1.
"""

from __future__ import annotations

from pathlib import Path

import click

SEEDS = Path("seeds")
seeds_option = click.option(
    "--seeds",
    type=click.Path(path_type=Path, file_okay=False),
    default=SEEDS,
    show_default=True,
    help="Folder of articles, annotations and the registry.",
)


@click.command("migrate-registry")
@seeds_option
def migrate_registry(seeds: Path) -> None:
    """Split seeds/entities.yaml into seeds/registry/KIND/ID.yaml, one file per record, with
    every comment kept; nothing is written unless the split reads back the same."""
    from kzkg.registry_migrate import migrate

    count = migrate(seeds)
    click.echo(f"wrote {count} record files in {seeds / 'registry'}; removed entities.yaml")

