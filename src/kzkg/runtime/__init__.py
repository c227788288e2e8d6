"""Runtime helpers every step may use: the error tree, where the packaged data files
are, forked workers, progress display, pausing the cycle collector."""

from kzkg.runtime.lazy import exports

__getattr__, __dir__ = exports(
    __name__,
    {
        "CPUS": "forking",
        "InputError": "errors",
        "KzkgError": "errors",
        "Problem": "errors",
        "SILENT": "progress",
        "Source": "errors",
        "Steps": "progress",
        "StoreError": "errors",
        "UNPRINTABLE": "errors",
        "ValidationError": "errors",
        "can_fork": "forking",
        "cycle_collection_paused": "collector",
        "display_path": "errors",
        "exclusive": "runlock",
        "inherited": "forking",
        "pool_inheriting": "forking",
        "steps": "progress",
    },
)
