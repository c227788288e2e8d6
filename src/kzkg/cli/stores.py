"""``kzkg serve`` and ``kzkg load``: the commands that put the graph into a triple store.

Plain click commands that raise :class:`kzkg.runtime.errors.KzkgError` for anything the user can fix;
``kzkg.cli.main`` wraps their callbacks in its ``friendly`` decorator (message + exit 1) when it adds
them to the main group, so this module never imports ``kzkg.cli.main`` (that would be a cycle).
Credentials are never options: see ``kzkg.stores.endpoint``.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from kzkg.cli.common import DIST_GRAPH, address_option, path_option
from kzkg.rdf import LOAD_GRAPH


@click.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 exposes the (read-only) server to the network.",
)
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@path_option(
    "--graph",
    "graph_files",
    multiple=True,
    default=[DIST_GRAPH],
    help="Graph file(s) to serve (.ttl, .trig, .nt); repeatable.",
)
@path_option(
    "--store",
    "location",
    help="Keep the Oxigraph store in this folder (loaded once; delete it to reload). "
    "Default: a temporary folder removed on exit.",
)
@click.option(
    "--site/--no-site",
    default=True,
    show_default=True,
    help="Also build the static explorer from the graph and serve it on PORT+1.",
)
def serve(
    host: str, port: int, graph_files: tuple[Path, ...], location: Path | None, site: bool
) -> None:
    """Serve the graph with a real Oxigraph server and its SPARQL query UI, until Ctrl-C."""
    import functools
    import shutil
    import tempfile

    from kzkg.stores import serve as run_server

    if not site:
        run_server(list(graph_files), host, port, location=location, echo=click.echo)
        return
    from kzkg.site import build_site, explorer

    workspace = Path(tempfile.mkdtemp(prefix="kzkg-site-"))
    try:
        build_site(list(graph_files), workspace / "site")
        run_server(
            list(graph_files),
            host,
            port,
            functools.partial(explorer, workspace / "site"),
            location=location,
            echo=click.echo,
        )
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


@click.command()
@address_option(
    "--endpoint",
    required=True,
    help="The server: its base URL (Oxigraph http://127.0.0.1:7878, which has /query, "
    "/update and /store; Fuseki http://HOST:3030/DATASET) or its query URL "
    "(…/query); a URL ending in /sparql or /sparql-NAME (Virtuoso: /sparql-auth) is used "
    "for query and update, with the Graph Store at /sparql-graph-crud[-NAME].",
)
@address_option("--update-url", help="SPARQL Update URL, when it is not ENDPOINT/update.")
@address_option(
    "--store-url",
    help="Graph Store Protocol URL, when it is not ENDPOINT/store "
    "(Fuseki: …/DATASET/data; GraphDB: …/repositories/REPO/rdf-graphs/service).",
)
@address_option(
    "--graph",
    "graph_iri",
    default=LOAD_GRAPH,
    metavar="IRI",
    help="Named graph replaced by a .ttl/.nt file (.trig files keep their own graphs).",
)
@path_option(
    "--file",
    "files",
    multiple=True,
    default=[DIST_GRAPH],
    help="Graph file(s) to load; repeatable.",
)
@click.option(
    "--no-graph-store",
    is_flag=True,
    help="Load with SPARQL Update INSERT DATA only, even if a Graph Store exists.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds to wait for each request.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
def load(
    endpoint: str,
    update_url: str | None,
    store_url: str | None,
    graph_iri: str,
    files: tuple[Path, ...],
    no_graph_store: bool,
    timeout: float,
    fmt: str,
) -> None:
    """Replace the graph on a remote SPARQL store, all or nothing: staged, then moved into place
    in one update request. Oxigraph's readers see the old graph or the new, never a mix;
    Virtuoso's can see its move half done (docs/stores.md).

    Credentials come from KZKG_ENDPOINT_USER / KZKG_ENDPOINT_PASSWORD (KZKG_ENDPOINT_AUTH=digest
    for Digest) or ~/.netrc, never from the command line.
    """
    from kzkg.stores import Endpoint, load_graph

    services = Endpoint.parse(endpoint, update=update_url, store=store_url)
    report = load_graph(
        services, graph_iri, *files, timeout=timeout, graph_store=not no_graph_store
    )
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
        return
    graphs = len(report.graphs)
    click.echo(
        f"replaced {graphs} graph{'s' if graphs != 1 else ''} with {report.triples:,} "
        f"triples at {services.update} in {report.seconds:.2f} s ({report.method})"
    )
