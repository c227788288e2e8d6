"""The entry pages: the index (counts and ways in), the article list, and the contradictions.

The contradictions page puts the two claims of each link that sets claims against each other
side by side, each with its speaker, stance, date and source, and takes no side: the graph
records what was said. The kinds stay apart, since "cannot both be true" is rarer than it looks:
contradictions, oppositions (positions or demands), and later outcomes (a prediction or a state
of affairs, then what a later claim reports), each pair with the curators' reason.
"""

from __future__ import annotations

from collections import Counter

from kzkg.site.cards import claim_card
from kzkg.site.layout import esc, link, links, page, section, when
from kzkg.site.model import KINDS, ClaimRelation, Site

# The kinds the page shows, in page order: (YAML key, heading, what a pair means, divider).
SHOWN_KINDS = (
    (
        "contradicts",
        "Contradictions",
        "pairs of claims that cannot both be true at the same time",
        "vs",
    ),
    (
        "opposes",
        "Oppositions",
        "pairs of opposing positions or demands, which could both be held",
        "vs",
    ),
    (
        "superseded_by",
        "Later outcomes",
        "a prediction or a state of affairs, and what a later claim reports",
        "then",
    ),
)


def contradiction_pairs(site: Site) -> list[tuple[str, str]]:
    """Each contradicting pair once (the graph states it both ways), in date then id order."""
    pairs = {
        tuple(sorted((iri, other)))
        for iri, claim in site.claims.items()
        for other in claim.contradicts
        if other in site.claims and other != iri
    }

    def order(pair: tuple[str, ...]) -> tuple[str, ...]:
        dates = [site.claims[i].date.lexical if site.claims[i].date else "9999" for i in pair]
        return (min(dates), *pair)

    return [(a, b) for a, b in sorted(pairs, key=order)]


def _card(href: str, number: int, label: str) -> str:
    return f'<li><a href="{href}"><span class="number">{number}</span> {esc(label)}</a></li>'


def index_page(site: Site) -> str:
    """Counts, the main views, the articles, and every entity by kind."""
    by_kind = Counter(e.kind for e in site.entities.values())
    mentions = sum(1 for a in site.anchors if a.kind == "mention")
    counts = [_card(f"#{kind}", by_kind[kind], name) for kind, name in KINDS.items()]
    counts += [
        _card("articles.html", len(site.articles), "articles"),
        _card("contradictions.html", len(contradiction_pairs(site)), "contradictions"),
        _card("claims.html", len(site.claims), "claims"),
        _card("search.html#a-z", mentions, "mentions"),
        _card("network.html", len(site.memberships), "roles"),
    ]
    views = [
        ("search.html", "Search", "names, every spelling, and the words of every claim"),
        ("claims.html", "Claims", "every claim, filtered by speaker, stance, article or relation"),
        ("timeline.html", "Timeline", "every event, dated as precisely as the sources allow"),
        ("contradictions.html", "Contradictions", "opposing claims side by side"),
        ("network.html", "Network", "who holds roles in, and speaks about, which organisation"),
        ("queries.html", "Query catalogue", "each canned SPARQL question and its answer"),
        ("query.html", "Query page", "write SPARQL or run a canned question (with kzkg serve)"),
        ("ontology.html", "Ontology", "every class and property, with definitions and alignments"),
    ]
    view_items = "".join(
        f'<li><a href="{href}">{esc(title)}</a> <span class="muted">{esc(what)}</span></li>'
        for href, title, what in views
    )
    kinds = []
    for kind, name in KINDS.items():
        members = sorted(
            (e for e in site.entities.values() if e.kind == kind), key=lambda e: e.ref.label
        )
        items = "".join(f"<li>{link(e.ref, '')}</li>" for e in members)
        kinds.append(
            section(name.capitalize(), f'<ul class="columns">{items}</ul>', kind, len(members))
        )
    body = f"""<h1>Kazakhstan's political life, as a knowledge graph</h1>
<p class="lead">Persons, organisations, events and the claims people make about them, read from
{len(site.articles)} news articles. Every fact points back at its article and the exact words
that state it.</p>
<ul class="counts">{"".join(counts)}</ul>
<section id="views"><h2>Explore</h2><ul class="views">{view_items}</ul></section>
{section("Articles", _article_list(site), "articles")}
{"".join(kinds)}"""
    return page("Overview", body, current="index.html", kind="index")


def _article_list(site: Site) -> str:
    items = []
    for article in sorted(
        site.articles.values(),
        key=lambda a: (a.published.lexical if a.published else "", a.ref.iri),
    ):
        claims = sum(1 for c in site.claims.values() if c.article == article.ref.iri)
        publisher = f" · {link(article.publisher, '')}" if article.publisher else ""
        items.append(
            f'<li><a class="headline" href="{article.ref.path}">{esc(article.headline)}</a>'
            f'<p class="meta">{when(article.published)} · {links(article.authors, "")}{publisher}'
            f" · {claims} claims</p></li>"
        )
    return f'<ul class="articles">{"".join(items)}</ul>'


def articles_page(site: Site) -> str:
    """The source articles in publication order, with their descriptions."""
    body = (
        '<h1>Articles</h1><p class="lead">The sources of the graph, oldest first. Open one to '
        f"read it with every mention and claim highlighted.</p>{_article_list(site)}"
    )
    return page("Articles", body, current="articles.html", kind="articles")


def relation_pairs(site: Site, kind: str) -> list[ClaimRelation]:
    """The links of one kind between claims the site shows, earliest first, then by claim."""

    def order(relation: ClaimRelation) -> tuple[str, ...]:
        dates = [
            site.claims[i].date.lexical if site.claims[i].date else "9999"
            for i in (relation.source, relation.target)
        ]
        return (min(dates), relation.source, relation.target)

    shown = [
        r
        for r in site.relations
        if r.kind == kind and r.source in site.claims and r.target in site.claims
    ]
    return sorted(shown, key=order)


def _pair(site: Site, relation: ClaimRelation, ident: str, number: int, divider: str) -> str:
    first, second = site.claims[relation.source], site.claims[relation.target]
    if divider == "then" and (second.date.lexical if second.date else "") < (
        first.date.lexical if first.date else ""
    ):
        first, second = second, first
    shared = [r for r in first.about if r in second.about] or first.about + second.about
    about = f"About {links(dict.fromkeys(shared), '')}" if shared else "Claims"
    return (
        f'<section class="pair" id="{ident}"><h3><span class="count">{number}</span> '
        f'{about}</h3><p class="reason">{esc(relation.reason)}</p><div class="versus">'
        f'<div class="side">{claim_card(site, first, "", related=False)}</div>'
        f'<div class="{divider}" aria-hidden="true">{divider}</div><div class="side">'
        f"{claim_card(site, second, '', related=False)}</div></div></section>"
    )


def contradictions_page(site: Site) -> str:
    """Each kind of conflicting link in its own section, every pair as two cards side by side
    (stacked on a narrow screen) under the curators' reason."""
    sections, summary = [], []
    for kind, title, meaning, divider in SHOWN_KINDS:
        pairs = relation_pairs(site, kind)
        blocks = [
            _pair(site, relation, f"{kind}-{number}", number, divider)
            for number, relation in enumerate(pairs, start=1)
        ]
        summary.append(f'<li><a href="#{kind}">{esc(title)}</a>: {len(pairs)} {esc(meaning)}</li>')
        sections.append(
            f'<section class="kind" id="{kind}"><h2>{esc(title)} '
            f'<span class="count">{len(pairs)}</span></h2><p class="muted">{esc(meaning)}.</p>'
            f"{''.join(blocks)}</section>"
        )
    body = (
        '<h1>Contradictions</h1><p class="lead">Claims set against each other, each side with its '
        "speaker and source, and the curators' reason for the link. The graph records the "
        f"disagreement; it does not decide who is right.</p><ul>{''.join(summary)}</ul>"
        f"{''.join(sections)}"
    )
    return page("Contradictions", body, current="contradictions.html", kind="contradictions")
