"""RDF terms written directly as canonical N-Triples text.

The converter makes about a hundred terms per claim. Building each as a pyoxigraph object and
serializing it again costs a call into the binding per term; writing the text the serializer
would write costs a string format. The text is exactly pyoxigraph's canonical form (a test holds
it to ``str(ox.Literal(...))`` on arbitrary strings), so the published bytes do not depend on
which way a term was made. :func:`sparql_term` writes a parsed pyoxigraph term the same way
for a SPARQL request, where the query layer binds a parameter and the remote store loads data.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kzkg.rdf.namespaces import XSD

# What canonical N-Triples escapes inside a literal; everything else is written as it is.
_NAMED_ESCAPES = {
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
    '"': '\\"',
    "\\": "\\\\",
}
_NEEDS_ESCAPE = re.compile('[\\x00-\\x1f\\x7f"\\\\]')


def _escape_one(match: re.Match[str]) -> str:
    char = match.group(0)
    return _NAMED_ESCAPES.get(char) or f"\\u{ord(char):04X}"


def plain(text: str) -> str:
    """An ``xsd:string`` literal: ``text`` in quotes, with the canonical escapes."""
    if _NEEDS_ESCAPE.search(text) is None:
        return f'"{text}"'
    return f'"{_NEEDS_ESCAPE.sub(_escape_one, text)}"'


def iri(value: str) -> str:
    """An IRI term; ids are checked slugs, so no IRI needs escaping."""
    return f"<{value}>"


def english(text: str) -> str:
    """A literal tagged ``@en``."""
    return f"{plain(text)}@en"


def typed(value: object, datatype: str) -> str:
    """A literal of ``xsd:DATATYPE``; booleans are written ``true``/``false``."""
    lexical = str(value).lower() if isinstance(value, bool) else str(value)
    return f"{plain(lexical)}^^<{XSD}{datatype}>"


def sparql_term(term: ox.NamedNode | ox.Literal) -> str:
    r"""One RDF term in N-Triples syntax, which SPARQL reads the same way.

    A backslash is doubled and a ``u`` after it written ``\u0075``: some engines expand
    ``\uXXXX`` before they tokenise, and would otherwise read the user's text ``\u0022`` as a
    quote. The term keeps its exact value on every engine.

    >>> print(sparql_term(ox.Literal('x" || true || "')))
    "x\" || true || \""
    >>> print(sparql_term(ox.Literal("2011-05", datatype=ox.NamedNode(
    ...     "http://www.w3.org/2001/XMLSchema#gYearMonth"))))
    "2011-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>
    """
    if isinstance(term, ox.NamedNode):
        return f"<{term.value}>"  # pyoxigraph has refused any character an IRI may not hold
    if not isinstance(term, ox.Literal):
        raise ValueError(f"cannot bind {term!r}: only IRIs and literals can be parameters")
    escaped, previous = [], ""
    for char in term.value:
        if previous == "\\" and char in "uU":
            escaped.append("\\u0075" if char == "u" else "\\u0055")
        else:
            escaped.append({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}.get(char, char))
        previous = char
    text = '"' + "".join(escaped) + '"'
    if term.language:
        return f"{text}@{term.language}"
    return text if term.datatype.value == f"{XSD}string" else f"{text}^^<{term.datatype.value}>"
