"""The records kzkg is made of, and the shape of each curated YAML mapping.

The dataclasses here *are* the annotation format: each field's ``kind`` metadata says how the
YAML value is read and checked (:mod:`kzkg.records` does that generically), and the field names
are the YAML keys, the Python attributes and the words of ``docs/annotation-format.md`` alike.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

# Curated type names → ontology class local names (kzo:…).
ORGANISATION_TYPES = {
    "party": "PoliticalParty",
    "movement": "Movement",
    "trade-union": "TradeUnion",
    "media-outlet": "MediaOutlet",
    "government-body": "GovernmentBody",
    "ngo": "NGO",
    "research-institute": "ResearchInstitute",
    "international-organisation": "InternationalOrganisation",
    "company": "Company",
    "organisation": None,
}
EVENT_TYPES = {
    "conference": "Conference",
    "election": "Election",
    "protest": "Protest",
    "strike": "Strike",
    "rally": "Rally",
    "annexation": "Annexation",
    "treaty": "Treaty",
    "accession": "Accession",
    "referendum": "Referendum",
    "founding": "Founding",
    "renaming": "Renaming",
    "liquidation": "Liquidation",
    "interview": "Interview",
    "press-conference": "PressConference",
    "meeting": "Meeting",
    "event": None,
}
PLACE_TYPES = {"country": "Country", "region": "AdministrativeArea", "city": "City", "other": None}
CHANGE_TYPES = {
    "renaming": "Renaming",
    "merger": "Merger",
    "split": "Split",
    "liquidation": "Liquidation",
}
HEAD_ROLES = frozenset({"leader", "chair"})


def meta(kind: str) -> dict[str, str]:
    """Field metadata naming how :mod:`kzkg.records` reads the YAML value."""
    return {"kind": kind}


def req(kind: str) -> Any:
    """A required field of the given kind."""
    return field(metadata=meta(kind))


def opt(kind: str, default: Any = None) -> Any:
    """An optional field of the given kind; lists default to empty."""
    if kind.startswith(("refs:", "texts", "evidence")):
        return field(default_factory=tuple, metadata=meta(kind))
    return field(default=default, metadata=meta(kind))


@dataclass(frozen=True, slots=True, order=True)
class Date:
    """A date exactly as precise as its source: a year, a month or a day.

    >>> Date.parse("2011-05").precision
    'month'
    >>> Date.parse("2021-02-30")
    Traceback (most recent call last):
    ...
    ValueError: '2021-02-30' is not a real date
    """

    value: str

    @classmethod
    def parse(cls, raw: object) -> Date:
        text = str(raw) if isinstance(raw, int | str) and not isinstance(raw, bool) else None
        match = DATE_PATTERN.match(text or "")
        if not match or text is None:
            raise ValueError(f"{raw!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
        return cls(text)

    @property
    def precision(self) -> str:
        return ("year", "month", "day")[self.value.count("-")]

    @property
    def earliest(self) -> dt.date:
        """The first day the date can mean, for ordering checks."""
        parts = [int(p) for p in self.value.split("-")] + [1, 1]
        return dt.date(parts[0], parts[1], parts[2])

    @property
    def latest(self) -> dt.date:
        """The last day the date can mean, for ordering checks."""
        parts = [int(p) for p in self.value.split("-")]
        if len(parts) == 3:
            return dt.date(*parts)
        if len(parts) == 2:
            following = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        return dt.date(parts[0], 12, 31)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a record was written: file and line, for error messages."""

    path: Path
    line: int


@dataclass(frozen=True, slots=True)
class Evidence:
    """The words of one article that state an event, membership or change."""

    article: str = req("ref:article")
    quote: str = req("quote")
    occurrence: int | None = opt("int")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Person:
    id: str = req("id")
    label: str = req("text")
    aliases: tuple[str, ...] = opt("texts")
    description: str | None = opt("text")
    job_titles: tuple[str, ...] = opt("texts")
    note: str | None = opt("text")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Organisation:
    id: str = req("id")
    label: str = req("text")
    type: str = opt("choice:organisation", "organisation")
    aliases: tuple[str, ...] = opt("texts")
    description: str | None = opt("text")
    founded: Date | None = opt("date")
    dissolved: Date | None = opt("date")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("text")
    location: str | None = opt("ref:place")
    part_of: str | None = opt("ref:organisation")
    note: str | None = opt("text")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Group:
    id: str = req("id")
    label: str = req("text")
    aliases: tuple[str, ...] = opt("texts")
    description: str | None = opt("text")
    note: str | None = opt("text")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Place:
    id: str = req("id")
    label: str = req("text")
    type: str = opt("choice:place", "other")
    aliases: tuple[str, ...] = opt("texts")
    contained_in: str | None = opt("ref:place")
    description: str | None = opt("text")
    note: str | None = opt("text")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Event:
    id: str = req("id")
    label: str = req("text")
    type: str = opt("choice:event", "event")
    aliases: tuple[str, ...] = opt("texts")
    start: Date | None = opt("date")
    end: Date | None = opt("date")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("text")
    location: str | None = opt("ref:place")
    organizers: tuple[str, ...] = opt("refs:agent")
    attendees: tuple[str, ...] = opt("refs:agent")
    description: str | None = opt("text")
    note: str | None = opt("text")
    evidence: tuple[Evidence, ...] = opt("evidence")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Membership:
    id: str = req("id")
    member: str = req("ref:agent")
    organization: str = req("ref:organisation")
    role: str = req("choice:role")
    start: Date | None = opt("date")
    end: Date | None = opt("date")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("text")
    note: str | None = opt("text")
    evidence: tuple[Evidence, ...] = opt("evidence")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Change:
    id: str = req("id")
    type: str = req("choice:change")
    original: tuple[str, ...] = opt("refs:organisation")
    resulting: tuple[str, ...] = opt("refs:organisation")
    date: Date | None = opt("date")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("text")
    description: str | None = opt("text")
    note: str | None = opt("text")
    evidence: tuple[Evidence, ...] = opt("evidence")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Article:
    id: str = req("id")
    text: str = req("text")
    headline: str = req("text")
    publisher: str = req("ref:organisation")
    published: Date = req("date")
    language: str = req("text")
    genre: str = req("text")
    original_file: str | None = opt("text")
    authors: tuple[str, ...] = opt("refs:agent")
    date_printed: str | None = opt("text")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("text")
    description: str | None = opt("text")
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    id: str = req("id")
    speaker: str = req("ref:agent")
    about: tuple[str, ...] = req("refs:subject")
    stance: str = req("choice:stance")
    quote: str = req("quote")
    paraphrase: str = req("text")
    occurrence: int | None = opt("int")
    relayed_by: tuple[str, ...] = opt("refs:agent")
    date: Date | None = opt("date")
    date_inferred: bool = opt("bool", False)
    date_note: str | None = opt("text")
    contradicts: tuple[str, ...] = opt("refs:claim")
    supports: tuple[str, ...] = opt("refs:claim")
    note: str | None = opt("text")
    article: str = ""  # the article whose file holds the claim; set by the loader
    source: Source | None = None


@dataclass(frozen=True, slots=True)
class Figure:
    id: str = req("id")
    value: int | float = req("number")
    unit: str = req("text")
    counts: str = req("text")
    quote: str = req("quote")
    approximate: bool = opt("bool", False)
    about: tuple[str, ...] = opt("refs:subject")
    stated_by: str | None = opt("ref:agent")
    occurrence: int | None = opt("int")
    note: str | None = opt("text")
    article: str = ""
    source: Source | None = None


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
KIND_NAMES = {
    "Person": "a person",
    "Organisation": "an organisation",
    "Group": "a group",
    "Place": "a place",
    "Event": "an event",
    "Article": "an article",
    "Claim": "a claim",
    "Figure": "a figure",
    "Membership": "a membership",
    "Change": "a change",
}
