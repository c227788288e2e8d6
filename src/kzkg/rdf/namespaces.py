"""The namespaces of the graph, in one place so that no module spells an IRI twice."""

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
