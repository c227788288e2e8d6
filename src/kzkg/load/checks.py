"""Consistency checks across records whose references already resolve: dates and links.

Each check takes the records by id and returns located problems; none of them reads files or
anchors quotes. They are the mistakes a record can make only in relation to another record (an
end before its start, a claim contradicting itself, renamings or hierarchies that go round in a
circle), so
:mod:`kzkg.load.records` cannot see them and the SHACL shapes would see them too late to name a line.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from kzkg.load.kinds import FIELD_PROPERTIES
from kzkg.load.model import LINK_KINDS, Article, Change, Claim
from kzkg.load.records import line_of
from kzkg.runtime import Problem

DATE_PAIRS = (("start", "end"), ("founded", "dissolved"))
IRI_PATTERN = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


def at(record: Any, key: str, what: str, fix: str) -> Problem:
    """A problem located at the line of ``key`` in ``record``'s YAML mapping."""
    return Problem(record.source.path, line_of(record.source, key), what, fix)


def check_dates(records: Mapping[str, Any]) -> list[Problem]:
    """An end before its start; an inferred date without its evidence, or evidence without it."""
    problems = []
    for record in records.values():
        for first, last in DATE_PAIRS:
            a, b = getattr(record, first, None), getattr(record, last, None)
            if a is not None and b is not None and b.latest < a.earliest:
                problems.append(
                    at(
                        record,
                        last,
                        f"{last} {b.value} is before {first} {a.value}",
                        f"correct one of the two dates of {record.id!r}",
                    )
                )
        inferred, note = getattr(record, "date_inferred", False), getattr(record, "date_note", None)
        if note and not inferred:
            problems.append(
                at(
                    record,
                    "date_note",
                    f"{record.id!r} has a date_note but no `date_inferred: true`",
                    "add `date_inferred: true`, or drop the note",
                )
            )
        if inferred and not note:
            problems.append(
                at(
                    record,
                    "date_inferred",
                    f"{record.id!r} is date_inferred without a date_note",
                    "add `date_note:` giving the evidence for the date",
                )
            )
    return problems


def check_claims(records: Mapping[str, Any]) -> list[Problem]:
    """A claim linked to itself, or to one claim twice (two kinds of relation, or the same one
    twice); a speaker listed as their own relayer; a claim dated after the article that reports
    it. (Unknown references are found for every reference field by :mod:`kzkg.load.corpus`.)"""
    problems = []
    for claim in (r for r in records.values() if isinstance(r, Claim)):
        seen: dict[str, str] = {}
        for key in LINK_KINDS:
            for link in getattr(claim, key):
                if link.claim == claim.id:
                    problems.append(
                        at(
                            link,
                            "claim",
                            f"{key}: {claim.id!r} is the record itself",
                            f"remove it from `{key}:`",
                        )
                    )
                elif link.claim in seen:
                    problems.append(
                        at(
                            link,
                            "claim",
                            f"claim {claim.id!r} both {seen[link.claim]} and {key} {link.claim}",
                            "keep only one of the two relations",
                        )
                    )
                seen.setdefault(link.claim, key)
        if claim.speaker in claim.relayed_by:
            problems.append(
                at(
                    claim,
                    "relayed_by",
                    f"the speaker {claim.speaker!r} is also listed as relaying the claim",
                    "relayed_by names only those who pass the claim on: remove the speaker",
                )
            )
        article = records.get(claim.article)
        if (
            claim.date
            and isinstance(article, Article)
            and claim.date.earliest > article.published.latest
        ):
            problems.append(
                at(
                    claim,
                    "date",
                    f"claim date {claim.date.value} is after the article's publication "
                    f"{article.published.value}",
                    "a claim is made before it is reported: correct the date",
                )
            )
    return problems


def check_change_cycles(records: Mapping[str, Any]) -> list[Problem]:
    """Renamings that lead back to where they started cannot happen in time; one message each."""
    changes = sorted(
        (r for r in records.values() if isinstance(r, Change)),
        key=lambda c: (str(c.source.path), c.source.line),
    )
    edges: dict[str, list[tuple[str, Change]]] = defaultdict(list)
    for change in changes:
        for original in change.original:
            edges[original].extend((resulting, change) for resulting in change.resulting)
    problems, reported = [], set()
    for change in changes:
        for original in change.original:
            cycle = _path_back(original, edges)
            if cycle is None:
                continue
            members = frozenset(c.id for _, c in cycle)
            if members in reported:
                continue
            reported.add(members)
            route = " → ".join([original, *(org for org, _ in cycle)])
            problems.append(
                at(
                    change,
                    "resulting",
                    f"{'change' if len(members) == 1 else 'changes'} {', '.join(sorted(members))}"
                    f" {'makes' if len(members) == 1 else 'make'} a cycle: {route}",
                    "an organisation cannot become itself again: check `original:` and "
                    "`resulting:` of these changes",
                )
            )
    return problems


def _path_back(
    start: str, edges: Mapping[str, list[tuple[str, Change]]]
) -> list[tuple[str, Change]] | None:
    """The shortest chain of changes from ``start`` back to ``start``, if there is one."""
    frontier: list[tuple[str, list[tuple[str, Change]]]] = [(start, [])]
    seen: set[str] = set()
    while frontier:
        current, path = frontier.pop(0)
        for following, change in edges.get(current, ()):
            if following == start:
                return [*path, (following, change)]
            if following not in seen:
                seen.add(following)
                frontier.append((following, [*path, (following, change)]))
    return None


HIERARCHIES = {"part_of": "an organisation", "contained_in": "a place"}


def check_hierarchy_cycles(records: Mapping[str, Any]) -> list[Problem]:
    """Organisations part of each other (A in B, B in A) and places inside each other: the
    hierarchy would have no top, and queries walking it would go round. One message a cycle,
    at the first of its records in the files; a record naming itself is reported by
    :mod:`kzkg.load.corpus`."""
    problems = []
    in_order = sorted(records.values(), key=lambda r: (str(r.source.path), r.source.line))
    for key, kind in HIERARCHIES.items():
        parent = {r.id: getattr(r, key) for r in in_order if getattr(r, key, None)}
        reported: set[frozenset[str]] = set()
        for record in in_order:
            route, above = [record.id], parent.get(record.id)
            while above in parent and above not in route:
                route.append(above)
                above = parent[above]
            members = frozenset(route)
            if above != record.id or len(route) < 2 or members in reported:
                continue
            reported.add(members)
            problems.append(
                at(
                    record,
                    key,
                    f"{key}: {' → '.join([*route, record.id])} is a cycle",
                    f"{kind} cannot lie within itself: check `{key}:` of "
                    f"{', '.join(sorted(members))}",
                )
            )
    return problems


def check_curator_knowledge(records: Mapping[str, Any]) -> list[Problem]:
    """Each ``curator_knowledge:`` item marks a field the record has, once, with a reference
    that is an http(s) IRI: a mark on nothing would promise a basis for a fact that is not there."""
    problems = []
    for record in records.values():
        marked: set[str] = set()
        for item in getattr(record, "curator_knowledge", ()):
            if item.field not in FIELD_PROPERTIES or not getattr(record, item.field, None):
                problems.append(
                    at(
                        item,
                        "field",
                        f"curator_knowledge of {record.id!r} marks {item.field!r}, "
                        "which the record does not state",
                        "name one of its keys: "
                        + ", ".join(k for k in FIELD_PROPERTIES if getattr(record, k, None)),
                    )
                )
            elif item.field in marked:
                problems.append(
                    at(item, "field", f"{item.field!r} is marked twice", "keep one mark")
                )
            marked.add(item.field)
            if item.reference is not None and not IRI_PATTERN.match(item.reference):
                problems.append(
                    at(
                        item,
                        "reference",
                        f"reference {item.reference!r} is not an http(s) IRI",
                        "write the full address, e.g. https://en.wikipedia.org/wiki/Almaty",
                    )
                )
    return problems


CHECKS: tuple[Callable[[Mapping[str, Any]], Iterable[Problem]], ...] = (
    check_dates,
    check_claims,
    check_change_cycles,
    check_hierarchy_cycles,
    check_curator_knowledge,
)
