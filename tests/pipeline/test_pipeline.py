"""End-to-end properties of the build: determinism, freshness of dist/, all-or-nothing writes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from paths import ROOT

from kzkg.formats.serialize import FORMATS
from kzkg.pipeline.steps import build
from kzkg.runtime.errors import InputError

pytestmark = pytest.mark.slow

KZKG = [sys.executable, "-m", "kzkg"]


def run_build(dist: Path, seed: str, seeds: Path = ROOT / "seeds") -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [*KZKG, "build", "--quiet", "--seeds", str(seeds), "--dist", str(dist)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr


def test_rebuild_is_byte_identical_under_any_hash_seed(tmp_path):
    run_build(tmp_path / "a", "1")
    run_build(tmp_path / "b", "4242")
    for output in FORMATS.values():
        name = f"kzkg.{output.suffix}"
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), (
            f"{name} differs between builds"
        )


def test_committed_dist_is_fresh(tmp_path):
    run_build(tmp_path, "0")
    for output in FORMATS.values():
        name = f"kzkg.{output.suffix}"
        committed = ROOT / "dist" / name
        assert committed.exists(), f"dist/{name} is not committed; run `kzkg build`"
        assert committed.read_bytes() == (tmp_path / name).read_bytes(), (
            f"dist/{name} is stale; run `kzkg build` and commit"
        )


def test_every_output_describes_the_same_graph():
    reference = ox.Dataset(
        ox.parse(path=str(ROOT / "dist" / "kzkg.ttl"), format=ox.RdfFormat.TURTLE)
    )
    for output in FORMATS.values():
        path = ROOT / "dist" / f"kzkg.{output.suffix}"
        quads = ox.parse(path=str(path), format=ox.RdfFormat.from_extension(output.suffix))
        flattened = ox.Dataset(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        assert len(flattened) == len(reference), (
            f"{path.name}: {len(flattened)} triples, Turtle has {len(reference)}"
        )
        assert set(flattened) == set(reference), f"{path.name} differs from kzkg.ttl"


def test_trig_has_one_graph_per_article_and_the_registry(seed_build):
    graphs = {
        q.graph_name.value
        for q in ox.parse(path=str(ROOT / "dist" / "kzkg.trig"), format=ox.RdfFormat.TRIG)
    }
    articles = {f"https://w3id.org/kzkg/id/graph/article/{a}" for a in seed_build.corpus.articles}
    assert graphs == articles | {"https://w3id.org/kzkg/id/graph/registry"}


def test_bad_input_writes_nothing(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "tests" / "data" / "valid" / "minimal", seeds)
    dist = tmp_path / "dist"
    build(seeds, dist)
    before = {p.name: p.read_bytes() for p in dist.iterdir()}
    note = seeds / "short-note.yaml"
    note.write_text(note.read_text().replace("being on a submarine", "being in a submarine"))
    with pytest.raises(InputError, match="quote not found"):
        build(seeds, dist)
    assert {p.name: p.read_bytes() for p in dist.iterdir()} == before, (
        "a failed build changed dist/"
    )


def test_minimal_corpus_builds_and_conforms(minimal_build):
    assert minimal_build.report is not None and minimal_build.report.conforms
    assert minimal_build.triple_count > 300
