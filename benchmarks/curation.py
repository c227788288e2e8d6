"""Leave-one-out measure of `kzkg new`: how much of the curated seeds its proposals find.

For each seed article, the registry is cut back to what it would be had that article been
added last: entities that only this article mentions are dropped, and so are aliases that
only this article writes. `kzkg new`'s proposer then runs on the article's text, and its
proposals are scored against the curated data:

- mentions: every mention the full registry finds in the text, but those of groups (which are
  descriptions such as "many eyewitnesses", not names); found when a known mention of
  the same entity, an alias proposal for it, or (for a dropped entity) a new-entity proposal
  covers at least half of it;
- new spellings: the aliases dropped from entities that stay known; found when an alias
  proposal for that entity writes exactly that spelling;
- new entities: the dropped persons, organisations, places and events the text mentions
  (groups are descriptions, not names, and are left out); found when a new-entity proposal
  overlaps one of its mentions;
- claims: found when one proposed span overlaps the curated quote by at least half its length.

Precision is the share of proposals that match something curated. Run from the repository
root: `python benchmarks/curation.py [--seeds seeds] [--json]`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

from kzkg.curate.propose import propose
from kzkg.load.corpus import ENTITY_CLASSES
from kzkg.load.model import Claim, Group
from kzkg.load.seeds import read_seeds
from kzkg.load.text import Span, Spelling, find_mentions, mention_pattern

MEASURES = ("mentions", "spellings", "entities", "claims")


@dataclass
class Score:
    """Found / curated (recall) and matching / proposed (precision) of one measure."""

    found: int = 0
    curated: int = 0
    right: int = 0
    proposed: int = 0

    def add(self, other: Score) -> None:
        self.found += other.found
        self.curated += other.curated
        self.right += other.right
        self.proposed += other.proposed

    def cell(self) -> str:
        recall = (
            f"{self.found}/{self.curated} ({100 * self.found / self.curated:.0f} %)"
            if self.curated
            else "–"
        )
        precision = f"{100 * self.right / self.proposed:.0f} %" if self.proposed else "–"
        return f"{recall}, precision {precision}"


@dataclass
class ArticleScores:
    article: str
    scores: dict[str, Score] = field(default_factory=lambda: {m: Score() for m in MEASURES})


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def measure(seeds: Path) -> list[ArticleScores]:
    """The scores of every article of ``seeds``, each with itself left out."""
    loaded = read_seeds(seeds)
    entities = [r for r in loaded.records if isinstance(r, ENTITY_CLASSES)]
    owner = {}
    for entity in entities:
        for spelling in (entity.label, *entity.aliases):
            owner.setdefault(spelling, entity.id)
    pattern = mention_pattern(Spelling(t, e) for t, e in owner.items())
    mentions = {a: list(find_mentions(a, t, pattern, owner)) for a, (t, _) in loaded.texts.items()}
    articles_of: dict[str, set[str]] = defaultdict(set)
    spelling_articles: dict[str, set[str]] = defaultdict(set)
    for article, found in mentions.items():
        for entity_id, where in found:
            articles_of[entity_id].add(article)
            spelling_articles[where.exact].add(article)
    claims = [r for r in loaded.records if isinstance(r, Claim)]
    results = []
    for article, (text, _) in sorted(loaded.texts.items()):
        hidden = {e.id for e in entities if articles_of[e.id] == {article}}
        kept = []
        dropped_aliases: list[tuple[str, str]] = []
        for entity in entities:
            if entity.id in hidden:
                continue
            own = [a for a in entity.aliases if spelling_articles.get(a) == {article}]
            dropped_aliases += [(entity.id, a) for a in own]
            kept.append(replace(entity, aliases=tuple(a for a in entity.aliases if a not in own)))
        kinds = {e.id: type(e) for e in entities}
        proposals = propose(article, text, kept)
        article_claims = [c for c in claims if c.article == article]
        results.append(
            score(
                article,
                text,
                mentions[article],
                hidden,
                kinds,
                dropped_aliases,
                proposals,
                article_claims,
            )
        )
    return results


def score(
    article, text, curated_mentions, hidden, kinds, dropped_aliases, proposals, claims
) -> ArticleScores:
    """Compare one article's proposals with its curated data."""
    result = ArticleScores(article)
    covering: list[tuple[str | None, Span]] = [
        (s.entity, w) for s in proposals.known for w in s.spans
    ]
    covering += [(a.entity, w) for a in proposals.aliases for w in a.spans]
    covering += [(None, w) for e in proposals.entities for w in e.spans]
    m = result.scores["mentions"]
    for entity_id, where in curated_mentions:
        if kinds[entity_id] is Group:
            continue  # descriptions (many eyewitnesses), not names: not measured
        m.curated += 1
        wanted = None if entity_id in hidden else entity_id
        if any(who == wanted and 2 * overlap(w, where) >= len(where.exact) for who, w in covering):
            m.found += 1
    m.proposed = len(covering)
    m.right = sum(
        1
        for who, w in covering
        if any(
            overlap(w, c) and (who == e or (who is None and e in hidden))
            for e, c in curated_mentions
        )
    )
    sp = result.scores["spellings"]
    sp.curated = len(dropped_aliases)
    offered = {(a.entity, a.spelling) for a in proposals.aliases}
    sp.found = sum(1 for pair in dropped_aliases if pair in offered)
    sp.proposed = len(offered)
    sp.right = sp.found
    en = result.scores["entities"]
    targets = {e for e in hidden if kinds[e] is not Group}
    spans_of = defaultdict(list)
    for entity_id, where in curated_mentions:
        spans_of[entity_id].append(where)
    targets = {e for e in targets if spans_of[e]}
    en.curated = len(targets)
    en.found = sum(
        1
        for e in targets
        if any(
            overlap(w, c) for stub in proposals.entities for w in stub.spans for c in spans_of[e]
        )
    )
    en.proposed = len(proposals.entities)
    en.right = sum(
        1
        for stub in proposals.entities
        if any(overlap(w, c) for w in stub.spans for e in hidden for c in spans_of[e])
    )
    cl = result.scores["claims"]
    quotes = []
    for claim in claims:
        start = text.find(claim.quote)
        if claim.occurrence:
            for _ in range(claim.occurrence - 1):
                start = text.find(claim.quote, start + 1)
        quotes.append((start, start + len(claim.quote)))
    spans = [(p.where.start, p.where.end) for p in proposals.claims]
    cl.curated = len(quotes)

    def covers(p: tuple[int, int], q: tuple[int, int]) -> bool:
        return 2 * max(0, min(p[1], q[1]) - max(p[0], q[0])) >= q[1] - q[0]

    cl.found = sum(1 for q in quotes if any(covers(p, q) for p in spans))
    cl.proposed = len(spans)
    cl.right = sum(1 for p in spans if any(covers(p, q) for q in quotes))
    return result


def table(results: list[ArticleScores]) -> str:
    """A Markdown table: one row per article and a total row."""
    total = ArticleScores("**total**")
    for r in results:
        for name in MEASURES:
            total.scores[name].add(r.scores[name])
    lines = [
        "| article | mentions (incl. aliases) | new spellings | new entities | claims |",
        "|---|---|---|---|---|",
    ]
    for r in [*results, total]:
        lines.append(f"| {r.article} | " + " | ".join(r.scores[m].cell() for m in MEASURES) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("seeds"))
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    results = measure(args.seeds)
    if args.json:
        print(
            json.dumps(
                {r.article: {m: vars(s) for m, s in r.scores.items()} for r in results}, indent=1
            )
        )
    else:
        print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
