"""An entity's claims, made and about it, as two tabs of compact lists grouped by year and
article, each with its own offline filters.

The tabs are radio buttons and CSS, so they work without JavaScript; ``filter.js`` adds only
the filters. A group shows its article's headline and source once, and then each claim's
stance, date and quote, so 119 claims read as a handful of conversations rather than 119
repeated cards.
"""

from __future__ import annotations

from itertools import groupby

from kzkg.site.claims_page import claim_item, filter_form
from kzkg.site.layout import esc, link
from kzkg.site.model import Claim, Site

ROOT = "../"


def _order(site: Site, claim: Claim) -> tuple[str, str, int, str]:
    anchor = site.anchor_of.get(claim.ref.iri)
    year = str(claim.date.year) if claim.date else "9999"
    published = site.articles[claim.article].published if claim.article in site.articles else None
    return (
        year,
        published.lexical if published else "",
        anchor.start if anchor else 0,
        claim.ref.iri,
    )


def grouped(site: Site, claims: list[Claim], *, speaker: bool) -> str:
    """The claims in groups of one year and one article, the headline once per group."""
    ordered = sorted(claims, key=lambda c: _order(site, c))
    groups = []
    for (year, article_iri), members in groupby(
        ordered, key=lambda c: (c.date.year if c.date else None, c.article)
    ):
        items = list(members)
        article = site.articles.get(article_iri)
        title = link(article.ref, ROOT, article.headline) if article else "no article"
        source = f' <span class="muted">· {esc(article.short)}</span>' if article else ""
        rendered = "".join(
            claim_item(site, c, ROOT, ident=False, speaker=speaker, source=False) for c in items
        )
        groups.append(
            f'<div class="claim-group" data-group><h3><span class="year">{year or "undated"}</span> '
            f'{title}{source} <span class="count">{len(items)}</span></h3>'
            f'<ul class="claim-items">{rendered}</ul></div>'
        )
    return "".join(groups)


def _block(site: Site, ident: str, claims: list[Claim], *, speaker: bool) -> str:
    form = filter_form(site, claims, speakers=speaker)
    return (
        f'<section class="claims-block tab-panel" id="{ident}">{form}'
        f"{grouped(site, claims, speaker=speaker)}</section>"
    )


def claim_tabs(site: Site, made: list[Claim], about: list[Claim]) -> str:
    """The entity's claims: a tab for those it made, one for those about it (the first that
    has any is open); a single list when there is only one kind."""
    blocks = [
        ("claims-by", "Claims made", made, False),
        ("claims-about", "Claims about", about, True),
    ]
    blocks = [block for block in blocks if block[2]]
    if not blocks:
        return ""
    tabs, panels = [], []
    for number, (ident, title, claims, speaker) in enumerate(blocks):
        checked = " checked" if number == 0 else ""
        tabs.append(
            f'<input type="radio" name="claims-tab" id="tab-{ident}" class="tab-switch"{checked}>'
            f'<label for="tab-{ident}" class="tab">{esc(title)} <span class="count">'
            f"{len(claims)}</span></label>"
        )
        panels.append(_block(site, ident, claims, speaker=speaker))
    return (
        f'<section class="claims" id="claims"><h2>Claims</h2><div class="tabs">{"".join(tabs)}'
        f"{''.join(panels)}</div></section>"
    )
