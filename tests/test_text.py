import pytest

from kzkg.text import QuoteNotFound, Spelling, find_mentions, find_quote, mention_pattern

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
