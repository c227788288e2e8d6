"""Cross-file checks and anchoring: from records that parse to a corpus that is consistent.

Checks: ids unique; every reference resolves to a record of an allowed kind; dates ordered; no
claim contradicts itself; no cycle of renamings; each spelling belongs to one entity and occurs
in some article; every quote is found, once, in its article. Then every quote gets its offsets
and every mention of every entity is found.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from kzkg.errors import InputError, Problem
from kzkg.load import ArticleText, Seeds
from kzkg.model import (
    KIND_NAMES,
    REFERENCE_KINDS,
    Change,
    Claim,
    Entity,
    Event,
    Figure,
    Group,
    Membership,
    Organisation,
    Person,
    Place,
)
from kzkg.text import (
    QuoteNotFound,
    Span,
    Spelling,
    find_mentions,
    find_quote,
    mention_pattern,
    occurrences,
)

ENTITY_CLASSES = (Person, Organisation, Group, Place, Event)


@dataclass(slots=True)
class Corpus:
    """Everything the converter needs, checked: records by id, texts, anchors and mentions."""

    records: dict[str, Any]
    articles: dict[str, ArticleText]
    anchors: dict[str, Span] = field(default_factory=dict)  # claim or figure id → its quote
    evidence: dict[str, list[Span]] = field(default_factory=dict)  # event/membership/change id
    mentions: list[tuple[str, Span]] = field(default_factory=list)

    def of_type(self, cls: type) -> list[Any]:
        return [r for r in self.records.values() if isinstance(r, cls)]

    @property
    def entities(self) -> list[Entity]:
        return [r for r in self.records.values() if isinstance(r, ENTITY_CLASSES)]


def resolve(seeds: Seeds) -> Corpus:
    """Check ``seeds`` as a whole; raise :class:`InputError` with every problem found."""
    problems = list(seeds.problems)
    records: dict[str, Any] = {}
    for record in seeds.records:
        if record.id in records:
            first = records[record.id].source
            problems.append(
                Problem(
                    record.source.path,
                    record.source.line,
                    f"duplicate id {record.id!r} (first defined at {first.path.name}:{first.line})",
                    "give one of them another id",
                )
            )
        else:
            records[record.id] = record
    corpus = Corpus(records, {a.record.id: a for a in seeds.articles})
    problems += _check_references(corpus)
    problems += _check_dates(corpus)
    problems += _check_claim_links(corpus)
    problems += _check_change_cycles(corpus)
    problems += _anchor(corpus)
    problems += _find_mentions(corpus)
    if problems:
        raise InputError(problems)
    return corpus


def _check_references(corpus: Corpus) -> list[Problem]:
    problems = []
    for record in corpus.records.values():
        for spec in dataclasses.fields(record):
            kind = spec.metadata.get("kind", "")
            if not kind.startswith(("ref:", "refs:")):
                continue
            allowed = REFERENCE_KINDS[kind.split(":", 1)[1]]
            value = getattr(record, spec.name)
            for ref in (value,) if isinstance(value, str) else (value or ()):
                problems += _check_one(corpus, record, spec.name, ref, allowed)
        for item in getattr(record, "evidence", ()):
            problems += _check_one(
                corpus, item, "article", item.article, REFERENCE_KINDS["article"]
            )
    return problems


def _check_one(
    corpus: Corpus, record: Any, name: str, ref: str, allowed: frozenset[str]
) -> list[Problem]:
    where = record.source
    target = corpus.records.get(ref)
    if target is None:
        near = difflib.get_close_matches(ref, list(corpus.records), n=1)
        fix = (
            f"did you mean {near[0]!r}?"
            if near
            else "define it in seeds/entities.yaml, or fix the id"
        )
        return [Problem(where.path, where.line, f"{name}: unknown reference {ref!r}", fix)]
    kind = type(target).__name__
    if kind not in allowed:
        wanted = " or ".join(sorted(KIND_NAMES[k] for k in allowed))
        return [
            Problem(
                where.path,
                where.line,
                f"{name}: {ref!r} is {KIND_NAMES[kind]}, but must be {wanted}",
                "refer to a record of the right kind",
            )
        ]
    return []


def _check_dates(corpus: Corpus) -> list[Problem]:
    problems = []
    for record in corpus.records.values():
        pairs = [("start", "end"), ("founded", "dissolved")]
        for first, last in pairs:
            a, b = getattr(record, first, None), getattr(record, last, None)
            if a is not None and b is not None and b.latest < a.earliest:
                problems.append(
                    Problem(
                        record.source.path,
                        record.source.line,
                        f"{last} {b.value} is before {first} {a.value}",
                        f"correct one of the two dates of {record.id!r}",
                    )
                )
        if getattr(record, "date_note", None) and not getattr(record, "date_inferred", False):
            problems.append(
                Problem(
                    record.source.path,
                    record.source.line,
                    f"{record.id!r} has a date_note but no `date_inferred: true`",
                    "add `date_inferred: true`, or drop the note",
                )
            )
        if getattr(record, "date_inferred", False) and not getattr(record, "date_note", None):
            problems.append(
                Problem(
                    record.source.path,
                    record.source.line,
                    f"{record.id!r} is date_inferred without a date_note",
                    "add `date_note:` giving the evidence for the date",
                )
            )
    return problems


def _check_claim_links(corpus: Corpus) -> list[Problem]:
    problems = []
    for claim in corpus.of_type(Claim):
        for name in ("contradicts", "supports"):
            if claim.id in getattr(claim, name):
                problems.append(
                    Problem(
                        claim.source.path,
                        claim.source.line,
                        f"claim {claim.id!r} {name} itself",
                        f"remove {claim.id!r} from `{name}:`",
                    )
                )
        both = set(claim.contradicts) & set(claim.supports)
        if both:
            problems.append(
                Problem(
                    claim.source.path,
                    claim.source.line,
                    f"claim {claim.id!r} both contradicts and supports {', '.join(sorted(both))}",
                    "keep only one relation",
                )
            )
    return problems


def _check_change_cycles(corpus: Corpus) -> list[Problem]:
    """A chain of renamings that leads back to where it started cannot happen in time."""
    successors: dict[str, set[str]] = defaultdict(set)
    for change in corpus.of_type(Change):
        for original in change.original:
            successors[original].update(change.resulting)
    problems = []
    for change in corpus.of_type(Change):
        for original in change.original:
            seen, stack = set(), list(successors[original])
            while stack:
                current = stack.pop()
                if current == original:
                    problems.append(
                        Problem(
                            change.source.path,
                            change.source.line,
                            f"change {change.id!r} is part of a cycle: {original!r} ends up renamed into itself",
                            "check `original:` and `resulting:` of the changes involved",
                        )
                    )
                    break
                if current not in seen:
                    seen.add(current)
                    stack.extend(successors[current])
    return problems


def _anchor(corpus: Corpus) -> list[Problem]:
    problems = []

    def locate(article_id: str, quote: str, occurrence: int | None, where: Any) -> Span | None:
        article = corpus.articles.get(article_id)
        if article is None:
            return None  # a missing article is reported where it is defined
        try:
            return find_quote(article_id, article.text, quote, occurrence)
        except QuoteNotFound as exc:
            problems.append(
                Problem(
                    where.path,
                    where.line,
                    f"{exc.what} (in {article.path.name}): {quote[:60]!r}",
                    exc.fix,
                )
            )
            return None

    for record in corpus.records.values():
        if isinstance(record, Claim | Figure):
            found = locate(record.article, record.quote, record.occurrence, record.source)
            if found:
                corpus.anchors[record.id] = found
        for item in getattr(record, "evidence", ()):
            found = locate(item.article, item.quote, item.occurrence, item.source)
            if found:
                corpus.evidence.setdefault(record.id, []).append(found)
        if isinstance(record, Event | Membership | Change) and not getattr(record, "evidence", ()):
            problems.append(
                Problem(
                    record.source.path,
                    record.source.line,
                    f"{record.id!r} has no evidence",
                    "add `evidence:` with the article and the words that state it",
                )
            )
    return problems


def _find_mentions(corpus: Corpus) -> list[Problem]:
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for entity in corpus.entities:
        for text in (entity.label, *entity.aliases):
            if owner.get(text, entity.id) != entity.id:
                problems.append(
                    Problem(
                        entity.source.path,
                        entity.source.line,
                        f"spelling {text!r} belongs to both {owner[text]!r} and {entity.id!r}",
                        "keep the spelling on one entity only",
                    )
                )
            owner.setdefault(text, entity.id)
    pattern = mention_pattern(Spelling(t, e) for t, e in owner.items())
    for article_id in sorted(corpus.articles):
        text = corpus.articles[article_id].text
        corpus.mentions.extend(find_mentions(article_id, text, pattern, owner))
    texts = [a.text for a in corpus.articles.values()]
    for entity in corpus.entities:
        for alias in entity.aliases:
            if not any(occurrences(t, alias) for t in texts):
                problems.append(
                    Problem(
                        entity.source.path,
                        entity.source.line,
                        f"alias {alias!r} of {entity.id!r} occurs in no article",
                        "aliases record spellings the sources use: fix it or remove it",
                    )
                )
    return problems
