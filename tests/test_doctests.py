"""Every example in a docstring of kzkg runs and gives the output it shows."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import kzkg

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(kzkg.__path__, "kzkg.")
    if info.name != "kzkg.__main__"
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_pass(name):
    module = importlib.import_module(name)
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0, f"{name}: {failures} docstring example(s) fail; run python -m doctest -v"


def test_the_examples_are_found():
    """A module known to hold examples must have them run: a test that ran none proves nothing."""
    for name in ("kzkg.rdf.dates", "kzkg.rdf.ntriples", "kzkg.query.catalogue"):
        _, tried = doctest.testmod(importlib.import_module(name))
        assert tried > 0, f"no docstring example was run in {name}"
