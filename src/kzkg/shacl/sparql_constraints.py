"""The SPARQL queries a shape asks, read from the shapes graph: sh:sparql constraints and
SPARQL-based constraint components (``sh:ConstraintComponent`` with ``sh:parameter`` and a
validator), each query checked and prepared for pre-binding once (:mod:`kzkg.shacl.query`).

A component applies to a shape that has a value for each of its mandatory parameters; the
shape's parameter values are pre-bound to the variables named by the parameters' local names,
one constraint per combination of values. A node shape uses the component's
``sh:nodeValidator``, a property shape its ``sh:propertyValidator``, either falling back to
``sh:validator`` (an ASK query, asked per value node with ``$value`` pre-bound).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product

import pyoxigraph as ox

from kzkg.rdf import OWL, RDF, Text, to_term
from kzkg.shacl.graph import SH, IllFormedShapes, Shapes, is_true, refuse
from kzkg.shacl.paths import sparql_path
from kzkg.shacl.query import Prepared, prepare

__all__ = ["Constraint", "constraints_of", "declared_components"]

SPARQL_COMPONENT = f"<{SH}SPARQLConstraintComponent>"
_RDF_TYPE = f"<{RDF}type>"
_OWL_IMPORTS = f"<{OWL}imports>"
_PARSER = ox.Store()  # empty: a query run there is only parsed
Components = dict[Text, list[tuple[Text, bool]]]  # component: its parameters (path, optional?)


@dataclass(frozen=True, slots=True)
class Constraint:
    """One query to run for a shape, with what its results carry."""

    query: Prepared
    ask: bool  # an ASK validator: asked per value node, a result when it answers no
    component: Text
    source: Text  # the sh:sparql node, or "" for a constraint component
    messages: tuple[Text, ...]
    bindings: dict[str, Text]  # parameter values, by variable name


def constraints_of(shapes: Shapes, components: Components, shape: Text) -> list[Constraint]:
    """The active SPARQL constraints of ``shape``."""
    return [*_sparql_constraints(shapes, shape), *_component_constraints(shapes, components, shape)]


def _sparql_constraints(shapes: Shapes, shape: Text) -> list[Constraint]:
    found = []
    for node in shapes.spec(shape).sparql:
        select = shapes.text(node, "select")
        if select is None or shapes.value(node, "ask") is not None:
            raise IllFormedShapes(f"shape {shape}: the SPARQL constraint {node} needs sh:select")
        query = _prepare(shapes, shape, select, node, {"this", "currentShape", "shapesGraph"})
        messages = tuple(shapes.values(node, "message")) or shapes.spec(shape).messages
        found.append(Constraint(query, False, SPARQL_COMPONENT, node, messages, {}))
    return found


def _component_constraints(shapes: Shapes, components: Components, shape: Text) -> list[Constraint]:
    found = []
    is_property = shapes.value(shape, "path") is not None
    for component, parameters in components.items():
        values = [shapes.index.objects(shape, p) for p, _ in parameters]
        given = all(v or optional for v, (_, optional) in zip(values, parameters, strict=True))
        if not any(values) or not given:
            continue
        validator = _validator(shapes, shape, component, is_property)
        ask = shapes.index.objects(validator, f"<{SH}ask>")
        select = shapes.index.objects(validator, f"<{SH}select>")
        names = {_local(p) for p, _ in parameters}
        prebound = {"this", "currentShape", "shapesGraph", *names, *(("value",) if ask else ())}
        text = ask[0] if ask else select[0]
        query = _prepare(shapes, shape, to_term(text).value, validator, prebound)
        messages = tuple(shapes.index.objects(validator, f"<{SH}message>")) or tuple(
            shapes.index.objects(component, f"<{SH}message>")
        )
        choices = [
            [(_local(p), v) for v in vs] or [None]
            for (p, _), vs in zip(parameters, values, strict=True)
        ]
        for combination in product(*choices):
            bindings = dict(pair for pair in combination if pair is not None)
            found.append(Constraint(query, bool(ask), component, "", messages, bindings))
    return found


def _validator(shapes: Shapes, shape: Text, component: Text, is_property: bool) -> Text:
    kind = "propertyValidator" if is_property else "nodeValidator"
    for name in (kind, "validator"):
        found = shapes.index.objects(component, f"<{SH}{name}>")
        if found:
            return found[0]
    raise refuse(shape, f"the constraint component {component} without a validator for it")


def _prepare(shapes: Shapes, shape: Text, text: str, node: Text, prebound: set[str]) -> Prepared:
    """The query checked, ``$PATH`` written out, its prefixes declared, parsed once."""
    path = shapes.value(shape, "path")
    where = f"shape {shape}"
    query = prepare(text, prebound, where, None if path is None else sparql_path(shapes, path))
    prefixes = "".join(
        f"PREFIX {shapes.text(d, 'prefix')}: <{shapes.text(d, 'namespace')}>\n"
        for p in _imported(shapes, shapes.values(node, "prefixes"))
        for d in shapes.values(p, "declare")
    )
    try:
        _PARSER.query(prefixes + query.text)  # parse only: the store is empty
    except SyntaxError as exc:
        raise IllFormedShapes(f"{where}: its SPARQL does not parse: {exc}") from exc
    return Prepared(
        prefixes + query.text, len(prefixes) + query.where, query.batchable, query.variables
    )


def declared_components(shapes: Shapes) -> dict[Text, list[tuple[Text, bool]]]:
    """Each SPARQL-based constraint component with its parameters (path, optional?)."""
    found = {}
    kinds = shapes.index.subclasses(f"<{SH}ConstraintComponent>")
    components = sorted({c for kind in kinds for c in shapes.index.subjects(_RDF_TYPE, kind)})
    for component in components:
        parameters = []
        for parameter in shapes.index.objects(component, f"<{SH}parameter>"):
            path = shapes.value(parameter, "path")
            if path is None or path[0] != "<":
                raise IllFormedShapes(f"{component}: a parameter needs an IRI sh:path")
            parameters.append((path, is_true(shapes.value(parameter, "optional"))))
        found[component] = parameters
    return found


def _imported(shapes: Shapes, nodes: Sequence[Text]) -> list[Text]:
    """``nodes`` and the ontologies they owl:imports, transitively, within the shapes graph."""
    found, stack = dict.fromkeys(nodes), list(nodes)
    while stack:
        for other in shapes.index.objects(stack.pop(), _OWL_IMPORTS):
            if other not in found:
                found[other] = None
                stack.append(other)
    return list(found)


def _local(iri: Text) -> str:
    return re.split(r"[#/:]", iri[1:-1])[-1]
