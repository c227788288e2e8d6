"""The fast SHACL engine against pyshacl, on the W3C suite's graphs mutated at random.

Each case takes one suite entry (seeded choice), changes its data one to three times
(``shacl_mutations.mutate``: a triple dropped, a value added, a literal's datatype or lexical
form changed, an object swapped, a type added) and asks both engines: the verdict and the
results — focus node, path, value, constraint component, severity, each as often as reported —
must be the same. ``python -m pytest tests/shacl/test_differential.py -k seed-17`` replays one.
"""

from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
import rdflib
from shacl_mutations import SH, fast_results, mutate, pyshacl_results
from w3c_suite import Entry, entries, parse, shapes_graph

from kzkg.shacl import engine as shacl

# rdflib warns about the ill-formed literals the mutations make ("Spain"^^xsd:boolean).
pytestmark = [pytest.mark.slow, pytest.mark.filterwarnings("ignore::UserWarning:rdflib.term")]
CASES = 240
# Entries left out, and why: pyshacl is wrong or cannot run there, or is too slow to repeat.
EXCLUDED = {
    "core/property/uniqueLang-002": 'pyshacl reads sh:uniqueLang "1"^^xsd:boolean as true; '
    "SHACL turns the constraint on for true alone",
    "sparql/pre-binding/shapesGraph-001": "pyshacl does not implement $shapesGraph (it raises)",
    "sparql/node/prefixes-001": "pyshacl raises 'Unknown namespace prefix' when the shapes are "
    "given as a graph: the prefix is declared on an ontology reached through owl:imports",
    "core/complex/shacl-shacl": "pyshacl needs 9 s for this one entry, too slow to repeat",
}
# pyshacl does not report a pair of values it cannot compare (an ill-formed literal) under
# sh:lessThan and sh:lessThanOrEquals; SHACL makes such a pair a violation (4.4.3, 4.4.4). The
# fast engine's results that pyshacl lacks are set aside there, and only there.
UNCOMPARABLE = {f"{SH}LessThanConstraintComponent", f"{SH}LessThanOrEqualsConstraintComponent"}

ENTRIES = [e for e in entries() if e.expected is not None and e.name not in EXCLUDED]


@pytest.fixture(scope="module")
def shapes_files() -> dict[str, list[ox.Triple]]:
    """Each entry's shapes graph, as both engines are given it."""
    return {entry.name: shapes_graph(entry.shapes) for entry in ENTRIES}


def test_the_exclusions_name_entries():
    assert set(EXCLUDED) <= {e.name for e in entries()}


@pytest.mark.parametrize("seed", range(CASES), ids=lambda seed: f"seed-{seed}")
def test_fast_engine_agrees_with_pyshacl(seed: int, shapes_files):
    rng = random.Random(seed)
    entry: Entry = rng.choice(ENTRIES)
    shapes_triples = shapes_files[entry.name]
    original = parse(entry.data)
    data = mutate(original, rng, rng.randint(1, 3))
    try:
        fast_conforms, fast = fast_results(data, shapes_triples)
    except shacl.UnsupportedShape as refusal:
        # Refusing is never a wrong answer; the one refusal data can cause is this one.
        assert "SPARQL over data the store rewrites" in str(refusal), refusal
        return
    reference_conforms, reference = pyshacl_results(data, shapes_triples)

    changes = (
        f"{entry.name}, removed {sorted(map(str, set(original) - set(data)))}, "
        f"added {sorted(map(str, set(data) - set(original)))}"
    )
    only_fast = fast - reference
    for key in list(only_fast):
        if key[3] in UNCOMPARABLE and _cannot_compare(key, data):
            del only_fast[key]
    assert not only_fast and not (reference - fast), (
        f"{changes}: only the fast engine: {dict(only_fast)}; "
        f"only pyshacl: {dict(reference - fast)}"
    )
    if not (fast - reference):
        assert fast_conforms == reference_conforms, changes


def _cannot_compare(key: tuple[str, ...], data: list[ox.Triple]) -> bool:
    """Whether the focus node of a result has an ill-formed literal among its values, by
    rdflib's judgement (``Literal.ill_typed``): the pairs pyshacl leaves out."""
    focus = key[0]
    for t in data:
        if str(t.subject) == focus and isinstance(t.object, ox.Literal) and not t.object.language:
            literal = rdflib.Literal(
                t.object.value, datatype=rdflib.URIRef(t.object.datatype.value), normalize=False
            )
            if literal.ill_typed:
                return True
    return False
