"""HermiT finds the ontology consistent with valid data, and finds contradictions planted in it."""

import shutil
from pathlib import Path

import pytest
from paths import DATA

from kzkg.data import ONTOLOGY
from kzkg.validate.reason import JavaNotFoundError, check_consistency

pytestmark = pytest.mark.slow

VALID = DATA / "shapes" / "valid.ttl"

needs_java = pytest.mark.skipif(shutil.which("java") is None, reason="HermiT needs Java")

PREFIXES = """\
@prefix kz:  <https://w3id.org/kzkg/id/> .
@prefix kzo: <https://w3id.org/kzkg/ontology#> .
"""


def write(tmp_path: Path, turtle: str) -> Path:
    path = tmp_path / "extra.ttl"
    path.write_text(PREFIXES + turtle, encoding="utf-8")
    return path


@needs_java
def test_ontology_with_valid_data_is_consistent():
    report = check_consistency(ONTOLOGY, [VALID])
    assert report.consistent, f"valid.ttl should be consistent with the ontology:\n{report}"
    assert report.triples > 900, (
        f"ontology + valid.ttl should be ~1000 triples, got {report.triples}"
    )
    assert report.explanation == "", f"a consistent report explains nothing: {report.explanation!r}"
    assert str(report).startswith("consistent: "), f"unexpected summary: {report}"


@needs_java
def test_person_that_is_also_an_organisation_is_inconsistent(tmp_path):
    extra = write(tmp_path, "<https://w3id.org/kzkg/id/person/x> a kzo:Person, kzo:Organisation .")
    report = check_consistency(ONTOLOGY, [VALID, extra])
    assert not report.consistent, "a node typed both kzo:Person and kzo:Organisation must clash"
    expected = (
        "https://w3id.org/kzkg/id/person/x is both a https://w3id.org/kzkg/ontology#Organisation "
        "and a https://w3id.org/kzkg/ontology#Person, which are disjoint classes"
    )
    assert report.suspects == (expected,), f"unexpected suspects: {report.suspects}"
    assert expected in report.explanation, f"explanation should list it: {report.explanation}"


@needs_java
def test_irreflexive_and_disjoint_properties_are_named(tmp_path):
    extra = write(
        tmp_path,
        """
        kz:claim\\/kurmanov-elections-farce kzo:contradicts kz:claim\\/kurmanov-elections-farce .
        kz:claim\\/many-say-elections-fair kzo:supports kz:claim\\/kurmanov-elections-farce .
        """,
    )
    report = check_consistency(ONTOLOGY, [VALID, extra])
    assert not report.consistent, "a self-contradiction and support+contradiction must clash"
    text = "\n".join(report.suspects)
    assert "kurmanov-elections-farce is linked to itself by" in text, f"no irreflexive: {text}"
    assert "which are disjoint properties" in text, f"no disjoint properties: {text}"


@needs_java
def test_inconsistency_without_simple_cause_still_explained(tmp_path):
    # A place as a relayer becomes an agent through the range of kzo:relayer; agents and places
    # are disjoint. No asserted pair of disjoint types: the fallback explanation applies.
    extra = write(
        tmp_path,
        "kz:claim\\/kurmanov-elections-farce\\/relay\\/1 kzo:relayer kz:place\\/kazakhstan .",
    )
    report = check_consistency(ONTOLOGY, [VALID, extra])
    assert not report.consistent, "a place relaying a claim must clash with the range kzo:Agent"
    assert report.suspects == (), f"no simple cause expected, got {report.suspects}"
    assert "Explain inconsistency" in report.explanation, f"no hint: {report.explanation}"


def test_missing_java_is_a_clear_error(tmp_path):
    with pytest.raises(JavaNotFoundError, match="needs a Java runtime"):
        check_consistency(ONTOLOGY, [VALID], java=tmp_path / "no-such-java")


@needs_java
def test_invalid_rdf_names_the_file(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken\.ttl: not valid"):
        check_consistency(ONTOLOGY, [broken])
