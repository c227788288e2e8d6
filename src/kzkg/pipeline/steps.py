"""The main job, step by step: read seeds → resolve → convert → validate → write ``dist/``.

Each step is one module; this one only sequences them, times them and keeps ``dist/`` untouched
unless every step succeeded.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kzkg.convert import convert_graphs, iri_of
from kzkg.data import SHAPES
from kzkg.formats import FORMATS, Ordered, write_ordered
from kzkg.load import Corpus, read_seeds, resolve
from kzkg.runtime import (
    CPUS,
    SILENT,
    Source,
    Steps,
    ValidationError,
    cycle_collection_paused,
    exclusive,
)
from kzkg.validate import Report, validate_lines


@dataclass(slots=True)
class Build:
    """What a build produced and how long each step took (seconds)."""

    corpus: Corpus
    ordered: Ordered  # the graph, as sorted distinct N-Triples lines and per named graph
    report: Report | None = None
    written: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def quads(self) -> list[ox.Quad]:
        return list(self.ordered.quads())

    @property
    def triple_count(self) -> int:
        return len(self.ordered.triple_lines)


@contextmanager
def _timed(
    timings: dict[str, float], step: str, progress: Steps, total: int | None = None
) -> Iterator[None]:
    progress(step, total)
    started = time.perf_counter()
    yield
    timings[step] = time.perf_counter() - started


def origins(corpus: Corpus) -> dict[str, Source]:
    """IRI of each record → the YAML place it was written, for locating SHACL violations."""
    found = {iri_of(r).value: r.source for r in corpus.records.values() if r.source is not None}
    return found


@cycle_collection_paused()
def build(
    seeds: Path,
    dist: Path | None,
    *,
    validate: bool = True,
    engine: str = "fast",
    progress: Steps = SILENT,
    jobs: int = CPUS,
    waiting: Callable[[str], None] = lambda message: print(message, file=sys.stderr),
) -> Build:
    """Run the pipeline; raise :class:`InputError` or :class:`ValidationError` before writing.
    On large graphs ``jobs`` processes write the output formats side by side, and validation
    runs in two processes unless ``jobs`` is 1. A build that writes waits for any other
    writing the same ``dist`` (:mod:`kzkg.runtime.runlock`), and tells ``waiting`` so."""
    with exclusive(dist, waiting) if dist is not None else nullcontext():
        return _build(seeds, dist, validate, engine, progress, jobs)


def _build(
    seeds: Path, dist: Path | None, validate: bool, engine: str, progress: Steps, jobs: int
) -> Build:
    timings: dict[str, float] = {}
    corpus, ordered = _read_and_convert(seeds, timings, progress)
    result = Build(corpus, ordered, timings=timings)
    if validate:
        with _timed(timings, "validate", progress):
            result.report = _conforming(
                ordered.triple_lines, origins(corpus), engine, progress, jobs
            )
    if dist is not None:
        with _timed(timings, "write", progress, len(FORMATS)):
            result.written = write_ordered(ordered, dist, jobs=jobs, advance=progress.advance)
    return result


@dataclass(frozen=True, slots=True)
class Checked:
    """What ``kzkg validate`` found: the report, and how much it covered."""

    report: Report
    articles: int
    triples: int


@cycle_collection_paused()
def check(
    seeds: Path,
    *,
    engine: str = "fast",
    shapes: Path = SHAPES,
    progress: Steps = SILENT,
    jobs: int = CPUS,
) -> Checked:
    """``kzkg validate``: every step of :func:`build` but writing, on the whole of ``seeds``
    every time, so that no earlier run can change a verdict. The records are freed before
    validating: at 10,000 articles they hold memory the validation needs."""
    corpus, ordered = _read_and_convert(seeds, {}, progress)
    articles, where, lines = len(corpus.articles), origins(corpus), ordered.triple_lines
    del corpus, ordered
    progress("validate")
    report = _conforming(lines, where, engine, progress, jobs, shapes)
    return Checked(report, articles, len(lines))


def _read_and_convert(
    seeds: Path, timings: dict[str, float], progress: Steps
) -> tuple[Corpus, Ordered]:
    with _timed(timings, "read", progress):
        corpus = resolve(read_seeds(seeds, progress=progress))
    with _timed(timings, "convert", progress):
        # Sorted distinct lines once: validation reads them, every writer renders them.
        ordered = Ordered.from_graphs(convert_graphs(corpus))
    return corpus, ordered


def _conforming(
    lines: list[str],
    where: dict[str, Source],
    engine: str,
    progress: Steps,
    jobs: int,
    shapes: Path = SHAPES,
) -> Report:
    """The validation report of a graph that conforms; :class:`ValidationError` otherwise."""
    report = validate_lines(
        lines, where, engine=engine, shapes=shapes, progress=progress, jobs=jobs
    )
    if not report.conforms:
        raise ValidationError(describe(report), report)
    return report


def describe(report: Report) -> str:
    """The message of a :class:`ValidationError`: the count, then one line per violation."""
    count = len(report.violations)
    lines = [
        f"the graph does not conform to the shapes: {count} violation{'s' if count != 1 else ''}; nothing was written."
    ]
    lines += [str(v) for v in report.violations]
    return "\n".join(lines)
