"""The query page: a SPARQL editor that knows kzkg, for the server ``kzkg serve`` starts.

The page carries the whole catalogue (each canned query's text, title and parameters) and the
graph's prefixes as JSON, so choosing an example needs no request; ``query.js`` sends the text
and the parameter values to ``sparql`` on the same server, which binds the values as RDF terms
(never pasted into the text) and asks Oxigraph. Answers link each kz: IRI to its page here.
Opened from the static site without the server, the page says how to start it.
"""

from __future__ import annotations

import json

from kzkg.query import CannedQuery
from kzkg.rdf import PREFIXES
from kzkg.site.layout import attr, esc, page

FREE_QUERY = """SELECT ?person ?name (COUNT(?claim) AS ?claims)
WHERE {
  ?person a kzo:Person ; rdfs:label ?name .
  OPTIONAL { ?claim schema:author ?person }
}
GROUP BY ?person ?name
ORDER BY DESC(?claims)
LIMIT 20"""


def prefix_block() -> str:
    """The PREFIX lines of every namespace the graph uses, as the editor starts with them."""
    return "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


def catalogue_json(catalogue: dict[str, CannedQuery]) -> str:
    """Each canned query as the page needs it; ``</`` escaped so a query cannot end the script."""
    items = [
        {
            "name": query.name,
            "title": query.title,
            "description": query.description,
            "sparql": query.sparql,
            "parameters": [
                {"name": p.name, "kind": p.kind, "default": p.default, "about": p.description}
                for p in query.parameters
            ],
        }
        for query in catalogue.values()
    ]
    data = {"prefixes": PREFIXES, "free": prefix_block() + "\n" + FREE_QUERY, "queries": items}
    return json.dumps(data, ensure_ascii=False, sort_keys=True).replace("</", "<\\/")


def query_page(catalogue: dict[str, CannedQuery]) -> str:
    """The HTML of ``query.html``."""
    options = "".join(
        f'<option value="{attr(name)}">{esc(name)} — {esc(query.title)}</option>'
        for name, query in sorted(catalogue.items())
    )
    body = f"""<h1>Query the graph</h1>
<p class="lead">Write SPARQL, or start from one of the canned questions of <code>kzkg query</code>.
Answers link every node to its page in this explorer.</p>
<p class="needs-server" id="offline">This page runs queries through <code>kzkg serve</code>:
start it and open the address it prints. The canned questions and their answers on this graph
are also in the <a href="queries.html">query catalogue</a>.</p>
<form id="query-form" class="query-form" method="post" action="sparql">
<label for="example">Example</label>
<select id="example" name="name"><option value="">Your own query (kzkg's prefixes loaded)</option>{options}</select>
<p id="example-about" class="muted"></p>
<fieldset id="parameters" hidden><legend>Parameters</legend><div id="parameter-fields"></div>
<p class="muted">Each value is bound as one RDF term of its kind, never pasted into the query;
leave a field empty for its default.</p></fieldset>
<label for="sparql">SPARQL</label>
<textarea id="sparql" name="query" rows="14" wrap="off" spellcheck="false" autocapitalize="off"
 autocomplete="off">{esc(prefix_block())}
{esc(FREE_QUERY)}</textarea>
<p class="actions"><button type="submit" id="run">Run</button>
<span id="status" class="muted" role="status" aria-live="polite"></span></p>
</form>
<section id="results" aria-label="Answer"></section>
<script type="application/json" id="kzkg-catalogue">{catalogue_json(catalogue)}</script>
<script src="query.js" defer></script>"""
    return page("Query", body, current="query.html", kind="query")
