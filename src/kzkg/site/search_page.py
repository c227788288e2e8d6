"""Search over names, spellings and quotes, offline, from an index built with the site.

The index is ``search-index.js``: one JSON document assigned to a variable, read with a
``<script>`` tag rather than fetched, because a browser refuses ``fetch`` on a ``file://`` page
and the site must work opened straight from the folder. ``search.js`` matches every word of the
query (case and accents ignored) against each entry. Without JavaScript, the page is an A–Z list
of every entity with all its spellings, so the browser's own find still works.
"""

from __future__ import annotations

import json

from kzkg.site.layout import esc, link, page
from kzkg.site.model import KIND_LABELS, Site, claim_id

INDEX_NAME = "search-index.js"


def index_entries(site: Site) -> list[dict[str, str]]:
    """Entities (label, spellings), articles (headline) and claims (quote, paraphrase), sorted."""
    entries = []
    for entity in site.entities.values():
        if not entity.ref.path:
            continue
        spellings = {*entity.aliases, *site.spellings.get(entity.ref.iri, {})} - {entity.ref.label}
        entries.append(
            {
                "kind": KIND_LABELS[entity.kind],
                "title": entity.ref.label,
                "also": " · ".join(sorted(spellings)),
                "text": entity.description,
                "href": entity.ref.path,
            }
        )
    for article in site.articles.values():
        entries.append(
            {
                "kind": "article",
                "title": article.headline,
                "also": article.short,
                "text": article.description,
                "href": article.ref.path or "",
            }
        )
    for iri, claim in site.claims.items():
        entries.append(
            {
                "kind": "claim",
                "title": f"{claim.speaker.label} {claim.stance}",
                "also": claim.paraphrase,
                "text": claim.text,
                "href": f"claims.html#{claim_id(iri)}",
            }
        )
    order = {"person": 0, "organisation": 1, "group": 2, "place": 3, "event": 4, "article": 5}
    return sorted(entries, key=lambda e: (order.get(e["kind"], 6), e["title"], e["href"]))


def search_index(site: Site) -> str:
    """The content of ``search-index.js``; ``</`` escaped as anywhere JSON meets a script."""
    data = json.dumps(index_entries(site), ensure_ascii=False, sort_keys=True, indent=0)
    return "window.KZKG_SEARCH = " + data.replace("</", "<\\/") + ";\n"


def search_page(site: Site) -> str:
    """The HTML of ``search.html``: the box, the results, and the A–Z list beneath."""
    entities = sorted(
        (e for e in site.entities.values() if e.ref.path), key=lambda e: e.ref.label.casefold()
    )
    rows = []
    for entity in entities:
        spellings = sorted(
            {*entity.aliases, *site.spellings.get(entity.ref.iri, {})} - {entity.ref.label}
        )
        also = f' <span class="muted">({esc(", ".join(spellings))})</span>' if spellings else ""
        rows.append(
            f"<li>{link(entity.ref, '')} <small>{KIND_LABELS[entity.kind]}</small>{also}</li>"
        )
    body = f"""<h1>Search</h1>
<form class="search" role="search" action="search.html" method="get">
<label for="q">Names, spellings and quotes</label>
<input id="q" name="q" type="search" autocomplete="off" placeholder="Kosanov, Kazakhstan 2012, strike…">
<button type="submit">Search</button></form>
<p id="search-status" class="muted" role="status" aria-live="polite"></p>
<ol id="search-results" class="search-results"></ol>
<section id="a-z"><h2>Every entity, A–Z <span class="count">{len(rows)}</span></h2>
<ul class="columns">{"".join(rows)}</ul></section>
<script src="{INDEX_NAME}" defer></script>
<script src="search.js" defer></script>"""
    return page("Search", body, current="search.html", kind="search")
