"""Facts the curators add from outside the articles, marked so that a query can keep them apart.

The graph promises that every fact is tied to the words of an article that state it. Some facts
are not (the full name of a president the texts call "Tokayev", the state a datelined town is
in, the author of an unsigned report): a record lists them under ``curator_knowledge:``, each
with its basis and, where known, a reference, and each becomes a ``kzo:CuratorKnowledge`` node
attributed to the curators. The node names the marked property by IRI, so that the quality query
``unmarked-outside-knowledge-violation`` can match a fact against its mark.
"""

from __future__ import annotations

from kzkg.convert.emit import CURATORS, Emitter, inside, maybe
from kzkg.load import FIELD_PROPERTIES
from kzkg.rdf import KZO, PROV, RDFS, Text, english, iri, plain, typed


def curator_knowledge_triples(out: Emitter, record: object, subject: Text) -> None:
    """One ``kzo:CuratorKnowledge`` node per marked field of ``record``."""
    for item in getattr(record, "curator_knowledge", ()):
        mark = iri(f"{inside(subject)}/curator-knowledge/{item.field}")
        out.add(subject, f"{KZO}curatorKnowledge", mark)
        out.types(mark, f"{KZO}CuratorKnowledge")
        out.add(mark, f"{KZO}field", plain(item.field))
        out.add(mark, f"{KZO}markedProperty", typed(FIELD_PROPERTIES[item.field], "anyURI"))
        out.add(mark, f"{KZO}basis", english(item.basis))
        out.add(mark, f"{RDFS}seeAlso", maybe(iri, item.reference))
        out.add(mark, f"{PROV}wasAttributedTo", CURATORS)
