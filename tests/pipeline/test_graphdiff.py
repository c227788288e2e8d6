"""`kzkg diff REV` prints, by label, what changed in the graph since a git revision."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner
from paths import MINIMAL

from kzkg.cli.contrib import diff
from kzkg.runtime.errors import KzkgError

pytestmark = pytest.mark.slow


def git(repo, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=kzkg", "-c", "user.email=kzkg@example.org", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(tmp_path):
    shutil.copytree(MINIMAL, tmp_path / "seeds")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "base")
    return tmp_path


def edit(path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(repo, *args: str):
    return CliRunner().invoke(diff, [*args, "--seeds", str(repo / "seeds")])


def test_unchanged_seeds_give_no_change(repo):
    done = run(repo, "HEAD")
    assert done.exit_code == 0, done.output
    assert done.output.strip() == "no change in the graph"


def test_added_and_removed_things_are_named_by_label(repo):
    seeds = repo / "seeds"
    edit(
        seeds / "entities.yaml",
        "  - id: test-author\n",
        "  - id: aigerim-sadykova\n    label: Aigerim Sadykova\n  - id: test-author\n",
    )
    edit(seeds / "entities.yaml", "    type: party\n", '    type: party\n    founded: "1999"\n')
    edit(seeds / "short-note.yaml", "    stance: criticises", "    stance: doubts")
    note = (seeds / "short-note.yaml").read_text("utf-8")
    start = note.index("  - id: abenov-submarine")
    (seeds / "short-note.yaml").write_text(note[:start] + note[note.index("figures:") :], "utf-8")
    done = run(repo, "HEAD")
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert "  + person Aigerim Sadykova" in lines, done.output
    assert (
        "  - Murat Abenov criticises: Abenov likens integration with Russia to being on a "
        "submarine with someone." in lines
    ), done.output
    assert '  + Nur Otan — schema:foundingDate — "1999"' in lines, done.output
    assert "https://" not in done.output, "labels, not IRIs"


def test_json_output_and_bad_revision(repo):
    done = run(repo, "HEAD", "--format", "json")
    assert done.exit_code == 0 and '"entities"' in done.output
    bad = run(repo, "no-such-revision")
    assert isinstance(bad.exception, KzkgError), bad.output
