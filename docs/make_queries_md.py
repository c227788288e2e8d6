"""Write docs/queries.md, the query catalogue, from queries/*.rq and the built graph.

The prose between the markers below is kept by hand in this file; everything per query (title,
description, parameters, example command, example result) comes from the .rq headers and from
running each example on dist/kzkg.ttl, so the page cannot drift from the queries.
Run after `kzkg build`: `python docs/make_queries_md.py`.
"""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pyoxigraph as ox

from kzkg.query.catalogue import CannedQuery, ResultTable, load_catalogue, run

ROOT = Path(__file__).resolve().parents[1]
SHOWN_ROWS = 5
CELL = 70  # characters shown of a long cell

INTRO = """\
# Canned queries

Each file in `queries/` answers one question about the graph. Run one with

```sh
kzkg query --list                                        # names and titles
kzkg query claims-by-person --param name=Kosapov         # a rich table on the terminal
kzkg query timeline --format csv > timeline.csv          # or csv, json
kzkg query roles --endpoint http://127.0.0.1:7878/query  # on a remote SPARQL endpoint
```

The queries are plain SPARQL 1.1 with standard prefixes: they run unchanged on Oxigraph, Virtuoso 7
and rdflib (tested). This page is written by `docs/make_queries_md.py` from the query files and the graph in
`dist/kzkg.ttl`; the example results are the first rows each example command returns there.

## Parameters

A parameter is a variable the query leaves unbound, `?name`. `kzkg query` parses each value given
with `--param KEY=VALUE` into one RDF term of the parameter's kind and hands it to the store as a
binding (pyoxigraph `substitutions`, rdflib `initBindings`); it is never pasted into the query
text, so a value such as `x" || true || "` is searched for literally and matches nothing.

| kind | accepted values | bound as |
|---|---|---|
| `literal` | any text | a plain string, e.g. `"Kosapov"` |
| `iri` | a full IRI, or a kz: name: `person/ainur-kurmanov`, `kz:person/ainur-kurmanov` (also `kzo:…`, `schema:…`) | an IRI |
| `integer` | a whole number | `xsd:integer` |
| `date` | `2011`, `2011-05` or `2011-05-14`, as precise as known | `xsd:gYear`, `xsd:gYearMonth` or `xsd:date` |

A parameter that is not given takes its default; the default `UNDEF` leaves the variable free, so
the query answers for every value (`attribution-chain` without `claim` shows every chain). Name
searches (`literal` parameters called `name`) match any spelling, label or alias, that contains
the value, ignoring case. The result leaves out the column of a bound parameter, which would only
repeat the value given.

## Quality checks

The queries named `*-violation` are checks: on good data they return no rows. `kzkg run` runs
every canned query and fails if a check returns a row; each row names the faulty node and the
problem.

## Writing a query

A query file starts with a header of comment lines; an indented `#   ` line continues the line
above it:

```sparql
# title: Claims by a person
# description: Every claim made by the person any of whose spellings (label or alias) matches
#   NAME, case-insensitively, with quote, stance and source article.
# param: name literal "Kosanov" — a spelling of the person's name, or part of one
# example: kzkg query claims-by-person --param name=Kosapov
```

`# param: VARNAME TYPE DEFAULT — description`: TYPE is one of the kinds above and DEFAULT is
written in SPARQL syntax (`"Kosanov"`, `2`, `<https://w3id.org/kzkg/id/org/kazakhstan-2012>`,
`"2014"^^xsd:gYear`) or is `UNDEF`. `load_catalogue` refuses a malformed header with the file and
line. Three rules keep a query correct:

- **Select every parameter**, in the top-level `SELECT` and in every sub-select that uses it:
  Oxigraph binds only variables the query projects (its binding follows SEP-0007, where a
  sub-select that does not project a variable has its own, unbound, copy of it).
- **Order completely**: `ORDER BY` names every selected column, so that the same graph always
  gives the same rows in the same order. Dates of mixed precision sort by
  `COALESCE(STR(?date), "")`: `"2011"` before `"2011-05"` before `"2011-05-14"`.
- **Test it**: `tests/query/test_canned_queries.py` needs a `test_<name>` that checks specific rows on
  the fixture graph, and `tests/query/test_canned_queries_dist.py` runs every query on the built graph.
  The fixture tests also check the ORDER BY rule; `tests/stores/test_store_parity.py` and
  `tests/query/test_remote.py` check that rdflib (the fallback store) and a remote endpoint give the
  same rows as Oxigraph.

## Catalogue
"""


def cell(value: str | None) -> str:
    text = "" if value is None else " ".join(value.split())
    text = text if len(text) <= CELL else text[: CELL - 1] + "…"
    return text.replace("|", "\\|") or " "


def markdown(result: ResultTable) -> str:
    if not result.rows:
        return "_no rows_\n"
    lines = ["| " + " | ".join(result.columns) + " |", "|" + "---|" * len(result.columns)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in result.rows[:SHOWN_ROWS]]
    more = len(result.rows) - SHOWN_ROWS
    tail = f"\n… and {more} more rows ({len(result.rows)} in all).\n" if more > 0 else ""
    return "\n".join(lines) + "\n" + tail


def example_values(example: str) -> dict[str, str]:
    words = shlex.split(example)
    pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
    return dict(pair.split("=", 1) for pair in pairs)


def section(query: CannedQuery, store: ox.Store) -> str:
    parts = [f"### {query.name}\n", f"**{query.title}.** {query.description}\n"]
    if query.parameters:
        parts.append("| parameter | kind | default | meaning |\n|---|---|---|---|")
        parts += [
            f"| `{p.name}` | {p.kind} | `{p.default}` | {p.description} |" for p in query.parameters
        ]
        parts.append("")
    parts.append(f"```sh\n{query.example}\n```\n")
    parts.append(
        f"Result on `dist/kzkg.ttl`:\n\n{markdown(run(query, store, example_values(query.example)))}"
    )
    return "\n".join(parts)


def main() -> None:
    graph = ROOT / "dist" / "kzkg.ttl"
    if not graph.is_file():
        sys.exit(f"{graph} is missing: run `kzkg build` first")
    store = ox.Store()
    store.load(path=str(graph), format=ox.RdfFormat.TURTLE)
    catalogue = load_catalogue(ROOT / "queries")
    checks = [q for name, q in catalogue.items() if name.endswith("-violation")]
    questions = [q for name, q in catalogue.items() if not name.endswith("-violation")]
    index = ["| query | question |", "|---|---|"]
    index += [f"| [`{q.name}`](#{q.name}) | {q.title} |" for q in questions + checks]
    body = [INTRO, "\n".join(index) + "\n", "## Questions\n"]
    body += [section(q, store) for q in questions]
    body.append("## Checks\n")
    body += [section(q, store) for q in checks]
    (ROOT / "docs" / "queries.md").write_text("\n".join(body), encoding="utf-8")


if __name__ == "__main__":
    main()
