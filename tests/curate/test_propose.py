"""`kzkg new`'s proposals: new spellings, new entities and candidate claims, on real texts.

The registry here is the real seeds' one, read by the real loader; the article is new text.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest
from corpus import kzkg
from paths import ROOT

from kzkg.curate.propose import propose
from kzkg.curate.propose_names import words_alike
from kzkg.curate.scaffolding import scaffold
from kzkg.load.corpus import ENTITY_CLASSES
from kzkg.load.seeds import read_seeds

SEEDS = ROOT / "seeds"
TEXT = (
    "Almaty, 9 January 2022\n\n"
    "Aynur Kurmanov, who leads the Socialist Movement of Kazakhstan, spoke from Moscow. "
    "“The workers of Janaozen rose first,” Kurmanov said. According to Margaret Thatcher, "
    "there is no such thing as society. Nazarbaev left Alma-Ata for the capital of Kazakstan.\n"
    "– What did the Oil Workers Solidarity Committee demand?\n"
    "– They demanded the return of the old gas price and the release of the strikers.\n"
    "– And the police?\n"
    "– The police stood aside in many towns of the Mangystau Region for two whole days.\n"
)


@pytest.fixture(scope="module")
def entities():
    return [r for r in read_seeds(SEEDS).records if isinstance(r, ENTITY_CLASSES)]


def test_new_spellings_of_known_entities_are_proposed_as_aliases(entities):
    proposals = propose("new-note", TEXT, entities)
    offered = {(a.entity, a.spelling) for a in proposals.aliases}
    assert ("ainur-kurmanov", "Aynur Kurmanov") in offered
    assert ("zhanaozen", "Janaozen") in offered
    # Nazarbaev, Alma-Ata and Kazakstan are curated aliases already: found as mentions.
    known = {s.entity for s in proposals.known}
    assert {"nursultan-nazarbayev", "almaty", "kazakhstan", "moscow"} <= known
    spans = [w for a in proposals.aliases for w in a.spans]
    assert all(TEXT[w.start : w.end] == w.exact for w in spans)


def test_unknown_names_become_stubs_with_a_guessed_kind(entities):
    stubs = {s.label: s for s in propose("new-note", TEXT, entities).entities}
    assert stubs["Margaret Thatcher"].kind == "person"
    assert stubs["Oil Workers Solidarity Committee"].kind == "organisation"
    assert "January" not in stubs and "What" not in stubs and "They" not in stubs


def test_claims_have_verbatim_spans_and_guessed_speakers(entities):
    proposals = propose("new-note", TEXT, entities)
    by_cue = {c.cue: c for c in proposals.claims}
    quoted = by_cue["quote then speaker"]
    assert quoted.where.exact == "“The workers of Janaozen rose first,”"
    assert proposals.speaker_id(quoted.speaker) == "ainur-kurmanov"
    assert proposals.speaker_id(by_cue["according to"].speaker) == "margaret-thatcher"
    answers = [c for c in proposals.claims if c.cue == "interview answer"]
    assert [a.where.exact[:12] for a in answers] == ["They demande", "The police s"]
    assert all(TEXT[c.where.start : c.where.end] == c.where.exact for c in proposals.claims)


def test_spelling_similarity_is_symmetric_and_rejects_unrelated_names():
    """Seeded random pairs: alike is symmetric; a word is alike itself; a derived word
    (Russia/Russian) or a different name is not a new spelling."""
    rng = random.Random(17)
    names = [
        "Ainur",
        "Aynur",
        "Kosanov",
        "Kosapov",
        "Russia",
        "Russian",
        "Tokayev",
        "Putin",
        "Almaty",
        "Alma-Ata",
        "Kazakhstan",
        "Kazakstan",
        "Belarus",
        "Egypt",
    ]
    for _ in range(200):
        a, b = rng.choice(names), rng.choice(names)
        assert words_alike(a, b) == words_alike(b, a)
        assert words_alike(a, a)
    assert words_alike("Alma-Ata", "Almaty") and words_alike("Nazarbaev", "Nazarbayev")
    assert not words_alike("Russia", "Russian") and not words_alike("Putin", "Tokayev")


def test_an_uncommented_proposal_is_refused_with_its_line(tmp_path):
    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).parents[1] / "data" / "valid" / "minimal", seeds)
    (seeds / "new-note.txt").write_text(TEXT, encoding="utf-8")
    content = scaffold(seeds / "new-note.txt", seeds)
    lines = content.splitlines()
    first = lines.index("# - id:")
    for i in range(first, first + 7):  # confirm the first candidate claim without deciding
        lines[i] = lines[i][2:]
    (seeds / "new-note.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    run = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert run.code == 1
    claim_lines = [p for p in run.problem_lines if f"new-note.yaml:{first + 1}:" in p]
    assert claim_lines and all(" — " in p for p in claim_lines), run.stderr
    assert "Traceback" not in run.stderr


def test_compounds_headlines_and_web_outlets(entities):
    text = (
        "Unrest Spreads Across Kazakstan And Beyond\n\n"
        "The Tokayev-Nazarbayev regime was criticised by Daniyar Ospanov on ostrov.kz today.\n"
    )
    proposals = propose("new-note", text, entities)
    stubs = {s.label: s.kind for s in proposals.entities}
    assert stubs.get("ostrov.kz") == "organisation", stubs
    assert "Tokayev" not in stubs  # known: Kassym-Jomart Tokayev's alias
    assert stubs.get("Daniyar Ospanov") == "person", stubs
    assert not {"Unrest", "Spreads", "Across", "Beyond"} & set(stubs), stubs
    assert ("kazakhstan", "Kazakstan") in {
        (a.entity, a.spelling) for a in proposals.aliases
    } or any(s.entity == "kazakhstan" for s in proposals.known)
