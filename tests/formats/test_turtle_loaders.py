"""dist/kzkg.ttl reads the same in every loader: rapper (raptor), serdi (serd) and pyoxigraph give
exactly the triples of dist/kzkg.nt, and no prefixed name carries a ``\\/`` escape that some
loaders keep inside the IRI. Virtuoso's bulk loader is checked in test_virtuoso.py."""

from __future__ import annotations

import re
import subprocess

import pyoxigraph as ox
import pytest
from paths import ROOT
from system_tools import require

from kzkg.formats.turtle import turtle_pieces
from kzkg.rdf.namespaces import SERIALIZATION_PREFIXES

TTL, NT = ROOT / "dist" / "kzkg.ttl", ROOT / "dist" / "kzkg.nt"
pytestmark = [pytest.mark.slow, pytest.mark.skipif(not TTL.is_file(), reason="dist/ is not built")]


def _triples(ntriples: bytes) -> set[str]:
    return {str(quad.triple) for quad in ox.parse(ntriples, format=ox.RdfFormat.N_TRIPLES)}


def _expected() -> set[str]:
    return _triples(NT.read_bytes())


def test_no_escaped_slash_in_a_prefixed_name() -> None:
    text = TTL.read_text(encoding="utf-8")
    assert "\\/" not in text
    assert re.search(r"^person:[\w-]+ a ", text, re.MULTILINE), "prefixed names are still used"


def test_pyoxigraph_reads_the_same_triples() -> None:
    assert {str(quad.triple) for quad in ox.parse(path=TTL)} == _expected()


@pytest.mark.parametrize(
    "command",
    [
        ["rapper", "-q", "-i", "turtle", "-o", "ntriples"],
        ["serdi", "-i", "turtle", "-o", "ntriples"],
    ],
    ids=["rapper", "serdi"],
)
def test_another_loader_reads_the_same_triples(command: list[str]) -> None:
    require(command[0])
    done = subprocess.run([*command, str(TTL)], capture_output=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr.decode(errors="replace")
    assert _triples(done.stdout) == _expected()


def test_writer_keeps_hostile_terms_exact() -> None:
    """Literals with quotes, newlines and non-ASCII text, IRIs that only look prefixable."""
    lines = [
        "<https://w3id.org/kzkg/id/person/a> <http://www.w3.org/2000/01/rdf-schema#label> "
        '"Қазақ \\"x\\"\\n\\\\"@kk .',
        "<https://w3id.org/kzkg/id/person/a> <https://schema.org/url> "
        "<https://w3id.org/kzkg/id/person/a.> .",
        "<https://w3id.org/kzkg/id/person/a> <https://schema.org/url> "
        "<https://w3id.org/kzkg/id/person/%41> .",
        "<https://w3id.org/kzkg/id/person/b> <https://schema.org/value> "
        '"7"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    ]
    text = "".join(turtle_pieces(sorted(lines), SERIALIZATION_PREFIXES))
    parsed = {str(quad.triple) for quad in ox.parse(text, format=ox.RdfFormat.TURTLE)}
    assert parsed == _triples("\n".join(lines).encode())
