"""The writers' text tricks (line sorting, JSON-LD compaction) must never touch a literal."""

from __future__ import annotations

import json

import pyoxigraph as ox
import rdflib

from kzkg.namespaces import RDF
from kzkg.serialize import FORMATS, Ordered

PERSON = "https://w3id.org/kzkg/id/person/"
# Literals that spell the very text the writers search for and replace.
TRICKY = [
    f" <{RDF}type> ",
    f'{{"{PERSON}x":[',
    f',"{PERSON}x"',
    f'"@id":"{PERSON}x"',
    "line one\nline two \u0001 end",
]


def _quads() -> list[ox.Quad]:
    graph = ox.NamedNode("https://w3id.org/kzkg/id/graph/registry")
    subject = ox.NamedNode(f"{PERSON}a")
    quads = [ox.Quad(subject, ox.NamedNode(f"{RDF}type"), ox.NamedNode(f"{PERSON}Kind"), graph)]
    note = ox.NamedNode("http://www.w3.org/2004/02/skos/core#note")
    quads += [ox.Quad(subject, note, ox.Literal(text), graph) for text in TRICKY]
    return quads


def test_every_format_keeps_tricky_literals_verbatim():
    ordered = Ordered.of(_quads())
    expected = set(_quads_as_triples())
    for name, output in FORMATS.items():
        data = output.render(ordered)
        if name == "jsonld":
            json.loads(data)  # still valid JSON
            graph = rdflib.Graph().parse(data=data, format="json-ld")
            found = {(str(s), str(p), str(o)) for s, p, o in graph}
            assert found == {(s.value, p.value, o.value) for s, p, o in expected}, name
        else:
            fmt = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG}.get(
                name, ox.RdfFormat.N_TRIPLES
            )
            assert {q.triple for q in ox.parse(data, format=fmt)} == expected, name


def test_rdf_type_sorts_first_within_a_subject():
    lines = Ordered.of(_quads()).triple_lines
    assert f"<{RDF}type>" in lines[0]
    assert lines == sorted(lines, key=lambda line: (line.split(" ")[0], f"<{RDF}type>" not in line))


def _quads_as_triples() -> list[ox.Triple]:
    return [q.triple for q in _quads()]
