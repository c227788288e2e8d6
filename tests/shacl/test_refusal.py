"""Shapes the fast engine refuses: ``kzkg validate`` says so and validates with pyshacl.

``tests/data/shacl-refused/`` holds shapes whose focus nodes come from a SPARQL-based target
(``sh:target``, SHACL Advanced Features), which the fast engine does not implement and pyshacl
does. The violated variant shows that the verdict really is pyshacl's: it finds the speakers the
SPARQL target selects, which the fast engine could not.
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

from paths import ROOT

from kzkg.runtime.errors import display_path
from kzkg.validate.engines import validate_lines

REFUSED = ROOT / "tests" / "data" / "shacl-refused"
MINIMAL = ROOT / "tests" / "data" / "valid" / "minimal"
NOTICE = (
    "shape <https://w3id.org/kzkg/shapes#{shape}>: sh:target is not implemented by the fast "
    "engine; validating with pyshacl instead, for the whole run"
)


def validate(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kzkg", "validate", "--seeds", str(MINIMAL), *arguments],
        capture_output=True,
        text=True,
        check=False,
    )


def test_refused_shapes_fall_back_to_pyshacl_saying_which_shape_and_feature():
    done = validate("--shapes", str(REFUSED / "sparql-target.ttl"))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert NOTICE.format(shape="SpeakerLabelShape") in done.stderr, done.stderr
    assert done.stdout.startswith("conforms: "), done.stdout


def test_the_verdict_after_falling_back_is_pyshacls():
    done = validate("--shapes", str(REFUSED / "sparql-target-violated.ttl"))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert NOTICE.format(shape="SpeakerShoeSizeShape") in done.stderr, done.stderr
    violations = [line for line in done.stderr.splitlines() if "has a shoe size" in line]
    speakers = sorted(line.rsplit(" of ", 1)[1] for line in violations)
    assert speakers == [
        "kz:person/amirzhan-kosanov",
        "kz:person/murat-abenov",
        "kz:person/test-author",
    ], done.stderr
    assert all(line.startswith("tests/data/valid/minimal/entities.yaml:") for line in violations)


SHAPES_PREFIXES = (
    "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix ex: <http://example.org/> .\n"
)


def validate_failing(tmp_path: Path, statements: str) -> tuple[Path, subprocess.CompletedProcess]:
    """``kzkg validate --shapes`` with a shapes file of ``statements``: it must fail with lines
    of text, never a traceback. Returns the shapes file and the finished command."""
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES_PREFIXES + statements, encoding="utf-8")
    done = validate("--shapes", str(shapes))
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    return shapes, done


def test_ill_formed_shapes_are_one_line_and_exit_1(tmp_path):
    shapes, done = validate_failing(
        tmp_path,
        "ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p , ex:q ] .\n",
    )
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {shapes}: ill-formed shapes: "), line
    assert "more than one sh:path" in line, line


def test_unparseable_shapes_name_the_file_and_line(tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text('@prefix sh: <http://www.w3.org/ns/shacl#> .\nsh:a sh:b "open .\n')
    done = validate("--shapes", str(shapes))
    assert done.returncode == 1, done.stderr
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith(f"error: {shapes}:2: not valid Turtle: "), line


def test_the_library_falls_back_too_and_says_so(minimal_build, caplog):
    """``validate_lines`` (what build, run and validate call) gives pyshacl's report for
    refused shapes, with the warning the command line prints; kzkg's own shapes stay on the
    fast engine, silently."""
    lines = minimal_build.ordered.triple_lines
    shapes = REFUSED / "sparql-target-violated.ttl"
    with caplog.at_level(logging.WARNING, logger="kzkg.validate.engines"):
        fallen_back = validate_lines(lines, shapes=shapes, jobs=1)
    assert [r.getMessage() for r in caplog.records] == [
        f"{display_path(shapes)}: {NOTICE.format(shape='SpeakerShoeSizeShape')} (the same verdicts, slower: "
        "minutes on large graphs)"
    ]
    assert fallen_back == validate_lines(lines, shapes=shapes, engine="pyshacl")
    assert len(fallen_back.violations) == 3 and not fallen_back.conforms
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="kzkg.validate.engines"):
        assert validate_lines(lines, jobs=1).conforms
    assert caplog.records == []


def test_a_refusal_made_while_validating_falls_back_too(tmp_path):
    """A pattern in XPath syntax Python's regular expressions lack (``\\p{Lu}``) is refused
    when the engine compiles it, while validating: the run falls back all the same. pyshacl
    cannot compile it either, and says so in one line: never a traceback."""
    shapes, done = validate_failing(
        tmp_path,
        'ex:S a sh:NodeShape ; sh:targetNode ex:a ; sh:property [ sh:path ex:p ; sh:pattern "\\\\p{Lu}" ] .\n',
    )
    warning, error = done.stderr.strip().splitlines()
    assert "\\p{Lu}" in warning and "validating with pyshacl instead" in warning, warning
    assert error.startswith(f"error: {shapes}: pyshacl cannot validate with these shapes either")
