"""The query catalogue page: each canned query's question, parameters, SPARQL and answer.

Answers are computed at build time on the same store the pages come from, with every parameter
at its default, through ``kzkg.query.catalogue.run`` — the very code path of ``kzkg query`` — so what the
page shows is what the command prints.
"""

from __future__ import annotations

import pyoxigraph as ox

from kzkg.query import CannedQuery, ResultTable, run
from kzkg.site.layout import attr, esc, page, table
from kzkg.site.model import KZ, page_path

SHOWN = 10  # rows shown at once; more fold away under a <details>
KEPT = 50  # rows on the page at most: the query page and `kzkg query` give the whole answer


def _cell(value: str | None) -> str:
    """A cell of an answer; a kz: node that has a page links to it."""
    path = page_path(KZ + value[3:]) if value and value.startswith("kz:") else None
    return f'<a href="{attr(path)}">{esc(value)}</a>' if path else esc(value or "")


def _answer(result: ResultTable, name: str) -> str:
    if not result.rows:
        return '<p class="muted">no rows</p>'
    cells = [[_cell(cell) for cell in row] for row in result.rows[:KEPT]]
    total = len(result.rows)
    count = f'<p class="muted">{total} row{"s" if total != 1 else ""}</p>'
    parts = [count, table(result.columns, cells[:SHOWN], "answer")]
    if len(cells) > SHOWN:
        rest = table(result.columns, cells[SHOWN:], "answer")
        parts.append(f"<details><summary>{len(cells) - SHOWN} more rows</summary>{rest}</details>")
    if total > KEPT:
        parts.append(
            f'<p class="muted">The other {total - KEPT} rows: <a href="query.html?name='
            f'{attr(name)}">run it in the query page</a>, or <code>kzkg query {esc(name)}</code>.</p>'
        )
    return "".join(parts)


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
        f'<p class="run"><a class="button" href="query.html?name={attr(query.name)}">Run it in '
        f"the query page</a> (with <code>kzkg serve</code>) or: <code>{esc(query.example)}</code></p>"
        f"<details><summary>SPARQL</summary><pre><code>{esc(query.sparql)}</code></pre></details>"
        f"<h3>Answer on this graph</h3>{_answer(result, query.name)}</section>"
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
        "<code>kzkg query</code>, each with the first rows of its answer on this graph (parameters at "
        "their defaults). Checks (<em>-violation</em>) must return no rows.</p>"
        f'<nav class="toc" aria-label="Queries"><ul class="columns">{contents}</ul></nav>{sections}'
    )
    return page("Query catalogue", body, current="queries.html", kind="queries")
