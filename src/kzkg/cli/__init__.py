"""The ``kzkg`` command line: one module per group of commands."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(__name__, {})
