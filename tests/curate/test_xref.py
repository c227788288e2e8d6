"""`kzkg xref`: candidate duplicates, recorded judgements, and merging two entries."""

from __future__ import annotations

import shutil

import pytest
from corpus import kzkg
from paths import MINIMAL, ROOT

from kzkg.curate.registry_merge import merge
from kzkg.curate.registry_migrate import migrate
from kzkg.curate.xref import candidates, names_alike, read_judgements
from kzkg.load.corpus import ENTITY_CLASSES
from kzkg.load.seeds import read_seeds
from kzkg.runtime.errors import KzkgError

FORMATS = ("kzkg.ttl", "kzkg.trig", "kzkg.nt", "kzkg.jsonld")


def entities(seeds):
    return [r for r in read_seeds(seeds).records if isinstance(r, ENTITY_CLASSES)]


def test_the_seeds_pairs_are_all_judged_and_none_is_listed_again():
    seeds = ROOT / "seeds"
    found = entities(seeds)
    judgements, problems = read_judgements(seeds, {e.id for e in found})
    assert problems == []
    pair = frozenset({"communist-party-kazakhstan", "communist-peoples-party-of-kazakhstan"})
    assert {j.entities: j.verdict for j in judgements}[pair] == "different"
    unjudged = candidates(found, set())
    assert frozenset((unjudged[0].first, unjudged[0].second)) in {j.entities for j in judgements}
    assert candidates(found, {j.entities for j in judgements}) == []


def test_names_alike_across_transliterations_but_not_across_words():
    assert names_alike("Amirjan Kosanov", "Amirzhan Kosapov")
    assert names_alike("Communist Party of Kazakhstan", "Communist People's Party of Kazakhstan")
    assert not names_alike("Vladimir Putin", "Vladimir Zhirinovsky")
    assert not names_alike("Kazakhstan", "Kyrgyzstan")


def ensure_split(seeds):
    """The seeds in the registry layout of one file per record, whichever they are in."""
    if (seeds / "entities.yaml").exists():
        migrate(seeds)


def kosapov_split(seeds):
    """The seeds with Amirzhan Kosanov written as two entries, as two contributors would."""
    ensure_split(seeds)
    kosanov = seeds / "registry" / "persons" / "amirzhan-kosanov.yaml"
    text = kosanov.read_text("utf-8")
    kosanov.write_text(
        text.replace(
            "aliases: [Amirzhan Kosapov, Kosapov, Amirjan Kosanov, Kosanov]",
            "aliases: [Amirjan Kosanov, Kosanov]",
        ),
        "utf-8",
    )
    (seeds / "registry" / "persons" / "amirzhan-kosapov.yaml").write_text(
        "id: amirzhan-kosapov\nlabel: Amirzhan Kosapov\naliases: [Kosapov]\n", "utf-8"
    )
    article = seeds / "2021-05-goble-internationalist-parties.yaml"
    article.write_text(
        article.read_text("utf-8").replace(
            "speaker: amirzhan-kosanov", "speaker: amirzhan-kosapov"
        ),
        "utf-8",
    )


def test_a_merge_keeps_every_spelling_and_every_mention(tmp_path):
    original, split = tmp_path / "original", tmp_path / "split"
    for folder in (original, split):
        shutil.copytree(ROOT / "seeds", folder / "seeds")
    ensure_split(original / "seeds")
    kosapov_split(split / "seeds")
    listed = kzkg("xref", "--seeds", "seeds", cwd=split)
    assert "person: amirzhan-kosanov ~ amirzhan-kosapov" in listed.stdout, listed.stdout
    merged = kzkg(
        "xref", "--seeds", "seeds", "--merge", "amirzhan-kosanov", "amirzhan-kosapov", cwd=split
    )
    assert merged.code == 0, merged.stderr
    for folder in (original, split):
        run = kzkg("build", "--seeds", "seeds", "--dist", "dist", "--jobs", "1", cwd=folder)
        assert run.code == 0, run.stderr
    for name in FORMATS:
        assert (original / "dist" / name).read_bytes() == (split / "dist" / name).read_bytes(), name


def test_merge_refuses_the_single_file_and_unknown_ids(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL, seeds)
    with pytest.raises(KzkgError, match="migrate-registry"):
        merge(seeds, "amirzhan-kosanov", "murat-abenov")
    migrate(seeds)
    with pytest.raises(KzkgError, match="no such entry"):
        merge(seeds, "amirzhan-kosanov", "nobody")
    with pytest.raises(KzkgError, match="not two entries of one kind"):
        merge(seeds, "amirzhan-kosanov", "almaty")


def test_a_bad_judgement_is_refused_at_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    bad = seeds / "registry" / "judgements" / "a.b.yaml"
    bad.write_text("entities: [almaty, nowhere-known]\nverdict: maybe\nnote: ''\n", "utf-8")
    run = kzkg("xref", "--seeds", "seeds", cwd=tmp_path)
    assert run.code == 1
    lines = run.problem_lines
    assert any(
        p.startswith("seeds/registry/judgements/a.b.yaml:1: unknown entity 'nowhere-known'")
        for p in lines
    ), run.stderr
    assert any(p.startswith("seeds/registry/judgements/a.b.yaml:2: verdict 'maybe'") for p in lines)
    assert any(
        p.startswith("seeds/registry/judgements/a.b.yaml:3: a judgement needs") for p in lines
    )
