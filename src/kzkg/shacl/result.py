"""A validation result of the fast SHACL engine, as a SHACL validation report states it."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from kzkg.rdf import Term, Text, to_term
from kzkg.shacl.graph import SH

__all__ = ["Result", "Row", "result_of"]

# A result while validating, as term text: focus, path, value ("" none), severity, source
# shape, constraint component, source constraint ("" none), messages.
Row = tuple[Text, Text, Text, Text, Text, Text, Text, tuple[Text, ...]]


@dataclass(frozen=True, slots=True)
class Result:
    """One validation result, with what a SHACL validation report says of it."""

    focus: Term
    path: ox.NamedNode | ox.BlankNode | None  # a blank node heads a complex path in the shapes
    value: Term | None
    severity: ox.NamedNode
    source_shape: ox.NamedNode | ox.BlankNode
    component: ox.NamedNode
    source_constraint: Term | None  # the sh:sparql node of a SPARQL constraint
    messages: tuple[ox.Literal, ...]

    @property
    def message(self) -> str:
        """The first message's text, as kzkg prints it."""
        return self.messages[0].value if self.messages else "constraint failed"

    @property
    def path_text(self) -> str:
        """The IRI of a predicate path, else ""."""
        return self.path.value if isinstance(self.path, ox.NamedNode) else ""

    @property
    def severity_name(self) -> str:
        """``Violation``, ``Warning``, ``Info``, or the IRI of another severity."""
        return self.severity.value.removeprefix(SH)


def result_of(row: Row) -> Result:
    focus, path, value, severity, shape, component, constraint, messages = row
    return Result(
        to_term(focus),
        to_term(path) if path else None,  # type: ignore[arg-type]
        to_term(value) if value else None,
        to_term(severity),  # type: ignore[arg-type]
        to_term(shape),  # type: ignore[arg-type]
        to_term(component),  # type: ignore[arg-type]
        to_term(constraint) if constraint else None,
        tuple(to_term(m) for m in messages),  # type: ignore[misc]
    )
