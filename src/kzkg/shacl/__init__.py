"""A fast SHACL engine over pyoxigraph; it imports only the RDF and runtime helpers."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "IllFormedShapes": "engine",
        "Result": "engine",
        "UnsupportedShape": "engine",
        "ValidationLike": "report",
        "to_json": "report",
        "to_text": "report",
        "to_turtle": "report",
        "validate_files": "engine",
        "validate_lines": "engine",
        "validate_ntriples": "engine",
    },
)
