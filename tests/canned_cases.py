"""Every canned query with the parameter values the store tests run it with.

Shared by the remote and the parity tests so that both compare the same calls: each query with
its defaults, with the values of its documented example, and with hostile text for each literal
parameter (a would-be FILTER rewrite and a ``\\u0022`` escape), which must stay a plain string.
"""

from __future__ import annotations

import shlex

from paths import ROOT

from kzkg.query.catalogue import CannedQuery, load_catalogue

CATALOGUES = (ROOT / "queries", ROOT / "tests" / "data" / "remote_queries")
GRAPH = ROOT / "tests" / "data" / "queries" / "fixture.ttl"  # small, shaped like the model
BUILT = ROOT / "dist" / "kzkg.ttl"  # the real graph, once `kzkg build` has written it
GRAPHS = [GRAPH, *([BUILT] if BUILT.is_file() else [])]
HOSTILE = ('x" || true || "', "\\u0022) } } #", "Қазақстан\n'''\"")


def catalogue() -> dict[str, CannedQuery]:
    """The project's queries/ (when it has any) and this test suite's own binding tests."""
    found: dict[str, CannedQuery] = {}
    for directory in CATALOGUES:
        if directory.is_dir():
            found.update(load_catalogue(directory))
    return found


def example_values(query: CannedQuery) -> dict[str, str]:
    words = shlex.split(query.example)
    return dict(w.split("=", 1) for i, w in enumerate(words) if i and words[i - 1] == "--param")


def cases() -> list[tuple[str, dict[str, str]]]:
    """(query name, values) pairs; an id for each is ``name[values]``."""
    found: list[tuple[str, dict[str, str]]] = []
    for name, query in catalogue().items():
        found.append((name, {}))
        if example_values(query):
            found.append((name, example_values(query)))
        for parameter in query.parameters:
            if parameter.kind == "literal":
                found += [(name, {parameter.name: text}) for text in HOSTILE]
    return found


def case_id(case: tuple[str, dict[str, str]]) -> str:
    name, values = case
    shown = ",".join(f"{key}={value!r}" for key, value in values.items())
    return f"{name}[{shown}]"
