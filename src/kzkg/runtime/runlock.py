"""One build at a time per output folder: a second ``kzkg build`` waits for the first.

Two builds writing the same ``dist/`` at once would write the same temporary files and rename
them over each other, and the folder could end up holding formats of two different builds. A
build therefore holds an exclusive lock for the whole run, reading included, so that the build
started last writes last, from the seeds as they are once the first is done. ``kzkg validate``
writes nothing and shares nothing between runs, so it takes no lock.

The lock is ``flock`` on a file in the temporary folder, named after the output folder's
absolute path: it works before ``dist/`` exists, leaves nothing in it, and the kernel releases
it when the process ends, however it ends.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no flock; builds are not serialised there
    fcntl = None  # type: ignore[assignment]


def lock_path(dist: Path) -> Path:
    """The lock file of an output folder."""
    key = hashlib.sha256(os.path.abspath(dist).encode("utf-8", "surrogateescape")).hexdigest()
    return Path(tempfile.gettempdir()) / f"kzkg-build-{key[:16]}.lock"


@contextmanager
def exclusive(dist: Path, waiting: Callable[[str], None]) -> Iterator[None]:
    """Hold the build lock of ``dist`` for the block; if another run holds it, call
    ``waiting`` with a message once, then wait for it."""
    if fcntl is None:
        yield
        return
    flags, path = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0), lock_path(dist)
    try:  # another user's lock file is opened, not created: /tmp may refuse O_CREAT on it
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        descriptor = os.open(path, flags | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(f"waiting for another kzkg run writing {dist} to finish")
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock
