"""SHACL-SPARQL constraints, each run once in the pyoxigraph store for all its focus nodes.

SHACL asks for a constraint's SELECT once per focus node with ``$this`` pre-bound; pyshacl
does exactly that, in rdflib's query engine, which is where most of its time goes. Here the
query runs once with every focus node in a VALUES block, in Rust, and the rows are split back
by ``?this``.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kzkg.shacl_graph import Shapes, UnsupportedShape
from kzkg.shacl_terms import Text, to_text

Term = ox.NamedNode | ox.BlankNode | ox.Literal


class SparqlConstraints:
    """The sh:sparql constraints of a shapes graph, run over one data store."""

    def __init__(self, shapes: Shapes, store: ox.Store) -> None:
        self.shapes, self.store = shapes, store
        self._prefixes = "".join(
            f"PREFIX {shapes.text(d, 'prefix')}: <{shapes.text(d, 'namespace')}>\n"
            for d in shapes.declared
        )

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
