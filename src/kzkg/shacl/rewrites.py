"""The literals pyoxigraph's store rewrites, and which SPARQL constraints that could mislead.

SPARQL constraints run in a pyoxigraph store, and the store keeps a typed literal in canonical
form: ``"01"^^xsd:integer`` becomes ``"1"``, ``"7"^^xsd:nonNegativeInteger`` becomes
``"7"^^xsd:integer``, ``"300"^^xsd:byte`` (ill-typed) becomes a valid ``"300"^^xsd:integer``.
A query over such data could see a different graph than SHACL defines, so :class:`Rewrites`
finds, once per validation, every typed literal of the data the store would rewrite, and:

* refuses every SPARQL constraint if a rewrite changes a lexical form or makes an ill-typed
  literal valid: ``STR`` and value tests could differ;
* when the rewrites only change a datatype to its base type (kzkg's offsets are
  ``xsd:nonNegativeInteger``, stored as ``xsd:integer``), refuses a query that asks for a
  datatype or a term's identity (``DATATYPE``, ``isNumeric``, ``sameTerm``, a cast) and may
  reach one of those literals: one that names a predicate they are objects of, or may follow
  a predicate it does not name (a variable in a predicate's place, a negated property set);
* when such a change makes two of the data's literals one term (``"7"^^xsd:integer`` beside
  ``"7"^^xsd:nonNegativeInteger``), also refuses a query that joins on a variable that may
  hold one of them, and a result that is one of them;
* gives each other literal a query returns back as the data wrote it.
"""

from __future__ import annotations

import pyoxigraph as ox

from kzkg.rdf import Text, literal_parts
from kzkg.shacl.graph import TripleIndex, refuse
from kzkg.shacl.query import Prepared, reach
from kzkg.shacl.xsd import well_formed

__all__ = ["Rewrites"]


class Rewrites:
    """The data's typed literals the store rewrites, found from the triple index."""

    def __init__(self, data: TripleIndex) -> None:
        typed: dict[Text, set[Text]] = {}  # literal: the predicates it is an object of
        for predicate, (_, objects) in data.columns.items():
            for literal in {o for o in objects if o[0] == '"' and o[-1] == ">"}:
                typed.setdefault(literal, set()).add(predicate)
        stored = _as_stored(sorted(typed))
        writers: dict[Text, list[Text]] = {}
        for written, kept in stored.items():
            writers.setdefault(kept, []).append(written)
        self.back = {kept: w[0] for kept, w in writers.items() if len(w) == 1 and w[0] != kept}
        self.ambiguous = {kept for kept, w in writers.items() if len(w) > 1}
        self.retyped: set[Text] = set()  # predicates with a literal stored under another type
        self.merged: set[Text] = set()  # predicates with a literal stored as another's term
        self.problem = ""
        for written, kept in stored.items():
            if written == kept and kept not in self.ambiguous:
                continue
            same_form = literal_parts(written)[0] == literal_parts(kept)[0]
            if not (same_form and well_formed(written)):
                self.problem = self.problem or f"{written} is stored as {kept}"
            self.retyped |= typed[written]
            if kept in self.ambiguous:
                self.merged |= typed[written]

    def check(self, shape: Text, query: Prepared) -> None:
        """Refuse ``query`` if the rewrites could change its rows."""
        if self.problem:
            raise refuse(shape, f"SPARQL over data the store rewrites ({self.problem})")
        if not self.retyped:
            return
        seen = reach(query.text)
        if seen.observes and (seen.open_predicates or seen.named & self.retyped):
            raise refuse(shape, "SPARQL asking the datatype of literals the store retypes")
        if self.merged:
            exposed = {v for p in self.merged & seen.named for v in seen.objects.get(p, ())}
            if seen.open_predicates:
                exposed |= seen.joined
            if exposed & seen.joined:
                raise refuse(shape, "SPARQL joining on literals the store merges into one term")

    def written(self, shape: Text, term: Text) -> Text:
        """The data's literal for a term as the store gave it back."""
        if term in self.ambiguous:
            raise refuse(shape, f"a SPARQL result {term} the store made of several literals")
        return self.back.get(term, term) if term[:1] == '"' else term


def _as_stored(literals: list[Text]) -> dict[Text, Text]:
    """Each literal as the store keeps it."""
    store = ox.Store()
    subject = "<urn:x-kzkg:{}> <urn:x-kzkg:o> {} .\n"
    text = "".join(subject.format(i, literal) for i, literal in enumerate(literals))
    store.load(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES, lenient=True)
    stored = {}
    written = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    for line in written.split("\n")[:-1]:
        head, _, kept = line[: -len(" .")].partition(" <urn:x-kzkg:o> ")
        stored[literals[int(head[len("<urn:x-kzkg:") : -1])]] = kept
    return stored
