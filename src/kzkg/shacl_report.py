"""The fast SHACL engine's results as a standard validation report: Turtle, JSON or text.

A report is only useful to others if it is the one SHACL defines (``sh:ValidationReport``):
W3C-style test runners, pyshacl users and other engines compare reports as RDF graphs, so
``kzkg shacl --format turtle`` writes exactly the triples of the specification and nothing of
its own. A result whose path is complex (``[ sh:inversePath ex:p ]``) carries a copy of that
path's blank-node structure, cloned from the shapes graph for each result, as the test suite
requires of reports it compares.

Output is deterministic: results are sorted by what they say (blank nodes set aside), and every
blank node gets a label from its place in the report, never the parser's random one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from itertools import count
from typing import Protocol

import pyoxigraph as ox

from kzkg.namespaces import PREFIXES, RDF, XSD

SH = "http://www.w3.org/ns/shacl#"
Node = ox.NamedNode | ox.BlankNode
Term = ox.NamedNode | ox.BlankNode | ox.Literal
_TYPE, _FIRST, _REST, _NIL = (ox.NamedNode(f"{RDF}{n}") for n in ("type", "first", "rest", "nil"))
_PREFIXES = {"sh": SH, **PREFIXES}
# The SPARQL property path operator of each SHACL path construct, written after its operand.
_PATH_SUFFIXES = {f"{SH}zeroOrMorePath": "*", f"{SH}oneOrMorePath": "+", f"{SH}zeroOrOnePath": "?"}
_PATH_CONSTRUCTS = (f"{SH}alternativePath", f"{SH}inversePath", *_PATH_SUFFIXES)

__all__ = ["path_text", "report_triples", "to_json", "to_text", "to_turtle"]


class ResultLike(Protocol):
    """One result of :func:`kzkg.shacl.validate_files`, as far as a report reads it."""

    focus: Term
    path: Node | None  # a predicate, or the blank node heading a path in the shapes graph
    value: Term | None
    severity: ox.NamedNode
    source_shape: Node
    component: ox.NamedNode
    source_constraint: Node | None
    messages: Sequence[ox.Literal]


class ValidationLike(Protocol):
    """A validation: its verdict, its results and the shapes graph their paths point into."""

    conforms: bool
    results: Sequence[ResultLike]
    shapes_graph: Sequence[ox.Triple]


def report_triples(validation: ValidationLike) -> list[ox.Triple]:
    """The triples of the ``sh:ValidationReport`` of ``validation``, in a fixed order."""
    return list(_Writer(validation).triples())


def to_turtle(validation: ValidationLike) -> str:
    """The report as Turtle, the form the W3C SHACL test suite compares."""
    prefixes = {"sh": SH, "rdf": RDF, "xsd": XSD}
    turtle = ox.serialize(report_triples(validation), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    return turtle.decode("utf-8")


def to_json(validation: ValidationLike) -> str:
    """The report as JSON: terms in N-Triples syntax, so an IRI never reads as a string, and
    paths in SPARQL property path syntax."""
    writer = _Writer(validation)
    results = [
        {
            "focusNode": writer.text(r.focus),
            "resultPath": None if r.path is None else writer.path(r.path),
            "value": None if r.value is None else writer.text(r.value),
            "resultSeverity": r.severity.value,
            "sourceShape": writer.text(r.source_shape),
            "sourceConstraintComponent": r.component.value,
            "sourceConstraint": None
            if r.source_constraint is None
            else writer.text(r.source_constraint),
            "resultMessage": [m.value for m in r.messages],
        }
        for r in writer.results
    ]
    return json.dumps({"conforms": validation.conforms, "results": results}, indent=2) + "\n"


def to_text(validation: ValidationLike) -> str:
    """The report for a person: a verdict line, then one line per result, IRIs compacted."""
    writer = _Writer(validation)
    count = len(writer.results)
    lines = [
        f"conforms: {'yes' if validation.conforms else 'no'}, {count} result{'s' * (count != 1)}"
    ]
    for r in writer.results:
        where = f" path {writer.path(r.path, compact=True)}" if r.path is not None else ""
        value = f" value {writer.text(r.value, compact=True)}" if r.value is not None else ""
        messages = "; ".join(m.value for m in r.messages)
        lines.append(
            f"{r.severity.value.removeprefix(SH)}: {writer.text(r.focus, compact=True)}{where}{value}: "
            f"{_compact(r.component.value)} of {writer.text(r.source_shape, compact=True)}"
            + (f" — {messages}" if messages else "")
        )
    return "\n".join(lines) + "\n"


def path_text(path: Node, shapes_graph: Sequence[ox.Triple], compact: bool = False) -> str:
    """A SHACL path in SPARQL property path syntax, e.g. ``^<p>/(<q>|<r>)*``.

    >>> p = ox.NamedNode("http://e/p")
    >>> path_text(p, [])
    '<http://e/p>'
    >>> b = ox.BlankNode("b")
    >>> path_text(b, [ox.Triple(b, ox.NamedNode(SH + "inversePath"), p)], compact=True)
    '^<http://e/p>'
    """
    return _PathWriter(_objects_index(shapes_graph), compact).write(path)


class _Writer:
    """The results in report order, and a stable label for every blank node they name."""

    def __init__(self, validation: ValidationLike) -> None:
        self.validation = validation
        self.index = _objects_index(validation.shapes_graph)
        self.results = sorted(validation.results, key=_order)
        self._labels: dict[str, str] = {}

    def node(self, term: Term) -> Term:
        """``term``, a blank node relabelled by its first appearance in the report."""
        if not isinstance(term, ox.BlankNode):
            return term
        label = self._labels.setdefault(term.value, f"b{len(self._labels) + 1}")
        return ox.BlankNode(label)

    def text(self, term: Term, compact: bool = False) -> str:
        node = self.node(term)
        return _compact(node.value) if compact and isinstance(node, ox.NamedNode) else str(node)

    def path(self, path: Node, compact: bool = False) -> str:
        return _PathWriter(self.index, compact).write(path)

    def triples(self) -> Iterator[ox.Triple]:
        report = ox.BlankNode("report")
        yield ox.Triple(report, _TYPE, ox.NamedNode(f"{SH}ValidationReport"))
        verdict = "true" if self.validation.conforms else "false"
        yield ox.Triple(report, _sh("conforms"), ox.Literal(verdict, datatype=_xsd("boolean")))
        for number in range(1, len(self.results) + 1):
            yield ox.Triple(report, _sh("result"), ox.BlankNode(f"r{number}"))
        for number, r in enumerate(self.results, start=1):
            yield from self._result(ox.BlankNode(f"r{number}"), r)

    def _result(self, node: ox.BlankNode, r: ResultLike) -> Iterator[ox.Triple]:
        yield ox.Triple(node, _TYPE, ox.NamedNode(f"{SH}ValidationResult"))
        yield ox.Triple(node, _sh("focusNode"), self.node(r.focus))
        clone: list[ox.Triple] = []
        if r.path is not None:
            head = self._clone_path(r.path, f"{node.value}_", clone)
            yield ox.Triple(node, _sh("resultPath"), head)
        if r.value is not None:
            yield ox.Triple(node, _sh("value"), self.node(r.value))
        yield ox.Triple(node, _sh("resultSeverity"), r.severity)
        yield ox.Triple(node, _sh("sourceShape"), self.node(r.source_shape))
        yield ox.Triple(node, _sh("sourceConstraintComponent"), r.component)
        if r.source_constraint is not None:
            yield ox.Triple(node, _sh("sourceConstraint"), self.node(r.source_constraint))
        for message in r.messages:
            yield ox.Triple(node, _sh("resultMessage"), message)
        yield from clone

    def _clone_path(self, path: Node, prefix: str, into: list[ox.Triple]) -> Node:
        """A copy of the path, as the triples SHACL reads a path by and no others, each
        occurrence of a node a copy of its own, labelled ``prefix1``, ``prefix2``...: results
        never share a path node, and a path node used twice in the shapes (``( _:p _:p )``) is
        written twice, as Turtle's brackets write it and as the test suite compares it."""
        labels = (f"{prefix}{n}" for n in count(1))

        def copy(node: Term, inside: frozenset[str]) -> Term:
            if not isinstance(node, ox.BlankNode) or node.value in inside:
                return node  # a predicate; or a cycle, which no path is: kept as it stands
            inside |= {node.value}
            pairs = {p.value: o for p, o in self.index.get(node.value, ())}
            made = ox.BlankNode(next(labels))
            if f"{RDF}first" in pairs:
                items = _list_items(self.index, node)
                into.extend(self._list(made, [copy(i, inside) for i in items], labels))
                return made
            for construct in _PATH_CONSTRUCTS:
                if construct in pairs:
                    operand = pairs[construct]
                    if construct == f"{SH}alternativePath":
                        items = [copy(i, inside) for i in _list_items(self.index, operand)]
                        head = ox.BlankNode(next(labels))
                        into.append(ox.Triple(made, ox.NamedNode(construct), head))
                        into.extend(self._list(head, items, labels))
                    else:
                        into.append(ox.Triple(made, ox.NamedNode(construct), copy(operand, inside)))
                    return made
            return node  # not a path SHACL defines: named as it is

        return copy(path, frozenset())  # type: ignore[return-value]

    @staticmethod
    def _list(head: ox.BlankNode, items: list[Term], labels: Iterator[str]) -> list[ox.Triple]:
        """The triples of an RDF list of ``items`` starting at ``head``."""
        triples, node = [], head
        for number, item in enumerate(items):
            triples.append(ox.Triple(node, _FIRST, item))
            rest = ox.BlankNode(next(labels)) if number < len(items) - 1 else _NIL
            triples.append(ox.Triple(node, _REST, rest))
            node = rest  # type: ignore[assignment]
        return triples


class _PathWriter:
    """SHACL paths (RDF structures in the shapes graph) as SPARQL property path text."""

    def __init__(self, index: dict[str, list[tuple[ox.NamedNode, Term]]], compact: bool) -> None:
        self.index, self.compact = index, compact

    def write(self, path: Term) -> str:
        if isinstance(path, ox.NamedNode):
            return _compact(path.value) if self.compact else str(path)
        pairs = (
            {p.value: o for p, o in self.index.get(path.value, ())}
            if isinstance(path, ox.BlankNode)
            else {}
        )
        if f"{RDF}first" in pairs:
            return "/".join(self._operand(step) for step in self._items(path))
        if f"{SH}alternativePath" in pairs:
            return "|".join(self._operand(a) for a in self._items(pairs[f"{SH}alternativePath"]))
        if f"{SH}inversePath" in pairs:
            return "^" + self._operand(pairs[f"{SH}inversePath"])
        for predicate, suffix in _PATH_SUFFIXES.items():
            if predicate in pairs:
                return self._operand(pairs[predicate]) + suffix
        return str(path)  # not a path SHACL defines: shown as the node itself

    def _operand(self, path: Term) -> str:
        """A path as an operand of another: parenthesised unless it is one predicate."""
        text = self.write(path)
        return text if self._atomic(path) else f"({text})"

    def _atomic(self, path: Term) -> bool:
        """One predicate, or the inverse of one: needs no parentheses as an operand."""
        if isinstance(path, ox.NamedNode):
            return True
        pairs = dict(self.index.get(path.value, ())) if isinstance(path, ox.BlankNode) else {}
        inverse = pairs.get(ox.NamedNode(f"{SH}inversePath"))
        return len(pairs) == 1 and isinstance(inverse, ox.NamedNode)

    def _items(self, head: Term) -> list[Term]:
        return _list_items(self.index, head)


def _list_items(index: dict[str, list[tuple[ox.NamedNode, Term]]], head: Term) -> list[Term]:
    """The members of the RDF list at ``head``; a cycle ends it."""
    items, node, seen = [], head, set()
    while isinstance(node, ox.BlankNode) and node.value not in seen:
        seen.add(node.value)
        pairs = {p.value: o for p, o in index.get(node.value, ())}
        if f"{RDF}first" not in pairs:
            break
        items.append(pairs[f"{RDF}first"])
        node = pairs.get(f"{RDF}rest", _NIL)
    return items


def _objects_index(triples: Sequence[ox.Triple]) -> dict[str, list[tuple[ox.NamedNode, Term]]]:
    """Blank node label to its (predicate, object) pairs, sorted: what a path clone copies."""
    index: dict[str, list[tuple[ox.NamedNode, Term]]] = {}
    for t in triples:
        if isinstance(t.subject, ox.BlankNode):
            index.setdefault(t.subject.value, []).append((t.predicate, t.object))
    for pairs in index.values():
        pairs.sort(key=lambda pair: (pair[0].value, _sort_text(pair[1])))
    return index


def _order(r: ResultLike) -> tuple[str, ...]:
    """What a result says, blank nodes set aside: a stable order whatever the parser's labels."""
    terms = (r.focus, r.path, r.value, r.component, r.source_shape, r.severity, r.source_constraint)
    return (*map(_sort_text, terms), *sorted(m.value for m in r.messages))


def _sort_text(term: Term | None) -> str:
    if term is None:
        return ""
    return "_:" if isinstance(term, ox.BlankNode) else str(term)


def _compact(iri: str) -> str:
    for prefix, namespace in _PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri.removeprefix(namespace)}"
    return f"<{iri}>"


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SH}{name}")


def _xsd(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{XSD}{name}")
