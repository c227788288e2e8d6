"""The records kzkg is made of, and the shape of each curated YAML mapping.

The dataclasses here *are* the annotation format: each field's ``kind`` metadata says how the
YAML value is read and checked (:mod:`kzkg.load.records` does that generically), and the field names
are the YAML keys, the Python attributes and the words of ``docs/annotation-format.md`` alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar, dataclass_transform

from kzkg.rdf import Date
from kzkg.runtime import Source

R = TypeVar("R")

ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # of a whole id: use fullmatch


def meta(kind: str) -> dict[str, str]:
    """Field metadata naming how :mod:`kzkg.load.records` reads the YAML value."""
    return {"kind": kind}


def req(kind: str) -> Any:
    """A required field of the given kind."""
    return field(metadata=meta(kind))


def opt(kind: str, default: Any = None) -> Any:
    """An optional field of the given kind; lists default to empty."""
    if kind.startswith(("refs:", "texts", "evidence", "links", "curated")):
        return field(default_factory=tuple, metadata=meta(kind))
    return field(default=default, metadata=meta(kind))


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of one article that state an event, membership or change."""

    article: str = req("ref:article")
    quote: str = req("quote")
    occurrence: int | None = opt("int")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Link:
    """One relation from a claim to another claim, with the curator's one-line reason for it:
    the reason is data, so a reader can judge the link without re-reading both articles."""

    claim: str = req("ref:claim")
    reason: str = req("text")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class CuratorKnowledge:
    """A fact of a record that no article states, marked with the curators' basis for it: the
    graph promises that every fact is tied to the words that state it, so a fact from outside
    the articles must say so, in a form a query can filter."""

    field: str = req("text")
    basis: str = req("text")
    reference: str | None = opt("text")
    source: Source | None = None


# The claim-to-claim relations, YAML key → ontology term (kzo:...), one word for one concept.
LINK_KINDS: dict[str, str] = {
    "contradicts": "contradicts",
    "opposes": "opposes",
    "supports": "supports",
    "superseded_by": "supersededBy",
}


@dataclass_transform(frozen_default=True, kw_only_default=True, field_specifiers=(field,))
def record(cls: type[R]) -> type[R]:
    """A record class: immutable, compact, and built from keywords. Keyword-only fields need no
    order, so fields several kinds share are declared once, in a base class, though each kind
    adds required fields of its own after them."""
    return dataclass(frozen=True, slots=True, kw_only=True)(cls)


@record
class Record:
    """What every record has: the id its IRI is minted from, and where it was written."""

    id: str = req("id")
    source: Source | None = None


@record
class Curated(Record):
    """A registry record: a curator's note, and the facts of it that no article states."""

    curator_knowledge: tuple[CuratorKnowledge, ...] = opt("curated")
    note: str | None = opt("prose")


@record
class Named(Curated):
    """A record people refer to by name: a person, organisation, group, place or event."""

    label: str = req("text")
    aliases: tuple[str, ...] = opt("texts")
    description: str | None = opt("prose")


@record
class Person(Named):
    job_titles: tuple[str, ...] = opt("texts")


@record
class Group(Named):
    pass


@record
class Place(Named):
    type: str = opt("choice:place", "other")
    contained_in: str | None = opt("ref:place")


@record
class Situated(Named):
    """A named record with a place and a time: an organisation or an event. Its dates differ
    in name (``founded`` or ``start``), their qualifiers do not."""

    location: str | None = opt("ref:place")
    date_note: str | None = opt("prose")
    date_inferred: bool = opt("bool", False)


@record
class Organisation(Situated):
    type: str = opt("choice:organisation", "organisation")
    founded: Date | None = opt("date")
    dissolved: Date | None = opt("date")
    part_of: str | None = opt("ref:organisation")


@record
class Event(Situated):
    type: str = opt("choice:event", "event")
    start: Date | None = opt("date")
    end: Date | None = opt("date")
    organizers: tuple[str, ...] = opt("refs:agent")
    attendees: tuple[str, ...] = opt("refs:agent")
    medium: str | None = opt("ref:organisation")
    evidence: tuple[Evidence, ...] = opt("evidence")


@record
class Relation(Curated):
    """A dated fact between records, stated by the words of articles: a membership or a
    change of organisations."""

    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("prose")
    evidence: tuple[Evidence, ...] = opt("evidence")


@record
class Membership(Relation):
    member: str = req("ref:agent")
    organization: str = req("ref:organisation")
    role: str = req("choice:role")
    start: Date | None = opt("date")
    end: Date | None = opt("date")


@record
class Change(Relation):
    type: str = req("choice:change")
    original: tuple[str, ...] = opt("refs:organisation")
    resulting: tuple[str, ...] = opt("refs:organisation")
    date: Date | None = opt("date")
    description: str | None = opt("prose")


@record
class Article(Record):
    text: str = req("text")
    headline: str = req("text")
    authors: tuple[str, ...] = opt("refs:agent")
    publisher: str = req("ref:organisation")
    published: Date = req("date")
    language: str = req("text")
    genre: str = req("text")
    original_file: str | None = opt("text")
    date_printed: str | None = opt("text")
    dateline: str | None = opt("quote")
    location_created: str | None = opt("ref:place")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("prose")
    description: str | None = opt("prose")
    curator_knowledge: tuple[CuratorKnowledge, ...] = opt("curated")


@record
class Claim(Record):
    speaker: str = req("ref:agent")
    about: tuple[str, ...] = req("refs:subject")
    stance: str = req("choice:stance")
    quote: str = req("quote")
    paraphrase: str = req("prose")
    occurrence: int | None = opt("int")
    relayed_by: tuple[str, ...] = opt("refs:agent")
    date: Date | None = opt("date")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("prose")
    contradicts: tuple[Link, ...] = opt("links")
    opposes: tuple[Link, ...] = opt("links")
    supports: tuple[Link, ...] = opt("links")
    superseded_by: tuple[Link, ...] = opt("links")
    note: str | None = opt("prose")
    article: str = ""  # the article whose file holds the claim; set by the loader


@record
class Figure(Record):
    value: int | float = req("number")
    unit: str = req("text")
    counts: str = req("text")
    quote: str = req("quote")
    approximate: bool = opt("bool", False)
    about: tuple[str, ...] = opt("refs:subject")
    stated_by: str | None = opt("ref:agent")
    occurrence: int | None = opt("int")
    note: str | None = opt("prose")
    article: str = ""  # the article whose file holds the figure; set by the loader


Entity = Person | Organisation | Group | Place | Event

# Registry sections and article-file sections: YAML key → record class.
REGISTRY_SECTIONS: dict[str, type] = {
    "persons": Person,
    "organisations": Organisation,
    "groups": Group,
    "places": Place,
    "events": Event,
    "memberships": Membership,
    "changes": Change,
}
ARTICLE_SECTIONS: dict[str, type] = {"claims": Claim, "figures": Figure}

# What each reference kind may point at (record class names).
REFERENCE_KINDS: dict[str, frozenset[str]] = {
    "agent": frozenset({"Person", "Organisation", "Group"}),
    "person": frozenset({"Person"}),
    "organisation": frozenset({"Organisation"}),
    "place": frozenset({"Place"}),
    "event": frozenset({"Event"}),
    "article": frozenset({"Article"}),
    "claim": frozenset({"Claim"}),
    "subject": frozenset({"Person", "Organisation", "Group", "Place", "Event", "Claim"}),
}

# Each record class's kind: the key of its typed IRI path (kzkg.rdf.TYPED_PATHS), the word the
# converter mints its IRI with and the curation tools name it by.
KINDS: dict[type, str] = {
    Person: "person",
    Organisation: "organisation",
    Group: "group",
    Place: "place",
    Event: "event",
    Article: "article",
    Claim: "claim",
    Figure: "figure",
    Membership: "membership",
    Change: "change",
}
# Each kind as an error message names it: "a person", "an organisation" …
KIND_NAMES = {
    cls.__name__: f"{'an' if kind[0] in 'aeiou' else 'a'} {kind}" for cls, kind in KINDS.items()
}
