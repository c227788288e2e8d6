"""Writing the graph to ``dist/`` in every published format, deterministically and atomically.

Determinism: the quads are written once as canonical N-Quads by pyoxigraph, the lines are sorted
(by graph, subject, ``rdf:type`` first, predicate, object) and every format is serialized from
that one ordered list, so the bytes depend only on the data, never on hash seeds or set order.
Sorting text lines rather than term objects keeps the work in C and Rust, which matters at a
million triples. Atomicity: every file is written beside its target first and renamed into place
only when all of them are ready, so a failure leaves the previous ``dist/`` whole.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.namespaces import RDF, SERIALIZATION_PREFIXES

_TYPE = f"<{RDF}type>"


def _line_key(line: str) -> tuple[str, bool, str, str]:
    subject, predicate, rest = line.split(" ", 2)
    return subject, predicate != _TYPE, predicate, rest


@dataclass(frozen=True, slots=True)
class Ordered:
    """The graph as sorted canonical N-Triples lines and sorted N-Quads lines (graph first)."""

    triple_lines: list[str]
    quad_lines: list[str]

    @classmethod
    def of(cls, quads: Iterable[ox.Quad]) -> Ordered:
        items = list(quads)
        nquads = ox.serialize(items, format=ox.RdfFormat.N_QUADS).decode("utf-8").splitlines()
        ntriples = ox.serialize([q.triple for q in items], format=ox.RdfFormat.N_TRIPLES)
        triple_lines = sorted(set(ntriples.decode("utf-8").splitlines()), key=_line_key)
        quad_lines = sorted(set(nquads), key=_quad_key)
        return cls(triple_lines, quad_lines)

    def triples(self) -> list[ox.Triple]:
        return list(ox.parse("\n".join(self.triple_lines), format=ox.RdfFormat.N_TRIPLES))  # type: ignore[arg-type]

    def quads(self) -> list[ox.Quad]:
        return list(ox.parse("\n".join(self.quad_lines), format=ox.RdfFormat.N_QUADS))


def _quad_key(line: str) -> tuple[str, str, bool, str, str]:
    # An N-Quads line ends with "<graph> ." and the graph IRI holds no space.
    body, graph = line[:-2].rsplit(" ", 1)
    return (graph, *_line_key(body))


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One published serialization: file suffix and how to render the ordered graph."""

    suffix: str
    render: Callable[[Ordered], bytes]


FORMATS: dict[str, OutputFormat] = {}


def register(name: str, output: OutputFormat) -> None:
    """Add an output format by name; ``kzkg build`` writes every registered one."""
    FORMATS[name] = output


def _with_pyoxigraph(fmt: ox.RdfFormat, dataset: bool) -> Callable[[Ordered], bytes]:
    def render(ordered: Ordered) -> bytes:
        items = ordered.quads() if dataset else ordered.triples()
        return ox.serialize(items, format=fmt, prefixes=SERIALIZATION_PREFIXES)

    return render


def _ntriples(ordered: Ordered) -> bytes:
    return "".join(line + "\n" for line in ordered.triple_lines).encode("utf-8")


_NAMESPACES = sorted(SERIALIZATION_PREFIXES.items(), key=lambda item: -len(item[1]))
# A quote preceded by a backslash is inside a literal: never the start of a key or value.
_IRI_KEY = re.compile(r'(?<!\\)"(https?://[^"\\]*)":\[')
_IRI_VALUE = re.compile(r'(?<!\\)"(@id|@type)":"(https?://[^"\\]*)"')


def _compact(iri: str) -> str:
    for name, namespace in _NAMESPACES:
        local = iri.removeprefix(namespace)
        if local != iri and local:
            return f"{name}:{local}"
    return iri


def _jsonld(ordered: Ordered) -> bytes:
    """Compact JSON-LD: a prefix ``@context``, compact IRIs, one node object per line.

    pyoxigraph writes expanded JSON-LD on one line. Keys (always followed by ``:[`` there) and
    ``@id``/``@type`` values are the only places IRIs stand, so compacting them by pattern never
    touches a literal; any JSON-LD processor expands them back to the same IRIs.
    """
    expanded = ox.serialize(ordered.triples(), format=ox.RdfFormat.JSON_LD).decode("utf-8")
    compacted = _IRI_KEY.sub(lambda m: f'"{_compact(m.group(1))}":[', expanded)
    compacted = _IRI_VALUE.sub(lambda m: f'"{m.group(1)}":"{_compact(m.group(2))}"', compacted)
    compacted = compacted.replace('{"@id":', '\n{"@id":')
    context = json.dumps(dict(sorted(SERIALIZATION_PREFIXES.items())), indent=1)
    return f'{{"@context": {context},\n"@graph": {compacted}\n}}\n'.encode()


register("turtle", OutputFormat("ttl", _with_pyoxigraph(ox.RdfFormat.TURTLE, dataset=False)))
register("trig", OutputFormat("trig", _with_pyoxigraph(ox.RdfFormat.TRIG, dataset=True)))
register("ntriples", OutputFormat("nt", _ntriples))
register("jsonld", OutputFormat("jsonld", _jsonld))


def render(quads: Iterable[ox.Quad], output: OutputFormat) -> bytes:
    """The bytes of one format; the same quads always give the same bytes."""
    return output.render(Ordered.of(quads))


def write_all(quads: Iterable[ox.Quad], directory: Path, stem: str = "kzkg") -> list[Path]:
    """Write every registered format to ``directory/stem.SUFFIX``; all files or none change."""
    directory.mkdir(parents=True, exist_ok=True)
    ordered = Ordered.of(quads)
    staged: list[tuple[Path, Path]] = []
    try:
        for output in FORMATS.values():
            target = directory / f"{stem}.{output.suffix}"
            temporary = directory / f".{stem}.{output.suffix}.partial"
            temporary.write_bytes(output.render(ordered))
            staged.append((temporary, target))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    for temporary, target in staged:
        os.replace(temporary, target)
    return [target for _, target in staged]
