"""Every broken contribution in tests/data/invalid/ fails, says exactly what its test expects,
points at the file and line, and leaves dist/ untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import assemble, invalid_examples, kzkg, snapshot
from paths import DATA, INVALID

pytestmark = pytest.mark.slow

SENTINEL = b"dist written by an earlier, good build\n"


def prefilled_dist(tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    dist.mkdir()
    (dist / "sentinel.txt").write_bytes(SENTINEL)
    (dist / "kzkg.ttl").write_bytes(b"# the previous graph\n")
    return dist


def expected_lines(example: Path) -> list[str]:
    return [
        line for line in (example / "expected.txt").read_text("utf-8").splitlines() if line.strip()
    ]


def test_there_are_enough_examples():
    assert len(invalid_examples()) >= 45, "issue 5 asks for at least 40 broken contributions"


@pytest.mark.parametrize("name", invalid_examples())
def test_invalid_example_fails_with_its_message(tmp_path, name):
    example = INVALID / name
    seeds = assemble(example, tmp_path / "seeds")
    dist = prefilled_dist(tmp_path)
    before = snapshot(dist)
    run = kzkg("build", "--seeds", ".", "--dist", str(dist), cwd=seeds)
    assert run.code == 1, f"{name}: exit {run.code}\n{run.stdout}\n{run.stderr}"
    assert run.stderr.startswith("error: "), f"{name}: no error header:\n{run.stderr}"
    assert "Traceback" not in run.stderr, f"{name}: crashed:\n{run.stderr}"
    assert run.problem_lines == expected_lines(example), (
        f"{name}: the messages differ from expected.txt:\n{run.stderr}"
    )
    assert snapshot(dist) == before, f"{name}: a failed build changed dist/"
    assert not list(seeds.glob("pwned*")), f"{name}: YAML ran code"


def test_several_mistakes_are_reported_in_one_run(tmp_path):
    example = DATA / "several-mistakes"
    seeds = assemble(example, tmp_path / "seeds")
    dist = prefilled_dist(tmp_path)
    before = snapshot(dist)
    run = kzkg("build", "--seeds", ".", "--dist", str(dist), cwd=seeds)
    expected = expected_lines(example)
    assert run.code == 1
    assert len(expected) >= 5, "the example holds mistakes in both files and of several kinds"
    assert run.problem_lines == expected, run.stderr
    assert run.stderr.splitlines()[0] == (
        f"error: {len(expected)} problems in the input; nothing was written."
    )
    assert snapshot(dist) == before


def test_validate_reports_the_same_lines(tmp_path):
    """`kzkg validate` is what contributors and pre-commit run: same messages, same exit."""
    example = INVALID / "quote-straight-apostrophe"
    seeds = assemble(example, tmp_path / "seeds")
    run = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert run.code == 1
    assert run.problem_lines == expected_lines(example), run.stderr


def test_messages_are_not_wrapped_or_eaten(tmp_path):
    """On a CI log (no terminal, 80 columns) a long message stays one line, and text in square
    brackets (a quote, a YAML flow list) is printed, not taken for console markup."""
    example = INVALID / "unknown-stance"
    seeds = assemble(example, tmp_path / "seeds")
    run = kzkg("build", "--seeds", ".", "--dist", str(tmp_path / "dist"), cwd=seeds, columns=None)
    assert run.problem_lines == expected_lines(example), run.stderr
    note = seeds / "short-note.yaml"
    note.write_text(
        note.read_text("utf-8").replace(
            '"being on a submarine with someone"', '"being on a [sic] submarine"'
        ),
        encoding="utf-8",
    )
    run = kzkg("build", "--seeds", ".", "--dist", str(tmp_path / "dist"), cwd=seeds, columns=None)
    assert "'being on a [sic] submarine'" in run.stderr, run.stderr
