"""The W3C SHACL test suite, every ``sht:Validate`` entry, through ``kzkg shacl``.

One test per entry, named by the entry (``core/node/and-001``), so pytest's own counts are the
score. An entry passes only with the expected report (see ``w3c_suite``). An entry the engine
refuses is not a pass: it must be listed in ``REFUSED`` with the feature it lacks, and is an
expected failure that must fail by refusal (``strict``), so an entry that starts passing fails
the run until it leaves the list. A wrong report or a crash fails. At the end of the module the
counts are printed: ``W3C SHACL test suite: 120 entries: N pass, 0 wrong, N refused, 0 crash``.
"""

from __future__ import annotations

import random

import pytest
from paths import ROOT
from rdflib.compare import isomorphic
from w3c_judge import SH, reduced
from w3c_suite import Entry, Outcome, entries, parse, run, summary

pytestmark = pytest.mark.slow

# Entry -> the feature the fast engine does not implement, so refuses.
REFUSED: dict[str, str] = {}

ENTRIES = entries()
OUTCOMES: dict[str, Outcome] = {}


class Refused(Exception):
    """The engine refused the entry's shapes (exit 2, "not implemented")."""


def _param(entry: Entry):
    marks = []
    if entry.name in REFUSED:
        marks.append(pytest.mark.xfail(strict=True, raises=Refused, reason=REFUSED[entry.name]))
    return pytest.param(entry, id=entry.name, marks=marks)


class _Score:
    """A plugin printing the counts in pytest's closing summary, where output is not
    captured."""

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if OUTCOMES:
            terminalreporter.write_line(summary(OUTCOMES))


@pytest.fixture(scope="module", autouse=True)
def score(request):
    """Have the counts printed at the end of the run."""
    if not request.config.pluginmanager.has_plugin("w3c-shacl-score"):
        request.config.pluginmanager.register(_Score(), "w3c-shacl-score")


@pytest.mark.parametrize("entry", [_param(e) for e in ENTRIES])
def test_entry(entry: Entry, tmp_path):
    outcome = OUTCOMES[entry.name] = run(entry, tmp_path)
    if outcome.kind == "refused":
        raise Refused(outcome.detail)
    assert outcome.kind == "pass", f"{outcome.kind}: {outcome.detail}"


def test_the_suite_is_all_there():
    """Every manifest is followed: the suite's 120 validation entries, 7 of them Failures."""
    assert len(ENTRIES) == 120, len(ENTRIES)
    assert sum(e.expected is None for e in ENTRIES) == 7
    assert set(REFUSED) <= {e.name for e in ENTRIES}, set(REFUSED) - {e.name for e in ENTRIES}


@pytest.mark.parametrize(
    "entry", [e for e in ENTRIES if e.expected is not None], ids=lambda e: e.name
)
def test_the_comparison_tells_reports_apart(entry: Entry):
    """The judge is strict: an expected report matches itself, and no longer once one of its
    results (chosen at random, seeded by the entry's name) loses a triple — a value, a path, a
    shape — or is dropped whole."""
    triples = parse(entry.file)
    assert entry.expected is not None
    whole = reduced(triples, entry.expected, messages=True)
    assert isomorphic(whole, reduced(triples, entry.expected, messages=True))
    results = [
        t for t in triples if t.subject == entry.expected and t.predicate.value == f"{SH}result"
    ]
    if not results:
        return
    rng = random.Random(entry.name)
    victim = rng.choice(results)
    gone = rng.choice([victim, *(t for t in triples if t.subject == victim.object)])
    less = [t for t in triples if t != gone]
    assert not isomorphic(whole, reduced(less, entry.expected, messages=True)), gone


def test_the_documented_score_is_the_one_these_tests_hold():
    """docs/validation.md and the README state the score; with every entry above passing or
    refused as listed, the score is fixed by ``REFUSED``, and the text must say the same."""
    root = ROOT
    docs = (root / "docs" / "validation.md").read_text(encoding="utf-8")
    passed = len(ENTRIES) - len(REFUSED)
    score = f"**{passed} passed, 0 wrong, {len(REFUSED)} refused, 0 crashes.**"
    assert score in docs, score
    readme = (root / "README.md").read_text(encoding="utf-8")
    claim = f"passes all {len(ENTRIES)} validation tests of the W3C SHACL test suite"
    assert (claim in readme) == (not REFUSED), claim
