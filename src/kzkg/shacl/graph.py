"""The shapes graph, as the fast SHACL engine reads it.

It is indexed once in Python dicts keyed by term text (:mod:`kzkg.shacl.index`), so
the validator's many look-ups ("the sh:path of this shape", "the rdf:type of this node") cost
a dict access instead of a call into the store. The shapes are indexed as the parser read them,
never through a store, which would rewrite ``1.0`` as ``1`` and make ``sh:in (1.0)`` judge a
different literal. :class:`Shapes` finds the shapes as SHACL defines them (typed, targeted, or
reached from another shape) and refuses one that uses an ``sh:`` term the engine does not
implement; a triple elsewhere in the graph that merely uses an ``sh:`` term is data, not a shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.rdf import RDF, RDFS, SH, XSD, Text, lines_of, value
from kzkg.shacl.index import RDF_TYPE, RDFS_SUBCLASS, TripleIndex, parse_file

__all__ = [
    "RDFS_SUBCLASS",
    "RDF_TYPE",
    "SH",
    "IllFormedShapes",
    "ShaclEngineError",
    "Shapes",
    "TripleIndex",
    "UnsupportedShape",
    "parse_file",
]

_FIRST, _REST, _NIL = (f"<{RDF}{n}>" for n in ("first", "rest", "nil"))
_RDFS_CLASS = f"<{RDFS}Class>"

# Terms a shape may carry besides constraint parameters; any other sh: predicate is refused.
STRUCTURE = {
    *("path", "property", "message", "severity", "name", "description", "deactivated"),
    *("sparql", "targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode", "flags"),
    *("qualifiedValueShape", "qualifiedValueShapesDisjoint", "prefixes"),
    *("group", "order", "defaultValue", "ignoredProperties", "declare", "select"),
}
# Parameters that make a constraint, each checked by the validator; their values, one by one.
COMPONENTS = {
    *("class", "datatype", "nodeKind", "pattern", "languageIn", "hasValue", "in", "closed"),
    *("minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"),
    *("minCount", "maxCount", "equals", "disjoint", "lessThan", "lessThanOrEquals", "node"),
    *("or", "xone", "and", "not", "qualifiedMinCount", "qualifiedMaxCount", "uniqueLang"),
}
_SH_TERMS = {name: f"<{SH}{name}>" for name in STRUCTURE | COMPONENTS}
_TARGETS = ("targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode")
_SHAPE_TYPES = (f"<{SH}NodeShape>", f"<{SH}PropertyShape>")
_SHAPE_VALUED = ("node", "property", "not", "qualifiedValueShape")
_SHAPE_LISTS = ("and", "or", "xone")


class ShaclEngineError(ValueError):
    """The fast engine cannot validate with these shapes; the message is one line."""


class UnsupportedShape(ShaclEngineError):
    """The shapes use a SHACL feature this engine does not implement; use pyshacl instead."""


class IllFormedShapes(ShaclEngineError):
    """The shapes graph is not well-formed SHACL, so no engine may validate with it."""


def is_true(text: Text | None) -> bool:
    """Whether a boolean parameter's value (as text) is ``true``: SHACL names that literal
    alone, so ``"1"^^xsd:boolean`` leaves the parameter off."""
    return text == f'"true"^^<{XSD}boolean>'


def refuse(shape: Text, feature: str) -> UnsupportedShape:
    return UnsupportedShape(f"shape {shape}: {feature} is not implemented by the fast engine")


@dataclass(frozen=True, slots=True)
class ShapeSpec:
    """What checking nodes against one shape needs, looked up once per shape."""

    path: Text | None
    components: tuple[tuple[str, Text], ...]  # (parameter name, one of its values), sorted
    properties: tuple[Text, ...]
    messages: tuple[Text, ...]  # the sh:message literals, as text
    severity: Text  # the sh:severity IRI, as text
    sparql: tuple[Text, ...]  # the active sh:sparql constraints


class Shapes:
    """The shapes graph, read once into Python dicts, with helpers to walk it."""

    def __init__(self, source: Path | Sequence[ox.Triple]) -> None:
        self.triples = parse_file(source) if isinstance(source, Path) else list(source)
        text = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES)
        self.index = TripleIndex(lines_of(text))
        self._lists: dict[Text, list[Text]] = {}
        self._specs: dict[Text, ShapeSpec] = {}
        # SHACL requires a processor to fail on an entailment regime it does not support.
        for graph, regime in zip(*self.index.column(f"<{SH}entailment>"), strict=True):
            raise refuse(graph, f"sh:entailment {regime}")
        self.implicit_targets = self._implicit_targets()
        self.shapes = self._all_shapes()
        for shape in sorted(self.shapes):
            for p in self._predicates(shape):
                name = p[1:-1].removeprefix(SH)
                if p.startswith(f"<{SH}") and name not in STRUCTURE | COMPONENTS:
                    raise refuse(shape, f"sh:{name}")
            if len(self.values(shape, "path")) > 1:
                raise IllFormedShapes(f"shape {shape} has more than one sh:path")

    def _predicates(self, node: Text) -> list[Text]:
        return [p for p in self.index.columns if node in self.index.objects_of(p)]

    def _all_shapes(self) -> set[Text]:
        """The shapes: typed, targeted, with a path, or reached from another shape."""
        found: set[Text] = set()
        for name in (*_TARGETS, "path", "property", "sparql"):
            found.update(self.index.column(_SH_TERMS[name])[0])
        # A parameter of a SPARQL-based constraint component has a path, yet is not a shape.
        found.difference_update(self.index.column(f"<{SH}parameter>")[1])
        for kind in _SHAPE_TYPES:
            found.update(self.index.subjects(RDF_TYPE, kind))
        found.update(self.implicit_targets)
        stack = list(found)
        while stack:
            shape = stack.pop()
            reached = [v for name in _SHAPE_VALUED for v in self.values(shape, name)]
            reached += [
                m for name in _SHAPE_LISTS for v in self.values(shape, name) for m in self.items(v)
            ]
            for other in reached:
                if other not in found:
                    found.add(other)
                    stack.append(other)
        return found

    def _implicit_targets(self) -> set[Text]:
        """Shapes that are also classes (SHACL instances of rdfs:Class in the shapes graph)."""
        classes = {
            node
            for cls in self.index.subclasses(_RDFS_CLASS)
            for node in self.index.subjects(RDF_TYPE, cls)
        }
        return {s for kind in _SHAPE_TYPES for s in self.index.subjects(RDF_TYPE, kind)} & classes

    def values(self, node: Text, name: str) -> Sequence[Text]:
        return self.index.objects(node, _SH_TERMS.get(name) or f"<{SH}{name}>")

    def value(self, node: Text, name: str) -> Text | None:
        found = self.values(node, name)
        return found[0] if found else None

    def text(self, node: Text, name: str) -> str | None:
        """The lexical form (or IRI) of the first value of ``sh:name``, if there is one."""
        found = self.value(node, name)
        return None if found is None else value(found)

    def spec(self, shape: Text) -> ShapeSpec:
        """The shape's path, components with their arguments, properties and report, read once."""
        found = self._specs.get(shape)
        if found is None:
            components = sorted(
                (name, arg) for name in COMPONENTS for arg in self.values(shape, name)
            )
            found = self._specs[shape] = ShapeSpec(
                self.value(shape, "path"),
                tuple(components),
                tuple(p for p in self.values(shape, "property") if not self.deactivated(p)),
                tuple(self.values(shape, "message")),
                self.value(shape, "severity") or f"<{SH}Violation>",
                tuple(c for c in self.values(shape, "sparql") if not self.deactivated(c)),
            )
        return found

    def deactivated(self, shape: Text) -> bool:
        return is_true(self.value(shape, "deactivated"))

    def items(self, head: Text | None) -> list[Text]:
        """The members of the RDF list starting at ``head``."""
        if head is None:
            return []
        if head not in self._lists:
            result, node, seen = [], head, set()
            while node != _NIL:
                first, rest = self.index.objects(node, _FIRST), self.index.objects(node, _REST)
                if len(first) != 1 or len(rest) != 1 or node in seen:
                    raise IllFormedShapes(f"{head} is not a well-formed RDF list")
                seen.add(node)
                result.append(first[0])
                node = rest[0]
            self._lists[head] = result
        return self._lists[head]

    def is_list(self, node: Text) -> bool:
        return node == _NIL or bool(self.index.objects(node, _FIRST))

    def node_shapes(self) -> list[Text]:
        """Every shape with a target, explicit or implicit, in a fixed order."""
        targeted = {s for t in _TARGETS for s in self.index.column(_SH_TERMS[t])[0]}
        return sorted((targeted | self.implicit_targets) & self.shapes)
