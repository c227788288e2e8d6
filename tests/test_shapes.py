"""The SHACL shapes accept the valid example graph and reject each invalid one with its message.

Each tests/data/shapes/invalid-*.ttl is valid.ttl with one defect; its header lists, one per
`# expect:` line, the messages validation must report. The test demands those and no others, so
a shape that starts firing where it should not is caught as surely as one that stops firing.
"""

from pathlib import Path

import pyshacl
import pytest
import rdflib
from paths import ROOT
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS
from rdflib.namespace import RDF, SH

pytestmark = pytest.mark.slow

SHAPES = ROOT / "shapes" / "kzkg.shacl.ttl"
DATA = ROOT / "tests" / "data" / "shapes"
VALID = DATA / "valid.ttl"
INVALID = sorted(DATA.glob("invalid-*.ttl"))

# Parameters that make a shape a constraint, as opposed to sh:targetClass and the like. sh:property
# and sh:sparql are looked at one level down: their objects carry the messages.
CONSTRAINT_PARAMETERS = set(ALL_CONSTRAINT_PARAMETERS) - {SH.property, SH.sparql}


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES)


def validate(path: Path, shapes: rdflib.Graph) -> list[str]:
    """Validate one data file the way `kzkg validate` does; return the top-level messages."""
    data = rdflib.Graph().parse(path)
    conforms, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, inplace=True
    )
    messages = sorted(
        str(report.value(r, SH.resultMessage)) for r in report.objects(None, SH.result)
    )
    assert conforms == (not messages), (
        f"{path.name}: conforms={conforms} but {len(messages)} results"
    )
    return messages


def expected_messages(path: Path) -> list[str]:
    prefix = "# expect: "
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line[len(prefix) :] for line in lines if line.startswith(prefix)]


def test_valid_graph_conforms(shapes):
    messages = validate(VALID, shapes)
    assert not messages, f"valid.ttl should conform, got: {messages}"


def test_there_are_invalid_examples():
    assert len(INVALID) >= 10, (
        f"expected at least 10 invalid examples in {DATA}, found {len(INVALID)}"
    )


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_graph_fails_with_its_message(path, shapes):
    expects = expected_messages(path)
    assert expects, f"{path.name} declares no `# expect:` line"
    messages = validate(path, shapes)
    for expect in expects:
        assert any(expect in m for m in messages), (
            f"{path.name}: no result says {expect!r}; got {messages}"
        )
    for message in messages:
        assert any(e in message for e in expects), f"{path.name}: unexpected result {message!r}"


def test_shapes_are_well_formed_shacl(shapes):
    # meta_shacl validates the shapes graph against the W3C SHACL-for-SHACL shapes first and
    # raises if it does not conform.
    conforms, _, text = pyshacl.validate(
        rdflib.Graph(), shacl_graph=shapes, meta_shacl=True, inference="none", advanced=True
    )
    assert conforms, f"shapes graph is not valid SHACL:\n{text}"


def test_every_constraint_has_a_message(shapes):
    """Every constraint a target reaches directly says, in words, what is wrong and how to fix it.

    Shapes nested inside sh:or / sh:node / sh:qualifiedValueShape report through their parent,
    whose message is the one a contributor reads, so only the outer ones need their own.
    """
    missing = []
    targets = {SH.targetClass, SH.targetNode, SH.targetObjectsOf, SH.targetSubjectsOf}
    for shape in sorted({s for p in targets for s in shapes.subjects(p, None)}):
        has_own_constraint = any((shape, p, None) in shapes for p in CONSTRAINT_PARAMETERS)
        checked = [shape] if has_own_constraint else []
        checked += list(shapes.objects(shape, SH.property))
        checked += list(shapes.objects(shape, SH.sparql))
        for node in checked:
            message = shapes.value(node, SH.message)
            if message is None or len(str(message)) < 30:
                missing.append(f"{shape.n3(shapes.namespace_manager)} -> {node}")
    assert not missing, "constraints without a useful sh:message:\n" + "\n".join(missing)


def test_every_node_shape_is_typed(shapes):
    untyped = [
        str(s)
        for p in (SH.targetClass, SH.targetObjectsOf)
        for s in shapes.subjects(p, None)
        if (s, RDF.type, SH.NodeShape) not in shapes
    ]
    assert not untyped, f"node shapes without `a sh:NodeShape`: {untyped}"
