"""The ontology reference: every class, property and vocabulary of ontology/kzkg.ttl as HTML.

Generated from the ontology file itself (a small pyLODE of our own), so the reference cannot
drift from the terms: labels, definitions, the alignments to schema.org, FOAF, ORG, PROV-O,
SKOS and Web Annotation (subclass, subproperty, equivalence), domains, ranges and property
characteristics. Each kzo: term has an anchor (``ontology.html#Claim``) other pages can use.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

from kzkg.rdf import DCTERMS, KZ, KZO, ONTOLOGY_IRI, OWL, PREFIXES, RDF, RDFS, SKOS, VANN, Compactor
from kzkg.runtime import KzkgError
from kzkg.site.layout import attr, esc, facts, page, section, table

NAMES = {**PREFIXES, "owl": OWL, "dcterms": DCTERMS, "vann": VANN}
_compact = Compactor(NAMES)
CHARACTERISTICS = ["Functional", "InverseFunctional", "Symmetric", "Asymmetric", "Transitive"]
CHARACTERISTICS += ["Reflexive", "Irreflexive"]
KINDS = [
    (OWL + "Class", "Classes", "classes"),
    (OWL + "ObjectProperty", "Object properties", "object-properties"),
    (OWL + "DatatypeProperty", "Datatype properties", "datatype-properties"),
    (OWL + "AnnotationProperty", "Annotation properties", "annotation-properties"),
]


class Ontology:
    """The ontology's triples as {subject: {predicate: [objects]}}, with term rendering."""

    def __init__(self, path: Path) -> None:
        store = ox.Store()
        try:
            store.load(path=str(path), format=ox.RdfFormat.TURTLE)
        except (OSError, SyntaxError) as exc:
            raise KzkgError(f"{path}: cannot read the ontology ({exc})") from exc
        self.props: dict[ox.NamedNode | ox.BlankNode, dict[str, list]] = defaultdict(
            lambda: defaultdict(list)
        )
        for quad in store:
            self.props[quad.subject][quad.predicate.value].append(quad.object)
        for predicates in self.props.values():
            for objects in predicates.values():
                objects.sort(key=lambda o: (not isinstance(o, ox.NamedNode), o.value))

    def one(self, node: object, predicate: str) -> str:
        values = self.props.get(node, {}).get(predicate, [])  # type: ignore[call-overload]
        return values[0].value if values else ""

    def subjects(self, cls: str, namespace: str) -> list[ox.NamedNode]:
        """The named subjects typed ``cls`` whose IRI is in ``namespace``, sorted by IRI."""
        return sorted(
            (
                s
                for s, p in self.props.items()
                if isinstance(s, ox.NamedNode)
                and s.value.startswith(namespace)
                and ox.NamedNode(cls) in p.get(RDF + "type", [])
            ),
            key=lambda s: s.value,
        )

    def term(self, node: object) -> str:
        """HTML for a term: kzo: and kz: terms link to their anchor here, others to their IRI."""
        if isinstance(node, ox.BlankNode):
            members = self._list(self.props[node].get(OWL + "unionOf", [None])[0])
            if members:
                return " ⊔ ".join(self.term(m) for m in members)
            inverse = self.props[node].get(OWL + "inverseOf")
            return f"inverse of {self.term(inverse[0])}" if inverse else "(anonymous)"
        if not isinstance(node, ox.NamedNode):
            return esc(getattr(node, "value", node))
        iri = node.value
        name = _compact(iri)
        href = "#" + anchor(iri) if name != iri and iri.startswith((KZO, KZ)) else iri
        return f'<a href="{attr(href)}"><code>{esc(name)}</code></a>'

    def _list(self, node: object) -> list:
        found = []
        while node is not None and node != ox.NamedNode(RDF + "nil"):
            found += self.props[node].get(RDF + "first", [])  # type: ignore[index]
            node = (self.props[node].get(RDF + "rest") or [None])[0]  # type: ignore[index]
        return found

    def terms(self, node: object, predicate: str) -> str:
        return ", ".join(self.term(o) for o in self.props[node].get(predicate, []))  # type: ignore[index]


def anchor(iri: str) -> str:
    """The HTML id of a kzo: or kz: term: ``Claim``, ``kz-stance``, ``kz-stance-denies``.

    kz: ids are prefixed because the stance scheme and the stance property share a name."""
    if iri.startswith(KZO):
        return iri.removeprefix(KZO)
    return "kz-" + iri.removeprefix(KZ).replace("/", "-")


def prose(text: str) -> str:
    """A definition as HTML: escaped, with `backticked` YAML names set as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", esc(text))


def _term_block(onto: Ontology, node: ox.NamedNode) -> str:
    kinds = [o.value for o in onto.props[node].get(RDF + "type", [])]
    traits = [c for c in CHARACTERISTICS if OWL + c + "Property" in kinds]
    subs = [s for s, p in onto.props.items() if node in p.get(RDFS + "subClassOf", [])]
    rows = [
        ("IRI", f"<code>{esc(node.value)}</code>"),
        ("subclass of", onto.terms(node, RDFS + "subClassOf")),
        ("equivalent to", onto.terms(node, OWL + "equivalentClass")),
        ("subclasses", ", ".join(onto.term(s) for s in sorted(subs, key=lambda s: s.value))),
        ("subproperty of", onto.terms(node, RDFS + "subPropertyOf")),
        ("equivalent property", onto.terms(node, OWL + "equivalentProperty")),
        ("inverse of", onto.terms(node, OWL + "inverseOf")),
        ("domain", onto.terms(node, RDFS + "domain")),
        ("range", onto.terms(node, RDFS + "range")),
        ("disjoint with", onto.terms(node, OWL + "propertyDisjointWith")),
        ("characteristics", esc(", ".join(t.lower() for t in traits))),
    ]
    label = onto.one(node, RDFS + "label") or anchor(node.value)
    return (
        f'<article class="term" id="{attr(anchor(node.value))}"><h3><code>kzo:'
        f'{esc(anchor(node.value))}</code> <span class="muted">{esc(label)}</span></h3>'
        f"<p>{prose(onto.one(node, SKOS + 'definition'))}</p>{facts(rows)}</article>"
    )


def _schemes(onto: Ontology) -> str:
    blocks = []
    for scheme in onto.subjects(SKOS + "ConceptScheme", KZ):
        concepts = sorted(onto.props[scheme].get(SKOS + "hasTopConcept", []), key=lambda c: c.value)
        rows = [
            [
                f'<code id="{attr(anchor(c.value))}">{esc(onto.one(c, SKOS + "notation"))}</code>',
                esc(onto.one(c, SKOS + "prefLabel")),
                prose(onto.one(c, SKOS + "definition")),
            ]
            for c in concepts
        ]
        name = onto.one(scheme, SKOS + "prefLabel")
        blocks.append(
            f'<article class="term" id="{attr(anchor(scheme.value))}"><h3>{esc(name)} '
            f'<code class="muted">{esc(scheme.value)}</code></h3>'
            f"<p>{prose(onto.one(scheme, SKOS + 'definition'))}</p>"
            f"{table(['notation', 'label', 'definition'], rows)}</article>"
        )
    return section("Vocabularies", "".join(blocks), "vocabularies")


def ontology_page(path: Path) -> str:
    """The whole reference page for the ontology file at ``path``."""
    onto = Ontology(path)
    head = next(iter(onto.subjects(OWL + "Ontology", ONTOLOGY_IRI)), None)
    if head is None:
        raise KzkgError(f"{path}: no owl:Ontology in the file — is it the kzkg ontology?")
    intro = facts(
        [
            ("IRI", f"<code>{esc(head.value)}</code>"),
            ("version", esc(onto.one(head, OWL + "versionInfo"))),
            ("namespace", f"<code>{esc(KZO)}</code> (prefix <code>kzo:</code>)"),
            ("license", onto.terms(head, f"{DCTERMS}license")),
        ]
    )
    sections, toc, external = [], [], []
    for cls, title, ident in KINDS:
        own = onto.subjects(cls, KZO)
        if own:
            toc.append(f'<li><a href="#{ident}">{esc(title)}</a> ({len(own)})</li>')
            blocks = "".join(_term_block(onto, node) for node in own)
            sections.append(section(title, blocks, ident, len(own)))
        others = [s for s in onto.subjects(cls, "") if not s.value.startswith((KZO, KZ))]
        external += [
            [onto.term(s), esc(title.lower().rstrip("s").replace("classe", "class"))]
            for s in others
        ]
    toc.append('<li><a href="#vocabularies">Vocabularies</a></li>')
    toc.append('<li><a href="#external">Terms used from other vocabularies</a></li>')
    body = (
        f"<h1>{esc(onto.one(head, RDFS + 'label') or 'Ontology')}</h1>"
        f'<p class="lead">{esc(onto.one(head, RDFS + "comment"))}</p>{intro}'
        f'<nav class="toc" aria-label="Contents"><ul>{"".join(toc)}</ul></nav>'
        f"{''.join(sections)}{_schemes(onto)}"
        + section(
            "Terms used from other vocabularies",
            table(["term", "declared as"], external),
            "external",
        )
    )
    return page("Ontology reference", body, current="ontology.html", kind="ontology")
