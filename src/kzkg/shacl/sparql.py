"""SHACL-SPARQL: sh:sparql constraints and SPARQL-based constraint components, in pyoxigraph.

SHACL asks for a constraint's query once per focus node with ``$this`` pre-bound; pyshacl
does exactly that, in rdflib's query engine, which is where most of its time goes. Here a query
whose ``$this`` is only in its top-level group (:func:`kzkg.shacl.query.prepare` decides) runs
once, in Rust, with every focus node in a VALUES block, and the rows are split back by
``?this``; any other query runs once per focus node with real pre-binding. Constraints are
found on every shape, whether targeted, a property shape or reached through ``sh:node``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import pyoxigraph as ox

from kzkg.rdf import RDF, RDFS, Text, to_term, to_text
from kzkg.shacl.graph import Shapes
from kzkg.shacl.sparql_constraints import Constraint, constraints_of, declared_components

# A result found by SPARQL, as text (sent between processes): focus node, result path (""
# none), value ("" none), constraint component, source constraint ("" none), messages.
Found = tuple[Text, Text, Text, Text, Text, tuple[Text, ...]]
_RDF_TYPE = f"<{RDF}type>"
# $shapesGraph names the shapes graph, a named graph of the store beside the data graph.
SHAPES_GRAPH = "urn:x-kzkg:shapes-graph"
RDF_TYPE_IRI, RDFS_SUBCLASS_IRI = _RDF_TYPE[1:-1], f"{RDFS}subClassOf"


class SparqlConstraints:
    """The SPARQL constraints of a shapes graph, run over one data store."""

    def __init__(self, shapes: Shapes, store: ox.Store, *, batch: bool = True) -> None:
        """``batch=False`` runs every query once per focus node, as SHACL describes it: the
        tests compare the two ways."""
        self.shapes, self.store, self._batch = shapes, store, batch
        self._constraints: dict[Text, list[Constraint]] = {}
        self._components = declared_components(shapes)
        self._shapes_added = False

    def has_constraints(self, shape: Text) -> bool:
        return bool(self.constraints(shape))

    def _shapes_graph(self) -> Text:
        """The name of the shapes graph in the store, added the first time a query asks."""
        if not self._shapes_added:
            graph = ox.NamedNode(SHAPES_GRAPH)
            self.store.extend(
                ox.Quad(t.subject, t.predicate, t.object, graph) for t in self.shapes.triples
            )
            self._shapes_added = True
        return f"<{SHAPES_GRAPH}>"

    def focus_in_store(self, shape: Text) -> list[Text]:
        """The focus nodes of ``shape`` as the store finds them, when the data is in the store
        alone. Only for :func:`targets_in_store` shapes: classes and subjects are IRIs or
        blank nodes, whose text the store gives back unchanged."""
        found: dict[Text, None] = {}
        classes = [*self.shapes.values(shape, "targetClass")]
        if shape in self.shapes.implicit_targets:
            classes.append(shape)
        for cls in classes:
            found.update(self._terms(f"?this <{RDF_TYPE_IRI}>/<{RDFS_SUBCLASS_IRI}>* {cls}"))
        for predicate in self.shapes.values(shape, "targetSubjectsOf"):
            found.update(self._terms(f"?this {predicate} ?value"))
        found.update(dict.fromkeys(self.shapes.values(shape, "targetNode")))
        return list(found)

    def _terms(self, pattern: str) -> dict[Text, None]:
        rows = self.store.query(f"SELECT DISTINCT ?this WHERE {{ {pattern} }}")
        return {to_text(row[0]): None for row in rows}  # type: ignore[union-attr]

    def constraints(self, shape: Text) -> list[Constraint]:
        """The active SPARQL constraints of ``shape``, checked and prepared once."""
        found = self._constraints.get(shape)
        if found is None:
            found = self._constraints[shape] = constraints_of(self.shapes, self._components, shape)
        return found

    def violations(
        self, shape: Text, focus: list[Text], values: Sequence[Sequence[Text]]
    ) -> list[Found]:
        """The results of every SPARQL constraint of ``shape`` for the ``focus`` nodes, whose
        value nodes are ``values`` (in step)."""
        found: list[Found] = []
        path = self.shapes.value(shape, "path") or ""
        for constraint in self.constraints(shape):
            given = {"currentShape": shape, **constraint.bindings}
            used = constraint.query.variables
            if "shapesGraph" in used:
                given["shapesGraph"] = self._shapes_graph()
            fixed = {ox.Variable(k): to_term(v) for k, v in given.items() if k in used}
            if constraint.ask:
                for this, nodes in zip(focus, values, strict=True):
                    for value in nodes:
                        bound = {**fixed, ox.Variable("value"): to_term(value)}
                        if "this" in used:
                            bound[ox.Variable("this")] = to_term(this)
                        if not any(
                            True
                            for _ in self.store.query(constraint.query.text, substitutions=bound)
                        ):  # type: ignore[union-attr]
                            found.append(self._found(constraint, this, path, value, {}))
                continue
            for this, row in self._rows(constraint, focus, fixed):
                value = _bound(row, "value")
                row_path = path or _iri(_bound(row, "path"))
                found.append(
                    self._found(
                        constraint, this, row_path, value or (this if not path else ""), row
                    )
                )
        return found

    def _rows(
        self, constraint: Constraint, focus: list[Text], fixed: dict
    ) -> list[tuple[Text, ox.QuerySolution]]:
        query = constraint.query
        # Only IRIs go in the VALUES block: a blank node cannot be written in a query, and the
        # store would hand a literal back in its canonical form, not as the focus node's text.
        named = [n for n in focus if n[0] == "<"] if self._batch and query.batchable else []
        rows = []
        if named:
            wanted = set(named)
            head, tail = query.text[: query.where], query.text[query.where :]
            text = f"{head} VALUES ?this {{ {' '.join(named)} }} {tail}"
            for row in self.store.query(text, substitutions=fixed):  # type: ignore[union-attr]
                this = _bound(row, "this")
                if this in wanted:
                    rows.append((this, row))
        for this in [n for n in focus if n[0] != "<"] if named else focus:
            bound = {**fixed, ox.Variable("this"): to_term(this)}
            rows.extend((this, row) for row in self.store.query(query.text, substitutions=bound))  # type: ignore[union-attr]
        return rows

    def _found(
        self, constraint: Constraint, this: Text, path: Text, value: Text, row: object
    ) -> Found:
        def lookup(name: str) -> str | None:
            if name in ("this", "value") and not (
                isinstance(row, ox.QuerySolution) and _bound(row, name)
            ):
                text = this if name == "this" else value
            elif name in constraint.bindings:
                text = constraint.bindings[name]
            else:
                text = _bound(row, name) if isinstance(row, ox.QuerySolution) else ""
            return _shown(text) if text else None

        message = _bound(row, "message") if isinstance(row, ox.QuerySolution) else ""
        templates = (message,) if message else constraint.messages
        messages = tuple(_fill(t, lookup) for t in templates)
        return this, path, value, constraint.component, constraint.source, messages


def _bound(row: object, name: str) -> Text:
    try:
        term = row[name]  # type: ignore[index]
    except (KeyError, IndexError, TypeError):
        return ""
    return "" if term is None else to_text(term)


def _iri(text: Text) -> Text:
    return text if text[:1] == "<" else ""


def _shown(text: Text) -> str:
    term = to_term(text)
    return str(term) if isinstance(term, ox.BlankNode) else term.value


def _fill(template: Text, lookup: Callable[[str], str | None]) -> Text:
    """Substitute ``{?var}`` and ``{$var}`` in a message literal with the row's values."""
    literal = to_term(template)
    filled = re.sub(r"\{[?$](\w+)\}", lambda m: lookup(m.group(1)) or m.group(0), literal.value)
    if isinstance(literal, ox.Literal) and literal.language:
        return to_text(ox.Literal(filled, language=literal.language))
    return to_text(ox.Literal(filled))


class FoundElsewhere:
    """The SPARQL-constraint results another process found, by shape, answering as
    :class:`SparqlConstraints` does. ``wait`` returns them, blocking until they are ready."""

    def __init__(self, shapes: Shapes, wait: Callable[[], dict[Text, list[Found]]]) -> None:
        self.shapes, self._wait = shapes, wait
        self._found: dict[Text, list[Found]] | None = None
        self._constraints: dict[Text, list[Constraint]] = {}
        self._components = declared_components(shapes)

    def constraints(self, shape: Text) -> list[Constraint]:
        """The SPARQL constraints of ``shape``, as the other process runs them."""
        found = self._constraints.get(shape)
        if found is None:
            found = self._constraints[shape] = constraints_of(self.shapes, self._components, shape)
        return found

    def has_constraints(self, shape: Text) -> bool:
        return True

    def violations(self, shape: Text, focus: list[Text], values: object = None) -> list[Found]:
        if self._found is None:
            self._found = self._wait()
        wanted = set(focus)
        return [found for found in self._found.get(shape, ()) if found[0] in wanted]


def constrained_shapes(shapes: Shapes) -> list[Text]:
    """The active targeted shapes that have active SPARQL constraints."""
    return [
        shape
        for shape in shapes.node_shapes()
        if not shapes.deactivated(shape) and shapes.spec(shape).sparql
    ]


def targets_in_store(shapes: Shapes) -> bool:
    """Whether another process, with the data in a store alone, can find every SPARQL result:
    the only SPARQL constraints are sh:sparql ones of targeted node shapes that no other shape
    refers to, and none of them targets objects, whose literals the store normalises
    (``"01"^^xsd:integer`` comes back as ``"1"``)."""
    top = set(constrained_shapes(shapes))
    with_sparql = {s for s in shapes.shapes if shapes.values(s, "sparql")}
    referred = {
        v
        for s in shapes.shapes
        for n in ("node", "not", "property", "qualifiedValueShape")
        for v in shapes.values(s, n)
    }
    referred |= {
        m
        for s in shapes.shapes
        for n in ("and", "or", "xone")
        for v in shapes.values(s, n)
        for m in shapes.items(v)
    }
    return (
        with_sparql <= top
        and not (top & referred)
        and not declared_components(shapes)
        and not any(shapes.values(s, "targetObjectsOf") or shapes.values(s, "path") for s in top)
    )
