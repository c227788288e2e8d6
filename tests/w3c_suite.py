"""The W3C SHACL test suite, run through ``kzkg shacl`` and judged as the suite prescribes.

The suite (``tests/data/w3c-shacl-tests``, see its NOTICE.md) is a tree of manifests; every
``sht:Validate`` entry names a data graph, a shapes graph and the expected validation report,
or ``sht:Failure`` where a processor must refuse the shapes as ill-formed. An entry's outcome:

- ``pass``: the report is the expected one, as the suite's documentation defines "the same"
  (``w3c_judge``); for a Failure entry, the command exits 2 saying the shapes are ill-formed.
- ``refused``: the command exits 2 saying the engine does not implement a feature.
- ``wrong``: any other answer — a different report, a verdict not matching the exit code.
- ``crash``: the command raised.

``python tests/w3c_suite.py`` prints every entry's outcome that is not a pass, and the counts;
``python tests/w3c_suite.py pyshacl`` scores pyshacl by the same rules.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlparse

import pyoxigraph as ox
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic
from w3c_judge import MESSAGE, SH, TYPE, index, reduced, results_of, show

from kzkg.cli.main import main
from kzkg.cli.shacl import ILL_FORMED, REFUSED

SUITE = Path(__file__).resolve().parent / "data" / "w3c-shacl-tests"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
SHT = "http://www.w3.org/ns/shacl-test#"
# What an expected result points at in the data and shapes graphs (a blank node there too).
REFERENCES = {f"{SH}{n}" for n in ("focusNode", "value", "sourceShape", "sourceConstraint")}


@dataclass(frozen=True)
class Entry:
    """One ``sht:Validate`` entry of the suite."""

    name: str  # the entry's IRI below the suite folder, e.g. "core/node/and-001"
    file: Path  # the manifest file that holds the entry and its expected report
    data: Path
    shapes: Path
    expected: ox.BlankNode | None  # the expected report node; None for sht:Failure


@dataclass(frozen=True)
class Outcome:
    kind: str  # pass, wrong, refused or crash
    detail: str = ""


def entries(manifest: Path = SUITE / "manifest.ttl") -> list[Entry]:
    """Every ``sht:Validate`` entry reachable from ``manifest`` through ``mf:include``."""
    found: list[Entry] = []
    todo, seen = [manifest.resolve()], set()
    while todo:
        path = todo.pop(0)
        if path in seen:
            continue
        seen.add(path)
        triples = parse(path)
        todo.extend(_path(t.object) for t in triples if t.predicate.value == f"{MF}include")
        found.extend(_entries_in(path, triples))
    return sorted(found, key=lambda e: e.name)


def _entries_in(path: Path, triples: list[ox.Triple]) -> list[Entry]:
    about = index(triples)
    found = []
    for t in triples:
        if t.predicate != TYPE or t.object.value != f"{SHT}Validate":
            continue
        action = _one(about, t.subject, f"{MF}action")
        result = _one(about, t.subject, f"{MF}result")
        name = str(_path(t.subject).relative_to(SUITE))
        found.append(
            Entry(
                name,
                path,
                _path(_one(about, action, f"{SHT}dataGraph")),
                _path(_one(about, action, f"{SHT}shapesGraph")),
                result if isinstance(result, ox.BlankNode) else None,
            )
        )
    return found


def run(entry: Entry, work: Path) -> Outcome:
    """Run ``kzkg shacl`` on the entry, in this process, and judge its answer."""
    shapes = work / "shapes.ttl"
    shapes.write_bytes(ox.serialize(shapes_graph(entry.shapes), format=ox.RdfFormat.TURTLE))
    invoked = CliRunner().invoke(
        main, ["shacl", str(entry.data), "--shapes", str(shapes), "--format", "turtle"]
    )
    if invoked.exception is not None and not isinstance(invoked.exception, SystemExit):
        error = invoked.exception
        return Outcome("crash", f"{type(error).__name__}: {error}")
    said = invoked.stderr.strip()
    if invoked.exit_code == 2 and REFUSED in said:
        return Outcome("refused", said)
    if entry.expected is None:
        if invoked.exit_code == 2 and ILL_FORMED in said:
            return Outcome("pass")
        return Outcome("wrong", f"ill-formed shapes accepted: exit {invoked.exit_code} {said}")
    if invoked.exit_code not in (0, 1):
        return Outcome("wrong", f"exit {invoked.exit_code}: {said}")
    report = [q.triple for q in ox.parse(invoked.stdout.encode(), format=ox.RdfFormat.TURTLE)]
    return _compare(entry, report, invoked.exit_code)


def _compare(entry: Entry, report: list[ox.Triple], exit_code: int) -> Outcome:
    expected_triples = parse(entry.file)
    assert entry.expected is not None
    about = index(expected_triples)
    keep_messages = any(
        p.value == MESSAGE for r in results_of(about, entry.expected) for p, _ in about.get(r, ())
    )
    expected = reduced(expected_triples, entry.expected, keep_messages)
    nodes = [
        t.subject
        for t in report
        if t.predicate == TYPE and t.object.value == f"{SH}ValidationReport"
    ]
    if len(nodes) != 1:
        return Outcome("wrong", f"{len(nodes)} sh:ValidationReport nodes in the report")
    actual = reduced(report, nodes[0], keep_messages)
    conforms = {str(o) for o in actual.objects(None, rdflib.URIRef(f"{SH}conforms"))}
    if conforms != {"true" if exit_code == 0 else "false"}:
        return Outcome("wrong", f"exit {exit_code} but sh:conforms {sorted(conforms)}")
    if isomorphic(expected, actual):
        return Outcome("pass")
    return Outcome("wrong", "expected:\n" + show(expected) + "\nactual:\n" + show(actual))


def shapes_graph(path: Path) -> list[ox.Triple]:
    """The shapes graph of a test file: its triples less the manifest, its entries and their
    expected reports (everything reachable from the manifest node through blank nodes and
    entries), as the suite's NOTICE says runners do."""
    triples = parse(path)
    about = index(triples)
    tests = {t.subject for t in triples if t.predicate == TYPE and t.object.value.startswith(SHT)}
    todo = [t.subject for t in triples if t.predicate == TYPE and t.object.value == f"{MF}Manifest"]
    reached: set[ox.NamedNode | ox.BlankNode] = set()
    while todo:
        node = todo.pop()
        if node in reached:
            continue
        reached.add(node)
        todo.extend(
            o
            for p, o in about.get(node, ())
            if (isinstance(o, ox.BlankNode) or o in tests) and p.value not in REFERENCES
        )
    return [t for t in triples if t.subject not in reached]


@cache
def parse(path: Path) -> list[ox.Triple]:
    """The triples of a suite file, read once: a second reading would give its anonymous
    blank nodes (the expected report's) other labels."""
    return [q.triple for q in ox.parse(path=str(path), base_iri=path.as_uri())]


def _one(about: dict, subject, predicate: str):
    (found,) = [o for p, o in about.get(subject, ()) if p.value == predicate]
    return found


def _path(iri) -> Path:
    return Path(unquote(urlparse(iri.value).path))


def summary(outcomes: dict[str, Outcome]) -> str:
    counts = Counter(o.kind for o in outcomes.values())
    figures = ", ".join(f"{counts[k]} {k}" for k in ("pass", "wrong", "refused", "crash"))
    return f"W3C SHACL test suite: {len(outcomes)} entries: {figures}"


def run_pyshacl(entry: Entry, work: Path) -> Outcome:
    """pyshacl (SHACL-SPARQL on, no inference) on the entry, judged as :func:`run` judges
    kzkg: the same files, read by pyshacl itself as its users would give them."""
    from pyshacl import validate

    shapes = work / "shapes.ttl"
    shapes.write_bytes(ox.serialize(shapes_graph(entry.shapes), format=ox.RdfFormat.TURTLE))
    try:
        conforms, graph, _ = validate(
            str(entry.data), shacl_graph=str(shapes), advanced=True, inference="none"
        )
    except Exception as error:  # pyshacl's way of refusing shapes, or a crash: both end here
        if entry.expected is None:
            return Outcome("pass")
        return Outcome("crash", f"{type(error).__name__}: {error}")
    if entry.expected is None:
        return Outcome("wrong", "ill-formed shapes accepted")
    report = [
        q.triple
        for q in ox.parse(graph.serialize(format="nt").encode(), format=ox.RdfFormat.N_TRIPLES)
    ]
    return _compare(entry, report, 0 if conforms else 1)


def main_report(engine: str = "kzkg") -> int:
    """Print every entry's outcome that is not a pass, then the counts; exit 1 unless all pass.
    ``engine`` "pyshacl" scores pyshacl the same way."""
    outcomes = {}
    judge = run_pyshacl if engine == "pyshacl" else run
    with tempfile.TemporaryDirectory() as work:
        for entry in entries():
            outcomes[entry.name] = outcome = judge(entry, Path(work))
            if outcome.kind != "pass":
                print(f"{outcome.kind:8} {entry.name}: {outcome.detail.splitlines()[0][:160]}")
    print(summary(outcomes))
    return 0 if all(o.kind == "pass" for o in outcomes.values()) else 1


if __name__ == "__main__":
    sys.exit(main_report(*sys.argv[1:2]))
