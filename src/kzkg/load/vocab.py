"""The closed vocabularies (stances, roles) as the ontology defines them.

The ontology is the one place a stance or role is defined; the loader reads the allowed names
from it, and the converter copies each used concept's label into the graph.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox

from kzkg.data import ONTOLOGY
from kzkg.rdf import KZ, RDFS, SKOS, mint
from kzkg.runtime import KzkgError


@dataclass(frozen=True, slots=True)
class Concept:
    """One member of a SKOS scheme: its slug, label and definition."""

    name: str
    label: str
    definition: str


def concepts(scheme: str, ontology: Path = ONTOLOGY) -> dict[str, Concept]:
    """The members of ``kz:SCHEME`` (``stance`` or ``role``) by slug, from the ontology file."""
    return _concepts(scheme, ontology)


@cache
def _ontology(ontology: Path) -> ox.Store:
    """The ontology file in a store, read once per run whichever scheme is asked for."""
    store = ox.Store()
    try:
        store.load(path=str(ontology), format=ox.RdfFormat.TURTLE)
    except OSError as exc:
        raise KzkgError(
            f"{ontology}: cannot read the ontology ({exc.strerror}) — pass an ontology file that exists, or reinstall kzkg"
        ) from exc
    except SyntaxError as exc:
        raise KzkgError(f"{ontology}: the ontology is not valid Turtle: {exc}") from exc
    return store


@cache  # keyed by both arguments, so concepts("role") and concepts("role", ONTOLOGY) are one
def _concepts(scheme: str, ontology: Path) -> dict[str, Concept]:
    store = _ontology(ontology)
    prefix = mint(scheme, "")
    found: dict[str, Concept] = {}
    rows = store.query(
        f"""SELECT ?c ?label ?definition WHERE {{
              ?c <{SKOS}inScheme> <{KZ}{scheme}> .
              OPTIONAL {{ ?c <{SKOS}prefLabel> ?pref }}
              OPTIONAL {{ ?c <{RDFS}label> ?rlabel }}
              OPTIONAL {{ ?c <{SKOS}definition> ?definition }}
              BIND(COALESCE(?pref, ?rlabel) AS ?label)
            }}"""
    )
    for row in rows:
        iri = row["c"].value
        if iri.startswith(prefix):
            name = iri.removeprefix(prefix)
            label = row["label"].value if row["label"] else name
            definition = row["definition"].value if row["definition"] else ""
            found.setdefault(name, Concept(name, label, definition))
    return dict(sorted(found.items()))
