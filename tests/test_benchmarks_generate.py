"""The synthetic corpus generator of benchmarks/: its corpora build, validate and repeat exactly."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from paths import ROOT

from kzkg.load.model import Claim, Event, Membership
from kzkg.pipeline.steps import build

pytestmark = pytest.mark.slow

GENERATE = ROOT / "benchmarks" / "generate.py"


def generate(out: Path, articles: int, seed: int = 1) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, str(GENERATE), "--articles", str(articles), "--seed", str(seed)]
    return subprocess.run([*command, "--out", str(out)], capture_output=True, text=True, cwd=ROOT)


def contents(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus") / "seeds"
    done = generate(folder, 30)
    assert done.returncode == 0, done.stderr
    return folder


def test_small_corpus_builds_and_validates_with_the_fast_engine(tmp_path):
    done = generate(tmp_path / "seeds", 5)
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "seeds").glob("*.txt"))) == 5, "one text per article"
    result = build(tmp_path / "seeds", None, engine="fast")
    assert result.report is not None and result.report.conforms, result.report
    assert result.triple_count > 1000, f"only {result.triple_count} triples"


def test_corpus_has_the_shape_of_the_seeds(corpus):
    result = build(corpus, None, engine="fast")
    records = result.corpus.records.values()
    claims = [r for r in records if isinstance(r, Claim)]
    assert any(c.contradicts for c in claims), "no claim contradicts another"
    assert any(isinstance(r, Membership) for r in records), "no membership"
    assert any(isinstance(r, Event) for r in records), "no event"
    articles_naming: dict[str, set[str]] = {}
    for entity, span in result.corpus.mentions:
        articles_naming.setdefault(entity, set()).add(span.article)
    most = max(len(found) for found in articles_naming.values())
    assert most >= 10, f"registry entities are not reused across articles (at most {most} of 30)"


def test_same_seed_gives_the_same_bytes(tmp_path, corpus):
    assert generate(tmp_path / "again", 30).returncode == 0
    assert contents(tmp_path / "again") == contents(corpus), "generator is not deterministic"
    assert generate(tmp_path / "other", 30, seed=2).returncode == 0
    assert contents(tmp_path / "other") != contents(corpus), "the seed changes nothing"


def test_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    done = generate(tmp_path, 5)
    assert done.returncode != 0 and "refusing" in done.stderr, done.stderr
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_a_corpus_made_by_another_generator_is_made_again(tmp_path, monkeypatch) -> None:
    """benchmarks/run.py measures a synthetic corpus only if this generator made it: one left
    in its work folder by an older version would give errors, or figures of other data."""
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    import run

    folder = run.corpus("5", tmp_path, 1)
    assert (folder / run.STAMP).read_text() == run.generator_digest()
    (folder / "kept").touch()
    assert run.corpus("5", tmp_path, 1) == folder
    assert (folder / "kept").exists(), "a corpus of this generator is made once"
    (folder / run.STAMP).write_text("another generator")
    (folder / "left-over.yaml").write_text("articles: []\n")
    assert run.corpus("5", tmp_path, 1) == folder
    assert not (folder / "left-over.yaml").exists()
    assert (folder / run.STAMP).read_text() == run.generator_digest()
    assert build(folder, None, validate=False).quads
