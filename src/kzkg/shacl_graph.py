"""The shapes graph and the data graph, as the fast SHACL engine reads them.

Both graphs are indexed once in Python dicts keyed by term text (:mod:`kzkg.shacl_terms`), so
the validator's many look-ups ("the sh:path of this shape", "the rdf:type of this node") cost
a dict access instead of a call into the store. The vocabulary the engine understands is listed
here; :class:`Shapes` refuses a shapes graph that uses anything else.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from pathlib import Path

import pyoxigraph as ox

from kzkg.namespaces import RDF, RDFS
from kzkg.shacl_terms import Text, lines_of, value

SH = "http://www.w3.org/ns/shacl#"
RDF_TYPE, RDFS_SUBCLASS = f"<{RDF}type>", f"<{RDFS}subClassOf>"
_FIRST, _REST, _NIL = (f"<{RDF}{n}>" for n in ("first", "rest", "nil"))

# Shape vocabulary this engine understands; any other sh: predicate in a shape is refused.
STRUCTURE = {
    *("path", "property", "message", "severity", "name", "description", "deactivated"),
    *("sparql", "targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode", "flags"),
    *("qualifiedMinCount", "qualifiedMaxCount", "prefixes", "select", "declare", "order"),
    *("group", "inversePath", "alternativePath", "prefix", "namespace", "NodeShape"),
    *("PropertyShape", "SPARQLConstraint", "Violation", "Warning", "Info", "IRI", "Literal"),
    *("BlankNode", "BlankNodeOrIRI", "IRIOrLiteral", "BlankNodeOrLiteral"),
}
COMPONENTS = {
    *("class", "datatype", "nodeKind", "pattern", "languageIn", "hasValue", "in"),
    *("minLength", "maxLength", "minInclusive", "maxInclusive", "minExclusive", "maxExclusive"),
    *("minCount", "maxCount", "equals", "disjoint", "lessThan", "node", "or", "xone", "and"),
    *("not", "qualifiedValueShape"),
}
_SH_TERMS = {name: f"<{SH}{name}>" for name in STRUCTURE | COMPONENTS}
_TARGETS = ("targetClass", "targetObjectsOf", "targetSubjectsOf", "targetNode")


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this engine does not implement; use pyshacl instead."""


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

    def instances(self, cls: Text) -> set[Text]:
        """Every node typed ``cls`` or a subclass of it, by the triples the graph asserts."""
        found = self._instances.get(cls)
        if found is None:
            types = self.subjects_of(RDF_TYPE)
            found = self._instances[cls] = set()
            seen, stack = {cls}, [cls]
            while stack:
                current = stack.pop()
                found.update(types.get(current, ()))
                for sub in self.subjects(RDFS_SUBCLASS, current):
                    if sub not in seen:
                        seen.add(sub)
                        stack.append(sub)
        return found


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
    components: tuple[tuple[str, Text], ...]
    properties: tuple[Text, ...]
    message: str
    severity: str
    result_path: str  # the IRI of a predicate path, else ""


class Shapes:
    """The shapes graph, read once into Python dicts, with helpers to walk it."""

    def __init__(self, path: Path) -> None:
        graph = ox.Store()
        graph.load(path=str(path), format=ox.RdfFormat.TURTLE)
        triples = [q.triple for q in graph.quads_for_pattern(None, None, None)]
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        self.index = TripleIndex(lines_of(text, distinct=len(triples)))
        self._predicates: dict[Text, set[Text]] = {}
        for p, (subjects, _) in self.index.columns.items():
            name = p[1:-1].removeprefix(SH)
            if p.startswith(f"<{SH}") and name not in STRUCTURE | COMPONENTS:
                raise UnsupportedShape(f"sh:{name} is not implemented by the fast engine")
            for s in subjects:
                self._predicates.setdefault(s, set()).add(p)
        self.declared = sorted(set(self.index.column(_SH_TERMS["declare"])[1]))
        self._lists: dict[Text, list[Text]] = {}
        self._specs: dict[Text, ShapeSpec] = {}

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
            names = {p[1:-1].removeprefix(SH) for p in self._predicates.get(shape, ())}
            path = self.value(shape, "path")
            message, severity = self.text(shape, "message"), self.text(shape, "severity")
            found = self._specs[shape] = ShapeSpec(
                path,
                tuple((c, self.values(shape, c)[0]) for c in sorted(names & COMPONENTS)),
                tuple(p for p in self.values(shape, "property") if not self.deactivated(p)),
                "constraint failed" if message is None else message,
                "Violation" if severity is None else severity.removeprefix(SH),
                value(path) if path is not None and path[0] == "<" else "",
            )
        return found

    def deactivated(self, shape: Text) -> bool:
        return self.text(shape, "deactivated") == "true"

    def items(self, head: Text | None) -> list[Text]:
        """The members of the RDF list starting at ``head``."""
        if head is None:
            return []
        if head not in self._lists:
            result, node = [], head
            while node != _NIL:
                result.append(self.index.objects(node, _FIRST)[0])
                node = self.index.objects(node, _REST)[0]
            self._lists[head] = result
        return self._lists[head]

    def node_shapes(self) -> list[Text]:
        """Every shape with a target, in a fixed order."""
        return sorted({s for t in _TARGETS for s in self.index.column(_SH_TERMS[t])[0]})
