"""Canned SPARQL queries: the catalogue, safe binding, running and rendering, locally or on
a remote endpoint."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "CannedQuery": "catalogue",
        "ResultTable": "catalogue",
        "bind": "catalogue",
        "format_table": "catalogue",
        "load_catalogue": "catalogue",
        "run": "catalogue",
        "run_remote": "remote",
        "with_values": "remote",
    },
)
