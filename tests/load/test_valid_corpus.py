"""Every example in tests/data/valid/ builds, conforms to the shapes, and writes every format."""

from __future__ import annotations

import shutil

import pyoxigraph as ox
import pytest
from corpus import kzkg, valid_examples
from paths import VALID

from kzkg.formats.serialize import FORMATS

pytestmark = pytest.mark.slow


def test_there_are_several_valid_examples():
    assert len(valid_examples()) >= 5, "minimal plus examples of the rarer features"


@pytest.mark.parametrize("name", valid_examples())
def test_valid_example_builds_and_conforms(tmp_path, name):
    seeds = tmp_path / "seeds"
    shutil.copytree(VALID / name, seeds)
    dist = tmp_path / "dist"
    run = kzkg("build", "--seeds", ".", "--dist", str(dist), cwd=seeds)
    assert run.code == 0, f"{name}:\n{run.stderr}"
    assert run.stderr == "", f"{name}: a valid build printed warnings:\n{run.stderr}"
    for output in FORMATS.values():
        path = dist / f"kzkg.{output.suffix}"
        assert path.stat().st_size > 0, f"{name}: {path.name} is empty"
        fmt = ox.RdfFormat.from_extension(output.suffix)
        assert fmt is not None, output.suffix
        ox.parse(path=str(path), format=fmt)  # raises on a syntax error
    validate = kzkg("validate", "--seeds", ".", cwd=seeds)
    assert validate.code == 0 and "conforms" in validate.stdout, validate.stderr


def test_repeated_quote_is_anchored_at_the_occurrence_asked_for(tmp_path):
    from kzkg.pipeline.steps import build

    corpus = build(VALID / "repeated-quote", None, validate=False).corpus
    text = corpus.articles["town-hall"].text
    found = corpus.anchors["sadykova-not-silent-to-reporters"]
    first = text.index("“We will not be silent.”")
    assert found.start > first, "occurrence: 2 anchors the second occurrence"
    assert text[found.start : found.end] == "“We will not be silent.”"


def test_kazakh_letters_are_found_as_mentions():
    from kzkg.pipeline.steps import build

    corpus = build(VALID / "kazakh-letters", None, validate=False).corpus
    spelled = {span.exact for _, span in corpus.mentions}
    assert {"Нұр Отан", "Әлия Сәрсенбаева", "Қазақ үні"} <= spelled, spelled


def test_decimal_figure_is_typed_decimal(tmp_path):
    from kzkg.pipeline.steps import build

    quads = build(VALID / "group-speaker-and-decimals", None, validate=False).quads
    values = {
        q.object
        for q in quads
        if q.predicate.value == "https://schema.org/value"
        and q.subject.value.endswith("kazakhstan-inflation-2019")
    }
    assert values == {
        ox.Literal("5.4", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    }
