"""The query catalogue page: each canned query's question, parameters, SPARQL and answer.

Answers are computed at build time on the same store the pages come from, with every parameter
at its default, through ``kzkg.query.run`` — the very code path of ``kzkg query`` — so what the
page shows is what the command prints.
"""

from __future__ import annotations

import pyoxigraph as ox

from kzkg.query import CannedQuery, ResultTable, run
from kzkg.site.layout import attr, esc, page, table
from kzkg.site.model import KZ, page_path

SHOWN = 25  # rows shown at once; the rest fold away under a <details>


def _cell(value: str | None) -> str:
    """A cell of an answer; a kz: node that has a page links to it."""
    path = page_path(KZ + value[3:]) if value and value.startswith("kz:") else None
    return f'<a href="{attr(path)}">{esc(value)}</a>' if path else esc(value or "")


def _answer(result: ResultTable) -> str:
    if not result.rows:
        return '<p class="muted">no rows</p>'
    cells = [[_cell(cell) for cell in row] for row in result.rows]
    shown = table(result.columns, cells[:SHOWN], "answer")
    if len(cells) <= SHOWN:
        return f'<p class="muted">{len(cells)} row{"s" if len(cells) != 1 else ""}</p>{shown}'
    rest = table(result.columns, cells[SHOWN:], "answer")
    return (
        f'<p class="muted">{len(cells)} rows</p>{shown}<details><summary>the other '
        f"{len(cells) - SHOWN} rows</summary>{rest}</details>"
    )


def _query(query: CannedQuery, result: ResultTable) -> str:
    params = ""
    if query.parameters:
        rows = [
            [
                f"<code>{esc(p.name)}</code>",
                esc(p.kind),
                f"<code>{esc(p.default)}</code>",
                esc(p.description),
            ]
            for p in query.parameters
        ]
        params = table(["parameter", "kind", "default", "meaning"], rows, "params")
    check = ' <span class="tag">quality check</span>' if query.name.endswith("-violation") else ""
    return (
        f'<section class="query" id="{attr(query.name)}"><h2><code>{esc(query.name)}</code> '
        f"{esc(query.title)}{check}</h2><p>{esc(query.description)}</p>{params}"
        f"<p><code>{esc(query.example)}</code></p>"
        f"<h3>SPARQL</h3><pre><code>{esc(query.sparql)}</code></pre>"
        f"<h3>Answer on this graph</h3>{_answer(result)}</section>"
    )


def catalogue_page(catalogue: dict[str, CannedQuery], store: ox.Store) -> str:
    """Every query of the catalogue, questions first and quality checks last."""
    names = sorted(catalogue, key=lambda n: (n.endswith("-violation"), n))
    contents = "".join(
        f'<li><a href="#{attr(n)}"><code>{esc(n)}</code></a> {esc(catalogue[n].title)}</li>'
        for n in names
    )
    sections = "".join(_query(catalogue[n], run(catalogue[n], store, {})) for n in names)
    body = (
        '<h1>Query catalogue</h1><p class="lead">The canned SPARQL questions of '
        "<code>kzkg query</code>, each with its current answer on this graph (parameters at "
        "their defaults). Checks (<em>-violation</em>) must return no rows.</p>"
        f'<nav class="toc" aria-label="Queries"><ul class="columns">{contents}</ul></nav>{sections}'
    )
    return page("Query catalogue", body, current="queries.html", kind="queries")
