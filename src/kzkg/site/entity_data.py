"""Each entity's own triples as a Turtle file beside its page (``person/x.ttl``).

A reader who wants the data behind a page gets exactly the statements whose subject is the
entity, with the graph's prefixes; pages link to it with the entity's IRI. Triples are sorted
before they are written, so the file is byte-identical from build to build.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kzkg.rdf import SERIALIZATION_PREFIXES
from kzkg.site.model import Site


def turtle_path(page_path: str) -> str:
    """``person/x.html`` → ``person/x.ttl``."""
    return page_path.removesuffix(".html") + ".ttl"


def entity_turtle(store: ox.Store, iri: str) -> str:
    """The triples of one subject as Turtle, sorted by predicate and object."""
    triples = sorted(
        (quad.triple for quad in store.quads_for_pattern(ox.NamedNode(iri), None, None)),
        key=lambda t: (t.predicate.value, str(t.object)),
    )
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=SERIALIZATION_PREFIXES)
    # The serializer writes its @prefix lines in no fixed order: they are written here instead,
    # sorted, and only those the triples use.
    body = "".join(
        line
        for line in data.decode("utf-8").splitlines(keepends=True)
        if not line.startswith("@prefix ")
    )
    used = [
        f"@prefix {name}: <{iri}> .\n"
        for name, iri in sorted(SERIALIZATION_PREFIXES.items())
        if re.search(rf"(?<![\w.-]){re.escape(name)}:", body)
    ]
    return "".join(used) + "\n" + body


def entity_data_files(store: ox.Store, site: Site) -> dict[str, str]:
    """Every entity's Turtle file by its site path."""
    return {
        turtle_path(entity.ref.path): entity_turtle(store, iri)
        for iri, entity in site.entities.items()
        if entity.ref.path
    }
