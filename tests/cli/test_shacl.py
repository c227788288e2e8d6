"""``kzkg shacl``: exit codes, the three report formats, determinism, and one-line errors.

The reports' content is held to the W3C suite by ``test_w3c_shacl.py``; here, the command
around it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from paths import ROOT

from kzkg.cli.main import main

SUITE = ROOT / "tests" / "data" / "w3c-shacl-tests"
REFUSED_SHAPES = ROOT / "tests" / "data" / "shacl-refused" / "sparql-target.ttl"
SH = "http://www.w3.org/ns/shacl#"

SHAPES = """@prefix ex: <http://example.org/> .
@prefix sh: <http://www.w3.org/ns/shacl#> .
ex:PersonShape a sh:NodeShape ; sh:targetClass ex:Person ;
  sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "A person has a name."@en ] ;
  sh:property [ sh:path [ sh:inversePath ex:knows ] ; sh:class ex:Person ] .
"""
GOOD = """@prefix ex: <http://example.org/> .
ex:ann a ex:Person ; ex:name "Ann" .
"""
BAD = """@prefix ex: <http://example.org/> .
ex:ann a ex:Person .
_:someone ex:knows ex:ann ; ex:name "Bob" .
"""


def shacl(tmp_path: Path, data: str, *options: str, shapes: str = SHAPES):
    (tmp_path / "data.ttl").write_text(data, encoding="utf-8")
    (tmp_path / "shapes.ttl").write_text(shapes, encoding="utf-8")
    arguments = [str(tmp_path / "data.ttl"), "--shapes", str(tmp_path / "shapes.ttl")]
    return CliRunner().invoke(main, ["shacl", *arguments, *options])


def test_conforming_data_exits_0(tmp_path):
    result = shacl(tmp_path, GOOD)
    assert result.exit_code == 0, result.output
    assert result.stdout == "conforms: yes, 0 results\n"


def test_each_violation_is_a_line_and_the_exit_code_is_1(tmp_path):
    result = shacl(tmp_path, BAD)
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "conforms: no, 2 results", lines
    assert any(
        line.startswith("Violation: <http://example.org/ann> path <http://example.org/name>: ")
        and line.endswith("— A person has a name.")
        for line in lines
    ), lines
    assert any("path ^<http://example.org/knows> value _:b" in line for line in lines), lines


def test_the_turtle_report_is_a_standard_validation_report(tmp_path):
    result = shacl(tmp_path, BAD, "--format", "turtle")
    assert result.exit_code == 1, result.output
    triples = [q.triple for q in ox.parse(result.stdout.encode(), format=ox.RdfFormat.TURTLE)]
    by_predicate: dict[str, list] = {}
    for t in triples:
        by_predicate.setdefault(t.predicate.value, []).append(t.object)
    assert [str(c) for c in by_predicate[f"{SH}conforms"]] == [
        '"false"^^<http://www.w3.org/2001/XMLSchema#boolean>'
    ]
    assert len(by_predicate[f"{SH}result"]) == 2
    components = sorted(
        c.value.removeprefix(SH) for c in by_predicate[f"{SH}sourceConstraintComponent"]
    )
    assert components == ["ClassConstraintComponent", "MinCountConstraintComponent"]
    # The inverse path is written out as SHACL writes paths: a blank node with sh:inversePath.
    inverse = [t for t in triples if t.predicate.value == f"{SH}inversePath"]
    assert [t.object.value for t in inverse] == ["http://example.org/knows"]
    paths = [o for o in by_predicate[f"{SH}resultPath"] if isinstance(o, ox.BlankNode)]
    assert paths == [inverse[0].subject]


def test_json_names_every_term_in_ntriples_syntax(tmp_path):
    result = shacl(tmp_path, BAD, "--format", "json")
    assert result.exit_code == 1, result.output
    report = json.loads(result.stdout)
    assert report["conforms"] is False
    named = [r for r in report["results"] if r["resultMessage"] == ["A person has a name."]]
    assert [(r["focusNode"], r["resultPath"]) for r in named] == [
        ("<http://example.org/ann>", "<http://example.org/name>")
    ]
    inverse = [r for r in report["results"] if r["resultPath"] == "^<http://example.org/knows>"]
    assert len(inverse) == 1 and inverse[0]["value"].startswith("_:"), report


def test_the_report_is_byte_stable_across_processes():
    """Blank nodes are labelled by their place in the report and results sorted by content, so
    two runs (with different hash seeds, hence different set orders) write the same bytes."""
    entry = SUITE / "core" / "path" / "path-complex-002-data.ttl"
    shapes = SUITE / "core" / "path" / "path-complex-002-shapes.ttl"
    outputs = []
    for seed in ("1", "2"):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "kzkg",
                "shacl",
                str(entry),
                "--shapes",
                str(shapes),
                "--format",
                "turtle",
            ],
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
            check=False,
        )
        assert done.returncode == 1, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert b"_:b" in outputs[0] or b"_:r1" in outputs[0]


@pytest.mark.parametrize(
    ("data", "shapes", "expected"),
    [
        ("missing.ttl", "shapes.ttl", "missing.ttl: cannot be read: No such file or directory"),
        ("broken.ttl", "shapes.ttl", "broken.ttl:2: not valid Turtle: "),
        ("data.ttl", "broken.ttl", "broken.ttl:2: not valid Turtle: "),
        ("data.csv", "shapes.ttl", "data.csv: unknown RDF format .csv"),
    ],
)
def test_unreadable_files_are_one_line_naming_the_file(
    tmp_path, monkeypatch, data, shapes, expected
):
    monkeypatch.chdir(tmp_path)
    Path("data.ttl").write_text(GOOD, encoding="utf-8")
    Path("data.csv").write_text("a,b\n", encoding="utf-8")
    Path("shapes.ttl").write_text(SHAPES, encoding="utf-8")
    Path("broken.ttl").write_text('@prefix ex: <http://example.org/> .\nex:a ex:b "x .\n')
    result = CliRunner().invoke(main, ["shacl", data, "--shapes", shapes])
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {expected}"), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_refused_shapes_name_the_shape_and_the_feature_and_point_at_pyshacl(tmp_path):
    """A real process: a refusal is a line on stderr and exit 2, never a traceback."""
    (tmp_path / "data.ttl").write_text(GOOD, encoding="utf-8")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "kzkg",
            "shacl",
            "data.ttl",
            "--shapes",
            str(REFUSED_SHAPES),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert "Traceback" not in done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert "<https://w3id.org/kzkg/shapes#SpeakerLabelShape>" in line, line
    assert "sh:target is not implemented by the fast engine" in line, line
    assert line.endswith(f"validate with pyshacl instead: pyshacl -a -s {REFUSED_SHAPES} data.ttl")


def test_ill_formed_shapes_exit_2(tmp_path):
    shapes = SHAPES.replace("sh:path ex:name ;", "sh:path ex:name , ex:nickname ;")
    result = shacl(tmp_path, GOOD, shapes=shapes)
    assert result.exit_code == 2, result.output
    assert "shapes.ttl: ill-formed shapes: " in result.stderr
    assert "more than one sh:path" in result.stderr
