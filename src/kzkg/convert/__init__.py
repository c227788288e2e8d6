"""From a checked corpus to RDF: the N-Triples lines of every named graph."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "convert_graphs": "graphs",
        "iri_of": "graphs",
    },
)
