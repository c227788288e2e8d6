"""The writers' text tricks (line sorting, JSON-LD compaction) must never touch a literal."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import given, settings
from hypothesis import strategies as st
from paths import ROOT

from kzkg.formats import serialize
from kzkg.formats.serialize import FORMATS, Ordered
from kzkg.rdf import terms
from kzkg.rdf.namespaces import RDF

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
    for name in FORMATS:
        data = serialize.render(name, ordered)
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


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_literal_text_is_pyoxigraphs_canonical_form(text):
    assert terms.plain(text) == str(ox.Literal(text))
    assert terms.english(text) == str(ox.Literal(text, language="en"))
    datatype = ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
    assert terms.typed(text, "date") == str(ox.Literal(text, datatype=datatype))


def test_control_characters_are_escaped_like_pyoxigraph():
    every = "".join(chr(c) for c in range(0x80)) + "\u2028\u00e9"
    assert terms.plain(every) == str(ox.Literal(every))


def test_formats_written_side_by_side_are_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setattr(serialize, "PARALLEL_FROM", 0)
    ordered = Ordered.of(_quads())
    one = serialize.write_ordered(ordered, tmp_path / "one", jobs=1)
    two = serialize.write_ordered(ordered, tmp_path / "two", jobs=2)
    assert [p.name for p in one] == [p.name for p in two]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(one, two, strict=True))


def test_a_failing_writer_process_leaves_the_old_files(tmp_path, monkeypatch):
    monkeypatch.setattr(serialize, "PARALLEL_FROM", 0)
    ordered = Ordered.of(_quads())
    written = serialize.write_ordered(ordered, tmp_path, jobs=2)
    before = {p: p.read_bytes() for p in written}

    def broken(_: Ordered, path: Path) -> None:
        path.write_bytes(b"half a file")
        raise RuntimeError("disk on fire")

    monkeypatch.setitem(FORMATS, "jsonld", serialize.OutputFormat("jsonld", broken))
    with pytest.raises(RuntimeError, match="disk on fire"):
        serialize.write_ordered(Ordered.of(_quads()[:2]), tmp_path, jobs=2)
    assert {p: p.read_bytes() for p in written} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in written)


def test_a_build_stopped_by_sigterm_leaves_no_partial_files(tmp_path):
    """A CI runner or service manager stops with SIGTERM: the build unwinds as on Ctrl-C."""
    dist = tmp_path / "dist"
    command = [sys.executable, "-m", "kzkg", "build", "--dist", str(dist), "--jobs", "1"]
    for _ in range(20):  # the signal must land while a file is being written
        process = subprocess.Popen(command, cwd=ROOT, stderr=subprocess.PIPE, text=True)
        while process.poll() is None and not any(dist.glob(".kzkg.*.partial")):
            time.sleep(0.0005)
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate()
        if process.returncode != 0:
            break
    assert process.returncode == 143, stderr
    assert "terminated; nothing was written" in stderr, stderr
    assert not list(dist.glob(".*.partial")), "a partial file was left behind"
