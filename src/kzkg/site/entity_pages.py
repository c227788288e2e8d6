"""One page per person, organisation, group, place and event.

A page answers, for one entity: what is it called (every spelling, and which articles use it),
what is it, which roles link it to organisations and when, which events it took part in, what
it said and what others said about it — each claim with its words, in its sentence.
"""

from __future__ import annotations

from collections import defaultdict

from kzkg.site.entity_claims import claim_tabs
from kzkg.site.factbox import fact_box, mentioning_articles
from kzkg.site.layout import (
    attr,
    bullets,
    esc,
    link,
    page,
    section,
    span_of,
    table,
)
from kzkg.site.model import KIND_LABELS, Article, Entity, Ref, Site

ROOT = "../"


# What an entity is to an event, by the event's fact that names it.
AS_ROLE = {"place": "place", "organised by": "organiser", "attended by": "attendee"}


class EntityIndex:
    """Reverse look-ups built once for all pages: claims by speaker and subject, events, roles."""

    def __init__(self, site: Site) -> None:
        self.by_speaker: dict[str, list[str]] = defaultdict(list)
        self.by_subject: dict[str, list[str]] = defaultdict(list)
        for iri, claim in site.claims.items():
            self.by_speaker[claim.speaker.iri].append(iri)
            for subject in claim.about:
                self.by_subject[subject.iri].append(iri)
        self.events: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
        for event in site.entities.values():
            if event.kind != "event":
                continue
            for label, values in event.facts:
                for value in values:
                    if isinstance(value, Ref):
                        self.events[value.iri].append((AS_ROLE.get(label, label), event))
        self.roles: dict[str, list] = defaultdict(list)
        for membership in site.memberships:
            self.roles[membership.member.iri].append(membership)
            self.roles[membership.organisation.iri].append(membership)


def _source(article: Article) -> str:
    """A compact link to a source article, its headline in the tooltip."""
    return f'<a href="{ROOT}{article.ref.path}" title="{attr(article.headline)}">{esc(article.short)}</a>'


def _summary(entity: Entity) -> str:
    """Badges and the description; every fact is in the fact box that follows."""
    kinds = [KIND_LABELS[entity.kind], *entity.types]
    badges = "".join(f'<span class="tag">{esc(k)}</span>' for k in dict.fromkeys(kinds))
    description = f'<p class="lead">{esc(entity.description)}</p>' if entity.description else ""
    return f'<p class="badges">{badges}</p>{description}'


def _spellings(site: Site, entity: Entity) -> str:
    used = site.spellings.get(entity.ref.iri, {})
    names = sorted(
        {entity.ref.label, *entity.aliases, *used}, key=lambda n: (n != entity.ref.label, n)
    )
    rows = []
    for name in names:
        label = f"<strong>{esc(name)}</strong>" if name == entity.ref.label else esc(name)
        if name == entity.ref.label:
            label += ' <span class="tag">preferred</span>'
        articles = [site.articles[a] for a in used.get(name, []) if a in site.articles]
        cited = (
            ", ".join(_source(a) for a in articles)
            or '<span class="muted">the curated English form</span>'
        )
        rows.append([label, cited])
    return section("Names and spellings", table(["name", "used in"], rows, "spellings"), "names")


def _roles(site: Site, entity: Entity, index: EntityIndex) -> str:
    rows = []
    for m in sorted(
        index.roles.get(entity.ref.iri, []),
        key=lambda m: (m.organisation.label, m.role, m.member.label),
    ):
        sources = ", ".join(_source(site.articles[a]) for a in m.articles if a in site.articles)
        dates = (
            span_of(m.start, m.end, m.inferred)
            if m.start or m.end
            else '<span class="muted">not given</span>'
        )
        note = f'<br><small class="muted">{esc(m.note)}</small>' if m.note else ""
        who = f"{link(m.member, ROOT)} is {esc(m.role)} of {link(m.organisation, ROOT)}"
        rows.append([who, dates + note, sources])
    if not rows:
        return ""
    body = table(["role", "when", "source"], rows, "roles")
    return section("Roles and memberships", body, "roles", len(rows))


def _events(entity: Entity, index: EntityIndex) -> str:
    found = sorted(
        index.events.get(entity.ref.iri, []),
        key=lambda item: (item[1].start.lexical if item[1].start else "9999", item[1].ref.label),
    )
    items = [
        f"{span_of(event.start, event.end, event.inferred)} {link(event.ref, ROOT)}"
        f' <span class="muted">({esc(label)})</span>'
        for label, event in found
    ]
    return section("Events", bullets(items, "events"), "events", len(items)) if items else ""


def _contents(entries: list[tuple[str, str, int | None]]) -> str:
    """The table of contents: each section present, with its count."""
    items = "".join(
        f'<li><a href="#{ident}">{esc(title)}</a>'
        + (f' <span class="count">{count}</span>' if count is not None else "")
        + "</li>"
        for ident, title, count in entries
    )
    return f'<nav class="toc page-toc" aria-label="On this page"><ul>{items}</ul></nav>'


def entity_page(site: Site, entity: Entity, index: EntityIndex) -> str:
    """The HTML of one entity's page (served at ``KIND/ID.html``): the facts first, then the
    claims, then the evidence in full (names with sources, roles, events, sources)."""
    iri = entity.ref.iri
    made = [site.claims[c] for c in sorted(set(index.by_speaker.get(iri, [])))]
    about = [site.claims[c] for c in sorted(set(index.by_subject.get(iri, [])))]
    sources = mentioning_articles(site, entity, {c.article for c in made + about})
    events = index.events.get(iri, [])
    memberships = index.roles.get(iri, [])
    names = _spellings(site, entity)
    roles = _roles(site, entity, index)
    listed = _events(entity, index)
    contents = [
        ("claims-by", "Claims made", len(made)),
        ("claims-about", "Claims about", len(about)),
        ("names", "Names and spellings", None),
        ("roles", "Roles", len(memberships)),
        ("events", "Events", len(events)),
        ("sources", "Sources", len(sources)),
    ]
    present = {"claims-by": made, "claims-about": about, "names": names, "roles": roles}
    present |= {"events": listed, "sources": sources}
    parts = [
        f"<h1>{esc(entity.ref.label)}</h1>",
        _summary(entity),
        fact_box(site, entity, memberships, events, sources),
        _contents([entry for entry in contents if present[entry[0]]]),
        claim_tabs(site, made, about),
        names,
        roles,
        listed,
        section(
            "Sources",
            bullets(
                f'{link(a.ref, ROOT, a.headline)} <span class="muted">{esc(a.short)}</span>'
                for a in sources
            ),
            "sources",
            len(sources),
        )
        if sources
        else "",
    ]
    body = "\n".join(part for part in parts if part)
    body += '\n<script src="../filter.js" defer></script>'
    return page(entity.ref.label, body, root=ROOT, kind=f"entity {entity.kind}")


def entity_pages(site: Site) -> dict[str, str]:
    """Every entity's page by its site path."""
    index = EntityIndex(site)
    return {
        entity.ref.path: entity_page(site, entity, index)
        for entity in site.entities.values()
        if entity.ref.path
    }
