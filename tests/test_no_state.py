"""Verdicts that a validation cache once got wrong, now that every run validates everything:
each is a named case the verdict must not depend on (an earlier run, the working directory,
other problems in the same run)."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus import apply_example, kzkg
from paths import INVALID, MINIMAL

EXPECTED = {
    name: (INVALID / name / "expected.txt").read_text("utf-8").strip()
    for name in ("alias-in-no-article", "quote-not-in-article")
}


def seeds_in(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL, seeds)
    return seeds


def test_a_stance_no_claim_used_before_conforms(tmp_path):
    """The stance vocabulary in the graph follows the claims: a stance new to the corpus is
    neither a violation nor a message about a bug in kzkg build."""
    seeds = seeds_in(tmp_path)
    assert kzkg("validate", "--seeds", ".", cwd=seeds).code == 0
    annotations = seeds / "short-note.yaml"
    text = annotations.read_text("utf-8")
    assert "stance: predicts" not in text and "stance: warns" in text
    annotations.write_text(text.replace("stance: warns", "stance: predicts"), "utf-8")
    done = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert done.code == 0, done.stderr
    assert done.stdout.startswith("conforms:")


def test_every_kind_of_problem_is_reported_together(tmp_path):
    """An alias in no article is reported beside a quote not found, not dropped."""
    seeds = seeds_in(tmp_path)
    apply_example(INVALID / "alias-in-no-article", seeds)
    apply_example(INVALID / "quote-not-in-article", seeds)
    done = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert done.code == 1
    assert done.problem_lines == [
        EXPECTED["alias-in-no-article"],
        EXPECTED["quote-not-in-article"],
    ], done.stderr


def test_messages_name_the_lines_as_the_files_are_now(tmp_path):
    seeds = seeds_in(tmp_path)
    apply_example(INVALID / "quote-not-in-article", seeds)
    first = kzkg("validate", "--seeds", ".", cwd=seeds)
    annotations = seeds / "short-note.yaml"
    annotations.write_text("# moved\n# down\n# three lines\n" + annotations.read_text("utf-8"))
    again = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert first.problem_lines == [EXPECTED["quote-not-in-article"]]
    assert again.problem_lines == [
        EXPECTED["quote-not-in-article"].replace("short-note.yaml:26:", "short-note.yaml:29:")
    ]


def test_paths_are_relative_to_the_folder_of_this_run(tmp_path):
    seeds = seeds_in(tmp_path)
    apply_example(INVALID / "quote-not-in-article", seeds)
    inside = kzkg("validate", "--seeds", ".", cwd=seeds)
    above = kzkg("validate", "--seeds", "seeds", cwd=tmp_path)
    assert inside.problem_lines == [EXPECTED["quote-not-in-article"]]
    assert above.problem_lines == ["seeds/" + EXPECTED["quote-not-in-article"]]
