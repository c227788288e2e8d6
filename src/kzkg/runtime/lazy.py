"""Public names of a subpackage, imported from their modules only when first used.

Each step's ``__init__`` lists what the other steps may use. Importing a step costs nothing until
one of its names is read, so ``kzkg query`` does not pay for the validator's imports, and no two
steps import each other while they load.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable


def exports(
    package: str, names: dict[str, str]
) -> tuple[Callable[[str], object], Callable[[], list[str]]]:
    """A package's ``__getattr__`` and ``__dir__`` for ``names`` (public name → its module).

    >>> getattr_, dir_ = exports("kzkg.rdf", {"KZ": "namespaces"})
    >>> getattr_("KZ")
    'https://w3id.org/kzkg/id/'
    """

    def __getattr__(name: str) -> object:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    def __dir__() -> list[str]:
        return sorted(names)

    return __getattr__, __dir__
