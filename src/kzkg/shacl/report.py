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
from typing import Protocol

import pyoxigraph as ox

from kzkg.rdf import RDF, SH, XSD, Term
from kzkg.shacl.result_paths import PathGraph, compact_iri

Node = ox.NamedNode | ox.BlankNode
_TYPE = ox.NamedNode(f"{RDF}type")

__all__ = ["report_triples", "to_json", "to_text", "to_turtle"]


class ResultLike(Protocol):
    """One result of :func:`kzkg.shacl.engine.validate_files`, as far as a report reads it."""

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
            f"{compact_iri(r.component.value)} of {writer.text(r.source_shape, compact=True)}"
            + (f" — {messages}" if messages else "")
        )
    return "\n".join(lines) + "\n"


class _Writer:
    """The results in report order, and a stable label for every blank node they name."""

    def __init__(self, validation: ValidationLike) -> None:
        self.validation = validation
        self.paths = PathGraph(validation.shapes_graph)
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
        return compact_iri(node.value) if compact and isinstance(node, ox.NamedNode) else str(node)

    def path(self, path: Node, compact: bool = False) -> str:
        return self.paths.text(path, compact)

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
            head, clone = self.paths.copy(r.path, f"{node.value}_")
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


def _order(r: ResultLike) -> tuple[str, ...]:
    """What a result says, blank nodes set aside: a stable order whatever the parser's labels."""
    terms = (r.focus, r.path, r.value, r.component, r.source_shape, r.severity, r.source_constraint)
    return (*map(_sort_text, terms), *sorted(m.value for m in r.messages))


def _sort_text(term: Term | None) -> str:
    if term is None:
        return ""
    return "_:" if isinstance(term, ox.BlankNode) else str(term)


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SH}{name}")


def _xsd(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{XSD}{name}")
