"""The embedded triple store: pyoxigraph, in memory or on disk.

Queries never learn where triples came from; this module is the one place that turns files or
quads into a queryable store.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from kzkg.runtime import StoreError


def open_store(directory: Path | None = None) -> ox.Store:
    """An empty in-memory store, or the on-disk store at ``directory`` (created if absent)."""
    try:
        return ox.Store(str(directory)) if directory is not None else ox.Store()
    except OSError as exc:
        raise StoreError(
            f"cannot open the store at {directory}: {exc}; nothing was written"
        ) from exc


def load_file(store: ox.Store, path: Path) -> ox.Store:
    """Load an RDF file (format from its suffix) into ``store`` as one transaction."""
    if not path.is_file():
        raise StoreError(f"{path}: graph file not found — run `kzkg build` first")
    try:
        store.bulk_load(path=str(path), format=ox.RdfFormat.from_extension(path.suffix.lstrip(".")))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"{path}: not loadable RDF ({exc}); the store was not changed") from exc
    return store


def load_triples(store: ox.Store, items: Iterable[ox.Triple | ox.Quad]) -> ox.Store:
    """Load triples (into the default graph) or quads (into their graphs)."""
    quads = [
        item if isinstance(item, ox.Quad) else ox.Quad(item.subject, item.predicate, item.object)
        for item in items
    ]
    store.bulk_extend(quads)
    return store
