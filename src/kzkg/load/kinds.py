"""The curated type names an annotation may give a record, and the ontology class of each."""

from __future__ import annotations

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
