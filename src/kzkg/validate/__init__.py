"""Validation of the built graph: the SHACL engines, their reports traced to the YAML,
and the OWL reasoner."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "Report": "engines",
        "check_consistency": "reason",
        "validate_lines": "engines",
    },
)
