"""A claim as a card: who, stance, when, where, and the quote highlighted in its sentence.

Entity pages and the contradictions page show claims the same way, so a reader learns one
layout; the quote links to its highlight in the article page, where the full context is.
"""

from __future__ import annotations

from kzkg.site.highlight import sentence
from kzkg.site.layout import attr, esc, link, links, when
from kzkg.site.model import Claim, Site


def quote_in_sentence(site: Site, claim: Claim, root: str) -> str:
    """The claim's sentence from its article, the quote marked and linked to the article."""
    anchor = site.anchor_of.get(claim.ref.iri)
    href = root + site.claim_href(claim.ref.iri) if claim.article in site.articles else ""
    if anchor is None or anchor.article not in site.articles:
        before, quote, after = "", claim.text, ""
    else:
        before, quote, after = sentence(
            site.articles[anchor.article].body, anchor.start, anchor.end
        )
    mark = f'<mark data-quote="{attr(claim.text)}">{esc(quote)}</mark>'
    if href:
        mark = f'<a class="quote" href="{attr(href)}">{mark}</a>'
    return f'<blockquote class="in-sentence"><p>{esc(before)}{mark}{esc(after)}</p></blockquote>'


def _related(site: Site, label: str, iris: list[str], root: str) -> str:
    items = []
    for iri in iris:
        if iri in site.claims:
            other = site.claims[iri]
            href = attr(root + site.claim_href(iri))
            items.append(
                f'<a href="{href}">{esc(other.speaker.label)}: {esc(other.paraphrase)}</a>'
            )
    if not items:
        return ""
    return f'<p class="related"><span class="tag {label}">{label}</span> {"; ".join(items)}</p>'


def claim_card(
    site: Site, claim: Claim, root: str, *, speaker: bool = True, related: bool = True
) -> str:
    """One claim as an <article>; ``speaker=False`` on the speaker's own page, ``related=False``
    where the page itself shows what the claim contradicts."""
    article = site.articles.get(claim.article)
    meta = [f'<span class="stance s-{attr(claim.stance)}">{esc(claim.stance)}</span>']
    if speaker:
        meta.append(f'<span class="speaker">{link(claim.speaker, root)}</span>')
    meta.append(when(claim.date, claim.inferred, claim.date_note))
    if article:
        meta.append(f"in {link(article.ref, root, article.headline)}")
    if claim.relayers:
        meta.append(f"relayed by {links(claim.relayers, root)}")
    about = f'<p class="about">About {links(claim.about, root)}</p>' if claim.about else ""
    return (
        '<article class="claim-card">'
        f'<p class="meta">{" · ".join(meta)}</p>'
        f"{quote_in_sentence(site, claim, root)}"
        f'<p class="paraphrase">{esc(claim.paraphrase)}</p>{about}'
        f"{_related(site, 'contradicts', claim.contradicts if related else [], root)}"
        f"{_related(site, 'supports', claim.supports if related else [], root)}</article>"
    )
