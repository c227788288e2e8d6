"""The ontology parses strictly, documents every term, and declares every term the graph uses.

The converter reads the valid `stance:` and `role:` names from the two SKOS schemes, so their
members are pinned here: removing or renaming one is a change to the annotation format.
"""

import pyoxigraph as ox
import pytest
import rdflib
from paths import ROOT
from rdflib.namespace import OWL, RDF, RDFS, SKOS

ONTOLOGY = ROOT / "ontology" / "kzkg.ttl"
SHAPES = ROOT / "shapes" / "kzkg.shacl.ttl"
VALID = ROOT / "tests" / "data" / "shapes" / "valid.ttl"
DOC = ROOT / "docs" / "ontology.md"

KZO = rdflib.Namespace("https://w3id.org/kzkg/ontology#")
KZ = rdflib.Namespace("https://w3id.org/kzkg/id/")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
SCHEMA = rdflib.Namespace("https://schema.org/")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")

STANCES = (
    "asserts", "denies", "predicts", "doubts", "criticises", "endorses",
    "warns", "demands", "proposes", "accuses", "explains", "recalls",
)  # fmt: skip
ROLES = (
    "leader", "member", "founder", "chair", "deputy-leader", "spokesperson",
    "employee", "journalist", "editor", "representative", "delegate",
)  # fmt: skip
PROPERTIES = (
    "stance", "reportedBy", "relayStep", "position", "relayer", "contradicts", "supports",
    "opposes", "supersededBy", "fromClaim", "toClaim", "reason",
    "curatorKnowledge", "field", "markedProperty", "basis", "medium",
    "sha256", "fileName", "originalFileName", "datePrinted", "dateInferred", "dateNote",
    "counts", "approximate", "statedBy", "anchor",
)  # fmt: skip


@pytest.fixture(scope="module")
def onto() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY)


def english(graph: rdflib.Graph, node, prop) -> list[str]:
    return [str(o) for o in graph.objects(node, prop) if getattr(o, "language", None) == "en"]


def kzo_terms(graph: rdflib.Graph) -> list[rdflib.URIRef]:
    return sorted({s for s in graph.subjects() if isinstance(s, rdflib.URIRef) and s in KZO})


def test_ontology_parses_strictly_with_pyoxigraph_and_rdflib(onto):
    strict = list(ox.parse(path=ONTOLOGY, format=ox.RdfFormat.TURTLE))
    assert len(strict) == len(onto), f"pyoxigraph {len(strict)} vs rdflib {len(onto)} triples"


def test_ontology_header(onto):
    iri = rdflib.URIRef("https://w3id.org/kzkg/ontology")
    assert (iri, RDF.type, OWL.Ontology) in onto, "the ontology IRI is not an owl:Ontology"
    for prop in (OWL.versionInfo, OWL.versionIRI, RDFS.label, RDFS.comment):
        assert onto.value(iri, prop) is not None, f"the ontology header lacks {prop}"


def test_stance_scheme_has_exactly_the_stances(onto):
    members = {str(c).removeprefix(f"{KZ}stance/") for c in onto.subjects(SKOS.inScheme, KZ.stance)}
    assert members == set(STANCES), (
        f"stance scheme members differ: {sorted(members ^ set(STANCES))}"
    )
    for name in STANCES:
        concept = KZ[f"stance/{name}"]
        assert (concept, RDF.type, SKOS.Concept) in onto, f"{name} is not a skos:Concept"
        assert english(onto, concept, SKOS.prefLabel) == [name], f"{name}: prefLabel@en != name"
        assert english(onto, concept, SKOS.definition), f"{name} has no skos:definition@en"
        assert (concept, SKOS.topConceptOf, KZ.stance) in onto, f"{name} is not a top concept"
        assert str(onto.value(concept, SKOS.notation)) == name, f"{name}: notation != name"


def test_role_scheme_has_exactly_the_roles(onto):
    members = {str(c).removeprefix(f"{KZ}role/") for c in onto.subjects(SKOS.inScheme, KZ.role)}
    assert members == set(ROLES), f"role scheme members differ: {sorted(members ^ set(ROLES))}"
    for name in ROLES:
        role = KZ[f"role/{name}"]
        for cls in (ORG.Role, SKOS.Concept):
            assert (role, RDF.type, cls) in onto, f"role {name} is not a {cls}"
        assert english(onto, role, RDFS.label) == [name], f"role {name}: rdfs:label@en != name"
        assert english(onto, role, SKOS.definition), f"role {name} has no skos:definition@en"


def test_every_kzo_term_is_labelled_and_defined(onto):
    terms = kzo_terms(onto)
    assert len(terms) > 40, f"expected the full vocabulary, found {len(terms)} kzo: terms"
    for term in terms:
        assert len(english(onto, term, RDFS.label)) == 1, f"{term} needs one rdfs:label@en"
        assert len(english(onto, term, SKOS.definition)) == 1, f"{term} needs a skos:definition@en"
        assert (term, RDFS.isDefinedBy, None) in onto, f"{term} lacks rdfs:isDefinedBy"


def test_every_kzo_property_has_domain_and_range(onto):
    kinds = (OWL.ObjectProperty, OWL.DatatypeProperty)
    properties = [t for t in kzo_terms(onto) if any((t, RDF.type, k) in onto for k in kinds)]
    names = {str(p).removeprefix(str(KZO)) for p in properties}
    assert names == set(PROPERTIES), f"kzo: properties differ: {sorted(names ^ set(PROPERTIES))}"
    for prop in properties:
        assert onto.value(prop, RDFS.domain) is not None, f"{prop} has no rdfs:domain"
        assert onto.value(prop, RDFS.range) is not None, f"{prop} has no rdfs:range"


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (KZO.Person, SCHEMA.Person),
        (KZO.Person, FOAF.Person),
        (KZO.Organisation, SCHEMA.Organization),
        (KZO.Organisation, ORG.Organization),
        (KZO.Group, FOAF.Group),
        (KZO.Place, SCHEMA.Place),
        (KZO.Event, SCHEMA.Event),
        (KZO.Claim, SCHEMA.Claim),
        (KZO.SourceArticle, SCHEMA.NewsArticle),
        (KZO.Figure, SCHEMA.QuantitativeValue),
        (KZO.OrganisationalChange, ORG.ChangeEvent),
        (KZO.OrganisationalChange, KZO.Event),
        (KZO.Renaming, KZO.Event),
        (KZO.Liquidation, KZO.Event),
        (KZO.Merger, KZO.OrganisationalChange),
    ],
)
def test_alignment(onto, term, parent):
    assert (term, RDFS.subClassOf, parent) in onto, f"missing {term} rdfs:subClassOf {parent}"


def test_contradicts_is_symmetric_and_irreflexive(onto):
    for kind in (OWL.SymmetricProperty, OWL.IrreflexiveProperty):
        assert (KZO.contradicts, RDF.type, kind) in onto, f"kzo:contradicts is not {kind}"


def test_every_term_the_graph_uses_is_declared_with_its_owl_kind(onto):
    """Ontology + data is OWL 2 DL only if each class and property is declared, with the kind
    (object, datatype, annotation) that matches how the data uses it."""
    data = rdflib.Graph().parse(VALID)
    undeclared = []
    for cls in sorted(set(data.objects(None, RDF.type))):
        if (cls, RDF.type, OWL.Class) not in onto:
            undeclared.append(f"class {cls}")
    for s, p, o in sorted(data):
        if p == RDF.type:
            continue
        if (p, RDF.type, OWL.AnnotationProperty) in onto or p in (RDFS.label, RDFS.comment):
            continue
        kind = OWL.DatatypeProperty if isinstance(o, rdflib.Literal) else OWL.ObjectProperty
        if (p, RDF.type, kind) not in onto:
            undeclared.append(f"{p} used as {kind.fragment} (e.g. on {s})")
    assert not undeclared, "declare in ontology/kzkg.ttl:\n" + "\n".join(sorted(set(undeclared)))


def test_no_property_is_both_object_and_datatype(onto):
    both = set(onto.subjects(RDF.type, OWL.ObjectProperty)) & set(
        onto.subjects(RDF.type, OWL.DatatypeProperty)
    )
    assert not both, f"properties declared with two kinds (not OWL 2 DL): {both}"


def test_shapes_use_only_declared_kzo_terms(onto):
    shapes = rdflib.Graph().parse(SHAPES)
    used = {t for triple in shapes for t in triple if isinstance(t, rdflib.URIRef) and t in KZO}
    declared = set(kzo_terms(onto))
    assert used <= declared, f"shapes use undeclared kzo: terms: {sorted(used - declared)}"


def test_reference_documents_every_term(onto):
    text = DOC.read_text(encoding="utf-8")
    missing = [t for t in kzo_terms(onto) if f"kzo:{t.removeprefix(str(KZO))}" not in text]
    assert not missing, f"docs/ontology.md does not document: {missing}"


def test_dates_use_the_xsd_types_the_shapes_accept():
    # A guard on the fixture itself: its dates are typed as docs/rdf-model.md says.
    data = rdflib.Graph().parse(VALID)
    date_props = (SCHEMA.startDate, SCHEMA.endDate, SCHEMA.foundingDate, SCHEMA.datePublished)
    types = {o.datatype for p in date_props for o in data.objects(None, p)}
    xsd = rdflib.namespace.XSD  # not a module global: pytest would probe the closed namespace
    assert types <= {xsd.date, xsd.gYearMonth, xsd.gYear}, f"unexpected date types {types}"
