"""The Turtle of ``dist/kzkg.ttl`` and the TriG of ``dist/kzkg.trig``: written from the sorted
N-Triples lines, readable by every loader.

Why not pyoxigraph's Turtle and TriG writers: they compact ``…/id/article/X/mention/0-10/quote`` into the
prefixed name ``article:X\\/mention\\/0-10\\/quote``. That is valid Turtle 1.1, but Virtuoso 7's
bulk loader keeps the backslashes inside the IRIs (3,779 of 4,418 subjects came out wrong while
the triple count still matched). Here an IRI becomes a prefixed name only when its local part is
a plain run of ASCII letters, digits, ``_``, ``-`` and inner ``.`` — a form that Virtuoso,
rapper, serdi and pyoxigraph all read the same way (tests/formats/test_turtle_loaders.py checks it) —
and is written in full as ``<IRI>`` otherwise. Terms are the canonical N-Triples terms, which
Turtle reads unchanged, so nothing but the layout differs from ``kzkg.nt``. The TriG is the same
statements, one block per named graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from kzkg.rdf import RDF, Compactor

# A local name with no escape in it, and none of the characters some readers get wrong.
_PLAIN_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
_TYPE = f"<{RDF}type>"


class _Terms(dict[str, str]):
    """IRI term → its Turtle form: a prefixed name where its local name is plain
    (:class:`kzkg.rdf.Compactor`'s one rule, with ``_PLAIN_LOCAL``), in full otherwise. A dict
    that fills itself, keyed by the N-Triples term: predicates and shared nodes recur on most
    lines, and a hit costs one lookup.

    >>> terms = _Terms({"p": "http://e.org/p/"})
    >>> terms["<http://e.org/p/a/b>"], terms["<http://e.org/p/a-b.1>"]
    ('<http://e.org/p/a/b>', 'p:a-b.1')
    >>> terms.object('"7"^^<http://e.org/p/int>'), terms.object('"x"@kk')
    ('"7"^^p:int', '"x"@kk')
    """

    def __init__(self, prefixes: Mapping[str, str]) -> None:
        super().__init__()
        self.names = Compactor(prefixes, local=_PLAIN_LOCAL)

    def __missing__(self, term: str) -> str:
        iri = term[1:-1]
        name = self.names.compacted(iri)  # kept once, here, by the term
        found = self[term] = term if name == iri else name
        return found

    def object(self, term: str) -> str:
        """An object term: an IRI compacted, a typed literal's datatype compacted."""
        if term[-1] != ">":  # a plain or language-tagged literal
            return term
        if term[0] == "<":
            return self[term]
        # A typed literal: its text escapes every quote, so the last '"^^<' ends the text.
        cut = term.rfind('"^^<') + 1
        return f"{term[:cut]}^^{self[term[cut + 2 :]]}"


def _prefix_lines(prefixes: Mapping[str, str]) -> Iterator[str]:
    for name, namespace in sorted(prefixes.items()):
        yield f"@prefix {name}: <{namespace}> .\n"
    yield "\n"


def _statements(lines: Iterable[str], terms: _Terms) -> Iterator[str]:
    """The statements of canonical N-Triples lines sorted by subject: one per subject, its
    predicates after ``;`` and each predicate's objects after ``,``."""
    subject = predicate = None
    for line in lines:
        # A canonical line is "S P O ." with single spaces; S and P never hold a space.
        this_subject, this_predicate, rest = line.split(" ", 2)
        term = terms.object(rest[:-2])
        if this_subject != subject:
            if subject is not None:
                yield " .\n"
            shown = "a" if this_predicate == _TYPE else terms[this_predicate]
            yield f"{terms[this_subject]} {shown} {term}"
        elif this_predicate != predicate:
            shown = "a" if this_predicate == _TYPE else terms[this_predicate]
            yield f" ;\n\t{shown} {term}"
        else:
            yield f" , {term}"
        subject, predicate = this_subject, this_predicate
    if subject is not None:
        yield " .\n"


def turtle_pieces(lines: Iterable[str], prefixes: Mapping[str, str]) -> Iterator[str]:
    """The Turtle document, piece by piece, of canonical N-Triples lines sorted by subject.

    >>> lines = ['<http://e.org/p/a> <http://e.org/p/b> "x" .',
    ...          '<http://e.org/p/a> <http://e.org/p/b> <http://e.org/p/c/d> .']
    >>> print("".join(turtle_pieces(lines, {"p": "http://e.org/p/"})), end="")
    @prefix p: <http://e.org/p/> .
    <BLANKLINE>
    p:a p:b "x" , <http://e.org/p/c/d> .
    """
    yield from _prefix_lines(prefixes)
    yield from _statements(lines, _Terms(prefixes))


def trig_pieces(graphs: Mapping[str, Iterable[str]], prefixes: Mapping[str, str]) -> Iterator[str]:
    """The TriG document, piece by piece: each named graph (its IRI as an N-Triples term → its
    canonical lines sorted by subject) as a block of Turtle statements.

    >>> graphs = {"<http://e.org/g/1>": ['<http://e.org/p/a> <http://e.org/p/b> "x" .']}
    >>> print("".join(trig_pieces(graphs, {"p": "http://e.org/p/"})), end="")
    @prefix p: <http://e.org/p/> .
    <BLANKLINE>
    <http://e.org/g/1> {
    p:a p:b "x" .
    }
    """
    terms = _Terms(prefixes)
    yield from _prefix_lines(prefixes)
    for graph, lines in graphs.items():
        yield f"{terms[graph]} {{\n"
        yield from _statements(lines, terms)
        yield "}\n"


def write_turtle(lines: Iterable[str], path: Path, prefixes: Mapping[str, str]) -> None:
    """Stream the Turtle of ``lines`` into ``path``."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(turtle_pieces(lines, prefixes))


def write_trig(
    graphs: Mapping[str, Iterable[str]], path: Path, prefixes: Mapping[str, str]
) -> None:
    """Stream the TriG of ``graphs`` into ``path``."""
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.writelines(trig_pieces(graphs, prefixes))
