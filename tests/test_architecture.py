"""The package keeps the shape docs/architecture.md gives it: imports point down the pipeline.

The table of docs/architecture.md ("Packages and what each may import") is read as the rule: a
module of one step imports another step only if the table allows it, and only through that
step's public names (its ``__init__``), never a module inside it.
"""

from __future__ import annotations

import ast
import re

import pytest
from paths import ROOT

SRC = ROOT / "src" / "kzkg"
DOC = ROOT / "docs" / "architecture.md"


def allowed() -> dict[str, set[str] | None]:
    """Each package of the table → the packages it may import (None: every one)."""
    rules: dict[str, set[str] | None] = {}
    for package, imports in re.findall(
        r"^\| `(\w+)/` \|[^|]*\| ([^|]*) \|$", DOC.read_text(), re.M
    ):
        names = set(re.findall(r"`(\w+)`", imports))
        rules[package] = None if imports.strip() == "everything" else names
    return rules


def kzkg_imports(path) -> list[tuple[int, str, list[str]]]:
    """``(line, module, names)`` of every ``from kzkg… import names`` and ``import kzkg…``."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kzkg"):
            found.append((node.lineno, node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names if a.name.startswith("kzkg")]
    return found


def steps() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())


def test_every_step_is_in_the_table():
    assert set(steps()) == set(allowed()), (
        "docs/architecture.md lists every package, and only those"
    )


@pytest.mark.parametrize("step", steps())
def test_a_step_imports_only_the_steps_below_it_through_their_public_names(step):
    rules = allowed()[step]
    wrong = []
    for path in sorted((SRC / step).rglob("*.py")):
        for line, module, names in kzkg_imports(path):
            parts = module.split(".")
            target = parts[1] if len(parts) > 1 else names[0] if names else "kzkg"
            if target in (step, "__version__", "kzkg"):
                continue
            where = f"{path.relative_to(SRC)}:{line}"
            if rules is not None and target not in rules:
                wrong.append(f"{where}: imports {target}, which is not below {step}")
            if len(parts) > 2 or any((SRC / target / f"{n}.py").is_file() for n in names):
                wrong.append(f"{where}: reaches into {module} instead of {target}'s public names")
    assert not wrong, "\n".join(wrong)
