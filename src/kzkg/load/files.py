"""Reading a seed file only if it is a regular file: links are not followed, pipes never opened.

A seeds folder comes from contributors and archives. A symbolic link named ``x.yaml`` can point
anywhere (or nowhere), a FIFO blocks the reader forever, a folder fails in the middle of reading.
Each is refused here with a message naming what the file is, before anything opens it; the open
itself refuses links and does not block, so a file swapped for a pipe after the check is caught
too.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_KINDS = (
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)
FIX = "replace it with the file itself: kzkg reads no links, folders, pipes or devices"


class NotRegular(Exception):
    """The path exists but is not a regular file; the message says what it is."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def regular_size(path: Path) -> int:
    """The size of ``path`` in bytes, looked up without following a link.

    Raises :class:`NotRegular` for anything but a regular file, :class:`OSError` when the path
    cannot be looked up (missing, no permission)."""
    mode = os.lstat(path)
    if not stat.S_ISREG(mode.st_mode):
        raise NotRegular(_kind(mode.st_mode))
    return mode.st_size


def read_regular(path: Path) -> bytes:
    """The bytes of the regular file ``path``; :class:`NotRegular` otherwise.

    ``O_NOFOLLOW`` refuses a link and ``O_NONBLOCK`` keeps a FIFO that replaced the file since
    :func:`regular_size` from blocking; ``fstat`` then checks what was actually opened."""
    regular_size(path)
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # made a link since the check
            raise NotRegular("a symbolic link") from None
        raise
    with os.fdopen(descriptor, "rb") as file:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(_kind(mode))
        return file.read()
