"""The registry split into one file per record: migration, reading, messages, byte-identity."""

from __future__ import annotations

import shutil

import pytest
from corpus import kzkg, valid_examples
from paths import MINIMAL, ROOT, VALID

from kzkg.curate.registry_migrate import migrate
from kzkg.load.registry_files import registry_paths
from kzkg.runtime.errors import KzkgError

FORMATS = ("kzkg.ttl", "kzkg.trig", "kzkg.nt", "kzkg.jsonld")


@pytest.fixture
def split(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL, seeds)
    migrate(seeds)
    return seeds


@pytest.mark.parametrize("example", valid_examples())
def test_a_registry_builds_byte_identically_after_the_split(tmp_path, example):
    """Every valid example corpus (and the seeds while they are one file) builds the same
    bytes in both layouts."""
    single, divided = tmp_path / "single", tmp_path / "divided"
    for folder in (single, divided):
        shutil.copytree(VALID / example, folder / "seeds")
    assert migrate(divided / "seeds") > 0
    assert not (divided / "seeds" / "entities.yaml").exists()
    for folder in (single, divided):
        run = kzkg("build", "--seeds", "seeds", "--dist", "dist", "--jobs", "1", cwd=folder)
        assert run.code == 0, run.stderr
    for name in FORMATS:
        assert (single / "dist" / name).read_bytes() == (divided / "dist" / name).read_bytes()


def test_the_seeds_are_in_one_layout_and_their_dist_is_fresh(tmp_path):
    seeds = ROOT / "seeds"
    assert (seeds / "entities.yaml").exists() != bool(registry_paths(seeds))
    run = kzkg("build", "--seeds", str(seeds), "--dist", "dist", "--jobs", "1", cwd=tmp_path)
    assert run.code == 0, run.stderr
    for name in FORMATS:
        assert (tmp_path / "dist" / name).read_bytes() == (ROOT / "dist" / name).read_bytes()


def test_every_record_and_comment_is_kept(split):
    files = sorted(p.relative_to(split).as_posix() for p in split.glob("registry/*/*.yaml"))
    assert "registry/persons/amirzhan-kosanov.yaml" in files, files
    text = (split / "registry" / "persons" / "amirzhan-kosanov.yaml").read_text("utf-8")
    assert text.startswith("id: amirzhan-kosanov\n"), text
    assert kzkg("validate", "--seeds", ".", cwd=split).code == 0


def test_a_mistake_in_a_record_file_names_that_file_and_line(split):
    path = split / "registry" / "persons" / "amirzhan-kosanov.yaml"
    lines = path.read_text("utf-8").splitlines()
    lines.insert(2, "nickname: Kosa")
    path.write_text("\n".join(lines) + "\n", "utf-8")
    run = kzkg("validate", "--seeds", ".", cwd=split)
    assert run.code == 1
    assert any(
        p.startswith("registry/persons/amirzhan-kosanov.yaml:3: ") for p in run.problem_lines
    ), run.stderr


def test_a_file_named_other_than_its_id_is_refused(split):
    path = split / "registry" / "persons" / "amirzhan-kosanov.yaml"
    path.rename(path.with_name("kosanov.yaml"))
    run = kzkg("validate", "--seeds", ".", cwd=split)
    assert run.code == 1
    assert any(
        "registry/persons/kosanov.yaml:1: id 'amirzhan-kosanov' differs from the file name" in p
        for p in run.problem_lines
    ), run.stderr


def test_an_unknown_reference_says_where_to_define_it(split):
    article = split / "short-note.yaml"
    text = article.read_text("utf-8")
    article.write_text(
        text.replace("speaker: amirzhan-kosanov", "speaker: nobody-known", 1), "utf-8"
    )
    run = kzkg("validate", "--seeds", ".", cwd=split)
    assert run.code == 1
    assert any("define it in seeds/registry/" in p for p in run.problem_lines), run.stderr


def test_both_layouts_at_once_are_refused(split):
    shutil.copy(MINIMAL / "entities.yaml", split / "entities.yaml")
    run = kzkg("validate", "--seeds", ".", cwd=split)
    assert run.code == 1
    assert any(p.startswith("entities.yaml:1: the registry is both") for p in run.problem_lines)
    assert "Traceback" not in run.stderr


def test_migrating_twice_writes_nothing(split):
    shutil.copy(MINIMAL / "entities.yaml", split / "entities.yaml")
    before = sorted(p.name for p in split.rglob("*"))
    with pytest.raises(KzkgError, match="already holds records"):
        migrate(split)
    assert sorted(p.name for p in split.rglob("*")) == before
