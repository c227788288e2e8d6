"""The shapes the site is drawn from: plain records filled from the graph by ``gather``.

Renderers only ever see these records, never the store, so a page module cannot run a query of
its own and every page is built from the same snapshot of the graph.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from kzkg.rdf import DATATYPES, KZ, XSD

# Entity kinds by the first segment of their IRI path (docs/rdf-model.md), in display order.
KINDS = {
    "person": "persons",
    "org": "organisations",
    "group": "groups",
    "place": "places",
    "event": "events",
}
PAGED = (*KINDS, "article")
KIND_LABELS = {"person": "person", "org": "organisation", "group": "group", "place": "place"}
KIND_LABELS["event"] = "event"  # one kind of thing each, as a page names it
PRECISIONS = {XSD + datatype: precision for precision, datatype in DATATYPES.items()}
MONTHS = "January February March April May June July August September October November December"


def page_path(iri: str) -> str | None:
    """The site path of the page an IRI gets (``person/ainur-kurmanov.html``), or None."""
    kind, _, slug = iri.removeprefix(KZ).partition("/")
    if not iri.startswith(KZ) or kind not in PAGED or not slug or "/" in slug:
        return None
    return f"{kind}/{slug}.html"


def make_ref(labels: dict[str, str], iri: str) -> Ref:
    """A Ref for any node: its label (or its id) and its page, if it has one."""
    return Ref(iri, labels.get(iri) or local_id(iri), page_path(iri))


def local_id(iri: str) -> str:
    """The curated id at the end of a kz: IRI, usable as an HTML id."""
    return iri.rsplit("/", 1)[-1]


@dataclass(frozen=True, slots=True)
class DateLiteral:
    """A date exactly as precise as the source: the lexical form and year, month or day."""

    lexical: str
    precision: str

    @classmethod
    def of(cls, lexical: str, datatype: str) -> DateLiteral:
        """A DateLiteral from a typed literal; an untyped or odd value counts as a day if it looks like one."""
        precision = PRECISIONS.get(datatype) or {4: "year", 7: "month"}.get(len(lexical), "day")
        return cls(lexical, precision)

    @property
    def year(self) -> int:
        return int(self.lexical[:4])

    @property
    def month(self) -> int | None:
        return int(self.lexical[5:7]) if self.precision != "year" else None

    @property
    def day(self) -> int | None:
        return int(self.lexical[8:10]) if self.precision == "day" else None

    def label(self) -> str:
        """Written as precisely as known: ``2011``, ``May 2011`` or ``14 May 2011``."""
        if self.month is None:
            return str(self.year)
        month = MONTHS.split()[self.month - 1]
        return f"{self.day} {month} {self.year}" if self.day else f"{month} {self.year}"


@dataclass(frozen=True, slots=True)
class Ref:
    """A link target: the node, its label, and its page path when it has a page."""

    iri: str
    label: str
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Anchor:
    """A span of an article's text that a mention, claim or figure points at."""

    kind: str  # mention | claim | figure
    body: str  # the IRI of the entity, claim or figure
    article: str
    start: int
    end: int
    exact: str


@dataclass
class Entity:
    """A person, organisation, group, place or event, with everything its page shows."""

    ref: Ref
    kind: str
    types: list[str] = field(default_factory=list)
    description: str = ""
    titles: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    facts: list[tuple[str, list[Ref | DateLiteral | str]]] = field(default_factory=list)
    start: DateLiteral | None = None
    end: DateLiteral | None = None
    inferred: bool = False
    date_note: str = ""


@dataclass
class Claim:
    """A claim: who said it, about what, the words, where; the page anchor is its local id."""

    ref: Ref
    speaker: Ref
    about: list[Ref]
    text: str
    paraphrase: str
    stance: str
    article: str
    date: DateLiteral | None
    inferred: bool
    date_note: str
    relayers: list[Ref]
    contradicts: list[str]
    supports: list[str]


@dataclass(frozen=True)
class ClaimRelation:
    """A curator's link between two claims: its kind (the YAML key: contradicts, opposes,
    supports, superseded_by), the claim that states it, the claim it points at, and why."""

    kind: str
    source: str
    target: str
    reason: str


@dataclass
class Membership:
    """A role of a member in an organisation, dated where the sources say."""

    ref: Ref
    member: Ref
    organisation: Ref
    role: str
    start: DateLiteral | None
    end: DateLiteral | None
    inferred: bool
    note: str
    articles: list[str]


@dataclass
class Article:
    """A source article with its full text and metadata."""

    ref: Ref
    headline: str
    published: DateLiteral | None
    authors: list[Ref]
    publisher: Ref | None
    genre: str
    description: str
    language: str
    body: str

    @property
    def short(self) -> str:
        """A compact name for lists of sources: publisher and date, ``Resistentiam, 9 January 2022``."""
        parts = [
            self.publisher.label if self.publisher else "",
            self.published.label() if self.published else "",
        ]
        return ", ".join(p for p in parts if p) or self.headline


@dataclass
class Site:
    """Everything the pages need, each collection sorted so that output is deterministic."""

    entities: dict[str, Entity]
    articles: dict[str, Article]
    claims: dict[str, Claim]
    memberships: list[Membership]
    anchors: list[Anchor]
    figures: dict[str, str]  # figure IRI → a one-line description for its highlight
    sub_organisations: list[tuple[Ref, Ref]]  # (part, whole)
    labels: dict[str, str]
    relations: list[ClaimRelation] = field(default_factory=list)  # sorted by kind, then claims

    @cached_property
    def anchor_of(self) -> dict[str, Anchor]:
        """The one anchor of each claim and figure, by its IRI."""
        return {a.body: a for a in self.anchors if a.kind != "mention"}

    @cached_property
    def spellings(self) -> dict[str, dict[str, list[str]]]:
        """For each entity, every spelling its mentions use and the articles that use it."""
        found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for a in self.anchors:
            if a.kind == "mention":
                found[a.body][a.exact].add(a.article)
        return {e: {s: sorted(arts) for s, arts in sorted(v.items())} for e, v in found.items()}

    def ref(self, iri: str) -> Ref:
        """A Ref for any node: its label (or id) and its page, if it has one."""
        return make_ref(self.labels, iri)

    def claim_href(self, iri: str) -> str:
        """Where a claim is read: its highlight in the article page."""
        claim = self.claims[iri]
        return f"{page_path(claim.article)}#{claim_id(iri)}"


def claim_id(iri: str) -> str:
    """The HTML id of a claim's highlight in its article page."""
    return "claim-" + local_id(iri)
