"""Namespaces, IRI minting and compaction: one place each, and compaction that matches its rule."""

from __future__ import annotations

import ast

from hypothesis import given
from hypothesis import strategies as st
from paths import ROOT

from kzkg.rdf import namespaces
from kzkg.rdf.namespaces import PREFIXES, SERIALIZATION_PREFIXES, TYPED_PATHS, Compactor, mint

NAMESPACES = {
    value
    for name, value in vars(namespaces).items()
    if name.isupper() and isinstance(value, str) and value.startswith("http")
}


def test_no_module_spells_a_namespace_again():
    """Every namespace IRI is written in rdf/namespaces.py and nowhere else in the code."""
    spelled = []
    for path in sorted((ROOT / "src" / "kzkg").rglob("*.py")):
        if path.name == "namespaces.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if id(node) in docstrings:
                    continue
                spelled += [
                    f"{path.relative_to(ROOT)}:{node.lineno}: {iri}"
                    for iri in NAMESPACES
                    if iri in node.value
                ]
    assert not spelled, "\n".join(spelled)


def longest_prefix(iri: str, prefixes: dict[str, str]) -> str:
    """The rule, written the slow and obvious way: the longest namespace leaving a local name."""
    fits = [
        (ns, name) for name, ns in prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)
    ]
    if not fits:
        return iri
    namespace, name = max(fits, key=lambda fit: len(fit[0]))
    return f"{name}:{iri.removeprefix(namespace)}"


LOCAL = st.text(alphabet="abcXYZ019-_./#", max_size=12)


@given(st.sampled_from(sorted({*PREFIXES.values(), *SERIALIZATION_PREFIXES.values()})), LOCAL)
def test_compaction_takes_the_longest_namespace(namespace, local):
    iri = namespace + local
    for table in (PREFIXES, SERIALIZATION_PREFIXES):
        expected = longest_prefix(iri, table)
        # namespaces end in / or #: a local name holding one may still be cut at it
        assert Compactor(table)(iri) == expected or "/" in local or "#" in local


@given(
    st.sampled_from(sorted(TYPED_PATHS)), st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True)
)
def test_a_minted_iri_compacts_to_its_kind_and_id(kind, slug):
    iri = mint(kind, slug)
    assert Compactor(SERIALIZATION_PREFIXES)(iri) == f"{kind}:{slug}"
    assert Compactor(PREFIXES)(iri) == f"kz:{TYPED_PATHS[kind]}{slug}"
