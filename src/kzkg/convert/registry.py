"""The registry graph: entities, memberships, changes and the vocabulary the data uses."""

from __future__ import annotations

from kzkg.convert.curation import curator_knowledge_triples
from kzkg.convert.emit import CURATORS, Emitter, P, date, inferred, inside, maybe, ref_of
from kzkg.load import (
    CHANGE_TYPES,
    EVENT_TYPES,
    HEAD_ROLES,
    ORGANISATION_TYPES,
    PLACE_TYPES,
    Change,
    Claim,
    Corpus,
    Event,
    Group,
    Membership,
    Organisation,
    Person,
    Place,
    concepts,
)
from kzkg.rdf import FOAF, KZ, KZO, ORG, PROV, SCHEMA, SKOS, TIME, Text, english, iri, mint

TIME_PROPERTIES = {"year": "inXSDgYear", "month": "inXSDgYearMonth", "day": "inXSDDate"}


def entity_triples(out: Emitter, entity: object, ref: dict[str, Text]) -> None:
    s = ref_of(entity)
    out.add(s, P["label"], english(entity.label))  # type: ignore[attr-defined]
    out.add(s, P["prefLabel"], english(entity.label))  # type: ignore[attr-defined]
    out.many(s, P["altLabel"], (english(a) for a in entity.aliases))  # type: ignore[attr-defined]
    out.add(s, P["description"], maybe(english, entity.description))  # type: ignore[attr-defined]
    out.add(s, P["note"], maybe(english, entity.note))  # type: ignore[attr-defined]
    curator_knowledge_triples(out, entity, s)
    match entity:
        case Person():
            out.types(s, f"{KZO}Person", f"{SCHEMA}Person", f"{FOAF}Person")
            out.add(s, f"{FOAF}name", english(entity.label))
            out.many(s, f"{SCHEMA}jobTitle", (english(t) for t in entity.job_titles))
        case Organisation():
            kind = ORGANISATION_TYPES[entity.type]
            out.types(
                s,
                f"{KZO}Organisation",
                f"{SCHEMA}Organization",
                f"{ORG}Organization",
                kind and f"{KZO}{kind}",
            )
            out.add(s, f"{SCHEMA}foundingDate", maybe(date, entity.founded))
            out.add(s, f"{SCHEMA}dissolutionDate", maybe(date, entity.dissolved))
            out.add(s, f"{SCHEMA}location", ref.get(entity.location or ""))
            out.add(s, f"{ORG}subOrganizationOf", ref.get(entity.part_of or ""))
            inferred(out, s, entity.date_inferred, entity.date_note)
        case Group():
            out.types(s, f"{KZO}Group", f"{FOAF}Group")
        case Place():
            kind = PLACE_TYPES[entity.type]
            out.types(s, f"{KZO}Place", f"{SCHEMA}Place", kind and f"{SCHEMA}{kind}")
            out.add(s, f"{SCHEMA}containedInPlace", ref.get(entity.contained_in or ""))
        case Event():
            kind = EVENT_TYPES[entity.type]
            out.types(s, f"{KZO}Event", f"{SCHEMA}Event", kind and f"{KZO}{kind}")
            out.add(s, f"{SCHEMA}startDate", maybe(date, entity.start))
            out.add(s, f"{SCHEMA}endDate", maybe(date, entity.end))
            out.add(s, f"{SCHEMA}location", ref.get(entity.location or ""))
            out.many(s, f"{SCHEMA}organizer", (ref[o] for o in entity.organizers))
            out.many(s, f"{SCHEMA}attendee", (ref[a] for a in entity.attendees))
            out.add(s, f"{KZO}medium", ref.get(entity.medium or ""))
            inferred(out, s, entity.date_inferred, entity.date_note)


def membership_triples(out: Emitter, m: Membership, ref: dict[str, Text]) -> None:
    s, member, organisation = ref_of(m), ref[m.member], ref[m.organization]
    out.types(s, f"{ORG}Membership")
    out.add(s, f"{ORG}member", member)
    out.add(s, f"{ORG}organization", organisation)
    out.add(s, f"{ORG}role", iri(mint("role", m.role)))
    out.add(s, P["note"], maybe(english, m.note))
    curator_knowledge_triples(out, m, s)
    out.add(member, f"{ORG}memberOf", organisation)
    if m.role in HEAD_ROLES:
        out.add(member, f"{ORG}headOf", organisation)
    if m.start or m.end:
        during = iri(f"{inside(s)}/during")
        out.add(s, f"{ORG}memberDuring", during)
        out.types(during, f"{TIME}Interval")
        for name, value, link in (("start", m.start, "hasBeginning"), ("end", m.end, "hasEnd")):
            if value:
                instant = iri(f"{inside(during)}/{name}")
                out.add(during, f"{TIME}{link}", instant)
                out.types(instant, f"{TIME}Instant")
                out.add(instant, f"{TIME}{TIME_PROPERTIES[value.precision]}", date(value))
                out.add(s, f"{SCHEMA}{name}Date", date(value))
    inferred(out, s, m.date_inferred, m.date_note)


def change_triples(out: Emitter, c: Change, ref: dict[str, Text]) -> None:
    s = ref_of(c)
    out.types(s, f"{ORG}ChangeEvent", f"{KZO}OrganisationalChange", f"{KZO}{CHANGE_TYPES[c.type]}")
    for original in c.original:
        out.add(s, f"{ORG}originalOrganization", ref[original])
        out.add(ref[original], f"{ORG}changedBy", s)
    for resulting in c.resulting:
        out.add(s, f"{ORG}resultingOrganization", ref[resulting])
        out.add(ref[resulting], f"{ORG}resultedFrom", s)
    out.add(s, f"{SCHEMA}startDate", maybe(date, c.date))
    out.add(s, P["description"], maybe(english, c.description))
    out.add(s, P["note"], maybe(english, c.note))
    curator_knowledge_triples(out, c, s)
    inferred(out, s, c.date_inferred, c.date_note)


def vocabulary_triples(out: Emitter, corpus: Corpus) -> None:
    """Labels of the stances and roles the data uses, so queries need not load the ontology."""
    used = {("stance", c.stance) for c in corpus.of_type(Claim)} | {
        ("role", m.role) for m in corpus.of_type(Membership)
    }
    out.types(CURATORS, f"{PROV}Agent")
    out.add(CURATORS, P["label"], english("kzkg curators"))
    for scheme, name in sorted(used):
        concept = concepts(scheme)[name]
        s = iri(mint(scheme, name))
        out.types(s, f"{SKOS}Concept", f"{ORG}Role" if scheme == "role" else None)
        out.add(s, P["inScheme"], iri(f"{KZ}{scheme}"))
        out.add(s, P["prefLabel"], english(concept.label))
        out.add(s, P["label"], english(concept.label))
        out.add(s, P["definition"], maybe(english, concept.definition or None))
    for scheme in sorted({scheme for scheme, _ in used}):
        s = iri(f"{KZ}{scheme}")
        out.types(s, f"{SKOS}ConceptScheme")
        out.add(s, P["label"], english(f"kzkg {scheme}s"))
