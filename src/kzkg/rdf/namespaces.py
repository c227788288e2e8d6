"""The namespaces of the graph, in one place so that no module spells an IRI twice; the IRI of
every record (:func:`mint`) and every compact ``prefix:local`` name (:class:`Compactor`).

>>> mint("organisation", "kazakhstan-2012")
'https://w3id.org/kzkg/id/org/kazakhstan-2012'
>>> Compactor(SERIALIZATION_PREFIXES)(mint("person", "ainur-kurmanov"))
'person:ainur-kurmanov'
>>> Compactor(PREFIXES)(mint("person", "ainur-kurmanov"))
'kz:person/ainur-kurmanov'
"""

from __future__ import annotations

import re
from collections.abc import Mapping

KZ = "https://w3id.org/kzkg/id/"
KZO = "https://w3id.org/kzkg/ontology#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
OA = "http://www.w3.org/ns/oa#"
TIME = "http://www.w3.org/2006/time#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
OWL = "http://www.w3.org/2002/07/owl#"
SH = "http://www.w3.org/ns/shacl#"
DCTERMS = "http://purl.org/dc/terms/"
VANN = "http://purl.org/vocab/vann/"
ONTOLOGY_IRI = "https://w3id.org/kzkg/"  # the owl:Ontology that ontology/kzkg.ttl describes

GRAPH = f"{KZ}graph/"  # the build's named graphs: graph/registry and graph/article/ID
LOAD_GRAPH = "https://w3id.org/kzkg/graph/kzkg"  # where `kzkg load` puts a triples file

PREFIXES: dict[str, str] = {
    "kz": KZ,
    "kzo": KZO,
    "schema": SCHEMA,
    "foaf": FOAF,
    "org": ORG,
    "prov": PROV,
    "skos": SKOS,
    "oa": OA,
    "time": TIME,
    "rdf": RDF,
    "rdfs": RDFS,
    "xsd": XSD,
}

# Typed data paths get prefixes of their own in published files, so that `person:ainur-kurmanov`
# reads as what it is; queries keep using `kz:`.
TYPED_PATHS = {
    "person": "person/",
    "organisation": "org/",
    "group": "group/",
    "place": "place/",
    "event": "event/",
    "article": "article/",
    "claim": "claim/",
    "figure": "figure/",
    "membership": "membership/",
    "change": "change/",
    "role": "role/",
    "stance": "stance/",
}
SERIALIZATION_PREFIXES: dict[str, str] = {
    **PREFIXES,
    **{name: KZ + path for name, path in TYPED_PATHS.items()},
}


def mint(kind: str, slug: str) -> str:
    """The IRI of a record: its kind's typed path (``TYPED_PATHS``) and its curated id.

    Ids are chosen once by a contributor and checked as slugs, never taken from a label, so an
    IRI such as ``kz:org/kazakhstan-2012`` stays the same when names change.
    """
    return f"{KZ}{TYPED_PATHS[kind]}{slug}"


class Compactor(dict[str, str]):
    """IRI → ``prefix:local`` with the longest namespace of a prefix table that begins it.

    Every namespace ends in ``/`` or ``#``, so only the IRI's beginnings that end so are looked
    up, longest first. An IRI no namespace begins, or that is a namespace itself, comes back
    as it is. ``local``, when given, is the form a local name must have (matched whole), and it
    never holds a ``/`` or ``#``: a writer that only trusts plain names passes it, and other
    IRIs stay whole.

    A dict that fills itself (``compact[iri]``, or ``compact(iri)``): predicates, classes and
    shared nodes recur on most lines of a graph, and a hit costs no search.

    >>> compact = Compactor({"p": "http://e.org/p/"})
    >>> compact("http://e.org/p/a/b"), compact["http://e.org/p/c"], compact("http://e.org/p/")
    ('p:a/b', 'p:c', 'http://e.org/p/')
    >>> Compactor({"p": "http://e.org/p/"}, local=re.compile("[a-z]+"))("http://e.org/p/a/b")
    'http://e.org/p/a/b'
    """

    def __init__(self, prefixes: Mapping[str, str], local: re.Pattern[str] | None = None) -> None:
        super().__init__()
        self.prefix_of = {namespace: name for name, namespace in prefixes.items()}
        self.local = local

    def __call__(self, iri: str) -> str:
        return self[iri]

    def __missing__(self, iri: str) -> str:
        found = self[iri] = self.compacted(iri)
        return found

    def compacted(self, iri: str) -> str:
        """The compact name, found anew and not kept: for a caller with a table of its own."""
        end = len(iri) - 1  # the namespace must leave a local name
        while end > 0:
            end = max(iri.rfind("/", 0, end), iri.rfind("#", 0, end))
            if end < 0:
                break
            prefix = self.prefix_of.get(iri[: end + 1])
            if prefix is not None:
                local = iri[end + 1 :]
                if self.local is None or self.local.fullmatch(local):
                    return f"{prefix}:{local}"
                return iri
            if self.local is not None:
                return iri  # a shorter namespace would leave a separator in the local name
        return iri
