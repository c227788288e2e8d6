"""Seeded random mutations of RDF data graphs, and the results of two SHACL engines on them.

The W3C suite's data graphs each exercise a feature at a few hand-picked nodes. Mutating them
at random — a triple dropped, a value added beside another, a literal given another datatype
or lexical form, an object swapped for another node, a type added — reaches the corners the
suite's authors did not write down, and pyshacl, a second engine nobody here wrote, says what
the answer should be. Both engines see the same triples: the data is handed to pyshacl as
rdflib terms built from pyoxigraph's, lexical forms untouched (rdflib's own parser would
normalise ``"01"^^xsd:integer`` to ``"1"`` and validate other data).
"""

from __future__ import annotations

import random
from collections import Counter

import pyoxigraph as ox
import rdflib
from w3c_judge import to_rdflib

from kzkg.shacl import engine as shacl
from kzkg.shacl.result_paths import path_text

SH = "http://www.w3.org/ns/shacl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDF_TYPE = ox.NamedNode(f"{RDF}type")
LIST_LINKS = {f"{RDF}first", f"{RDF}rest"}
# Namespaces of the suite's own vocabulary: triples in them describe shapes and tests, not data.
NOT_DATA = (
    SH,
    "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#",
    "http://www.w3.org/ns/shacl-test#",
)
DATATYPES = [
    f"{XSD}{n}"
    for n in (
        "string",
        "integer",
        "decimal",
        "boolean",
        "date",
        "dateTime",
        "byte",
        "double",
        "anyURI",
        "gYear",
    )
]
LEXICAL = [
    "",
    "0",
    "-1",
    "01",
    "1.0",
    "300",
    "true",
    "abc",
    "2011-01-01",
    "2011-01-01T00:00:00Z",
    "Spain",
    "é",
]
LANGUAGES = ["en", "de", "EN", "en-US"]

Key = tuple[str, str, str, str, str]  # focus, path, value, component, severity


def mutate(triples: list[ox.Triple], rng: random.Random, steps: int) -> list[ox.Triple]:
    """``triples`` after ``steps`` random changes to their data (never to shapes or tests)."""
    graph = list(dict.fromkeys(triples))
    for _ in range(steps):
        data = [t for t in graph if _is_data(t)]
        if not data:
            break
        victim = rng.choice(data)
        nodes = sorted({t.subject for t in data} | {t.object for t in data}, key=str)
        kind = rng.choice(("drop", "duplicate", "datatype", "lexical", "swap", "type"))
        if kind == "drop":
            graph.remove(victim)
        elif kind == "duplicate":
            graph.append(ox.Triple(victim.subject, victim.predicate, _other_value(rng, nodes)))
        elif kind in ("datatype", "lexical", "swap"):
            changed = _changed_object(kind, victim.object, rng, nodes)
            graph[graph.index(victim)] = ox.Triple(victim.subject, victim.predicate, changed)
        else:
            classes = sorted({t.object for t in graph if t.predicate == RDF_TYPE}, key=str)
            if classes:
                graph.append(ox.Triple(victim.subject, RDF_TYPE, rng.choice(classes)))
    return list(dict.fromkeys(graph))


def _is_data(triple: ox.Triple) -> bool:
    """A triple about the data: not about shapes or tests, and not the links of an RDF list
    (a list with a cycle or a second rest is not data a SHACL engine is asked to judge)."""
    if triple.predicate.value in LIST_LINKS:
        return False
    return not any(str(term)[1:].startswith(NOT_DATA) for term in triple)


def _changed_object(kind: str, obj, rng: random.Random, nodes: list):
    if kind == "swap" or not isinstance(obj, ox.Literal):
        return rng.choice(nodes)
    if kind == "datatype":
        if rng.random() < 0.2:
            return ox.Literal(obj.value, language=rng.choice(LANGUAGES))
        return ox.Literal(obj.value, datatype=ox.NamedNode(rng.choice(DATATYPES)))
    if obj.language:
        return ox.Literal(rng.choice(LEXICAL), language=obj.language)
    return ox.Literal(rng.choice(LEXICAL), datatype=obj.datatype)


def _other_value(rng: random.Random, nodes: list):
    if rng.random() < 0.5:
        return rng.choice(nodes)
    return ox.Literal(rng.choice(LEXICAL), datatype=ox.NamedNode(rng.choice(DATATYPES)))


def fast_results(data: list[ox.Triple], shapes: list[ox.Triple]) -> tuple[bool, Counter[Key]]:
    """The fast engine's verdict and results, blank nodes labelled as given."""
    validation = shacl.validate_graphs(data, shapes)
    keys = Counter(
        (
            str(r.focus),
            "" if r.path is None else path_text(r.path, validation.shapes_graph),
            "" if r.value is None else str(r.value),
            r.component.value,
            r.severity.value,
        )
        for r in validation.results
    )
    return validation.conforms, keys


def pyshacl_results(data: list[ox.Triple], shapes: list[ox.Triple]) -> tuple[bool, Counter[Key]]:
    """pyshacl's verdict and results (SHACL-SPARQL on, no inference), on the same terms."""
    from pyshacl import validate

    conforms, report, _ = validate(
        _rdflib_graph(data), shacl_graph=_rdflib_graph(shapes), advanced=True, inference="none"
    )
    triples = [ox.Triple(*map(_from_rdflib, t)) for t in report]
    keys: Counter[Key] = Counter()
    sh = rdflib.Namespace(SH)
    # Only the report's own results: pyshacl also types nested sh:detail results as results.
    for result in report.objects(None, sh.result):
        path, value = report.value(result, sh.resultPath), report.value(result, sh.value)
        keys[
            (
                str(_from_rdflib(report.value(result, sh.focusNode))),
                "" if path is None else path_text(_from_rdflib(path), triples),
                "" if value is None else str(_from_rdflib(value)),
                str(report.value(result, sh.sourceConstraintComponent)),
                str(report.value(result, sh.resultSeverity)),
            )
        ] += 1
    return bool(conforms), keys


def _rdflib_graph(triples: list[ox.Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    for t in triples:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def _from_rdflib(term):
    if isinstance(term, rdflib.URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    datatype = ox.NamedNode(str(term.datatype or f"{XSD}string"))
    return ox.Literal(str(term), datatype=datatype)
