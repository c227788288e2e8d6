"""Triple stores: the embedded pyoxigraph store, the local Oxigraph server, remote
endpoints and loading through the Graph Store Protocol."""

from kzkg.runtime import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "ATTEMPTS": "endpoint",
        "Endpoint": "endpoint",
        "TIMEOUT": "endpoint",
        "check_port": "server",
        "check_url": "endpoint",
        "load_file": "embedded",
        "load_graph": "graphstore",
        "oxigraph_binary": "server",
        "open_store": "embedded",
        "request": "endpoint",
        "retrying": "endpoint",
        "serve": "server",
    },
)
