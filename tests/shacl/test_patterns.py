"""sh:pattern and sh:flags read as XPath reads them, judged by an XPath 3.1 engine.

The fast engine runs XPath patterns with Python's ``re`` (:mod:`kzkg.shacl.regex`). The judge
is elementpath's ``fn:matches``, an XPath implementation nobody here wrote, on seeded random
patterns, flags and strings that stress where the dialects differ: ``$`` before a final
newline, ``.`` against line ends, case, whitespace in the pattern, literal patterns.
"""

from __future__ import annotations

import random
import xml.etree.ElementTree as ET

import pyoxigraph as ox
import pytest
from elementpath import select

from kzkg.shacl.engine import UnsupportedShape, validate_graphs
from kzkg.shacl.regex import UnsupportedPattern, xpath_regex

ROOT = ET.XML("<root/>")
ATOMS = ["a", "b", "A", "1", r"\d", r"\s", ".", "[ab]", "[^a]", r"\n", "x y", " "]
TEXT = ["a", "b", "A", "B", "1", "\n", "\r", " ", "x", "y"]


def xpath_matches(text: str, pattern: str, flags: str) -> bool:
    query = "matches($s, $p, $f)"
    return bool(select(ROOT, query, variables={"s": text, "p": pattern, "f": flags}))


def random_pattern(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 4)):
        atom = rng.choice(ATOMS)
        parts.append(atom + rng.choice(["", "", "*", "+", "?", "{1,2}"]))
    body = "".join(parts)
    if rng.random() < 0.3:
        body = f"({body}|{rng.choice(ATOMS)})"
    return rng.choice(["", "^"]) + body + rng.choice(["", "$"])


@pytest.mark.parametrize("seed", range(8))
def test_patterns_match_as_xpath_matches(seed: int):
    rng = random.Random(seed)
    for _ in range(150):
        pattern = random_pattern(rng)
        flags = "".join(f for f in "smix" if rng.random() < 0.3)
        text = "".join(rng.choice(TEXT) for _ in range(rng.randint(0, 6)))
        try:
            judged = xpath_matches(text, pattern, flags)
        except Exception:  # a pattern the judge rejects (x left "(*|1)"): nothing to compare
            continue
        ours = xpath_regex(pattern, flags).search(text) is not None
        assert ours == judged, (pattern, flags, text)


@pytest.mark.parametrize(
    ("pattern", "flags", "text", "expected"),
    [
        (r"^\d{4}-\d{2}-\d{2}$", "", "2019-09-22\n", False),  # "$" is the very end
        (r"^\d{4}-\d{2}-\d{2}$", "", "2019-09-22", True),
        (r"^a$", "m", "b\na\nc", True),  # m: anchors at line ends
        (r"a.b", "", "a\rb", False),  # "." matches no carriage return
        (r"a.b", "s", "a\nb", True),
        (r"ABC", "i", "abc", True),
        (r"a b c", "x", "abc", True),
        (r"a.c", "q", "abc", False),  # q: the pattern is a literal string
        (r"a.c", "q", "xa.cx", True),
    ],
)
def test_each_flag_and_the_anchor(pattern: str, flags: str, text: str, expected: bool):
    assert (xpath_regex(pattern, flags).search(text) is not None) is expected
    assert xpath_matches(text, pattern, flags) is expected


def test_syntax_python_would_misread_is_refused():
    for pattern in (r"\p{Lu}", r"\i\c*", "[a-z-[aeiou]]"):
        with pytest.raises(UnsupportedPattern):
            xpath_regex(pattern)
    with pytest.raises(UnsupportedPattern):
        xpath_regex("a", "g")


EX, SH = "http://example.org/", "http://www.w3.org/ns/shacl#"


def test_a_date_with_a_trailing_newline_fails_an_anchored_pattern():
    """The regression: Python's "$" also matches before a final newline, XPath's does not."""
    shape, node, p = ox.NamedNode(f"{EX}S"), ox.NamedNode(f"{EX}n"), ox.NamedNode(f"{EX}date")
    shapes = [
        ox.Triple(shape, ox.NamedNode(f"{SH}targetNode"), node),
        ox.Triple(shape, ox.NamedNode(f"{SH}property"), ox.BlankNode("p")),
        ox.Triple(ox.BlankNode("p"), ox.NamedNode(f"{SH}path"), p),
        ox.Triple(
            ox.BlankNode("p"), ox.NamedNode(f"{SH}pattern"), ox.Literal(r"^\d{4}-\d{2}-\d{2}$")
        ),
    ]
    for text, conforms in (("2019-09-22\n", False), ("2019-09-22", True)):
        validation = validate_graphs([ox.Triple(node, p, ox.Literal(text))], shapes)
        assert validation.conforms is conforms, text
        if not conforms:
            assert [r.value for r in validation.results] == [ox.Literal(text)]


def test_an_untranslatable_pattern_refuses_the_shape():
    shape = ox.NamedNode(f"{EX}S")
    shapes = [
        ox.Triple(shape, ox.NamedNode(f"{SH}targetNode"), ox.NamedNode(f"{EX}n")),
        ox.Triple(shape, ox.NamedNode(f"{SH}pattern"), ox.Literal(r"\p{Lu}")),
    ]
    with pytest.raises(UnsupportedShape, match=r"<http://example.org/S>: .*\\p"):
        validate_graphs([], shapes)
