"""The curated type names an annotation may give a record, and the ontology class of each."""

from __future__ import annotations

from kzkg.rdf import KZO, ORG, RDFS, SCHEMA, SKOS

# Curated type names → ontology class local names (kzo:…).
ORGANISATION_TYPES = {
    "party": "PoliticalParty",
    "movement": "Movement",
    "trade-union": "TradeUnion",
    "media-outlet": "MediaOutlet",
    "government-body": "GovernmentBody",
    "ngo": "NGO",
    "research-institute": "ResearchInstitute",
    "international-organisation": "InternationalOrganisation",
    "company": "Company",
    "organisation": None,
}
EVENT_TYPES = {
    "conference": "Conference",
    "election": "Election",
    "protest": "Protest",
    "strike": "Strike",
    "rally": "Rally",
    "annexation": "Annexation",
    "treaty": "Treaty",
    "accession": "Accession",
    "referendum": "Referendum",
    "founding": "Founding",
    "renaming": "Renaming",
    "liquidation": "Liquidation",
    "interview": "Interview",
    "press-conference": "PressConference",
    "meeting": "Meeting",
    "event": None,
}
PLACE_TYPES = {"country": "Country", "region": "AdministrativeArea", "city": "City", "other": None}
CHANGE_TYPES = {
    "renaming": "Renaming",
    "merger": "Merger",
    "split": "Split",
    "liquidation": "Liquidation",
}
HEAD_ROLES = frozenset({"leader", "chair"})

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
