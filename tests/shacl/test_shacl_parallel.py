"""A large graph validated in two processes gives exactly the results of one process.

The split (:func:`kzkg.shacl.engine.validate_lines`) runs the SPARQL constraints in a forked process
over a store it loads slice by slice, while the parent checks every other constraint. It is
used from 100,000 triples; these tests lower that threshold to zero and compare it, result for
result and in order, with the single-process engine on every shape example and on the seeds.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from paths import ROOT

from kzkg.data import SHAPES
from kzkg.rdf.ntriples import lines_of
from kzkg.shacl import engine as shacl
from kzkg.shacl.graph import IllFormedShapes, Shapes
from kzkg.shacl.sparql import targets_in_store

pytestmark = pytest.mark.slow

SHAPE_GRAPHS = sorted((ROOT / "tests" / "data" / "shapes").glob("*.ttl"))


@pytest.fixture
def split_always(monkeypatch):
    """Every graph is validated in two processes, and loaded into the store 7 lines at a time."""
    monkeypatch.setattr(shacl, "PARALLEL_FROM", 0)
    monkeypatch.setattr(shacl, "_SLICE", 7)


def lines_of_graph(quads) -> list[str]:
    """Distinct canonical lines, as a build holds them."""
    text = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES)
    return sorted(lines_of(text))


def results(found: list[shacl.Result]) -> list[tuple[str, ...]]:
    return [
        (str(r.focus), str(r.path), str(r.value), r.message, r.severity_name, str(r.component))
        for r in found
    ]


def one_process(lines: list[str], shapes: Path = SHAPES) -> list[shacl.Result]:
    return shacl.validate_ntriples("".join(f"{line}\n" for line in lines).encode(), shapes)


@pytest.mark.parametrize("graph", SHAPE_GRAPHS, ids=lambda p: p.stem)
def test_two_processes_give_the_results_of_one_on_shape_examples(graph: Path, split_always):
    lines = lines_of_graph(ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE))
    split, single = results(shacl.validate_lines(lines, SHAPES)), results(one_process(lines))
    assert split == single, f"{graph.name}: two processes {split}, one process {single}"
    if graph.name.startswith("invalid"):
        assert split, f"{graph.name} is an invalid example, yet no result was found"


def test_two_processes_give_the_results_of_one_on_the_seeds(seed_build, split_always):
    lines = seed_build.ordered.triple_lines
    assert results(shacl.validate_lines(lines, SHAPES)) == results(one_process(lines)) == []


def test_a_sparql_violation_found_by_the_forked_process_reaches_the_report(split_always):
    """A defect only a SPARQL constraint sees: the results must come back from the other
    process, not merely agree because neither found anything."""
    graph = ROOT / "tests" / "data" / "shapes" / "invalid-reported-without-relay-step.ttl"
    lines = lines_of_graph(ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE))
    found = results(shacl.validate_lines(lines, SHAPES))
    assert any("none of its relay steps names them" in result[3] for result in found), found


def test_a_blank_node_named_in_two_slices_stays_one_node():
    """A bulk load gives blank nodes fresh labels; slices naming one must keep theirs."""
    texts = [
        b"_:a <http://example.org/p> <http://example.org/o> .\n",
        b"<http://example.org/s> <http://example.org/q> <http://example.org/o> .\n",
        b"_:a <http://example.org/q> _:b .\n",
    ]
    store = shacl._store_of_slices(texts)
    assert len(store) == 3 and len({quad.subject for quad in store}) == 2, list(store)


def test_an_error_in_the_forked_process_is_raised_here(tmp_path, split_always):
    shapes = tmp_path / "broken.ttl"
    text = SHAPES.read_text("utf-8").replace(
        "SELECT DISTINCT $this ?value WHERE {\n                ?value schema:appearance $this ; kzo:contradicts ?value",
        "SELECT DISTINCT $this ?value WHERE {\n                ?value schema:appearance $this ; kzo:contradicts ?value ) (",
    )
    assert text != SHAPES.read_text("utf-8"), "the shapes have the constraint to break"
    shapes.write_text(text, "utf-8")
    graph = ROOT / "tests" / "data" / "shapes" / "valid.ttl"
    lines = lines_of_graph(ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE))
    with pytest.raises(IllFormedShapes, match="does not parse"):
        shacl.validate_lines(lines, shapes)


def test_a_sparql_shape_targeting_objects_is_validated_in_one_process(tmp_path):
    """The store normalises literals, so only the triple index finds objects as written."""
    assert targets_in_store(Shapes(SHAPES)), "kzkg's own shapes are validated in two processes"
    shapes = tmp_path / "objects.ttl"
    shapes.write_text(
        SHAPES.read_text("utf-8") + "\nkzs:ArticleRecordsShape sh:targetObjectsOf kzo:stance .\n",
        "utf-8",
    )
    assert not targets_in_store(Shapes(shapes))


def test_a_failure_while_loading_is_raised_here_and_stops_the_sender(seed_build, monkeypatch):
    """The forked process fails after one slice of many: the sender, blocked on a full pipe,
    must stop and the error reach the caller, not leave validation waiting for ever."""
    monkeypatch.setattr(shacl, "PARALLEL_FROM", 0)
    monkeypatch.setattr(shacl, "_SLICE", 100)  # 219 slices of the seeds: megabytes in all

    def fail_after_one(texts):
        next(iter(texts))
        raise RuntimeError("store on fire")

    monkeypatch.setattr(shacl, "_store_of_slices", fail_after_one)
    outcome: list[BaseException] = []

    def validate() -> None:
        try:
            shacl.validate_lines(seed_build.ordered.triple_lines, SHAPES)
        except BaseException as exc:  # handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=validate, daemon=True)
    worker.start()
    worker.join(timeout=120)
    assert not worker.is_alive(), "validation still waits for a process that failed"
    assert outcome and "store on fire" in str(outcome[0]), outcome


def test_one_job_keeps_validation_in_one_process(seed_build, monkeypatch):
    """``--jobs 1``: nothing is forked, however large the graph."""
    monkeypatch.setattr(shacl, "PARALLEL_FROM", 0)

    def no_fork(*args, **kwargs):
        raise AssertionError("a process was forked with jobs=1")

    monkeypatch.setattr(shacl, "pool_inheriting", no_fork)
    lines = seed_build.ordered.triple_lines
    assert shacl.validate_lines(lines, SHAPES, jobs=1) == []
