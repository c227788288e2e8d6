"""Work handed to forked processes that inherit its input rather than receive it.

At a million triples the input of a step (the sorted lines, the N-Triples text) is hundreds of
megabytes; pickling it to a worker would cost more than the work. A forked worker starts with
the parent's memory, so the input is stored in a module global just before the pool forks and
read from there by the worker. Only the workers' small results travel back.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.pool import Pool

_INHERITED: list[object] = []  # the value workers of the current pool read
CPUS = os.cpu_count() or 1  # processes worth running side by side, the default of every --jobs


def can_fork() -> bool:
    """Whether this platform starts processes by forking (not on Windows, not by default on
    macOS): without it the input would have to be pickled, and the work stays in-process."""
    return "fork" in multiprocessing.get_all_start_methods()


@contextmanager
def pool_inheriting(value: object, processes: int) -> Iterator[Pool]:
    """A pool of ``processes`` forked workers that see ``value`` through :func:`inherited`.

    Workers die quietly on SIGTERM whatever handler the parent set, and the pool is stopped
    when the block ends, so results must be collected inside it.
    """
    _INHERITED.append(value)
    try:
        context = multiprocessing.get_context("fork")
        reset = (signal.SIGTERM, signal.SIG_DFL)
        with context.Pool(processes, signal.signal, reset) as pool:
            yield pool
    finally:
        _INHERITED.pop()


def inherited() -> object:
    """In a worker of :func:`pool_inheriting`, the value its pool was given."""
    if not _INHERITED:
        raise RuntimeError("inherited() is called only in a worker of pool_inheriting()")
    return _INHERITED[-1]
