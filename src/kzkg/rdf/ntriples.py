"""RDF terms as their N-Triples text, the form the fast SHACL engine indexes and compares.

Every term the engine touches is a plain ``str`` in N-Triples syntax (``<iri>``, ``_:label``,
``"lexical"@lang``, ``"lexical"^^<datatype>``), cut straight from pyoxigraph's N-Triples
serialisation. A string hashes once and then compares by its cached hash, where a pyoxigraph
term is a new Python object on every access and hashes through the binding; over a graph of
millions of triples that difference is most of the engine's cost. Two equal terms have the
same text (pyoxigraph writes ``"x"^^xsd:string`` as ``"x"``), so text equality is term
equality. These helpers read the parts of a term back out of its text, and turn the few terms
that leave the engine (the focus nodes of results) into pyoxigraph terms again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyoxigraph as ox

from kzkg.rdf.namespaces import RDF, XSD

Text = str  # one RDF term in N-Triples syntax
Term = ox.NamedNode | ox.BlankNode | ox.Literal  # one RDF term as a pyoxigraph object
XSD_STRING, RDF_LANG_STRING = f"<{XSD}string>", f"<{RDF}langString>"

# N-Triples escapes: ECHAR (\t \b \n \r \f \" \' \\) and UCHAR (\uXXXX, \UXXXXXXXX).
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))")
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(match: re.Match[str]) -> str:
    code = match.group(1) or match.group(2)
    return chr(int(code, 16)) if code else _ECHAR[match.group(3)]


def literal_parts(term: Text) -> tuple[str, Text, str]:
    """The lexical form, the datatype (as ``<iri>`` text) and the language tag of a literal.

    >>> literal_parts('"a \\\\"b\\\\""@en')
    ('a "b"', '<http://www.w3.org/1999/02/22-rdf-syntax-ns#langString>', 'en')
    """
    # No datatype IRI or language tag can hold a quote, so the last quote closes the form.
    close = term.rindex('"')
    lexical, suffix = term[1:close], term[close + 1 :]
    if "\\" in lexical:
        lexical = _ESCAPE.sub(_unescape, lexical)
    if not suffix:
        return lexical, XSD_STRING, ""
    if suffix[0] == "@":
        return lexical, RDF_LANG_STRING, suffix[1:]
    return lexical, suffix[2:], ""


def value(term: Text) -> str:
    """What pyoxigraph calls ``.value``: the IRI, the blank node label or the lexical form.

    >>> value("<https://w3id.org/kzkg/id/person/x>"), value('"2011"^^<http://x/gYear>')
    ('https://w3id.org/kzkg/id/person/x', '2011')
    """
    if term[0] == "<":
        return term[1:-1]
    if term[0] == "_":
        return term[2:]
    return literal_parts(term)[0]


def to_term(term: Text) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term written as ``term``.

    >>> to_term('"1"^^<http://www.w3.org/2001/XMLSchema#integer>').value
    '1'
    """
    if term[0] == "<":
        return ox.NamedNode(term[1:-1])
    if term[0] == "_":
        return ox.BlankNode(term[2:])
    lexical, datatype, language = literal_parts(term)
    if language:
        return ox.Literal(lexical, language=language)
    return ox.Literal(lexical, datatype=ox.NamedNode(datatype[1:-1]))


def to_text(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Text:
    """The N-Triples text of a pyoxigraph term, exactly as the serialiser writes it."""
    if not isinstance(term, ox.Literal):
        return str(term)
    # A literal's str() leaves some control characters unescaped; the serialiser does not.
    triple = ox.Triple(ox.BlankNode("s"), ox.NamedNode("p:p"), term)
    line = ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES)
    return line.decode("utf-8")[len("_:s <p:p> ") : -len(" .\n")]


SLICE = 50_000  # lines written as one piece of text: larger pieces cost far more page faults


def ntriples_slices(lines: list[str], size: int = SLICE) -> Iterator[bytes]:
    """The N-Triples document of these lines, ``size`` lines a piece: for readers and writers
    that need not hold the whole text, and because one join of millions of lines is several
    times slower than joins of slices."""
    for start in range(0, len(lines), size):
        yield ("\n".join(lines[start : start + size]) + "\n").encode("utf-8")


def ntriples_text(lines: list[str]) -> bytes:
    """The N-Triples document of these lines: :func:`lines_of` undone."""
    return b"".join(ntriples_slices(lines))


def lines_of(data: bytes, distinct: int | None = None) -> list[str]:
    """The distinct triples of an N-Triples document that pyoxigraph wrote, one line each.

    pyoxigraph writes one triple a line, ``S P O .``, with single spaces. Lines split on
    ``\\n`` only: the serialiser escapes every newline in a literal, but not other line
    separators (U+2028, U+0085), which ``str.splitlines`` would also split on. ``distinct`` is
    how many distinct triples the document holds, when known: if there are as many lines, no
    line repeats and the costly de-duplication of millions of long lines is skipped.
    """
    lines = data.decode("utf-8").split("\n")
    lines.pop()  # after the final newline, or the empty document
    return lines if len(lines) == distinct else list(dict.fromkeys(lines))
