"""The Turtle and TriG writers against pyoxigraph's parser, on seeded random graphs: IRIs whose
local names only look prefixable, literals with every escape, language tags and datatypes, and
several named graphs. What the writers print must parse back to exactly the quads given."""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest

from kzkg.formats.serialize import Ordered
from kzkg.formats.turtle import trig_pieces, turtle_pieces
from kzkg.rdf import RDF, SERIALIZATION_PREFIXES, XSD

NAMESPACES = sorted(SERIALIZATION_PREFIXES.values())
# Characters an IRI may hold that a prefixed name may not, or only escaped, or only inside.
LOCAL = "abzAZ09_-.~/%:é"
TEXT = "aZ 09\"\\\n\r\t\x01\x7fé€𝄞'^<>@"


def _iri(rng: random.Random) -> ox.NamedNode:
    local = "".join(rng.choice(LOCAL) for _ in range(rng.randint(0, 6)))
    return ox.NamedNode(rng.choice(NAMESPACES) + local.replace("%", "%41"))


def _literal(rng: random.Random) -> ox.Literal:
    text = "".join(rng.choice(TEXT) for _ in range(rng.randint(0, 8)))
    match rng.randrange(4):
        case 0:
            return ox.Literal(text)
        case 1:
            return ox.Literal(text, language=rng.choice(["kk", "ru", "en-gb"]))
        case 2:
            number = str(rng.randint(-(10**20), 10**20))
            return ox.Literal(number, datatype=ox.NamedNode(XSD + "integer"))
        case _:
            return ox.Literal(text, datatype=_iri(rng))


def _quads(seed: int) -> set[ox.Quad]:
    rng = random.Random(seed)
    graphs = [_iri(rng) for _ in range(3)]
    subjects = [_iri(rng) for _ in range(8)]
    predicates = [
        ox.NamedNode(RDF + "type"),
        *(_iri(rng) for _ in range(4)),
    ]
    return {
        ox.Quad(
            rng.choice(subjects),
            rng.choice(predicates),
            _iri(rng) if rng.random() < 0.4 else _literal(rng),
            rng.choice(graphs),
        )
        for _ in range(60)
    }


@pytest.mark.parametrize("seed", range(40))
def test_turtle_and_trig_parse_back_to_the_quads(seed: int) -> None:
    quads = _quads(seed)
    ordered = Ordered.of(quads)
    turtle = "".join(turtle_pieces(ordered.triple_lines, SERIALIZATION_PREFIXES))
    parsed = {q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)}
    assert parsed == {q.triple for q in quads}, turtle
    trig = "".join(trig_pieces(ordered.graph_lines, SERIALIZATION_PREFIXES))
    assert set(ox.parse(trig, format=ox.RdfFormat.TRIG)) == quads, trig
    assert "\\/" not in turtle and "\\/" not in trig
