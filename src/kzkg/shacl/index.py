"""A graph's triples indexed by term text, and RDF files read as the parser reads them.

The fast SHACL engine looks triples up in Python dicts keyed by N-Triples text
(:mod:`kzkg.rdf.ntriples`): "the sh:path of this shape", "the rdf:type of this node" cost a
dict access instead of a call into a store, and a literal is the one written, never a store's
canonical rewrite of it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import compress
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kzkg.rdf import RDF, RDFS, Text

RDF_TYPE, RDFS_SUBCLASS = f"<{RDF}type>", f"<{RDFS}subClassOf>"


class TripleIndex:
    """A graph's triples grouped by predicate, terms as written, as N-Triples text.

    Core constraints read the triples through this index rather than the pyoxigraph store: the
    store normalises numeric datatypes (``xsd:nonNegativeInteger`` comes back as
    ``xsd:integer``), which would make ``sh:datatype`` judge a different literal than pyshacl.
    The subject and object look-ups of a predicate are built the first time a shape asks for
    that predicate, so predicates no shape mentions are never indexed further.
    """

    def __init__(self, lines: Iterable[str]) -> None:
        """Index distinct N-Triples lines (:func:`kzkg.rdf.ntriples.lines_of`)."""
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
