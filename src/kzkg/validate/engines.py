"""SHACL validation of the built graph, with each violation traced to the YAML that caused it.

Two engines give the same verdicts (a test holds them to it): ``fast`` (:mod:`kzkg.shacl.engine`,
pyoxigraph, the default) and ``pyshacl``, the reference. pyshacl runs without inference: with
RDFS inference, ``rdfs:range`` declarations make ``sh:class`` violations invisible (see
DESIGN.md), so the data asserts its own types. ``advanced=True`` turns on SHACL-SPARQL.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kzkg.data import SHAPES
from kzkg.rdf import PREFIXES, Compactor, ntriples_text
from kzkg.runtime import CPUS, SILENT, Source, Steps, display_path
from kzkg.validate.shapes_refused import say_falling_back, shapes_errors, unusable_for_pyshacl

if TYPE_CHECKING:
    import rdflib

    from kzkg import shacl

ENGINES = ("fast", "pyshacl")
_compact = Compactor(PREFIXES)


@dataclass(frozen=True, slots=True, order=True)
class Violation:
    """One failed constraint: where it points in the graph and, when known, in the seeds."""

    origin: str  # "FILE:LINE" of the record that produced the focus node, or the focus IRI
    focus: str
    path: str
    message: str
    severity: str

    def __str__(self) -> str:
        """``FILE:LINE: message — check PATH of NODE``, the same shape as every input problem."""
        on = f"{self.path} of " if self.path else ""
        severity = "" if self.severity == "Violation" else f" ({self.severity})"
        return f"{self.origin}: {self.message}{severity} — check {on}{_compact(self.focus)}"

    def to_dict(self) -> dict[str, str]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class Report:
    """The verdict: conforms or not, and every violation in a stable order."""

    conforms: bool
    violations: tuple[Violation, ...]

    def to_dict(self) -> dict[str, object]:
        return {"conforms": self.conforms, "violations": [v.to_dict() for v in self.violations]}


def validate_triples(
    triples: Iterable[ox.Triple],
    origins: Mapping[str, Source] | None = None,
    *,
    engine: str = "fast",
    shapes: Path = SHAPES,
) -> Report:
    """Validate triples with the chosen engine; the report is the same whichever runs."""
    data = ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES)
    return validate_ntriples(data, origins, engine=engine, shapes=shapes)


def validate_ntriples(
    data: bytes,
    origins: Mapping[str, Source] | None = None,
    *,
    engine: str = "fast",
    shapes: Path = SHAPES,
) -> Report:
    """:func:`validate_triples` for a graph as canonical N-Triples text, the form both engines
    read it in (pyoxigraph's store and rdflib's strict parser)."""
    if engine == "pyshacl":
        return validate_graph(_rdflib_graph(data), origins, shapes)
    if engine != "fast":
        raise ValueError(f"unknown SHACL engine {engine!r}; choose one of {', '.join(ENGINES)}")
    from kzkg import shacl

    try:
        with shapes_errors(shapes):
            found = shacl.validate_ntriples(data, shapes)
    except shacl.UnsupportedShape as refusal:
        return _pyshacl_instead(data, origins, shapes, refusal)
    return report_of(_traced(found, origins))


def validate_lines(
    lines: list[str],
    origins: Mapping[str, Source] | None = None,
    *,
    engine: str = "fast",
    shapes: Path = SHAPES,
    progress: Steps = SILENT,
    jobs: int = CPUS,
) -> Report:
    """:func:`validate_ntriples` for a graph as distinct canonical N-Triples lines, the form a
    build holds it in (:class:`kzkg.formats.serialize.Ordered`): the fast engine indexes them as they
    are, validates a large graph in two processes at once (unless ``jobs`` is 1) and reports its
    progress. Shapes the fast engine refuses are validated by pyshacl, saying so."""
    if engine != "fast":
        return validate_ntriples(ntriples_text(lines), origins, engine=engine, shapes=shapes)
    from kzkg import shacl

    try:
        with shapes_errors(shapes):
            found = shacl.validate_lines(lines, shapes, progress, jobs=jobs)
    except shacl.UnsupportedShape as refusal:
        return _pyshacl_instead(ntriples_text(lines), origins, shapes, refusal)
    return report_of(_traced(found, origins))


def _traced(
    results: Iterable[shacl.Result], origins: Mapping[str, Source] | None
) -> set[Violation]:
    """The fast engine's results as violations, each traced to the YAML that caused it."""
    return {
        Violation(
            _origin(r.focus.value, origins or {}),
            r.focus.value,
            _compact(r.path_text) if r.path_text else "",
            r.message,
            r.severity_name,
        )
        for r in results
    }


def report_of(violations: Iterable[Violation]) -> Report:
    """The report of these violations, in their stable order."""
    found = tuple(sorted(set(violations)))
    return Report(not any(v.severity == "Violation" for v in found), found)


def to_rdflib(triples: Iterable[ox.Triple]) -> rdflib.Graph:
    """An rdflib graph of pyoxigraph triples, via N-Triples (the one format both read strictly)."""
    return _rdflib_graph(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES))


def _rdflib_graph(data: bytes) -> rdflib.Graph:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=data.decode("utf-8"), format="nt")
    return graph


def load_shapes(path: Path = SHAPES) -> rdflib.Graph:
    import rdflib

    shapes = rdflib.Graph()
    shapes.parse(path, format="turtle")
    return shapes


def validate_graph(
    data: rdflib.Graph, origins: Mapping[str, Source] | None = None, shapes: Path = SHAPES
) -> Report:
    """Run every shape over ``data`` with pyshacl; ``origins`` maps IRIs to YAML places."""
    import rdflib
    from pyshacl import validate as pyshacl_validate
    from rdflib.namespace import SH

    conforms, results, _ = pyshacl_validate(
        data,
        shacl_graph=load_shapes(shapes),
        inference="none",
        advanced=True,
        abort_on_first=False,
        allow_warnings=True,
    )
    violations = []
    # Only the report's own results: pyshacl also types nested sh:detail results as results.
    for result in results.objects(None, SH.result):
        focus = str(results.value(result, SH.focusNode) or "")
        path = results.value(result, SH.resultPath)
        violations.append(
            Violation(
                origin=_origin(focus, origins or {}),
                focus=focus,
                path=_compact(str(path)) if isinstance(path, rdflib.URIRef) else "",
                message=str(results.value(result, SH.resultMessage) or "constraint failed"),
                severity=str(results.value(result, SH.resultSeverity) or "").rsplit("#", 1)[-1],
            )
        )
    return Report(bool(conforms), tuple(sorted(set(violations))))


def _origin(focus: str, origins: Mapping[str, Source]) -> str:
    """The YAML location of the record whose IRI is ``focus`` or a prefix of it."""
    candidate = focus
    while candidate:
        source = origins.get(candidate)
        if source is not None:
            return f"{display_path(source.path)}:{source.line}"
        candidate = (
            candidate.rpartition("/")[0] if "/" in candidate.removeprefix("https://") else ""
        )
    return focus


def _pyshacl_instead(
    data: bytes, origins: Mapping[str, Source] | None, shapes: Path, refusal: Exception
) -> Report:
    """pyshacl's report, for shapes the fast engine refused, saying so (see
    :mod:`kzkg.validate.shapes_refused` for why falling back is right)."""
    say_falling_back(shapes, refusal)
    try:
        return validate_graph(_rdflib_graph(data), origins, shapes)
    except Exception as exc:  # pyshacl's errors share no base class
        raise unusable_for_pyshacl(shapes, exc) from exc
