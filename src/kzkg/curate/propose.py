"""`kzkg new`'s first pass of curation: everything it proposes for one article, in one place.

Known mentions are found as the build finds them; the name and claim proposers
(:mod:`kzkg.curate.propose_names`, :mod:`kzkg.curate.propose_claims`) add what the registry does not know
yet. The registry is passed in as records, not read here, so the same function serves the
command and the leave-one-out benchmark (benchmarks/curation.py), which hides part of it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from anyascii import anyascii

from kzkg.curate.propose_claims import ClaimProposal, propose_claims
from kzkg.curate.propose_names import (
    Known,
    candidates,
    derived,
    fold,
    guess_kind,
    spelling_of,
    split_compound,
)
from kzkg.curate.propose_variants import variants
from kzkg.load import (
    KINDS,
    Span,
    Spelling,
    find_mentions,
    mention_pattern,
)


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A known entity and where the article mentions it."""

    entity: str
    kind: str
    label: str
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "kind": self.kind,
            "label": self.label,
            "mentions": [s.to_dict() for s in self.spans],
        }


@dataclass(slots=True)
class AliasProposal:
    """A spelling the text uses for a known entity, to confirm as one of its ``aliases:``."""

    entity: str
    spelling: str
    like: str  # the known spelling it resembles
    spans: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class EntityProposal:
    """A name the registry does not know: a stub to confirm, with a guessed kind."""

    id: str
    label: str
    kind: str
    spans: list[Span] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Proposals:
    known: list[Suggestion]
    aliases: list[AliasProposal]
    entities: list[EntityProposal]
    claims: list[ClaimProposal]

    def speaker_id(self, name: str | None) -> str | None:
        """The id a speaker's name, as written, refers to among known and proposed entities."""
        if not name:
            return None
        for suggestion in self.known:
            if any(name == s.exact or name.endswith(" " + s.exact) for s in suggestion.spans):
                return suggestion.entity
        for alias in self.aliases:
            if name in (alias.spelling, alias.spelling.split()[-1]):
                return alias.entity
        for stub in self.entities:
            if name in (stub.label, *stub.aliases) or name.endswith(" " + stub.label):
                return stub.id
        return None


def slug(name: str) -> str:
    """An id for a proposed entity: its name in lowercase ASCII words joined by hyphens."""
    return "-".join(re.findall(r"[a-z0-9]+", anyascii(name).lower())) or "entity"


def propose(article: str, text: str, entities: Iterable[object]) -> Proposals:
    """Known mentions, new spellings, new entities and candidate claims of one article."""
    entities = list(entities)
    owner: dict[str, str] = {}
    kind_of = {e.id: KINDS.get(type(e), "event") for e in entities}  # type: ignore[attr-defined]
    for entity in entities:
        for spelling in (entity.label, *entity.aliases):  # type: ignore[attr-defined]
            owner.setdefault(spelling, entity.id)  # type: ignore[attr-defined]
    found: dict[str, list[Span]] = defaultdict(list)
    pattern = mention_pattern(Spelling(t, e) for t, e in owner.items())
    for entity_id, where in find_mentions(article, text, pattern, owner):
        found[entity_id].append(where)
    by_id = {e.id: e for e in entities}  # type: ignore[attr-defined]
    known = sorted(
        (Suggestion(i, kind_of[i], by_id[i].label, tuple(s)) for i, s in found.items()),
        key=lambda s: s.spans[0].start,
    )
    spellings = [Known(t, e, kind_of[e]) for t, e in owner.items() if kind_of[e] != "group"]
    aliases: dict[tuple[str, str], AliasProposal] = {}
    stubs: dict[str, EntityProposal] = {}
    surnames: dict[str, EntityProposal] = {}
    known_spans = [s for spans in found.values() for s in spans]
    written_known = set(owner)
    found_candidates = [
        part
        for candidate in candidates(article, text, known_spans)
        for part in split_compound(candidate, written_known)
    ]
    for candidate in found_candidates:
        written = " ".join(candidate.words)
        like = spelling_of(candidate.words, spellings)
        if like is not None:
            key = (like.entity, written)
            proposal = aliases.setdefault(key, AliasProposal(like.entity, written, like.text))
            proposal.spans.append(candidate.where)
            continue
        if candidate.heading:
            continue  # a headline's capitals do not make a name
        if len(candidate.words) == 1 and any(
            derived(fold(written), fold(w)) and len(fold(written)) > len(fold(w))
            for k in spellings
            for w in k.text.split()
        ):
            continue  # an adjective of a known name (Russian, Soviet), not a new entity
        stub = stubs.get(written) or surnames.get(fold(written))
        if stub is None:
            kind = guess_kind(text, candidate.where, candidate.words)
            stub = stubs[written] = EntityProposal(slug(written), written, kind)
            if kind == "person" and len(candidate.words) > 1:
                for part in candidate.words:
                    surnames.setdefault(fold(part), stub)
        elif written != stub.label and written not in stub.aliases:
            stub.aliases.append(written)
        stub.spans.append(candidate.where)
    taken = known_spans + [w for a in aliases.values() for w in a.spans]
    for like, where in variants(article, text, spellings, taken):
        key = (like.entity, where.exact)
        aliases.setdefault(key, AliasProposal(like.entity, where.exact, like.text)).spans.append(
            where
        )
        for stub in stubs.values():
            stub.spans = [w for w in stub.spans if w.end <= where.start or where.end <= w.start]
    stubs = {label: stub for label, stub in stubs.items() if stub.spans}
    claims = propose_claims(article, text)
    return Proposals(known, list(aliases.values()), list(stubs.values()), claims)
