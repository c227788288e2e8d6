"""The fast SHACL engine gives exactly pyshacl's verdicts and messages.

Compared on the hand-made shape test graphs (one defect each), the valid example corpora, and
the seed graph. A difference here means the fast engine judges data differently from the
reference, so it fails the suite. The fast engine compares terms by their N-Triples text, so
the last tests check that text reads back as the same term and that a repeated triple counts
once.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from paths import ROOT

from kzkg.convert.graphs import triples
from kzkg.data import SHAPES
from kzkg.pipeline.steps import build
from kzkg.rdf.ntriples import to_term, to_text
from kzkg.shacl.engine import UnsupportedShape, validate
from kzkg.validate.engines import validate_triples

pytestmark = pytest.mark.slow

SHAPE_GRAPHS = sorted((ROOT / "tests" / "data" / "shapes").glob("*.ttl"))
VALID_CORPORA = sorted(p for p in (ROOT / "tests" / "data" / "valid").iterdir() if p.is_dir())


def verdicts(items: list[ox.Triple], engine: str) -> tuple[bool, set[tuple[str, str]]]:
    report = validate_triples(items, engine=engine)
    return report.conforms, {(v.focus, v.message) for v in report.violations}


def assert_same(items: list[ox.Triple], what: str) -> None:
    fast, reference = verdicts(items, "fast"), verdicts(items, "pyshacl")
    assert fast[0] == reference[0], (
        f"{what}: fast says conforms={fast[0]}, pyshacl says {reference[0]}"
    )
    assert fast[1] == reference[1], (
        f"{what}: only fast {fast[1] - reference[1]}; only pyshacl {reference[1] - fast[1]}"
    )


def shape_example(name: str) -> list[ox.Triple]:
    graph = ROOT / "tests" / "data" / "shapes" / name
    return [q.triple for q in ox.parse(path=str(graph), format=ox.RdfFormat.TURTLE)]


@pytest.mark.parametrize("graph", SHAPE_GRAPHS, ids=lambda p: p.stem)
def test_same_verdicts_on_shape_examples(graph: Path):
    assert_same(shape_example(graph.name), graph.name)


@pytest.mark.parametrize("corpus", VALID_CORPORA, ids=lambda p: p.name)
def test_same_verdicts_on_valid_corpora(corpus: Path):
    assert_same(list(triples(build(corpus, None, validate=False).quads)), corpus.name)


def test_same_verdicts_on_the_seeds(seed_build):
    assert_same(list(triples(seed_build.quads)), "seeds")


def test_fast_engine_catches_an_ill_typed_literal():
    """The case DESIGN.md warns SPARQL-only checks miss: "abc"^^xsd:integer."""
    items = shape_example("valid.ttl")
    broken = [
        ox.Triple(t.subject, t.predicate, ox.Literal("abc", datatype=t.object.datatype))
        if isinstance(t.object, ox.Literal)
        and t.object.datatype.value.endswith("#nonNegativeInteger")
        else t
        for t in items
    ]
    assert broken != items, "the example graph has offsets to break"
    conforms, messages = verdicts(broken, "fast")
    assert not conforms and any("oa:start" in m or "oa:end" in m for _, m in messages), messages


def test_same_verdicts_on_a_literal_focus_node():
    """sh:targetObjectsOf org:role makes a role's literal a focus node, reported back as a term."""
    role = ox.NamedNode("http://www.w3.org/ns/org#role")
    odd = ox.Literal('a "leader"\nwith\u2028separators\x7f', language="en")
    items = [
        ox.Triple(t.subject, role, odd) if t.predicate == role else t
        for t in shape_example("valid.ttl")
    ]
    assert odd in {t.object for t in items}, "the example graph has a role to replace"
    assert_same(items, "literal role")


def test_fast_engine_counts_a_repeated_triple_once():
    """The same triple given twice is one triple: sh:maxCount must not count it twice."""
    items = shape_example("invalid-offsets-length.ttl")
    assert validate_triples(items + items[:100], engine="fast") == validate_triples(items)


XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = [
    ox.NamedNode("https://w3id.org/kzkg/id/person/ainur-kurmanov"),
    ox.BlankNode("b0"),
    ox.Literal('quotes " and \\ backslash, \n\r\t\b\f, \u2028 \x85 \x7f \x01 and Қазақ'),
    ox.Literal("Astana", language="en-GB"),
    ox.Literal("12", datatype=ox.NamedNode(f"{XSD}nonNegativeInteger")),
    ox.Literal(""),
]


@pytest.mark.parametrize("term", TERMS, ids=lambda t: type(t).__name__)
def test_term_text_reads_back_as_the_same_term(term):
    """The fast engine indexes terms as N-Triples text; a focus node's text must give it back."""
    text = to_text(term)
    assert to_term(text) == term, f"{text} reads back as {to_term(text)!r}, not {term!r}"


def test_fast_engine_refuses_a_feature_it_does_not_implement(tmp_path):
    """SPARQL-based targets (SHACL Advanced Features) are not implemented: refused, naming the
    shape and the feature, never skipped."""
    shapes = tmp_path / "target.ttl"
    target = '[ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this a kzo:Person }" ]'
    shapes.write_text(
        SHAPES.read_text("utf-8") + f"\nkzs:EntityShape sh:target {target} .\n", "utf-8"
    )
    with pytest.raises(UnsupportedShape, match=r"EntityShape>: sh:target is not implemented"):
        validate(shape_example("valid.ttl"), shapes)


def test_a_data_triple_using_a_shacl_term_is_not_refused(tmp_path):
    """Only shapes are read for their vocabulary: a node that is no shape may use any sh: term
    (here one the engine does not implement) without the shapes being refused."""
    shapes = tmp_path / "data-term.ttl"
    note = "<https://w3id.org/kzkg/shapes#note> sh:rule <https://w3id.org/kzkg/shapes#x> .\n"
    shapes.write_text(SHAPES.read_text("utf-8") + "\n" + note, "utf-8")
    assert validate(shape_example("valid.ttl"), shapes) == []


def test_an_entailment_regime_is_refused(tmp_path):
    """SHACL: a processor that does not support an sh:entailment regime must fail."""
    shapes = tmp_path / "entailment.ttl"
    regime = "<http://www.w3.org/ns/entailment/RDFS>"
    shapes.write_text(
        SHAPES.read_text("utf-8") + f"\n<https://w3id.org/kzkg/shapes> sh:entailment {regime} .\n",
        "utf-8",
    )
    with pytest.raises(UnsupportedShape, match="sh:entailment"):
        validate(shape_example("valid.ttl"), shapes)
