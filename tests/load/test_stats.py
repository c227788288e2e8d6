"""`kzkg stats`: counts per kind and per article, and sentence coverage."""

from __future__ import annotations

import json
import subprocess
import sys

from paths import ROOT

from kzkg.load.stats import compute, sentences


def test_sentences_split_on_stops_and_line_ends():
    text = "First one. Second one!\nHeading\n\nThird? Yes."
    found = [text[a:b].strip() for a, b in sentences(text)]
    assert found == ["First one.", "Second one!", "Heading", "Third?", "Yes."], found


def test_minimal_counts_and_coverage(minimal_build):
    stats = compute(minimal_build.corpus)
    assert stats.totals["claims"] == 2 and stats.totals["persons"] == 3, stats.totals
    (article,) = stats.articles
    assert article.claims == 2 and article.figures == 1
    assert 0 < article.covered <= article.sentences, article
    assert article.mentions == len(minimal_build.corpus.mentions)
    assert article.cross_linked == 0, "one article has no claims of another to link to"
    assert stats.totals["contradicts"] == 1 and stats.totals["supports"] == 0, stats.totals


def test_seed_stats_meet_the_curation_targets():
    done = subprocess.run(
        [sys.executable, "-m", "kzkg", "stats", "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    stats = json.loads(done.stdout)
    totals = stats["totals"]
    assert totals["claims"] > 150 and totals["persons"] >= 25 and totals["places"] >= 28, totals
    assert totals["organisations"] >= 50 and totals["events"] >= 45, totals
    interview = next(a for a in stats["articles"] if a["article"].startswith("2022-01"))
    assert interview["claims"] > 60, interview
    assert all(a["coverage"] > 0.7 for a in stats["articles"]), stats["articles"]
    assert all(a["cross_linked"] > 0 for a in stats["articles"]), "an article read against no other"
    assert sum(totals[k] for k in ("contradicts", "opposes", "supports", "superseded_by")) > 100
