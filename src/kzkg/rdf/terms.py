"""RDF terms written directly as canonical N-Triples text.

The converter makes about a hundred terms per claim. Building each as a pyoxigraph object and
serializing it again costs a call into the binding per term; writing the text the serializer
would write costs a string format. The text is exactly pyoxigraph's canonical form (a test holds
it to ``str(ox.Literal(...))`` on arbitrary strings), so the published bytes do not depend on
which way a term was made.
"""

from __future__ import annotations

import re

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
