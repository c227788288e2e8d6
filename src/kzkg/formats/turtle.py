"""The Turtle of ``dist/kzkg.ttl``: written from the sorted N-Triples lines, readable by every loader.

Why not pyoxigraph's Turtle writer: it compacts ``…/id/article/X/mention/0-10/quote`` into the
prefixed name ``article:X\\/mention\\/0-10\\/quote``. That is valid Turtle 1.1, but Virtuoso 7's
bulk loader keeps the backslashes inside the IRIs (3,779 of 4,418 subjects came out wrong while
the triple count still matched). Here an IRI becomes a prefixed name only when its local part is
a plain run of ASCII letters, digits, ``_``, ``-`` and inner ``.`` — a form that Virtuoso,
rapper, serdi and pyoxigraph all read the same way (tests/formats/test_turtle_loaders.py checks it) —
and is written in full as ``<IRI>`` otherwise. Terms are the canonical N-Triples terms, which
Turtle reads unchanged, so nothing but the layout differs from ``kzkg.nt``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kzkg.rdf import RDF, Compactor

# A local name with no escape in it, and none of the characters some readers get wrong.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_TYPED_LITERAL = re.compile(r'(".*")\^\^<([^<>]*)>', re.DOTALL)
_TYPE = f"<{RDF}type>"


class _Terms:
    """N-Triples term → its Turtle form: an IRI as a prefixed name where its local name is
    plain (:class:`kzkg.rdf.Compactor`'s one rule, with ``_PLAIN_LOCAL``), in full otherwise.

    >>> terms = _Terms({"p": "http://e.org/p/"})
    >>> terms.iri("<http://e.org/p/a/b>"), terms.iri("<http://e.org/p/a-b.1>")
    ('<http://e.org/p/a/b>', 'p:a-b.1')
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        self.names = Compactor(prefixes, local=_PLAIN_LOCAL)

    def iri(self, term: str) -> str:
        """``<https://w3id.org/kzkg/id/person/x>`` → ``person:x``, or the term as it is."""
        iri = term[1:-1]
        name = self.names[iri]
        return term if name == iri else name

    def object(self, term: str) -> str:
        """An object term: an IRI compacted, a typed literal's datatype compacted."""
        if term.startswith("<"):
            return self.iri(term)
        typed = _TYPED_LITERAL.fullmatch(term)
        if typed:
            return f"{typed[1]}^^{self.iri('<' + typed[2] + '>')}"
        return term


def turtle_pieces(lines: Iterable[str], prefixes: Mapping[str, str]) -> Iterator[str]:
    """The Turtle document, piece by piece, of canonical N-Triples lines sorted by subject.

    >>> lines = ['<http://e.org/p/a> <http://e.org/p/b> "x" .',
    ...          '<http://e.org/p/a> <http://e.org/p/b> <http://e.org/p/c/d> .']
    >>> print("".join(turtle_pieces(lines, {"p": "http://e.org/p/"})), end="")
    @prefix p: <http://e.org/p/> .
    <BLANKLINE>
    p:a p:b "x" , <http://e.org/p/c/d> .
    """
    compact = _Terms(prefixes)
    for name, namespace in sorted(prefixes.items()):
        yield f"@prefix {name}: <{namespace}> .\n"
    yield "\n"
    subject = predicate = None
    for line in lines:
        # A canonical line is "S P O ." with single spaces; S and P never hold a space.
        this_subject, this_predicate, rest = line.split(" ", 2)
        term = compact.object(rest[:-2])
        if this_subject != subject:
            if subject is not None:
                yield " .\n"
            shown = "a" if this_predicate == _TYPE else compact.iri(this_predicate)
            yield f"{compact.iri(this_subject)} {shown} {term}"
        elif this_predicate != predicate:
            shown = "a" if this_predicate == _TYPE else compact.iri(this_predicate)
            yield f" ;\n\t{shown} {term}"
        else:
            yield f" , {term}"
        subject, predicate = this_subject, this_predicate
    if subject is not None:
        yield " .\n"


def write_turtle(lines: Iterable[str], path: Path, prefixes: Mapping[str, str]) -> None:
    """Stream the Turtle of ``lines`` into ``path``."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(turtle_pieces(lines, prefixes))
