"""The benchmark steps that are not ``kzkg`` commands, each run by run.py in a fresh process.

A fresh process per step makes its peak memory its own (run.py reads it with ``os.wait4``) and
keeps one step's caches and garbage from slowing the next. Each step prints one JSON object on
stdout (the query steps one per query): the seconds (wall and CPU) of the work itself, without
interpreter start-up and imports.

    python benchmarks/steps.py load dist/kzkg.ttl
    python benchmarks/steps.py queries dist/kzkg.ttl PARAMS.json 5 [QUERY]
    python benchmarks/steps.py plain-build seeds/ OUT/
    python benchmarks/steps.py plain-load dist/kzkg.ttl
    python benchmarks/steps.py plain-queries dist/kzkg.ttl PARAMS.json 5 [QUERY]

The ``plain-`` steps do the same work the way an rdflib user would: rdflib graphs built from the
same quads and serialized by rdflib, rdflib's Turtle parser, rdflib's SPARQL engine.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"


@contextmanager
def timed(into: dict[str, Any], key: str = "") -> Iterator[None]:
    """Record wall and CPU seconds of the block as ``KEYwall`` and ``KEYcpu``."""
    wall, cpu = time.perf_counter(), time.process_time()
    yield
    into[f"{key}wall"] = time.perf_counter() - wall
    into[f"{key}cpu"] = time.process_time() - cpu


def load(ttl: str) -> dict[str, Any]:
    from kzkg.stores.embedded import load_file, open_store

    result: dict[str, Any] = {}
    with timed(result):
        store = load_file(open_store(), Path(ttl))
    return result | {"triples": len(store)}


def repeat(run: Callable[[], int], times: int, budget: float = 60.0) -> dict[str, Any]:
    """Run a query ``times`` times, or fewer once ``budget`` seconds are spent: every run's wall
    and CPU seconds, and the row count. The budget keeps a slow query from taking hours."""
    walls, cpus, rows = [], [], 0
    while len(walls) < times and sum(walls) < budget:
        timing: dict[str, float] = {}
        with timed(timing):
            rows = run()
        walls.append(timing["wall"])
        cpus.append(timing["cpu"])
    return {"wall": walls, "cpu": cpus, "rows": rows}


def emit(name: str, result: dict[str, Any]) -> None:
    """One query's result as a line of its own, so a step killed at its timeout keeps the rest."""
    print(json.dumps({"query": name} | result), flush=True)


def queries(ttl: str, params: str, times: str, only: str = "") -> None:
    """Canned queries (all, or ``only`` one) on the embedded store, with the corpus's values."""
    from kzkg.query import catalogue as query
    from kzkg.stores.embedded import load_file, open_store

    def rows(item: query.CannedQuery, values: dict[str, str]) -> int:
        return len(query.run(item, store, values).rows)

    store = load_file(open_store(), Path(ttl))
    values = json.loads(Path(params).read_text()) if params else {}
    for name, item in query.load_catalogue(QUERIES).items():
        if only in ("", name):
            emit(name, repeat(partial(rows, item, values.get(name, {})), int(times)))


def rdflib_term(term: Any) -> Any:
    """The rdflib term of a pyoxigraph term; xsd:string literals become plain ones."""
    import pyoxigraph as ox
    from rdflib import Literal, URIRef

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    string = datatype == "http://www.w3.org/2001/XMLSchema#string"
    return Literal(term.value, datatype=None if string else URIRef(datatype))


def plain_build(seeds: str, out: str) -> dict[str, Any]:
    """kzkg's reading and conversion, then an rdflib dataset and graph, serialized by rdflib."""
    from rdflib import Dataset, Graph, URIRef

    from kzkg.pipeline.steps import build

    result: dict[str, Any] = {}
    with timed(result, "read+convert "):
        quads = build(Path(seeds), None, validate=False).quads
    with timed(result, "rdflib graphs "):
        dataset, graph = Dataset(), Graph()
        for quad in quads:
            triple = tuple(rdflib_term(t) for t in (quad.subject, quad.predicate, quad.object))
            dataset.add((*triple, URIRef(quad.graph_name.value)))
            graph.add(triple)
    Path(out).mkdir(parents=True, exist_ok=True)
    with timed(result, "rdflib serialize "):
        dataset.serialize(Path(out) / "kzkg.trig", format="trig")
        for suffix, fmt in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")):
            graph.serialize(Path(out) / f"kzkg.{suffix}", format=fmt)
    return result | {"triples": len(graph)}


def plain_load(ttl: str) -> dict[str, Any]:
    from rdflib import Graph

    result: dict[str, Any] = {}
    with timed(result):
        graph = Graph().parse(ttl, format="turtle")
    return result | {"triples": len(graph)}


def plain_queries(ttl: str, params: str, times: str, only: str = "") -> None:
    """Canned queries on an rdflib graph, parameters bound with ``initBindings``."""
    from rdflib import Graph, Variable

    from kzkg.query import catalogue as query

    def rows(sparql: str, bindings: dict[Any, Any]) -> int:
        return len(graph.query(sparql, initBindings=bindings))

    graph = Graph().parse(ttl, format="turtle")
    values = json.loads(Path(params).read_text()) if params else {}
    for name, item in query.load_catalogue(QUERIES).items():
        if only not in ("", name):
            continue
        bound = query.bind(item, values.get(name, {}))
        bindings = {Variable(k): rdflib_term(v) for k, v in bound.items()}
        try:
            emit(name, repeat(partial(rows, item.sparql, bindings), int(times)))
        except Exception as error:  # rdflib does not support every SPARQL feature the queries use
            emit(name, {"error": f"{type(error).__name__}: {error}"[:200]})


STEPS: dict[str, Callable[..., dict[str, Any] | None]] = {
    "load": load,
    "queries": queries,
    "plain-build": plain_build,
    "plain-load": plain_load,
    "plain-queries": plain_queries,
}

if __name__ == "__main__":
    result = STEPS[sys.argv[1]](*sys.argv[2:])
    if result is not None:
        print(json.dumps(result))
