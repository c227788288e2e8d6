"""A second, independent SHACL engine (rudof, in Rust, through pyrudof) agrees with pyshacl.

Same shapes, same data, compared on: every valid example, the seeds, every invalid example
that gets as far as SHACL, and the hand-made defect graphs of tests/data/shapes/. The verdict
(conforms or not) and the set of focus nodes in violation must be equal, after setting aside
the one difference docs/validation.md describes: rudof counts ``sh:maxLength`` and
``sh:minLength`` in UTF-8 bytes, where SHACL (and pyshacl) count characters.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import assemble, invalid_examples, valid_examples
from paths import DATA, INVALID, ROOT, VALID

from kzkg.convert.graphs import triples
from kzkg.data import SHAPES
from kzkg.pipeline.steps import build
from kzkg.runtime.errors import InputError
from kzkg.validate.engines import validate_triples

pytestmark = pytest.mark.slow

pyrudof = pytest.importorskip("pyrudof", reason="pip install pyrudof (listed in the test extras)")

SH = "http://www.w3.org/ns/shacl#"


def rudof_focus(items: list[ox.Triple]) -> tuple[bool, set[str]]:
    """rudof's verdict and focus nodes, without its byte-counted length violations."""
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    data = ox.serialize(items, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    rudof.read_data(data, format=pyrudof.RDFFormat.NTriples, reader_mode=pyrudof.ReaderMode.Strict)
    rudof.read_shacl(str(SHAPES), reader_mode=pyrudof.ReaderMode.Strict)
    report = rudof.validate_shacl()
    focus = {
        str(v.focus_node).strip("<>") for v in report.violations if not _counted_in_bytes(v, items)
    }
    return not focus, focus


def _counted_in_bytes(violation: object, items: list[ox.Triple]) -> bool:
    """A length violation that holds only when the value is measured in UTF-8 bytes."""
    component = str(violation.constraint_component)  # type: ignore[attr-defined]
    if not component.endswith(("MaxLengthConstraintComponent", "MinLengthConstraintComponent")):
        return False
    value = _lexical(str(violation.value))  # type: ignore[attr-defined]
    return len(value) != len(value.encode("utf-8"))


def _lexical(term: str) -> str:
    """The lexical form of rudof's rendering of a literal: ``"text"``, ``"text"@en`` or
    ``"text"^^<datatype>``, the text unescaped (it may hold raw line breaks)."""
    if not term.startswith('"'):
        return term
    return term[1 : term.rindex('"')]


def pyshacl_focus(items: list[ox.Triple]) -> tuple[bool, set[str]]:
    report = validate_triples(items, engine="pyshacl")
    return report.conforms, {v.focus for v in report.violations}


def assert_same(items: list[ox.Triple], what: str) -> bool:
    ours, theirs = pyshacl_focus(items), rudof_focus(items)
    assert ours[0] == theirs[0], f"{what}: pyshacl conforms={ours[0]}, rudof conforms={theirs[0]}"
    assert ours[1] == theirs[1], (
        f"{what}: only pyshacl {sorted(ours[1] - theirs[1])[:3]}, "
        f"only rudof {sorted(theirs[1] - ours[1])[:3]}"
    )
    return ours[0]


def built_triples(seeds: Path) -> list[ox.Triple]:
    return list(triples(build(seeds, None, validate=False).quads))


@pytest.mark.parametrize("name", valid_examples())
def test_same_verdict_on_valid_examples(name):
    assert assert_same(built_triples(VALID / name), name), f"{name} should conform"


def test_same_verdict_on_the_seeds():
    assert assert_same(built_triples(ROOT / "seeds"), "seeds")


def reaching_shacl() -> list[str]:
    """Invalid examples whose mistake only the shapes catch (they pass every loader check)."""
    return [name for name in invalid_examples() if name.startswith("shacl-")]


def test_the_shacl_examples_are_the_ones_that_reach_shacl(tmp_path):
    reached = []
    for name in invalid_examples():
        seeds = assemble(INVALID / name, tmp_path / name)
        try:
            build(seeds, None, validate=False)
        except InputError:
            continue
        reached.append(name)
    assert reached == reaching_shacl()


@pytest.mark.parametrize("name", reaching_shacl())
def test_same_verdict_on_invalid_examples(tmp_path, name):
    seeds = assemble(INVALID / name, tmp_path / "seeds")
    assert not assert_same(built_triples(seeds), name), f"{name} should not conform"


@pytest.mark.parametrize("path", sorted((DATA / "shapes").glob("*.ttl")), ids=lambda p: p.stem)
def test_same_verdict_on_defect_graphs(path):
    items = [q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)]
    conforms = assert_same(items, path.name)
    assert conforms == path.name.startswith("valid"), path.name


def test_the_byte_counting_difference_is_real(tmp_path):
    """If rudof starts counting characters, this fails: drop the exception and update the doc."""
    rudof = pyrudof.Rudof(pyrudof.RudofConfig())
    rudof.read_data('<http://e/n> <http://e/p> "ééé" .', format=pyrudof.RDFFormat.NTriples)
    rudof.read_shacl(
        f"<http://e/S> a <{SH}NodeShape>; <{SH}targetNode> <http://e/n>; "
        f"<{SH}property> [ <{SH}path> <http://e/p>; <{SH}maxLength> 3 ] ."
    )
    assert not rudof.validate_shacl().conforms, "rudof now counts characters"
    shutil.rmtree(tmp_path)
