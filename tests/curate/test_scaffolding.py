"""`kzkg new` scaffolds an annotation file from an article text and the known entities."""

from __future__ import annotations

import shutil

import pytest
from click.testing import CliRunner
from corpus import kzkg
from paths import MINIMAL

from kzkg.cli.contrib import new
from kzkg.curate.scaffolding import scaffold, suggest
from kzkg.load.yamlio import read_yaml
from kzkg.runtime.errors import InputError, KzkgError


@pytest.fixture
def seeds(tmp_path):
    folder = tmp_path / "seeds"
    shutil.copytree(MINIMAL, folder)
    (folder / "second-note.txt").write_text(
        "Almaty, 4 March 2014\n\nMurat Abenov of Nur Otan answered Kosanov; Abenov said the "
        "Kremlin’s plans were old news. Kosanov did not reply.\n",
        encoding="utf-8",
    )
    return folder


def test_every_known_mention_is_suggested_with_offsets(seeds):
    text = (seeds / "second-note.txt").read_text("utf-8")
    found = {s.entity: s for s in suggest(text, "second-note", seeds)}
    assert set(found) == {"almaty", "murat-abenov", "nur-otan", "amirzhan-kosanov", "kremlin"}
    kosanov = found["amirzhan-kosanov"].spans
    assert [text[s.start : s.end] for s in kosanov] == ["Kosanov", "Kosanov"]
    assert [s.exact for s in found["murat-abenov"].spans] == ["Murat Abenov", "Abenov"]


def test_scaffold_is_yaml_with_the_article_keys(seeds):
    content = scaffold(seeds / "second-note.txt", seeds)
    target = seeds / "second-note.yaml"
    target.write_text(content, encoding="utf-8")
    document, problems = read_yaml(target)
    assert problems == [], problems
    assert document["article"]["id"] == "second-note"
    assert document["article"]["text"] == "second-note.txt"
    assert '"Murat Abenov" 22-34' in content, content


def test_validate_then_names_each_key_to_fill_in(seeds):
    (seeds / "second-note.yaml").write_text(scaffold(seeds / "second-note.txt", seeds), "utf-8")
    run = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert run.code == 1
    missing = {line.split("required key ")[-1].split(" ")[0] for line in run.problem_lines}
    assert missing == {"'headline'", "'publisher'", "'published'", "'genre'"}, run.stderr


def test_cli_writes_once_and_refuses_to_overwrite(seeds):
    runner = CliRunner()
    done = runner.invoke(new, [str(seeds / "second-note.txt")])
    assert done.exit_code == 0, done.output
    assert "5 known entities, 7 mentions" in done.output
    again = runner.invoke(new, [str(seeds / "second-note.txt")])
    assert isinstance(again.exception, KzkgError) and "already exists" in str(again.exception)


def test_bad_article_files_are_refused(seeds):
    (seeds / "Bad Name.txt").write_text("text", encoding="utf-8")
    with pytest.raises(KzkgError, match="must be the article id"):
        scaffold(seeds / "Bad Name.txt", seeds)
    (seeds / "latin-1.txt").write_bytes(b"Alma-Ata \xe9t\xe9 2014\n")
    with pytest.raises(InputError, match="not valid UTF-8"):
        scaffold(seeds / "latin-1.txt", seeds)
