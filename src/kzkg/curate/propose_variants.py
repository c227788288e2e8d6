"""Spellings of known names that reorder or inflect their words, in any case.

Curated aliases are often a known name said another way: "south Kazakhstan" for Southern
Kazakhstan, "Kazak government" for the Government of Kazakhstan, "Karaganda region" for the
Karaganda Region. Such spellings need not be capitalised, so the capitalised-run candidates of
:mod:`kzkg.curate.propose_names` miss them. Here every run of words of the text is compared, as a
bag of content words, with each known name of two or more content words: one word must be the
same, and every other word alike (the same Metaphone key, close strings) or a derivation of
its partner (Kazak/Kazakhstan, south/southern).
"""

from __future__ import annotations

import re
from collections import defaultdict

from kzkg.curate.propose_names import FUNCTION_WORDS, Known, derived, fold, words_alike
from kzkg.load import Span, span

WORD = re.compile(r"\w+(?:-\w+)*")
PLAIN = re.compile(r"[\w -]+")  # one phrase: no punctuation, possessive or line break inside
MAX_EXTRA = 1  # function words a spelling may have beside its content words


def content(words: list[str]) -> list[str]:
    """The folded words that are not function words."""
    return [f for f in (fold(w) for w in words) if f and f not in FUNCTION_WORDS]


def _pairs_up(mine: list[str], theirs: list[str]) -> bool:
    """Whether the two bags of words pair up one to one, one pair the same word, and the last
    word (the head of an English noun phrase) not merely derived: Central Asian is not Central
    Asia."""
    if len(mine) != len(theirs) or not set(mine) & set(theirs):
        return False
    if not any(mine[-1] == t or words_alike(mine[-1], t) for t in theirs):
        return False
    left = list(theirs)
    for word in mine:
        partner = next(
            (t for t in left if t == word or words_alike(word, t) or derived(word, t)), None
        )
        if partner is None:
            return False
        left.remove(partner)
    return True


def variants(
    article: str, text: str, known: list[Known], taken: list[Span]
) -> list[tuple[Known, Span]]:
    """(known spelling, span) for each run of the text that writes a known name of two or more
    content words another way, crossing none of the spans already ``taken`` (it may hold one:
    south Kazakhstan holds the known Kazakhstan, as a longer mention would)."""
    by_word: dict[str, list[tuple[Known, list[str]]]] = defaultdict(list)
    exact = {k.text for k in known}
    for spelling in known:
        words = content(spelling.text.split())
        if len(words) >= 2:
            for word in set(words):
                by_word[word].append((spelling, words))
    tokens = [(m.start(), m.end(), fold(m.group(0))) for m in WORD.finditer(text)]
    found: dict[tuple[int, int], tuple[Known, Span]] = {}
    for index, (_, _, word) in enumerate(tokens):
        for spelling, theirs in by_word.get(word, ()):
            size = len(theirs)
            for length in range(size, size + MAX_EXTRA + 1):
                for first in range(max(0, index - length + 1), index + 1):
                    window = tokens[first : first + length]
                    if len(window) < length:
                        continue
                    start, end = window[0][0], window[-1][1]
                    written = text[start:end]
                    if written in exact or (start, end) in found or not PLAIN.fullmatch(written):
                        continue
                    if window[0][2] in FUNCTION_WORDS or window[-1][2] in FUNCTION_WORDS:
                        continue
                    if any(
                        s.start < end and start < s.end and not start <= s.start < s.end <= end
                        for s in taken
                    ):
                        continue
                    mine = [w for _, _, w in window if w not in FUNCTION_WORDS]
                    if _pairs_up(mine, theirs):
                        found[(start, end)] = (spelling, span(article, text, start, end))
    return sorted(found.values(), key=lambda pair: pair[1].start)
