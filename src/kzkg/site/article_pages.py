"""One page per source article: its full text with every mention, claim and figure highlighted.

The text is shown exactly as stored (``white-space: pre-wrap``), so highlight offsets are the
graph's offsets and nothing is re-flowed into paragraphs that a claim could straddle. Mentions
are links to the entity's page; claims carry the HTML id that entity pages link to. Hovering or
focusing a highlight shows what it is (CSS only, from ``data-tip``); each claim's speaker is
named before it, and the legend's switches turn each layer (claims, speakers, mentions,
figures) off and on, with CSS alone.
"""

from __future__ import annotations

from collections import Counter

from kzkg.site.highlight import Highlight, nest
from kzkg.site.layout import bullets, esc, facts, link, links, page, when
from kzkg.site.model import KIND_LABELS, Anchor, Article, Site, claim_id, local_id

ROOT = "../"


def _span(site: Site, anchor: Anchor) -> Highlight:
    """The highlight of one anchor: claims enclose figures, which enclose mentions."""
    if anchor.kind == "claim":
        claim = site.claims[anchor.body]
        tip = f"{claim.speaker.label} {claim.stance}: {claim.paraphrase}"
        classes = f"hl claim s-{claim.stance}"
        return Highlight(
            anchor.start,
            anchor.end,
            claim_id(anchor.body),
            rank=0,
            ident=claim_id(anchor.body),
            attrs=(
                ("class", classes),
                ("data-quote", anchor.exact),
                ("data-speaker", claim.speaker.label),
                ("data-tip", tip),
            ),
        )
    if anchor.kind == "figure":
        tip = f"figure: {site.figures[anchor.body]}"
        key = "figure-" + local_id(anchor.body)
        attrs = (("class", "hl figure"), ("data-quote", anchor.exact), ("data-tip", tip))
        return Highlight(anchor.start, anchor.end, key, rank=1, attrs=attrs)
    entity = site.entities[anchor.body]
    kind = " · ".join([KIND_LABELS[entity.kind], *entity.types[:1]])
    tip = f"{entity.ref.label} ({kind})"
    key = f"mention-{anchor.start}-{anchor.end}"
    attrs = (
        ("class", f"hl mention k-{entity.kind}"),
        ("href", ROOT + (entity.ref.path or "")),
        ("data-quote", anchor.exact),
        ("data-tip", tip),
    )
    return Highlight(anchor.start, anchor.end, key, tag="a", rank=2, attrs=attrs)


def article_text(site: Site, article: Article) -> str:
    """The article's text as HTML with every anchor in it highlighted."""
    anchors = [a for a in site.anchors if a.article == article.ref.iri]
    return nest(article.body, [_span(site, a) for a in anchors])


def _claim_list(site: Site, anchors: list[Anchor]) -> str:
    items = []
    for anchor in anchors:
        claim = site.claims[anchor.body]
        items.append(
            f'<a href="#{claim_id(anchor.body)}">{esc(claim.speaker.label)} '
            f'<span class="stance s-{claim.stance}">{esc(claim.stance)}</span></a> '
            f"{esc(claim.paraphrase)}"
        )
    return bullets(items, "claim-list")


def _entity_list(site: Site, anchors: list[Anchor]) -> str:
    counts = Counter(a.body for a in anchors)
    groups = []
    for kind, name in KIND_LABELS.items():
        found = sorted(
            (site.entities[iri] for iri in counts if site.entities[iri].kind == kind),
            key=lambda e: e.ref.label,
        )
        if found:
            items = ", ".join(
                f'{link(e.ref, ROOT)} <span class="count">{counts[e.ref.iri]}</span>' for e in found
            )
            groups.append(f"<dt>{esc(name)}s</dt><dd>{items}</dd>")
    return f'<dl class="facts">{"".join(groups)}</dl>'


MENTION_KEYS = "".join(
    f'<span class="key mention k-{kind}">{name}</span> ' for kind, name in KIND_LABELS.items()
)


def legend(claims: int, mentions: int, figures: int) -> str:
    """What every colour means, each layer with a switch (checkboxes and CSS: no script)."""

    def switch(layer: str, label: str) -> str:
        return f'<label><input type="checkbox" id="layer-{layer}" checked> {label}</label>'

    return (
        '<fieldset class="legend layers"><legend>Highlights</legend>'
        + switch("claims", f'<span class="key claim">claim</span> ({claims})')
        + switch("speakers", '<span class="key speaker">speaker</span> named before each claim')
        + switch(
            "mentions",
            f"mention ({mentions}), underlined by kind: {MENTION_KEYS.strip()}",
        )
        + switch("figures", f'<span class="key figure">figure</span> ({figures})')
        + '<p class="muted small">Hover over, or tab to, a highlight for what it says; a '
        'linked claim is shown <span class="key target">darker</span>.</p></fieldset>'
    )


def article_page(site: Site, article: Article) -> str:
    """The HTML of one article's page (served at ``article/ID.html``)."""
    own = [a for a in site.anchors if a.article == article.ref.iri]
    claims = [a for a in own if a.kind == "claim"]
    mentions = [a for a in own if a.kind == "mention"]
    meta = facts(
        [
            ("published", when(article.published)),
            ("author", links(article.authors, ROOT)),
            ("publisher", link(article.publisher, ROOT) if article.publisher else ""),
            ("genre", esc(article.genre)),
            ("language", esc(article.language)),
        ]
    )
    description = f'<p class="lead">{esc(article.description)}</p>' if article.description else ""
    body = f"""<h1>{esc(article.headline)}</h1>
{description}{meta}
<details class="index"><summary>{len(claims)} claims in this article</summary>
{_claim_list(site, claims)}</details>
<details class="index"><summary>{len(set(a.body for a in mentions))} entities mentioned \
({len(mentions)} mentions)</summary>
{_entity_list(site, mentions)}</details>
{legend(len(claims), len(mentions), sum(1 for a in own if a.kind == "figure"))}
<div class="article-text" lang="{esc(article.language)}">{article_text(site, article)}</div>
<p class="iri">IRI: <code>{esc(article.ref.iri)}</code></p>"""
    return page(article.headline, body, root=ROOT, kind="article")


def article_pages(site: Site) -> dict[str, str]:
    """Every article's page by its site path."""
    return {a.ref.path: article_page(site, a) for a in site.articles.values() if a.ref.path}
