"""SHACL-SPARQL constraints, each run once in the pyoxigraph store for all its focus nodes.

SHACL asks for a constraint's SELECT once per focus node with ``$this`` pre-bound; pyshacl
does exactly that, in rdflib's query engine, which is where most of its time goes. Here the
query runs once with every focus node in a VALUES block, in Rust, and the rows are split back
by ``?this``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pyoxigraph as ox

from kzkg.shacl_graph import RDF_TYPE, RDFS_SUBCLASS, Shapes, UnsupportedShape
from kzkg.shacl_terms import Text, to_term, to_text

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Found = tuple[Text, str, str]  # (focus node, result path, message), sent between processes


class SparqlConstraints:
    """The sh:sparql constraints of a shapes graph, run over one data store."""

    def __init__(self, shapes: Shapes, store: ox.Store) -> None:
        self.shapes, self.store = shapes, store
        self._prefixes = "".join(
            f"PREFIX {shapes.text(d, 'prefix')}: <{shapes.text(d, 'namespace')}>\n"
            for d in shapes.declared
        )

    def focus_in_store(self, shape: Text) -> list[Text]:
        """The focus nodes of ``shape`` as the store finds them, when the data is in the store
        alone. Only for :func:`targets_in_store` shapes: classes and subjects are IRIs or
        blank nodes, whose text the store gives back unchanged."""
        found: dict[Text, None] = {}
        for cls in self.shapes.values(shape, "targetClass"):
            found.update(self._terms(f"?this {RDF_TYPE}/{RDFS_SUBCLASS}* {cls}"))
        for predicate in self.shapes.values(shape, "targetSubjectsOf"):
            found.update(self._terms(f"?this {predicate} ?value"))
        found.update(dict.fromkeys(self.shapes.values(shape, "targetNode")))
        return list(found)

    def _terms(self, pattern: str) -> dict[Text, None]:
        rows = self.store.query(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}")
        return {to_text(row[0]): None for row in rows}  # type: ignore[union-attr]

    def found(self, shape: Text, focus: list[Text]) -> list[Found]:
        """:meth:`violations`, with the focus node as text, to be sent to another process."""
        return [
            (to_text(this), path, message) for this, path, message in self.violations(shape, focus)
        ]

    def violations(self, shape: Text, focus: list[Text]) -> list[tuple[Term, str, str]]:
        """``(focus node, result path, message)`` for each row of each constraint of ``shape``.

        Rows whose ``?this`` is not one of ``focus`` are left out.
        """
        found: list[tuple[Term, str, str]] = []
        wanted = set(focus)
        for constraint in self.shapes.values(shape, "sparql"):
            if self.shapes.deactivated(constraint):
                continue
            select = self.shapes.text(constraint, "select").replace("$this", "?this")  # type: ignore[union-attr]
            query = self._prefixes + _prebind(select, focus)
            template = self.shapes.text(constraint, "message")
            if template is None:
                template = self.shapes.text(shape, "message")
            for row in self.store.query(query):  # type: ignore[union-attr]
                this = row["this"]
                if this is not None and to_text(this) in wanted:
                    message = _fill("constraint failed" if template is None else template, row)
                    path = row["path"] if _has(row, "path") else None
                    found.append((this, path.value if path is not None else "", message))
        return found


def constrained_shapes(shapes: Shapes) -> list[Text]:
    """The active shapes that have active SPARQL constraints."""
    return [
        shape
        for shape in shapes.node_shapes()
        if not shapes.deactivated(shape)
        and any(not shapes.deactivated(c) for c in shapes.values(shape, "sparql"))
    ]


def targets_in_store(shapes: Shapes) -> bool:
    """Whether the store alone finds the focus nodes of every shape with SPARQL constraints
    exactly as the engine's triple index does. It does not for sh:targetObjectsOf, whose
    literals the store normalises (``"01"^^xsd:integer`` comes back as ``"1"``)."""
    return not any(shapes.values(s, "targetObjectsOf") for s in constrained_shapes(shapes))


class FoundElsewhere:
    """The SPARQL-constraint violations another process found, by shape, answering as
    :class:`SparqlConstraints` does. ``wait`` returns them, blocking until they are ready."""

    def __init__(self, wait: Callable[[], dict[Text, list[Found]]]) -> None:
        self._wait = wait
        self._found: dict[Text, list[Found]] | None = None

    def violations(self, shape: Text, focus: list[Text]) -> list[tuple[Term, str, str]]:
        if self._found is None:
            self._found = self._wait()
        wanted = set(focus)
        rows = self._found.get(shape, ())
        return [(to_term(this), path, message) for this, path, message in rows if this in wanted]


def _prebind(select: str, focus: list[Text]) -> str:
    """Bind ``?this`` to every focus node at once: a VALUES block opening the WHERE group.

    SHACL pre-binds ``$this`` for each focus node; a query that uses it only inside FILTERs
    would find nothing if ``?this`` were left free, so it must be bound before they run.
    """
    where = re.search(r"\bWHERE\s*\{", select, re.IGNORECASE)
    if where is None:
        raise UnsupportedShape("a SPARQL constraint without a WHERE clause")
    terms = " ".join(focus) or "UNDEF"
    return f"{select[: where.end()]} VALUES ?this {{ {terms} }} {select[where.end() :]}"


def _fill(template: str, row: ox.QuerySolution) -> str:
    """Substitute ``{?var}`` and ``{$var}`` in a message with the row's values."""
    return re.sub(
        r"\{[?$](\w+)\}",
        lambda m: _term_text(row[m.group(1)]) if _has(row, m.group(1)) else m.group(0),
        template,
    )


def _has(row: ox.QuerySolution, name: str) -> bool:
    try:
        return row[name] is not None
    except (KeyError, IndexError):
        return False


def _term_text(term: Term) -> str:
    return term.value if not isinstance(term, ox.BlankNode) else str(term)
