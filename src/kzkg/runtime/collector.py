"""Pausing Python's cycle collector around work that builds millions of long-lived objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cycle_collection_paused() -> Iterator[None]:
    """Pause the cycle collector for the block (or, as a decorator, the call).

    Building a graph or its index allocates millions of small objects that live until the work
    ends and form no reference cycles. Each time their number grows the collector walks all of
    them again, which at ten thousand articles costs more than the work itself. Reference
    counting still frees everything as usual.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
