"""Loading the built graph into a remote store, replacing it as a whole or not at all.

A reader must see the old graph or the new one, never a mix, and a load that fails or is cut off
(the server killed, the network gone) must leave the old graph as it was. So nothing is written
to the target graph while data travels: each target's triples go first into a fresh staging
graph (``urn:kzkg:staging:RUN:N``) through the SPARQL 1.1 Graph Store HTTP Protocol (one PUT per
graph), or, where the server has no Graph Store, through SPARQL Update ``INSERT DATA`` in chunks.
Then ONE update request moves every staging graph onto its target (``MOVE`` drops the target
and renames the staging graph). Servers run one update request as one transaction — Oxigraph
evaluates all operations of a request inside a single storage transaction with "repeatable
read" isolation (oxigraph/oxigraph issue #19; ``lib/oxigraph/src/sparql/update.rs``), as do
Jena TDB2 and GraphDB — so the swap is atomic. A failed load drops its staging graphs.

Files: a triples file (``.ttl``, ``.nt``) goes into the one named graph ``graph_iri``; a dataset
file (``.trig``, ``.nq``) keeps its own named graphs (one per article plus the registry), and
the same request drops the graphs under ``https://w3id.org/kzkg/id/graph/`` that the new data
no longer has, so a removed article disappears with the load that removed it.
"""

from __future__ import annotations

import contextlib
import re
import tempfile
import time
import urllib.error
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pyoxigraph as ox

from kzkg.rdf import GRAPH, sparql_term
from kzkg.runtime import StoreError
from kzkg.stores.embedded import load_file
from kzkg.stores.endpoint import (
    ATTEMPTS,
    TIMEOUT,
    Endpoint,
    never_arrived,
    request,
    retrying,
    server_message,
    status_of,
    transient,
)

CHUNK = 5_000  # triples per INSERT DATA request at first: ~1 MB, below any body limit
MIN_CHUNK = 50  # a server that refuses 50 triples at once refuses the load, not the size
# Virtuoso compiles INSERT DATA into code and refuses more than about 1,200 triples at once.
TOO_LARGE = re.compile(r"\bSP03[01]\b|memory exhausted|exceeded \d+ lines of code")
NO_GRAPH_STORE = {404, 405, 415, 501}  # the server has no Graph Store at that URL


@dataclass(slots=True)
class LoadReport:
    """What a load replaced: triples per target graph, the protocol used, the time it took."""

    endpoint: str
    graphs: dict[str, int] = field(default_factory=dict)
    method: str = "graph store protocol"
    seconds: float = 0.0
    chunk: int | None = None  # triples per INSERT DATA request in the end, when one was used

    @property
    def triples(self) -> int:
        return sum(self.graphs.values())

    def to_dict(self) -> dict[str, object]:
        return {
            "endpoint": self.endpoint,
            "graphs": dict(self.graphs),
            "method": self.method,
            "chunk": self.chunk,
            "seconds": round(self.seconds, 3),
            "triples": self.triples,
        }


def read_files(files: Iterable[Path], graph_iri: str) -> ox.Store:
    """Parse every file locally first: bad RDF is refused before the server is touched."""
    staged = ox.Store()  # in memory; deduplicates, and groups triples by graph for us
    for path in files:
        load_file(staged, Path(path))
    try:
        target = ox.NamedNode(graph_iri)
    except ValueError as exc:
        raise StoreError(f"graph name {graph_iri!r} is not an IRI ({exc})") from None
    # A triples file has only the default graph; it becomes the named graph graph_iri.
    staged.update(f"ADD DEFAULT TO {sparql_term(target)} ; CLEAR DEFAULT")
    return staged


def _triples(staged: ox.Store, graph: ox.NamedNode) -> list[ox.Triple]:
    return [quad.triple for quad in staged.quads_for_pattern(None, None, None, graph)]


def _put(endpoint: Endpoint, staging: str, body: Path, timeout: float, attempts: int) -> None:
    url = f"{endpoint.store}?graph={quote(staging, safe='')}"

    def send() -> None:
        with body.open("rb") as data:  # streamed from disk: a large graph never sits in memory
            headers = {
                "Content-Type": "application/n-triples",
                "Content-Length": str(body.stat().st_size),
            }
            request("PUT", url, body=data, headers=headers, timeout=timeout)

    retrying(
        send, endpoint.store or url, attempts=attempts, what=f"Graph Store PUT to {endpoint.store}"
    )


def _update(endpoint: Endpoint, text: str, timeout: float, attempts: int, **options) -> None:  # type: ignore[no-untyped-def]
    headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
    body = text.encode("utf-8")
    retrying(
        lambda: request("POST", endpoint.update, body=body, headers=headers, timeout=timeout),
        endpoint.update,
        attempts=attempts,
        **options,
    )


def too_large(error: BaseException) -> bool:
    """The server refused a request for its size: HTTP 413, or Virtuoso's SPARQL compiler out
    of memory (SP030) or over its 10,000 lines of generated code (SP031)."""
    if status_of(error) == 413:
        return True
    return status_of(error) is not None and bool(TOO_LARGE.search(server_message(error)))


def _insert(
    endpoint: Endpoint,
    staging: str,
    triples: list[ox.Triple],
    timeout: float,
    attempts: int,
    chunk: int,
) -> int:
    """INSERT DATA the triples ``chunk`` at a time, halving the chunk whenever the server says
    a request is too large; returns the chunk size that worked, for the next graph."""
    for triple in triples:
        if isinstance(triple.subject, ox.BlankNode) or isinstance(triple.object, ox.BlankNode):
            raise StoreError(
                "the graph has blank nodes, which cannot be loaded in chunks "
                "— use an endpoint with the Graph Store Protocol (--store-url)"
            )
    start = 0
    while start < len(triples):
        lines = [" ".join(map(sparql_term, t)) + " ." for t in triples[start : start + chunk]]  # type: ignore[arg-type]
        text = f"INSERT DATA {{ GRAPH <{staging}> {{\n" + "\n".join(lines) + "\n} }"
        try:
            _update(
                endpoint,
                text,
                timeout,
                attempts,
                retry_if=lambda error: transient(error) and not too_large(error),
                what=f"INSERT DATA of {len(lines):,} triples at {endpoint.update}",
            )
        except StoreError as exc:
            if exc.__cause__ is None or not too_large(exc.__cause__) or chunk <= MIN_CHUNK:
                raise
            chunk = max(MIN_CHUNK, chunk // 2)  # the same triples again, in smaller requests
            continue
        start += len(lines)
    return chunk


def swap_request(moves: dict[str, str], *, drop_stale: bool) -> str:
    """The one update that replaces every target by its staging graph (and drops stale ones).

    >>> print(swap_request({"urn:kzkg:staging:r:0": "https://example.org/g"}, drop_stale=False))
    MOVE <urn:kzkg:staging:r:0> TO <https://example.org/g>
    """
    operations = [f"MOVE <{staging}> TO <{target}>" for staging, target in moves.items()]
    if drop_stale:
        keep = ", ".join(f"<{target}>" for target in moves.values())
        operations.insert(
            0,
            (
                "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH}") && ?g NOT IN ({keep})) }}'
            ),
        )
    return " ;\n".join(operations)


def load_graph(
    endpoint: str | Endpoint,
    graph_iri: str,
    *files: Path,
    timeout: float = TIMEOUT,
    attempts: int = ATTEMPTS,
    chunk: int = CHUNK,
    graph_store: bool = True,
) -> LoadReport:
    """Replace ``graph_iri`` (and, for dataset files, their own graphs) on a remote store.

    ``endpoint`` is a server base such as ``http://127.0.0.1:7878`` (see
    :meth:`Endpoint.parse`). ``graph_store=False`` skips the Graph Store Protocol. Raises
    StoreError saying what to check; on any error the target graphs are unchanged.
    """
    started = time.perf_counter()
    services = endpoint if isinstance(endpoint, Endpoint) else Endpoint.parse(endpoint)
    if not files:
        raise StoreError("no graph file given — run `kzkg build` first")
    staged = read_files(files, graph_iri)
    targets = sorted(staged.named_graphs(), key=lambda graph: graph.value)
    if not targets:
        raise StoreError(
            f"{', '.join(map(str, files))}: no triples — nothing to load; the store was not changed"
        )
    report = LoadReport(services.query)
    use_store = graph_store and services.store is not None
    run = uuid.uuid4().hex
    moves: dict[str, str] = {}
    swapped = False
    try:
        with tempfile.TemporaryDirectory(prefix="kzkg-load-") as scratch:
            for number, target in enumerate(targets):
                staging = f"urn:kzkg:staging:{run}:{number}"
                moves[staging] = target.value
                triples = _triples(staged, target)
                report.graphs[target.value] = len(triples)
                if use_store:
                    body = Path(scratch) / f"{number}.nt"
                    ox.serialize(triples, body, ox.RdfFormat.N_TRIPLES)
                    try:
                        _put(services, staging, body, timeout, attempts)
                        continue
                    except StoreError as exc:
                        cause = exc.__cause__
                        if not (
                            isinstance(cause, urllib.error.HTTPError)
                            and cause.code in NO_GRAPH_STORE
                        ):
                            raise
                        use_store = False  # no Graph Store here: SPARQL Update from now on
                chunk = _insert(services, staging, triples, timeout, attempts, chunk)
        if not use_store:
            report.method = "sparql update (insert data)"
            report.chunk = chunk
        drop_stale = any(target.value.startswith(GRAPH) for target in targets)
        _update(
            services,
            swap_request(moves, drop_stale=drop_stale),
            timeout,
            attempts,
            retry_if=never_arrived,
            what=f"the swap at {services.update}",
        )
        swapped = True
    finally:
        if not swapped and moves:
            _drop(services, moves, timeout)
    report.seconds = time.perf_counter() - started
    return report


def _drop(services: Endpoint, moves: dict[str, str], timeout: float) -> None:
    """Best effort: remove this load's staging graphs; the targets were never touched."""
    text = " ;\n".join(f"DROP SILENT GRAPH <{staging}>" for staging in moves)
    with contextlib.suppress(StoreError):  # the server is gone: staging graphs stay, inert
        _update(services, text, timeout, 1)
