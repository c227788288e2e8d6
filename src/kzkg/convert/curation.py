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
from kzkg.rdf import KZO, ORG, PROV, RDFS, SCHEMA, SKOS, Text, english, iri, plain, typed

# The YAML key of each markable fact → the property that states it in the graph. One table for
# the converter, the loader's check and the docs, so that a key and its property cannot drift.
FIELD_PROPERTIES: dict[str, str] = {
    "label": f"{RDFS}label",
    "aliases": f"{SKOS}altLabel",
    "description": f"{SCHEMA}description",
    "job_titles": f"{SCHEMA}jobTitle",
    "founded": f"{SCHEMA}foundingDate",
    "dissolved": f"{SCHEMA}dissolutionDate",
    "location": f"{SCHEMA}location",
    "part_of": f"{ORG}subOrganizationOf",
    "contained_in": f"{SCHEMA}containedInPlace",
    "start": f"{SCHEMA}startDate",
    "end": f"{SCHEMA}endDate",
    "date": f"{SCHEMA}startDate",
    "organizers": f"{SCHEMA}organizer",
    "attendees": f"{SCHEMA}attendee",
    "medium": f"{KZO}medium",
    "authors": f"{SCHEMA}author",
    "publisher": f"{SCHEMA}publisher",
    "published": f"{SCHEMA}datePublished",
    "member": f"{ORG}member",
    "role": f"{ORG}role",
}


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
