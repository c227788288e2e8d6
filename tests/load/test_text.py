import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kzkg.load.text import QuoteNotFound, Spelling, find_mentions, find_quote, mention_pattern

TEXT = "He said “the Kremlin’s plans” twice: the Kremlin’s plans. Tokayev-Nazarbayev regime in Alma-Ata."


def test_quote_offsets_match_the_text():
    found = find_quote("a", TEXT, "“the Kremlin’s plans”", None)
    assert TEXT[found.start : found.end] == found.exact == "“the Kremlin’s plans”"
    assert TEXT.endswith(found.suffix, 0, found.end + len(found.suffix))


def test_repeated_quote_needs_an_occurrence():
    with pytest.raises(QuoteNotFound, match="occurs 2 times"):
        find_quote("a", TEXT, "the Kremlin’s plans", None)
    second = find_quote("a", TEXT, "the Kremlin’s plans", 2)
    assert second.start > TEXT.index("twice")
    with pytest.raises(QuoteNotFound, match="occurs 2 time"):
        find_quote("a", TEXT, "the Kremlin’s plans", 3)


@pytest.mark.parametrize(
    ("quote", "reason"),
    [
        ("the Kremlin's plans", "quotation marks"),
        ("the  Kremlin’s plans", "spaces"),
        ("THE KREMLIN’S PLANS", "case"),
        ("the White House", "not found"),
    ],
)
def test_missing_quote_says_why(quote, reason):
    with pytest.raises(QuoteNotFound, match=reason):
        find_quote("a", TEXT, quote, None)


def test_mentions_are_whole_words_longest_first():
    owner = {
        "Nazarbayev": "n",
        "Tokayev": "t",
        "Alma-Ata": "almaty",
        "Alma": "wrong",
        "Kremlin": "k",
    }
    pattern = mention_pattern(Spelling(t, e) for t, e in owner.items())
    found = [(entity, s.exact) for entity, s in find_mentions("a", TEXT, pattern, owner)]
    assert ("almaty", "Alma-Ata") in found and ("wrong", "Alma") not in found, found
    assert ("t", "Tokayev") in found and ("n", "Nazarbayev") in found, (
        "hyphenated pairs are two mentions"
    )
    assert found.count(("k", "Kremlin")) == 2


def _flat_pattern(spellings: list[str]) -> re.Pattern[str]:
    """The plain definition: every spelling as an alternative, longest first, whole words."""
    ordered = sorted(set(spellings), key=lambda t: (-len(t), t))
    return re.compile(rf"(?<!\w)(?:{'|'.join(re.escape(t) for t in ordered)})(?!\w)")


_WORDY = st.text(alphabet="ab -.Äə", min_size=1, max_size=6)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDY, min_size=1, max_size=8), st.text(alphabet="ab -.Äəx", max_size=60))
def test_trie_pattern_finds_what_the_flat_alternation_finds(spellings, text):
    trie = mention_pattern(Spelling(t, "e") for t in spellings)
    flat = _flat_pattern(spellings)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
