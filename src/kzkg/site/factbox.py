"""The fact box that opens an entity's page: what it is, what it is called, its roles and
members with their dates, its places, when the sources first and last mention it, and where
its data is.

Everything in it is also on the page in full (names with their sources, roles with theirs);
the box is the summary a reader takes in before scrolling, so each row stays one short line.
"""

from __future__ import annotations

from kzkg.site.entity_data import turtle_path
from kzkg.site.layout import attr, esc, link, span_of, when
from kzkg.site.model import KIND_LABELS, Article, DateLiteral, Entity, Membership, Ref, Site
from kzkg.site.timeline import ruler

ROOT = "../"
LISTED = 6  # members or roles named in the box; the rest are counted, with a link to all


def _dated(membership: Membership, text: str) -> str:
    if membership.start or membership.end:
        dates = span_of(membership.start, membership.end, membership.inferred)
    else:
        dates = '<span class="muted">dates not given</span>'
    return f"{text} <small>({dates})</small>"


def _capped(items: list[str], more_href: str) -> str:
    shown = "; ".join(items[:LISTED])
    if len(items) > LISTED:
        shown += f'; <a href="{more_href}">{len(items) - LISTED} more</a>'
    return shown


def _roles(entity: Entity, memberships: list[Membership]) -> list[tuple[str, str]]:
    own = [m for m in memberships if m.member.iri == entity.ref.iri]
    members = [m for m in memberships if m.organisation.iri == entity.ref.iri]
    rows = []
    if own:
        items = [_dated(m, f"{esc(m.role)} of {link(m.organisation, ROOT)}") for m in own]
        rows.append(("roles", _capped(items, "#roles")))
    if members:
        items = [_dated(m, f"{link(m.member, ROOT)}, {esc(m.role)}") for m in members]
        rows.append(("members", _capped(items, "#roles")))
    return rows


def _value(value: Ref | DateLiteral | str) -> str:
    if isinstance(value, Ref):
        return link(value, ROOT)
    return when(value) if isinstance(value, DateLiteral) else esc(value)


def _event_places(entity: Entity, events: list[tuple[str, Entity]]) -> str:
    """The places of the events the entity took part in, unless its own facts name them."""
    own = {v.iri for _, values in entity.facts for v in values if isinstance(v, Ref)}
    found: dict[str, Ref] = {}
    for _, event in events:
        for label, values in event.facts:
            for value in values:
                if label == "place" and isinstance(value, Ref) and value.iri not in own:
                    found[value.iri] = value
    return ", ".join(link(r, ROOT) for r in sorted(found.values(), key=lambda r: r.label))


def mentioning_articles(site: Site, entity: Entity, claim_articles: set[str]) -> list[Article]:
    """The articles that name the entity, state a fact of it or hold a claim by or about it,
    oldest first."""
    iris = {*entity.articles, *claim_articles}
    for articles in site.spellings.get(entity.ref.iri, {}).values():
        iris.update(articles)
    found = [site.articles[i] for i in iris if i in site.articles]
    return sorted(found, key=lambda a: (a.published.lexical if a.published else "", a.ref.iri))


def _mention(article: Article) -> str:
    return (
        f'<a href="{ROOT}{attr(article.ref.path)}" title="{attr(article.headline)}">'
        f"{esc(article.short)}</a>"
    )


def fact_box(
    site: Site,
    entity: Entity,
    memberships: list[Membership],
    events: list[tuple[str, Entity]],
    sources: list[Article],
) -> str:
    """The <aside> of facts; rows without a value are left out."""
    kinds = ", ".join(dict.fromkeys([KIND_LABELS[entity.kind], *entity.types]))
    names = sorted({*entity.aliases, *site.spellings.get(entity.ref.iri, {})} - {entity.ref.label})
    spelled = esc(", ".join(names[:8])) + (
        f' <a href="#names">and {len(names) - 8} more</a>' if len(names) > 8 else ""
    )
    rows = [
        ("kind", esc(kinds)),
        ("also written", spelled if names else ""),
        ("title", esc("; ".join(entity.titles))),
    ]
    if entity.start or entity.end:
        drawn = ruler(entity.start, entity.end, entity.inferred) if entity.start else ""
        rows.append(("date", span_of(entity.start, entity.end, entity.inferred) + drawn))
    rows.append(("about the date", esc(entity.date_note)))
    rows += [(label, ", ".join(_value(v) for v in values)) for label, values in entity.facts]
    rows += _roles(entity, memberships)
    rows.append(("places of its events", _event_places(entity, events)))
    if sources:
        first, last = sources[0], sources[-1]
        rows.append(("first mention", _mention(first)))
        if last is not first:
            rows.append(("last mention", _mention(last)))
    data = (
        f'<a href="{ROOT}{attr(turtle_path(entity.ref.path or ""))}" type="text/turtle">'
        f"Turtle</a> · IRI <code>{esc(entity.ref.iri)}</code>"
    )
    rows += [("curator's note", esc(note)) for note in entity.notes]
    rows.append(("data", data))
    items = "".join(f"<dt>{esc(term)}</dt><dd>{value}</dd>" for term, value in rows if value)
    return f'<aside class="factbox" aria-label="Facts"><dl class="facts">{items}</dl></aside>'
