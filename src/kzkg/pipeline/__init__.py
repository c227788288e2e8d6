"""The main job, step by step (load → convert → validate → write), and the diff of two
builds."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "build": "steps",
        "check": "steps",
        "diff": "graphdiff",
    },
)
