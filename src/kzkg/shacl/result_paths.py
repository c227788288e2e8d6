"""SHACL paths in a validation report: as SPARQL property path text, and as copied triples.

A result's ``sh:resultPath`` that is not one predicate is a blank-node structure in the shapes
graph (``[ sh:inversePath ex:p ]``, an RDF list for a sequence...). A report states a copy of
it, and a person or a program reading text wants it in the familiar SPARQL syntax
(``^ex:p/ex:q*``). Both are read the way SHACL reads a path — a list first, then
``sh:alternativePath``, ``sh:inversePath``, ``sh:zeroOrMorePath``, ``sh:oneOrMorePath``,
``sh:zeroOrOnePath`` — so a node carrying more than one of them (the suite's "strange" paths)
is written as the engine understood it, and nothing else of the shapes graph leaks in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import count

import pyoxigraph as ox

from kzkg.rdf import PREFIXES, RDF, SH, Compactor, Term

Index = dict[str, list[tuple[ox.NamedNode, Term]]]
_FIRST, _REST, _NIL = (ox.NamedNode(f"{RDF}{n}") for n in ("first", "rest", "nil"))
_PREFIXES = {"sh": SH, **PREFIXES}
_PREFIXES_COMPACT = Compactor(_PREFIXES)
# The SPARQL property path operator of each SHACL path construct, written after its operand.
_PATH_SUFFIXES = {f"{SH}zeroOrMorePath": "*", f"{SH}oneOrMorePath": "+", f"{SH}zeroOrOnePath": "?"}
_PATH_CONSTRUCTS = (f"{SH}alternativePath", f"{SH}inversePath", *_PATH_SUFFIXES)

__all__ = ["PathGraph", "compact_iri", "path_text"]


def path_text(path: Term, shapes_graph: Sequence[ox.Triple], compact: bool = False) -> str:
    """A SHACL path in SPARQL property path syntax, e.g. ``^<p>/(<q>|<r>)*``.

    >>> p = ox.NamedNode("http://e/p")
    >>> path_text(p, [])
    '<http://e/p>'
    >>> b = ox.BlankNode("b")
    >>> path_text(b, [ox.Triple(b, ox.NamedNode(SH + "inversePath"), p)], compact=True)
    '^<http://e/p>'
    """
    return PathGraph(shapes_graph).text(path, compact)


def compact_iri(iri: str) -> str:
    """``prefix:name`` for the namespaces kzkg knows, else ``<iri>``."""
    short = _PREFIXES_COMPACT(iri)
    return f"<{iri}>" if short == iri else short


class PathGraph:
    """The blank nodes of a shapes graph, indexed once for reading the paths among them."""

    def __init__(self, triples: Sequence[ox.Triple]) -> None:
        self.index: Index = {}
        for t in triples:
            if isinstance(t.subject, ox.BlankNode):
                self.index.setdefault(t.subject.value, []).append((t.predicate, t.object))

    def text(self, path: Term, compact: bool = False) -> str:
        """The path in SPARQL property path syntax, IRIs compacted if asked."""
        return _PathWriter(self, compact).write(path)

    def pairs(self, node: Term) -> dict[str, Term]:
        """The predicates (IRIs) and objects of a blank node."""
        if not isinstance(node, ox.BlankNode):
            return {}
        return {p.value: o for p, o in self.index.get(node.value, ())}

    def items(self, head: Term) -> list[Term]:
        """The members of the RDF list at ``head``; a cycle ends it."""
        items, node, seen = [], head, set()
        while isinstance(node, ox.BlankNode) and node.value not in seen:
            seen.add(node.value)
            pairs = self.pairs(node)
            if f"{RDF}first" not in pairs:
                break
            items.append(pairs[f"{RDF}first"])
            node = pairs.get(f"{RDF}rest", _NIL)
        return items

    def copy(self, path: Term, prefix: str) -> tuple[Term, list[ox.Triple]]:
        """A copy of the path, as the triples SHACL reads a path by and no others, each
        occurrence of a node a copy of its own, labelled ``prefix1``, ``prefix2``...: results
        never share a path node, and a path node used twice in the shapes (``( _:p _:p )``) is
        written twice, as Turtle's brackets write it and as the test suite compares it."""
        labels = (f"{prefix}{n}" for n in count(1))
        into: list[ox.Triple] = []

        def copy(node: Term, inside: frozenset[str]) -> Term:
            if not isinstance(node, ox.BlankNode) or node.value in inside:
                return node  # a predicate; or a cycle, which no path is: kept as it stands
            inside |= {node.value}
            pairs = self.pairs(node)
            made = ox.BlankNode(next(labels))
            if f"{RDF}first" in pairs:
                into.extend(_list(made, [copy(i, inside) for i in self.items(node)], labels))
                return made
            for construct in _PATH_CONSTRUCTS:
                if construct in pairs:
                    operand = pairs[construct]
                    if construct == f"{SH}alternativePath":
                        items = [copy(i, inside) for i in self.items(operand)]
                        head = ox.BlankNode(next(labels))
                        into.append(ox.Triple(made, ox.NamedNode(construct), head))
                        into.extend(_list(head, items, labels))
                    else:
                        into.append(ox.Triple(made, ox.NamedNode(construct), copy(operand, inside)))
                    return made
            return node  # not a path SHACL defines: named as it is

        return copy(path, frozenset()), into


def _list(head: ox.BlankNode, items: list[Term], labels: Iterator[str]) -> list[ox.Triple]:
    """The triples of an RDF list of ``items`` starting at ``head``."""
    triples: list[ox.Triple] = []
    node: ox.BlankNode | ox.NamedNode = head
    for number, item in enumerate(items):
        rest = ox.BlankNode(next(labels)) if number < len(items) - 1 else _NIL
        triples += [ox.Triple(node, _FIRST, item), ox.Triple(node, _REST, rest)]
        node = rest
    return triples


class _PathWriter:
    """A path as SPARQL property path text."""

    def __init__(self, graph: PathGraph, compact: bool) -> None:
        self.graph, self.compact = graph, compact

    def write(self, path: Term) -> str:
        if isinstance(path, ox.NamedNode):
            return compact_iri(path.value) if self.compact else str(path)
        pairs = self.graph.pairs(path)
        if f"{RDF}first" in pairs:
            return "/".join(self._operand(step) for step in self.graph.items(path))
        if f"{SH}alternativePath" in pairs:
            members = self.graph.items(pairs[f"{SH}alternativePath"])
            return "|".join(self._operand(a) for a in members)
        if f"{SH}inversePath" in pairs:
            return "^" + self._operand(pairs[f"{SH}inversePath"])
        for predicate, suffix in _PATH_SUFFIXES.items():
            if predicate in pairs:
                return self._operand(pairs[predicate]) + suffix
        return str(path)  # not a path SHACL defines: shown as the node itself

    def _operand(self, path: Term) -> str:
        """A path as an operand of another: parenthesised unless it is one predicate or the
        inverse of one."""
        text = self.write(path)
        pairs = self.graph.pairs(path)
        inverse = pairs.get(f"{SH}inversePath")
        atomic = isinstance(path, ox.NamedNode) or (
            len(pairs) == 1 and isinstance(inverse, ox.NamedNode)
        )
        return text if atomic else f"({text})"
