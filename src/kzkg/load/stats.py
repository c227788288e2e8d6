"""Counts and coverage of the corpus: how much of each article the annotations reach.

Coverage is the share of an article's sentences that hold at least one claim quote or one
mention. It tells a curator where an article is still thin. "Cross-linked" counts an article's
claims that are linked (in either direction, by any kind of relation) to a claim of another
article: it tells where the articles have not yet been read against each other.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from rich.console import Console
from rich.table import Table

from kzkg.load.corpus import Corpus
from kzkg.load.model import ARTICLE_SECTIONS, LINK_KINDS, REGISTRY_SECTIONS, Claim, Figure

_SENTENCE = re.compile(r"[^\n.!?]*[^\s\n.!?][^\n.!?]*(?:[.!?]+[”’\"')\]]*|$)", re.MULTILINE)
COUNTED = {**REGISTRY_SECTIONS, **ARTICLE_SECTIONS}


@dataclass(slots=True)
class ArticleStats:
    article: str
    claims: int
    figures: int
    mentions: int
    entities: int
    sentences: int
    covered: int
    cross_linked: int = 0

    @property
    def coverage(self) -> float:
        return self.covered / self.sentences if self.sentences else 0.0

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "coverage": round(self.coverage, 3)}


@dataclass(slots=True)
class Stats:
    totals: dict[str, int] = field(default_factory=dict)
    articles: list[ArticleStats] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"totals": self.totals, "articles": [a.to_dict() for a in self.articles]}


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: runs of text ending in . ! ? or a line end."""
    return [(m.start(), m.end()) for m in _SENTENCE.finditer(text) if m.group(0).strip()]


def compute(corpus: Corpus) -> Stats:
    stats = Stats(totals={name: len(corpus.of_type(cls)) for name, cls in COUNTED.items()})
    stats.totals["articles"] = len(corpus.articles)
    stats.totals["mentions"] = len(corpus.mentions)
    for key in LINK_KINDS:
        stats.totals[key] = sum(len(getattr(c, key)) for c in corpus.of_type(Claim))
    claims = Counter(c.article for c in corpus.of_type(Claim))
    cross = Counter(corpus.records[c].article for c in cross_linked_claims(corpus))
    figures = Counter(f.article for f in corpus.of_type(Figure))
    for article_id in sorted(corpus.articles):
        text = corpus.articles[article_id].text
        spans = [(s.start, s.end) for _, s in corpus.mentions if s.article == article_id]
        spans += [
            (a.start, a.end)
            for key, a in corpus.anchors.items()
            if a.article == article_id and key in corpus.records
        ]
        bounds = sentences(text)
        covered = sum(1 for start, end in bounds if any(a < end and b > start for a, b in spans))
        stats.articles.append(
            ArticleStats(
                article_id,
                claims[article_id],
                figures[article_id],
                sum(1 for _, s in corpus.mentions if s.article == article_id),
                len({e for e, s in corpus.mentions if s.article == article_id}),
                len(bounds),
                covered,
                cross[article_id],
            )
        )
    return stats


def cross_linked_claims(corpus: Corpus) -> set[str]:
    """The ids of claims linked, either way and by any relation, to a claim of another article."""
    found: set[str] = set()
    for claim in corpus.of_type(Claim):
        for key in LINK_KINDS:
            for link in getattr(claim, key):
                if corpus.records[link.claim].article != claim.article:
                    found |= {claim.id, link.claim}
    return found


def render(stats: Stats, console: Console) -> None:
    totals = Table(title="Records", show_edge=False)
    totals.add_column("kind")
    totals.add_column("count", justify="right")
    for name, count in stats.totals.items():
        totals.add_row(name, str(count))
    console.print(totals)
    per_article = Table(title="Articles", show_edge=False)
    columns = ("article", "claims", "cross-linked", "figures", "mentions", "entities", "sentences")
    for column in (*columns, "coverage"):
        per_article.add_column(column, justify="left" if column == "article" else "right")
    for a in stats.articles:
        per_article.add_row(
            a.article,
            str(a.claims),
            str(a.cross_linked),
            str(a.figures),
            str(a.mentions),
            str(a.entities),
            str(a.sentences),
            f"{a.coverage:.0%} ({a.covered})",
        )
    console.print(per_article)
