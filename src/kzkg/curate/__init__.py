"""Curation tools for contributors: ``kzkg new`` scaffolds an annotation file and proposes
names and claims; registry entries are merged, migrated and cross-referenced."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "VERDICTS": "xref",
        "candidates": "xref",
        "merge": "registry_merge",
        "migrate": "registry_migrate",
        "proposals_for": "scaffolding",
        "read_judgements": "xref",
        "record_judgement": "xref",
        "scaffold": "scaffolding",
        "write_scaffold": "scaffolding",
    },
)
