"""Cross-file checks and anchoring: from records that parse to a corpus that is consistent.

Checks: ids unique; every reference resolves to a record of an allowed kind; dates ordered; no
claim contradicts itself; no cycle of renamings; each spelling belongs to one entity and occurs
in some article; every quote is found, once, in its article. Then every quote gets its offsets
and every mention of every entity is found.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzkg.load.checks import CHECKS, at
from kzkg.load.model import (
    KIND_NAMES,
    LINK_KINDS,
    REFERENCE_KINDS,
    Article,
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
from kzkg.load.registry_files import define_hint
from kzkg.load.seeds import ArticleText, Seeds
from kzkg.load.text import (
    QuoteNotFound,
    Span,
    Spelling,
    find_mentions,
    find_quote,
    mention_pattern,
    occurs_as_word,
)
from kzkg.runtime import InputError, Problem

ENTITY_CLASSES = (Person, Organisation, Group, Place, Event)
# Up to this many texts, each gets a pattern of the spellings it contains: compiling one pattern
# of thousands of spellings costs more than finding which of them a few texts hold.
FEW_TEXTS = 8


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
                at(
                    record,
                    "id",
                    f"duplicate id {record.id!r} (first defined at {first.path.name}:{first.line})",
                    "ids are unique across all files: give one of them another id",
                )
            )
        else:
            records[record.id] = record
    corpus = Corpus(records, {a.record.id: a for a in seeds.articles})
    problems += _check_references(corpus, seeds)
    for check in CHECKS:
        problems += check(corpus.records)
    problems += _anchor(corpus, seeds.texts)
    problems += _find_mentions(corpus, seeds)
    if problems:
        raise InputError(problems)
    return corpus


def _check_references(corpus: Corpus, seeds: Seeds) -> list[Problem]:
    """Every reference names a record of an allowed kind; see :func:`_check_one`."""
    problems = []
    for record in corpus.records.values():
        for holder, name, ref, allowed in references(record):
            problems += _check_one(corpus, seeds, holder, name, ref, allowed)
    return problems


def references(record: Any) -> Iterator[tuple[Any, str, str, frozenset[str]]]:
    """Each reference a record makes: (the record or its evidence item, field name, id, the
    record kinds it may point at)."""
    for spec in dataclasses.fields(record):
        kind = spec.metadata.get("kind", "")
        if not kind.startswith(("ref:", "refs:")):
            continue
        allowed = REFERENCE_KINDS[kind.split(":", 1)[1]]
        value = getattr(record, spec.name)
        for ref in (value,) if isinstance(value, str) else (value or ()):
            yield record, spec.name, ref, allowed
    for item in getattr(record, "evidence", ()):
        yield item, "article", item.article, REFERENCE_KINDS["article"]
    for key in LINK_KINDS if isinstance(record, Claim) else ():
        for link in getattr(record, key):
            yield link, "claim", link.claim, REFERENCE_KINDS["claim"]


def _check_one(
    corpus: Corpus, seeds: Seeds, record: Any, name: str, ref: str, allowed: frozenset[str]
) -> list[Problem]:
    """Unknown ids are reported only when every file was read: otherwise the id may well be
    defined in the file that failed, and the message would send the contributor astray."""
    if ref == getattr(record, "id", None):
        return [
            at(record, name, f"{name}: {ref!r} is the record itself", f"remove it from `{name}:`")
        ]
    target = corpus.records.get(ref)
    kind = type(target).__name__ if target is not None else seeds.broken.get(ref)
    if kind is None:
        if not seeds.complete:
            return []
        fitting = [i for i, r in corpus.records.items() if type(r).__name__ in allowed]
        fitting += [i for i, k in seeds.broken.items() if k in allowed and i not in corpus.records]
        near = difflib.get_close_matches(ref, fitting, n=1)
        fix = (
            f"did you mean {near[0]!r}?"
            if near
            else f"define it in {define_hint(seeds.directory, allowed)}, or fix the id"
        )
        return [at(record, name, f"{name}: unknown reference {ref!r}", fix)]
    if kind not in allowed:
        names = [KIND_NAMES[k] for k in KIND_NAMES if k in allowed]
        wanted = " or ".join(filter(None, [", ".join(names[:-1]), names[-1]]))
        return [
            at(
                record,
                name,
                f"{name}: {ref!r} is {KIND_NAMES[kind]}, but must be {wanted}",
                "refer to a record of the right kind",
            )
        ]
    return []


def _anchor(corpus: Corpus, texts: dict[str, tuple[str, Path]]) -> list[Problem]:
    """Find every quote in its article's text; texts of articles with a mistake count too."""
    problems = []

    def locate(article_id: str, quote: str, occurrence: int | None, record: Any) -> Span | None:
        if article_id not in texts:
            return None  # a missing article is reported where it is defined
        text, path = texts[article_id]
        try:
            return find_quote(article_id, text, quote, occurrence)
        except QuoteNotFound as exc:
            problems.append(
                at(record, exc.key, f"{exc.what} (in {path.name}): {quote[:60]!r}", exc.fix)
            )
            return None

    for record in corpus.records.values():
        if isinstance(record, Claim | Figure):
            found = locate(record.article, record.quote, record.occurrence, record)
            if found:
                corpus.anchors[record.id] = found
        if isinstance(record, Article) and record.dateline:
            found = locate(record.id, record.dateline, None, record)
            if found:
                corpus.anchors[record.id] = found
        for item in getattr(record, "evidence", ()):
            found = locate(item.article, item.quote, item.occurrence, item)
            if found:
                corpus.evidence.setdefault(record.id, []).append(found)
        if isinstance(record, Event | Membership | Change) and not getattr(record, "evidence", ()):
            problems.append(
                at(
                    record,
                    "id",
                    f"{record.id!r} has no evidence",
                    "add `evidence:` with the article and the words that state it",
                )
            )
    return problems


def _find_mentions(corpus: Corpus, seeds: Seeds) -> list[Problem]:
    """Find every mention; each spelling belongs to one entity and occurs in some article."""
    problems: list[Problem] = []
    owner: dict[str, str] = {}
    for entity in corpus.entities:
        for key, text in [("label", entity.label), *(("aliases", a) for a in entity.aliases)]:
            if owner.get(text, entity.id) != entity.id:
                problems.append(
                    at(
                        entity,
                        key,
                        f"spelling {text!r} belongs to both {owner[text]!r} and {entity.id!r}",
                        "keep the spelling on one entity only",
                    )
                )
            owner.setdefault(text, entity.id)
    few = len(corpus.articles) <= FEW_TEXTS
    pattern = None if few else mention_pattern(Spelling(t, e) for t, e in owner.items())
    for article_id in sorted(corpus.articles):
        text = corpus.articles[article_id].text
        if few:
            # A spelling that is not in the text cannot match: leaving it out changes no match.
            pattern = mention_pattern(Spelling(t, e) for t, e in owner.items() if t in text)
        corpus.mentions.extend(find_mentions(article_id, text, pattern, owner))
    if not (seeds.complete and seeds.texts_complete):
        return problems  # an unread article may be where an alias occurs
    texts = [text for text, _ in seeds.texts.values()]
    # A spelling found as a mention occurs as a whole word; only the rest (shadowed by a longer
    # spelling, or absent) need a scan of every text, which would be quadratic for all of them.
    mentioned = {found.exact for _, found in corpus.mentions}
    for entity in corpus.entities:
        for alias in entity.aliases:
            if alias not in mentioned and not any(occurs_as_word(t, alias) for t in texts):
                problems.append(
                    at(
                        entity,
                        "aliases",
                        f"alias {alias!r} of {entity.id!r} occurs in no article as a whole word",
                        "aliases record spellings the sources use: fix it or remove it",
                    )
                )
    return problems
