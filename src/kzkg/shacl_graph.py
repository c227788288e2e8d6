"""The shapes graph and the data graph, as the fast SHACL engine reads them.

Both graphs are indexed once in Python dicts, so the validator's many small look-ups ("the
sh:path of this shape", "the rdf:type of this node") cost a dict access instead of a call into
the store. The vocabulary the engine understands is listed here; :class:`Shapes` refuses a
shapes graph that uses anything else.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.namespaces import RDF, RDFS

SH = "http://www.w3.org/ns/shacl#"
Term = ox.NamedNode | ox.BlankNode | ox.Literal
RDF_TYPE, RDFS_SUBCLASS = ox.NamedNode(f"{RDF}type"), ox.NamedNode(f"{RDFS}subClassOf")
_FIRST, _REST, _NIL = (ox.NamedNode(f"{RDF}{n}") for n in ("first", "rest", "nil"))

# Shape vocabulary this engine understands; any other sh: predicate in a shape is refused.
STRUCTURE = {
    "path",
    "property",
    "message",
    "severity",
    "name",
    "description",
    "deactivated",
    "sparql",
    "targetClass",
    "targetObjectsOf",
    "targetSubjectsOf",
    "targetNode",
    "flags",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "prefixes",
    "select",
    "declare",
    "order",
    "group",
    "inversePath",
    "alternativePath",
    "prefix",
    "namespace",
    "NodeShape",
    "PropertyShape",
    "SPARQLConstraint",
    "Violation",
    "Warning",
    "Info",
    "IRI",
    "Literal",
    "BlankNode",
    "BlankNodeOrIRI",
    "IRIOrLiteral",
    "BlankNodeOrLiteral",
}
COMPONENTS = {
    "class",
    "datatype",
    "nodeKind",
    "pattern",
    "languageIn",
    "hasValue",
    "in",
    "minLength",
    "maxLength",
    "minInclusive",
    "maxInclusive",
    "minExclusive",
    "maxExclusive",
    "minCount",
    "maxCount",
    "equals",
    "disjoint",
    "lessThan",
    "node",
    "or",
    "xone",
    "and",
    "not",
    "qualifiedValueShape",
}


# Lexical forms, for sh:datatype: an ill-typed literal is a violation, as in pyshacl.
class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this engine does not implement; use pyshacl instead."""


def _sh(name: str) -> ox.NamedNode:
    return ox.NamedNode(f"{SH}{name}")


_SH_TERMS = {name: _sh(name) for name in STRUCTURE | COMPONENTS}


@dataclass(frozen=True, slots=True)
class ShapeSpec:
    """What checking a node against one shape needs, looked up once per shape."""

    path: Term | None
    components: tuple[tuple[str, Term | None], ...]
    properties: tuple[Term, ...]


class Shapes:
    """The shapes graph, read once into Python dicts, with helpers to walk it."""

    def __init__(self, path: Path) -> None:
        graph = ox.Store()
        graph.load(path=str(path), format=ox.RdfFormat.TURTLE)
        triples = [q.triple for q in graph.quads_for_pattern(None, None, None)]
        for t in triples:
            name = t.predicate.value.removeprefix(SH)
            if t.predicate.value.startswith(SH) and name not in STRUCTURE | COMPONENTS:
                raise UnsupportedShape(f"sh:{name} is not implemented by the fast engine")
        self.index = TripleIndex(triples)
        self.declared = sorted(
            {t.object for t in triples if t.predicate == _sh("declare")}, key=str
        )
        self._components: dict[Term, list[str]] = {}
        self._lists: dict[Term, list[Term]] = {}
        self._specs: dict[Term, ShapeSpec] = {}

    def values(self, node: Term, name: str) -> list[Term]:
        return self.index.objects(node, _SH_TERMS.get(name) or _sh(name))

    def value(self, node: Term, name: str) -> Term | None:
        found = self.values(node, name)
        return found[0] if found else None

    def components(self, shape: Term) -> list[str]:
        """The constraint components a shape uses, in a fixed order."""
        if shape not in self._components:
            names = {p.value.removeprefix(SH) for p in self.index.predicates_of(shape)}
            self._components[shape] = sorted(names & COMPONENTS)
        return self._components[shape]

    def spec(self, shape: Term) -> ShapeSpec:
        """The shape's path, components with their arguments, and property shapes, read once."""
        found = self._specs.get(shape)
        if found is None:
            properties = tuple(p for p in self.values(shape, "property") if not self.deactivated(p))
            components = tuple((c, self.value(shape, c)) for c in self.components(shape))
            found = self._specs[shape] = ShapeSpec(
                self.value(shape, "path"), components, properties
            )
        return found

    def deactivated(self, shape: Term) -> bool:
        flag = self.value(shape, "deactivated")
        return flag is not None and flag.value == "true"

    def items(self, head: Term | None) -> list[Term]:
        if head is None:
            return []
        if head not in self._lists:
            result, node = [], head
            while node != _NIL:
                result.append(self.index.objects(node, _FIRST)[0])
                node = self.index.objects(node, _REST)[0]
            self._lists[head] = result
        return self._lists[head]

    def node_shapes(self) -> list[Term]:
        targets = ("targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode")
        found = {s for t in targets for s, _ in self.index.by_predicate.get(_sh(t), [])}
        return sorted(found, key=str)


class TripleIndex:
    """The data graph indexed in Python dicts, terms exactly as written.

    Core constraints read the triples through this index rather than the pyoxigraph store: the
    store normalises numeric datatypes (``xsd:nonNegativeInteger`` comes back as
    ``xsd:integer``), which would make ``sh:datatype`` judge a different literal than pyshacl.
    """

    def __init__(self, triples: Iterable[ox.Triple]) -> None:
        self.by_subject: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
        self.by_object: dict[tuple[Term, Term], list[Term]] = defaultdict(list)
        self.by_predicate: dict[Term, list[tuple[Term, Term]]] = defaultdict(list)
        by_subject, by_object, by_predicate = self.by_subject, self.by_object, self.by_predicate
        for t in triples:  # distinct triples; each term fetched once, it is a new object per access
            s, p, o = t.subject, t.predicate, t.object
            by_subject[s, p].append(o)
            by_object[p, o].append(s)
            by_predicate[p].append((s, o))

    def objects(self, subject: Term, predicate: Term) -> list[Term]:
        return self.by_subject.get((subject, predicate), [])

    def subjects(self, predicate: Term, obj: Term) -> list[Term]:
        return self.by_object.get((predicate, obj), [])

    def predicates_of(self, subject: Term) -> list[Term]:
        return [p for (s, p) in self.by_subject if s == subject]
