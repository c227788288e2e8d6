"""Canned queries on a SPARQL 1.1 endpoint, answered exactly as the embedded store answers them
(tested against an Oxigraph server, `kzkg serve` and Virtuoso 7).

Safe binding: a user value never enters the query as text. :func:`kzkg.query.catalogue.bind` parses it
into one RDF term; here the term is written in N-Triples syntax (escaped character by character)
into a ``VALUES (?var …) { (term …) }`` block placed first in the WHERE group of the query and of
every sub-select. Not a trailing ``VALUES`` after the query: the SPARQL algebra joins that one
*after* grouping, so a parameter used in a FILTER, a BIND or a HAVING (``HAVING (COUNT(…) >=
?min)``) would still be unbound where it is needed. At the start of each WHERE group it is in
scope wherever a pyoxigraph substitution is, except in a FILTER inside a nested group such as a
UNION branch; the remote tests run every canned query both ways and would show such a query.

Same rendering: the query is run through :func:`kzkg.query.catalogue.run` itself, with a stand-in store
whose ``query`` method sends the text to the endpoint and parses the SPARQL JSON answer into
pyoxigraph terms. Column order, the dropping of parameter columns and the compaction of IRIs are
therefore the embedded path's own code, and both paths print the same bytes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from urllib.parse import urlencode

import pyoxigraph as ox

from kzkg import __version__
from kzkg.query.catalogue import CannedQuery, ResultTable, run
from kzkg.rdf import LOAD_GRAPH, sparql_term
from kzkg.runtime import StoreError
from kzkg.stores import ATTEMPTS, TIMEOUT, check_url, request, retrying

# Comments, strings and IRIs are skipped whole, so that a "{" or "WHERE" inside them is not
# taken for syntax; a name token keeps prefixed names (ex:WHERE) and variables (?where) whole.
_TOKEN = re.compile(
    r"""(?P<skip>\#[^\n]*|\s+|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
        |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"|<[^<>"{}|^`\\\x00-\x20]*>)
      |(?P<name>[?$]?[\w:][\w\-.:%]*)
      |(?P<char>.)""",
    re.VERBOSE | re.DOTALL,
)


def values_block(terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """``VALUES (?a ?b) { (t1 t2) }``: one solution binding every parameter.

    >>> values_block({"min": ox.Literal(2)})
    'VALUES (?min) { ("2"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    """
    names = list(terms)
    for name in names:
        if not re.fullmatch(r"[A-Za-z_]\w*", name):
            raise ValueError(f"{name!r} is not a SPARQL variable name")
    variables = " ".join(f"?{name}" for name in names)
    row = " ".join(sparql_term(terms[name]) for name in names)
    return f"VALUES ({variables}) {{ ({row}) }}"


def _group_openings(code: list[tuple[int, int, str, str]]) -> list[int]:
    """Indexes of the "{" that opens the WHERE group of the query and of every sub-select."""
    braces, parens, depths = 0, 0, []
    for _, _, kind, text in code:
        depths.append((braces, parens))
        if kind == "char":
            braces += {"{": 1, "}": -1}.get(text, 0)
            parens += {"(": 1, ")": -1}.get(text, 0)
    openings = []
    for index, (_, _, kind, text) in enumerate(code):
        form = text.upper() if kind == "name" else ""
        if form not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
            continue
        for later in range(index + 1, len(code)):
            if depths[later][0] < depths[index][0]:
                break  # left the group around a sub-select: it has no WHERE group
            is_group = depths[later] == depths[index] and code[later][3] == "{"
            # CONSTRUCT's first group is its template; its WHERE keyword is not optional.
            if is_group and (form != "CONSTRUCT" or code[later - 1][3].upper() == "WHERE"):
                openings.append(later)
                break
    return openings


def with_values(sparql: str, terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block first in its WHERE group and in every sub-select's.

    Sub-selects get the block too because a sub-select sees no outer binding, while a
    pyoxigraph substitution reaches into it.

    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?n }", {"n": ox.Literal("a")}))
    SELECT ?x WHERE { VALUES (?n) { ("a") }  ?x ?p ?n }
    >>> print(with_values("SELECT * { SELECT ?n {} }", {"n": ox.Literal("a")}))
    SELECT * { VALUES (?n) { ("a") } { SELECT ?n { VALUES (?n) { ("a") } } } }
    """
    if not terms:
        return sparql
    code = [(m.start(), m.end(), m.lastgroup or "", m.group()) for m in _TOKEN.finditer(sparql)]
    code = [token for token in code if token[2] != "skip"]
    openings = _group_openings(code)
    if not openings:
        raise ValueError("cannot find the WHERE clause of the query to bind its parameters")
    block = values_block(terms)
    edits: dict[int, str] = {}  # offset → text inserted there, in reading order
    for opening in openings:
        after = code[opening][1]
        edits[after] = edits.get(after, "") + f" {block} "
        if opening + 1 < len(code) and code[opening + 1][3].upper() == "SELECT":
            # A group holding a sub-select may hold nothing else: wrap the sub-select in braces.
            depth = 0
            for begin, _, kind, text in code[opening:]:
                depth += {"{": 1, "}": -1}.get(text, 0) if kind == "char" else 0
                if depth == 0:
                    edits[after] += "{"
                    edits[begin] = "} " + edits.get(begin, "")
                    break
            else:
                raise ValueError("unbalanced braces in the query")
    text = sparql
    for offset in sorted(edits, reverse=True):
        text = text[:offset] + edits[offset] + text[offset:]
    return text


class RemoteStore:
    """A stand-in for ``pyoxigraph.Store`` that :func:`kzkg.query.catalogue.run` can query remotely."""

    def __init__(self, endpoint: str, *, graph: str | None, timeout: float, attempts: int):
        check_url(endpoint)
        self.endpoint, self.graph, self.timeout, self.attempts = endpoint, graph, timeout, attempts

    def answer(self, sparql: str, graph: str | None) -> ox.QuerySolutions | ox.QueryBoolean:
        """POST the query (SPARQL 1.1 Protocol, form-encoded) and parse its JSON results."""
        fields = [("query", sparql)] + ([("default-graph-uri", graph)] if graph else [])
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json",
            "User-Agent": f"kzkg/{__version__}",
        }
        body = urlencode(fields).encode("utf-8")
        _, raw = retrying(
            lambda: request(
                "POST", self.endpoint, body=body, headers=headers, timeout=self.timeout
            ),
            self.endpoint,
            attempts=self.attempts,
            what=f"the query at {self.endpoint}",
        )
        try:
            return ox.parse_query_results(raw, ox.QueryResultsFormat.JSON)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(
                f"{self.endpoint} did not answer with SPARQL JSON results ({exc}) — is this the "
                "query URL? for Oxigraph it is http://HOST:PORT/query"
            ) from None

    def query(self, sparql: str, *, substitutions: Mapping | None = None, **_: object):  # type: ignore[no-untyped-def]
        """Send the query with its substitutions as a VALUES block; return pyoxigraph solutions."""
        terms = {variable.value: term for variable, term in (substitutions or {}).items()}
        return self.answer(with_values(sparql, terms), self.graph)

    def has_graph(self, graph: str) -> bool:
        """Whether the endpoint holds the named graph ``graph`` with at least one triple."""
        found = self.answer(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", None)
        return isinstance(found, ox.QueryBoolean) and bool(found)


def run_remote(
    query: CannedQuery,
    endpoint: str,
    values: Mapping[str, str],
    *,
    graph: str | None = None,
    timeout: float = TIMEOUT,
    attempts: int = ATTEMPTS,
) -> ResultTable:
    """Run a canned SELECT query on the SPARQL endpoint at ``endpoint`` (e.g. …:7878/query).

    ``graph`` is the named graph queried as the default graph, ``""`` the endpoint's own default
    graph. By default (``None``): ``$KZKG_ENDPOINT_GRAPH`` when set, else :data:`kzkg.rdf.LOAD_GRAPH`
    — where ``kzkg load`` puts the data — when the endpoint has that graph, else the endpoint's
    default graph, which is what ``kzkg serve`` (union default graph) and a server loaded by
    other means answer from. One rule serves both, so ``kzkg query --endpoint`` agrees with the
    embedded store after ``kzkg load`` and against ``kzkg serve`` alike.
    Raises ValueError for a bad parameter value and StoreError when the endpoint fails.
    """
    store = RemoteStore(endpoint, graph=None, timeout=timeout, attempts=attempts)
    if graph is None:
        graph = os.environ.get("KZKG_ENDPOINT_GRAPH")
    if graph is None:
        graph = LOAD_GRAPH if store.has_graph(LOAD_GRAPH) else ""
    store.graph = graph or None
    return run(query, store, values)  # type: ignore[arg-type]
