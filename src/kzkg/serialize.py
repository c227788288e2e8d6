"""Writing the graph to ``dist/`` in every published format, deterministically and atomically.

Determinism: quads are sorted before serialization (subjects by IRI, ``rdf:type`` first, then
predicates and objects), and pyoxigraph writes them in the order given, so the bytes depend only
on the data, never on hash seeds or set order. Atomicity: every file is written beside its
target first and renamed into place only when all of them are ready, so a failure leaves the
previous ``dist/`` whole.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.convert import triples
from kzkg.namespaces import RDF, SERIALIZATION_PREFIXES

_TYPE = f"{RDF}type"


def _order(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> str:
    return str(term)


def sort_key(quad: ox.Quad | ox.Triple) -> tuple[str, str, int, str, str]:
    graph = _order(quad.graph_name) if isinstance(quad, ox.Quad) else ""
    predicate = quad.predicate.value
    return (
        graph,
        _order(quad.subject),
        0 if predicate == _TYPE else 1,
        predicate,
        _order(quad.object),
    )


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One published serialization: file suffix, pyoxigraph format, and dataset or graph."""

    suffix: str
    format: ox.RdfFormat
    dataset: bool
    post: Callable[[bytes], bytes] = lambda data: data


FORMATS: dict[str, OutputFormat] = {}


def register(name: str, output: OutputFormat) -> None:
    """Add an output format by name; ``kzkg build`` writes every registered one."""
    FORMATS[name] = output


register("turtle", OutputFormat("ttl", ox.RdfFormat.TURTLE, dataset=False))
register("trig", OutputFormat("trig", ox.RdfFormat.TRIG, dataset=True))
register("ntriples", OutputFormat("nt", ox.RdfFormat.N_TRIPLES, dataset=False))


def compact_jsonld(data: bytes) -> bytes:
    """Expanded JSON-LD → the same graph with a prefix ``@context`` and compact IRIs.

    pyoxigraph writes expanded JSON-LD only; prefixes make the file readable, and a JSON-LD
    processor expands ``schema:name`` and ``{"@id": "person:x"}`` back to the same IRIs.
    """
    prefixes = sorted(SERIALIZATION_PREFIXES.items(), key=lambda item: -len(item[1]))

    def iri(value: str) -> str:
        for name, namespace in prefixes:
            local = value.removeprefix(namespace)
            if local != value and local and not local.startswith("//"):
                return f"{name}:{local}"
        return value

    def walk(item: object) -> object:
        if isinstance(item, list):
            return [walk(x) for x in item]
        if isinstance(item, dict):
            result = {}
            for key, value in item.items():
                if key in ("@id", "@type") and isinstance(value, str):
                    result[key] = iri(value)
                elif key == "@type" and isinstance(value, list):
                    result[key] = [iri(v) for v in value]
                else:
                    result[key if key.startswith("@") else iri(key)] = walk(value)
            return result
        return item

    document = {
        "@context": dict(sorted(SERIALIZATION_PREFIXES.items())),
        "@graph": walk(json.loads(data)),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode(
        "utf-8"
    )


register("jsonld", OutputFormat("jsonld", ox.RdfFormat.JSON_LD, dataset=False, post=compact_jsonld))


def render(quads: Iterable[ox.Quad], output: OutputFormat) -> bytes:
    """The bytes of one format; the same quads always give the same bytes."""
    items: list[ox.Quad] | list[ox.Triple]
    items = (
        sorted(set(quads), key=sort_key) if output.dataset else sorted(triples(quads), key=sort_key)
    )
    prefixes = None if output.format == ox.RdfFormat.N_TRIPLES else SERIALIZATION_PREFIXES
    return output.post(ox.serialize(items, format=output.format, prefixes=prefixes))


def write_all(quads: list[ox.Quad], directory: Path, stem: str = "kzkg") -> list[Path]:
    """Write every registered format to ``directory/stem.SUFFIX``; all files or none change."""
    directory.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[Path, Path]] = []
    try:
        for output in FORMATS.values():
            target = directory / f"{stem}.{output.suffix}"
            temporary = directory / f".{stem}.{output.suffix}.partial"
            temporary.write_bytes(render(quads, output))
            staged.append((temporary, target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    return [target for _, target in staged]
