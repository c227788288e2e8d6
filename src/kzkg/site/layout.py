"""The page frame and the small HTML pieces every page is made of.

Plain functions over ``html.escape``: each returns a string of HTML, and every value from the
graph passes through ``esc`` (or ``attr``) on its way in, so a quote holding ``<`` or ``"``
is shown, never interpreted. Links are relative (``root`` is ``""`` or ``"../"``), so the site
works from a folder, a file:// URL or any web path.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from string import Template

from kzkg.site.model import DateLiteral, Ref

GENERATOR = "kzkg site"  # the mark by which `kzkg site` knows a folder it may replace
NAV = [
    ("index.html", "Overview"),
    ("search.html", "Search"),
    ("articles.html", "Articles"),
    ("claims.html", "Claims"),
    ("timeline.html", "Timeline"),
    ("contradictions.html", "Contradictions"),
    ("network.html", "Network"),
    ("queries.html", "Queries"),
    ("query.html", "SPARQL"),
    ("ontology.html", "Ontology"),
]
FRAME = Template("""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="$generator">
<title>$title · kzkg</title>
<link rel="stylesheet" href="${root}style.css">
<link rel="icon" href="${root}favicon.svg" type="image/svg+xml">
</head>
<body class="$kind">
<a class="skip" href="#main">Skip to content</a>
<header class="site"><nav aria-label="Site"><a class="brand" href="${root}index.html">kzkg</a>
<ul>$nav</ul></nav></header>
<main id="main">
$body
</main>
<footer class="site"><p>kzkg — a knowledge graph of Kazakhstan's political life, every fact traced
to the words of its source article. Built from the graph by <code>kzkg site</code>;
terms in the <a href="${root}ontology.html">ontology reference</a>.</p></footer>
</body>
</html>
""")


def esc(value: object) -> str:
    """Text for an element's content."""
    return escape(str(value), quote=False)


def attr(value: object) -> str:
    """Text for an attribute value (always written between double quotes)."""
    return escape(str(value), quote=True)


def page(title: str, body: str, *, root: str = "", current: str = "", kind: str = "") -> str:
    """A whole HTML page: head, site navigation (``current`` marked), main content, footer."""
    items = []
    for href, label in NAV:
        mark = ' aria-current="page"' if href == current else ""
        items.append(f'<li><a href="{root}{href}"{mark}>{label}</a></li>')
    return FRAME.substitute(
        generator=GENERATOR,
        title=esc(title),
        root=root,
        kind=attr(kind),
        nav="".join(items),
        body=body.strip(),
    )


def link(ref: Ref, root: str, text: str | None = None) -> str:
    """A link to the node's page, or its label alone when it has no page."""
    label = esc(ref.label if text is None else text)
    return f'<a href="{root}{attr(ref.path)}">{label}</a>' if ref.path else label


def links(refs: Iterable[Ref], root: str) -> str:
    """Several links, comma-separated."""
    return ", ".join(link(ref, root) for ref in refs)


def when(date: DateLiteral | None, inferred: bool = False, why: str = "") -> str:
    """A date written as precisely as it is known, in a <time> classed by its precision;
    an inferred date says so, with the reason (``why``) on hover."""
    if date is None:
        return '<span class="undated">undated</span>'
    reason = attr(why or "date inferred, not stated")
    note = f' <abbr class="inferred" title="{reason}">inferred</abbr>'
    return (
        f'<time datetime="{date.lexical}" class="p-{date.precision}" '
        f'title="precision: {date.precision}">{esc(date.label())}</time>'
        + (note if inferred else "")
    )


def span_of(start: DateLiteral | None, end: DateLiteral | None, inferred: bool = False) -> str:
    """A date or a date range; the range's ends may differ in precision."""
    if start and end and end != start:
        return f"{when(start)} – {when(end, inferred)}"
    if end and not start:
        return f"until {when(end, inferred)}"
    return when(start, inferred)


def section(title: str, content: str, ident: str, count: int | None = None) -> str:
    """A titled section with an id to link to; the count, when given, follows the title."""
    number = f' <span class="count">{count}</span>' if count is not None else ""
    return f'<section id="{ident}"><h2>{esc(title)}{number}</h2>\n{content}\n</section>'


def facts(rows: Iterable[tuple[str, str]]) -> str:
    """A definition list of (term, HTML) rows; empty rows are left out."""
    items = [f"<dt>{esc(term)}</dt><dd>{value}</dd>" for term, value in rows if value]
    return f'<dl class="facts">{"".join(items)}</dl>' if items else ""


def bullets(items: Iterable[str], cls: str = "") -> str:
    """An unordered list of HTML items; nothing for no items."""
    rendered = "".join(f"<li>{item}</li>" for item in items)
    return f'<ul class="{cls}">{rendered}</ul>' if rendered else ""


def table(head: list[str], rows: Iterable[list[str]], cls: str = "") -> str:
    """A table of already-rendered cells, wrapped so that it scrolls sideways on a phone."""
    header = "".join(f'<th scope="col">{esc(h)}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<div class="scroll"><table class="{cls}"><thead><tr>{header}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>"
    )
