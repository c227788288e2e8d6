"""``kzkg query``: run a canned query on the embedded store, an on-disk store or an endpoint.

A plain click command that raises :class:`kzkg.runtime.errors.KzkgError` for anything the user can fix;
``kzkg.cli.main`` adds its error handling when it adds the command to the main group.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from kzkg.cli.common import address_option, graph_option, out, path_option, printable, table_width
from kzkg.data import QUERIES

if TYPE_CHECKING:
    from kzkg.query import ResultTable


@click.command()
@click.argument("name", required=False)
@click.option("--list", "list_", is_flag=True, help="List the canned queries.")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="KEY=VALUE",
    help="Bind a query parameter (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
)
@graph_option("Graph file for the embedded store.", "graph_file")
@path_option(
    "--store",
    "store_dir",
    help="Use a persistent on-disk store in this folder (loaded from --graph when empty).",
)
@address_option(
    "--endpoint", help="Run on a remote SPARQL 1.1 endpoint instead of the embedded store."
)
@address_option(
    "--endpoint-graph",
    metavar="IRI",
    help="Named graph the endpoint query reads. Default: the graph `kzkg load` writes when the "
    "endpoint has it, else the endpoint's default graph (as `kzkg serve` serves it); "
    "'' always reads the endpoint's default graph.",
)
def query(
    name: str | None,
    list_: bool,
    params: tuple[str, ...],
    fmt: str,
    graph_file: Path,
    store_dir: Path | None,
    endpoint: str | None,
    endpoint_graph: str | None,
) -> None:
    """Run the canned query NAME (see --list) and print its answer."""
    from kzkg import query as canned

    catalogue = canned.load_catalogue(QUERIES)
    if list_ or not name:
        for query_name, item in catalogue.items():
            out.print(f"[bold]{query_name}[/]  {item.title}", markup=True)
        return
    if name not in catalogue:
        raise click.UsageError(f"no canned query {name!r}; `kzkg query --list` shows them")
    values = dict(_split_param(p) for p in params)
    try:
        canned.bind(catalogue[name], values)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from None
    if endpoint:
        from kzkg.query import run_remote

        result = run_remote(catalogue[name], endpoint, values, graph=endpoint_graph)
    else:
        result = canned.run(catalogue[name], _embedded(graph_file, store_dir), values)
    out.print(shown(result, fmt), markup=False)


def shown(result: ResultTable, fmt: str) -> str:
    """The result rendered for printing, with no control character reaching a terminal raw.

    A table shows each one as an escape (``\\x1b``); JSON writes them as ``\\u`` escapes,
    which decode to the same data; CSV keeps the data as it is, except on a terminal."""
    from kzkg.query import ResultTable, format_table

    if fmt == "table":  # escaped before the columns are measured
        cells = [[None if c is None else printable(c) for c in row] for row in result.rows]
        result = ResultTable([printable(c) for c in result.columns], cells)
    text = format_table(result, fmt, width=table_width())
    if fmt == "csv" and not out.is_terminal:
        return text
    return printable(text, json=fmt == "json")


def _split_param(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key:
        raise click.BadParameter(f"{text!r} is not KEY=VALUE", param_hint="--param")
    return key.strip(), value


def _embedded(graph_file: Path, store_dir: Path | None):  # type: ignore[no-untyped-def]
    from kzkg.stores import load_file, open_store

    store = open_store(store_dir)
    if store_dir is None or len(store) == 0:
        load_file(store, graph_file)
    return store
