"""The claims page: every claim of the graph in one list, filterable by speaker, stance,
article and relation to other claims.

Each claim is one compact item (speaker, stance, date, the quote in its sentence, what it is
about, its article), not a full card, so that 341 claims stay a light page. Every item carries its filter
values as ``data-`` attributes; ``filter.js`` hides what a choice leaves out, offline, without
a request. Without JavaScript the page is the whole list, grouped by article, still readable.
The item ids (``claim-ID``) are what the query page links a claim IRI to.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from kzkg.site.cards import quote_in_sentence
from kzkg.site.layout import attr, esc, link, links, page, when
from kzkg.site.model import Claim, Site, claim_id

RELATIONS = {"contradicts": "contradicts another claim", "supports": "supports another claim"}
RELATIONS["none"] = "neither"


def relation_kinds(claim: Claim, site: Site) -> list[str]:
    """How a claim relates to others: contradicts, supports, or none."""
    kinds = [kind for kind in ("contradicts", "supports") if getattr(claim, kind)]
    return kinds or ["none"]


def claim_item(
    site: Site,
    claim: Claim,
    root: str,
    *,
    ident: bool = True,
    speaker: bool = True,
    source: bool = True,
) -> str:
    """One claim as a list item with its filter values; links relative to ``root``.

    ``speaker=False`` on the speaker's own page, ``source=False`` under a heading that names
    the article already, ``ident=False`` where the same claim may be listed twice."""
    article = site.articles.get(claim.article)
    kinds = relation_kinds(claim, site)
    data = {
        "speaker": claim.speaker.iri,
        "stance": claim.stance,
        "article": claim.article,
        "relation": " ".join(kinds),
        "year": str(claim.date.year) if claim.date else "",
    }
    attrs = "".join(f' data-{key}="{attr(value)}"' for key, value in data.items())
    anchor = f' id="{claim_id(claim.ref.iri)}"' if ident else ""
    tags = "".join(
        f' <span class="tag {kind}">{esc(kind)}</span>' for kind in kinds if kind != "none"
    )
    about = f'<span class="about">about {links(claim.about, root)}</span>' if claim.about else ""
    where = f' · <span class="source">{esc(article.short)}</span>' if article and source else ""
    who = f'<span class="speaker">{link(claim.speaker, root)}</span> ' if speaker else ""
    return (
        f'<li class="claim-item"{anchor}{attrs}><p class="meta">{who}'
        f'<span class="stance s-{attr(claim.stance)}">{esc(claim.stance)}</span>{tags} · '
        f"{when(claim.date, claim.inferred, claim.date_note)}{where}</p>"
        f"{quote_in_sentence(site, claim, root)}"
        f'<p class="muted small">{esc(claim.paraphrase)} {about}</p></li>'
    )


def _options(name: str, label: str, choices: Iterable[tuple[str, str, int]]) -> str:
    """A select of the values that occur; nothing when there is only one (no choice to make)."""
    choices = list(choices)
    if len(choices) < 2:
        return ""
    items = "".join(
        f'<option value="{attr(value)}">{esc(text)} ({count})</option>'
        for value, text, count in choices
    )
    return (
        f'<label>{esc(label)} <select name="{attr(name)}" data-filter="{attr(name)}">'
        f'<option value="">all</option>{items}</select></label>'
    )


def filter_form(
    site: Site, claims: list[Claim], *, speakers: bool = True, remember: bool = False
) -> str:
    """The filter controls for a list of claims: only values that occur, with their counts;
    nothing for a list too uniform to filter."""
    speaker_count = Counter(c.speaker.iri for c in claims)
    stance_count = Counter(c.stance for c in claims)
    article_count = Counter(c.article for c in claims)
    relation_count = Counter(k for c in claims for k in relation_kinds(c, site))
    controls = []
    if speakers:
        names = {c.speaker.iri: c.speaker.label for c in claims}
        choices = sorted(((i, names[i], n) for i, n in speaker_count.items()), key=lambda c: c[1])
        controls.append(_options("speaker", "Speaker", choices))
    controls.append(
        _options("stance", "Stance", ((s, s, n) for s, n in sorted(stance_count.items())))
    )
    ordered = sorted(article_count, key=lambda a: (site.articles[a].published.lexical, a))
    controls.append(
        _options(
            "article", "Article", ((a, site.articles[a].short, article_count[a]) for a in ordered)
        )
    )
    controls.append(
        _options(
            "relation",
            "Relation",
            ((k, RELATIONS[k], relation_count[k]) for k in RELATIONS if relation_count[k]),
        )
    )
    if not any(controls):
        return ""
    keep = " data-remember" if remember else ""  # the choice goes into the address
    return (
        f'<form class="filters" hidden{keep} aria-label="Filter the claims">{"".join(controls)}'
        f'<p class="shown muted" role="status" aria-live="polite"></p></form>'
    )


def claims_page(site: Site) -> str:
    """Every claim, grouped by article (oldest first), in the article's reading order."""
    groups = []
    all_claims: list[Claim] = []
    for article in sorted(site.articles.values(), key=lambda a: (a.published.lexical, a.ref.iri)):
        own = [c for c in site.claims.values() if c.article == article.ref.iri]
        own.sort(key=lambda c: (site.anchor_of[c.ref.iri].start, c.ref.iri))
        if not own:
            continue
        all_claims += own
        items = "".join(claim_item(site, c, "") for c in own)
        groups.append(
            f'<section class="claim-group" data-group><h2>{link(article.ref, "", article.headline)} '
            f'<span class="count">{len(own)}</span></h2><p class="muted small">{esc(article.short)}'
            f'</p><ul class="claim-items">{items}</ul></section>'
        )
    body = (
        f'<h1>Claims</h1><p class="lead">All {len(all_claims)} claims of the graph: who said what, '
        "with which stance, where. Choose a speaker, a stance, an article or a relation to narrow "
        "the list; each quote links to its place in the article.</p>"
        f'{filter_form(site, all_claims, remember=True)}<div class="claim-list-all">{"".join(groups)}</div>'
        '<script src="filter.js" defer></script>'
    )
    return page("Claims", body, current="claims.html", kind="claims")
