"""Writing the graph in every published format: Turtle, TriG, N-Triples, JSON-LD."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "FORMATS": "serialize",
        "Ordered": "serialize",
        "write_ordered": "serialize",
    },
)
