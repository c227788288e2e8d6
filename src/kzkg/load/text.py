"""Finding curated words in article texts: quotes (with offsets) and mentions of entities.

Offsets are Python ``str`` indices (Unicode code points), the same unit SPARQL's ``SUBSTR`` and
``STRLEN`` count in, so the graph can check its own anchors against ``schema:articleBody``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

CONTEXT_CHARS = 32  # prefix and suffix length of a TextQuoteSelector

_STRAIGHTEN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A stretch of one article's text, with the context a TextQuoteSelector records."""

    article: str
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str

    def to_dict(self) -> dict[str, object]:
        return {"article": self.article, "start": self.start, "end": self.end, "exact": self.exact}


def span(article: str, text: str, start: int, end: int) -> Span:
    """The span ``text[start:end]`` of ``article`` with its prefix and suffix."""
    return Span(
        article,
        start,
        end,
        text[start:end],
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    )


class QuoteNotFound(ValueError):
    """A quote is not in its article, or is ambiguous; the message says what to change, and
    ``key`` which YAML key to change it at (``quote`` or ``occurrence``)."""

    def __init__(self, what: str, fix: str, key: str = "quote") -> None:
        super().__init__(f"{what} — {fix}")
        self.what, self.fix, self.key = what, fix, key


def occurrences(text: str, quote: str) -> list[int]:
    """Start offsets of every occurrence of ``quote`` in ``text``, overlapping ones included."""
    found, at = [], text.find(quote)
    while at != -1:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def occurs_as_word(text: str, words: str) -> bool:
    """Whether ``words`` occur in ``text`` as whole words, the way mentions are found."""
    return re.search(rf"(?<!\w){re.escape(words)}(?!\w)", text) is not None


def find_quote(article: str, text: str, quote: str, occurrence: int | None) -> Span:
    """Locate ``quote`` in ``text``; raise :class:`QuoteNotFound` with a fix when that fails."""
    starts = occurrences(text, quote)
    if not starts:
        raise QuoteNotFound(*_explain_missing(text, quote))
    if occurrence is None and len(starts) > 1:
        raise QuoteNotFound(
            f"quote occurs {len(starts)} times in the article",
            f"add `occurrence: N` (1 to {len(starts)}) to say which, or quote more words",
        )
    index = (occurrence or 1) - 1
    if index >= len(starts):
        raise QuoteNotFound(
            f"occurrence {occurrence} asked for, but the quote occurs {len(starts)} time(s)",
            f"use an occurrence from 1 to {len(starts)}",
            "occurrence",
        )
    return span(article, text, starts[index], starts[index] + len(quote))


def _explain_missing(text: str, quote: str) -> tuple[str, str]:
    """Why a quote was not found: the likeliest near miss, so the fix is specific."""
    if quote.translate(_STRAIGHTEN) != quote or text.translate(_STRAIGHTEN) != text:
        straight_text = text.translate(_STRAIGHTEN)
        at = straight_text.find(quote.translate(_STRAIGHTEN))
        if at != -1:
            original = text[at : at + len(quote)]
            return (
                "quote differs from the article in its quotation marks or dashes",
                f"copy them exactly as the article has them: {original!r}",
            )
    squeezed_text = " ".join(text.split())
    if " ".join(quote.split()) in squeezed_text:
        return (
            "quote differs from the article in its spaces",
            "copy the spacing exactly (the article may have two spaces, or a line break, there)",
        )
    if quote.casefold() in text.casefold():
        return ("quote differs from the article in upper or lower case", "copy the case exactly")
    if unicodedata.normalize("NFC", quote) in unicodedata.normalize("NFC", text):
        return (
            "quote differs from the article in how accented letters are encoded",
            "copy the words from the .txt instead of retyping them",
        )
    return (
        "quote not found in the article",
        "copy the words character for character from the .txt",
    )


@dataclass(frozen=True, slots=True)
class Spelling:
    """One way of writing an entity's name, to be looked for in texts."""

    text: str
    entity: str


def mention_pattern(spellings: Iterable[Spelling]) -> re.Pattern[str] | None:
    """One regex that finds all spellings as whole words, the longest at any one place.

    The spellings are arranged as a trie: a flat alternation of every spelling makes the regex
    engine try each one at every position of every text, which grows with the registry times
    the corpus; the trie tries only the spellings that share what it has read so far.
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for text in {s.text for s in spellings}:
        node = trie
        for char in text:
            node = node.setdefault(char, {})
        node[""] = {}  # a spelling ends here
    if not trie:
        return None
    return re.compile(rf"(?<!\w){_trie_regex(trie)}")


def _trie_regex(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
    """Longer spellings first: a node's continuations are tried before the spelling that ends
    there, which must end a word."""
    branches = [re.escape(char) + _trie_regex(node[char]) for char in sorted(node) if char]
    if "" in node:
        branches.append(r"(?!\w)")
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"


def find_mentions(
    article: str, text: str, pattern: re.Pattern[str] | None, owner: dict[str, str]
) -> Iterator[tuple[str, Span]]:
    """Every mention in ``text`` as (entity id, span); mentions never overlap."""
    if pattern is None:
        return
    for match in pattern.finditer(text):
        yield owner[match.group(0)], span(article, text, match.start(), match.end())
