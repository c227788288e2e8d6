"""The shapes graph and the data graph, as the fast SHACL engine reads them.

Both graphs are indexed once in Python dicts keyed by term text (:mod:`kzkg.shacl_terms`), so
the validator's many look-ups ("the sh:path of this shape", "the rdf:type of this node") cost
a dict access instead of a call into the store. The shapes are indexed as the parser read them,
never through a store, which would rewrite ``1.0`` as ``1`` and make ``sh:in (1.0)`` judge a
different literal. :class:`Shapes` finds the shapes as SHACL defines them (typed, targeted, or
reached from another shape) and refuses one that uses an ``sh:`` term the engine does not
implement; a triple elsewhere in the graph that merely uses an ``sh:`` term is data, not a shape.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzkg.namespaces import RDF, RDFS, XSD
from kzkg.shacl_terms import Text, lines_of, value

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE, RDFS_SUBCLASS = f"<{RDF}type>", f"<{RDFS}subClassOf>"
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


class TripleIndex:
    """A graph's triples grouped by predicate, terms as written, as N-Triples text.

    Core constraints read the triples through this index rather than the pyoxigraph store: the
    store normalises numeric datatypes (``xsd:nonNegativeInteger`` comes back as
    ``xsd:integer``), which would make ``sh:datatype`` judge a different literal than pyshacl.
    The subject and object look-ups of a predicate are built the first time a shape asks for
    that predicate, so predicates no shape mentions are never indexed further.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        """Index distinct N-Triples lines (:func:`kzkg.shacl_terms.lines_of`)."""
        columns: dict[Text, tuple[list[Text], list[Text]]] = {}
        # One string per node, however many triples name it: its hash is computed once, look-ups
        # compare it by identity, and millions of copies are not kept.
        nodes: dict[Text, Text] = {}
        same = nodes.setdefault
        for line in lines:
            s, p, o = line[:-2].split(" ", 2)  # "S P O ."; subjects and predicates hold no space
            column = columns.get(p)
            if column is None:
                column = columns[p] = ([], [])
            column[0].append(same(s, s))
            column[1].append(o if o[0] == '"' else same(o, o))
        self.columns = columns
        self._objects: dict[Text, dict[Text, Sequence[Text]]] = {}
        self._subjects: dict[Text, dict[Text, Sequence[Text]]] = {}
        self._instances: dict[Text, set[Text]] = {}
        self._out: dict[Text, list[tuple[Text, Text]]] | None = None

    def column(self, predicate: Text) -> tuple[list[Text], list[Text]]:
        """The subjects and the objects of the triples with ``predicate``, in step."""
        return self.columns.get(predicate, ([], []))

    def objects_of(self, predicate: Text) -> dict[Text, Sequence[Text]]:
        """Subject to its objects, over every triple with ``predicate``."""
        found = self._objects.get(predicate)
        if found is None:
            found = self._objects[predicate] = _group(*self.column(predicate))
        return found

    def subjects_of(self, predicate: Text) -> dict[Text, Sequence[Text]]:
        """Object to its subjects, over every triple with ``predicate``."""
        found = self._subjects.get(predicate)
        if found is None:
            subjects, objects = self.column(predicate)
            found = self._subjects[predicate] = _group(objects, subjects)
        return found

    def objects(self, subject: Text, predicate: Text) -> Sequence[Text]:
        return self.objects_of(predicate).get(subject, ())

    def subjects(self, predicate: Text, obj: Text) -> Sequence[Text]:
        return self.subjects_of(predicate).get(obj, ())

    def outgoing(self, subject: Text) -> list[tuple[Text, Text]]:
        """Every ``(predicate, object)`` of ``subject``: built once, for sh:closed alone."""
        if self._out is None:
            self._out = {}
            for p, (subjects, objects) in self.columns.items():
                for s, o in zip(subjects, objects, strict=True):
                    self._out.setdefault(s, []).append((p, o))
        return self._out.get(subject, [])

    def instances(self, cls: Text) -> set[Text]:
        """Every node typed ``cls`` or a subclass of it, by the triples the graph asserts."""
        found = self._instances.get(cls)
        if found is None:
            types = self.subjects_of(RDF_TYPE)
            found = self._instances[cls] = set()
            for sub in self.subclasses(cls):
                found.update(types.get(sub, ()))
        return found

    def subclasses(self, cls: Text) -> set[Text]:
        """``cls`` and its subclasses, by the graph's rdfs:subClassOf triples."""
        seen, stack = {cls}, [cls]
        while stack:
            for sub in self.subjects(RDFS_SUBCLASS, stack.pop()):
                if sub not in seen:
                    seen.add(sub)
                    stack.append(sub)
        return seen


def _group(keys: list[Text], values: list[Text]) -> dict[Text, Sequence[Text]]:
    """Each key with its values, in order."""
    # Most keys have one value: the dict is built without a Python loop, and only the pairs of
    # the keys that have several (a person's three types) are gathered one by one.
    found: dict[Text, Sequence[Text]] = dict(zip(keys, zip(values), strict=True))
    if len(found) < len(keys):
        several: dict[Text, list[Text]] = {k: [] for k, n in Counter(keys).items() if n > 1}
        for key, item in compress(zip(keys, values, strict=True), map(several.__contains__, keys)):
            several[key].append(item)
        found.update(several)
    return found


@dataclass(frozen=True, slots=True)
class ShapeSpec:
    """What checking nodes against one shape needs, looked up once per shape."""

    path: Text | None
    components: tuple[tuple[str, Text], ...]  # (parameter name, one of its values), sorted
    properties: tuple[Text, ...]
    messages: tuple[Text, ...]  # the sh:message literals, as text
    severity: Text  # the sh:severity IRI, as text
    sparql: tuple[Text, ...]  # the active sh:sparql constraints


def parse_file(path: Path, label: str = "s") -> list[ox.Triple]:
    """The triples of an RDF file as the parser reads them, the format told by the extension.

    The parser names each ``[ ]`` afresh on every read; here the blank nodes are renamed
    ``{label}1``, ``{label}2``... in the order they first appear, so two reads of one file (in
    two processes) give the same nodes, results come out in the same order every run, and two
    files read with different labels share no blank node by accident."""
    found = ox.RdfFormat.from_extension(path.suffix.lstrip(".") or "ttl") or ox.RdfFormat.TURTLE
    names: dict[ox.BlankNode, ox.BlankNode] = {}

    def renamed(term: Any) -> Any:
        if not isinstance(term, ox.BlankNode):
            return term
        new = names.get(term)
        if new is None:
            new = names[term] = ox.BlankNode(f"{label}{len(names) + 1}")
        return new

    return [
        ox.Triple(renamed(q.subject), q.predicate, renamed(q.object))
        for q in ox.parse(path=str(path), format=found, base_iri=path.as_uri())
    ]


class Shapes:
    """The shapes graph, read once into Python dicts, with helpers to walk it."""

    def __init__(self, source: Path | Sequence[ox.Triple]) -> None:
        self.triples = parse_file(source) if isinstance(source, Path) else list(source)
        text = ox.serialize(self.triples, format=ox.RdfFormat.N_TRIPLES)
        self.index = TripleIndex(lines_of(text))
        self._lists: dict[Text, list[Text]] = {}
        self._specs: dict[Text, ShapeSpec] = {}
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
