"""Broken contributions too big or too binary to commit: written into a copy of the seeds.

A folder ``tests/data/invalid/NAME/`` whose NAME is a key of :data:`GENERATORS` holds only its
``expected.txt``; the test copies the minimal corpus, applies the folder's overlay, then calls
:func:`generate` to damage the copy the way NAME says. Keeping them as code keeps 10 MB and
invalid bytes out of git, where they would upset diffs, editors and pre-commit hooks.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

BOM = b"\xef\xbb\xbf"
TEN_MB = 10 * 1024 * 1024


def _edit(path: Path, change: Callable[[bytes], bytes]) -> None:
    path.write_bytes(change(path.read_bytes()))


def _pad(data: bytes, comment: bytes) -> bytes:
    """``data`` followed by comment lines up to 10 MB: valid in itself, too big to be a seed."""
    line = comment + b"x" * 99 + b"\n"
    return data + line * (TEN_MB // len(line) + 1)


GENERATORS: dict[str, Callable[[Path], None]] = {
    "yaml-bom": lambda seeds: _edit(seeds / "entities.yaml", lambda d: BOM + d),
    # "Kazakh Politics Weekly" in Latin-1 "ü" on line 4: what a Windows editor might save.
    "yaml-not-utf8": lambda seeds: _edit(
        seeds / "short-note.yaml",
        lambda d: d.replace(b"A short note on Kazakh politics", b"A short note on K\xfcrmanov"),
    ),
    "yaml-10mb": lambda seeds: _edit(seeds / "short-note.yaml", lambda d: _pad(d, b"# ")),
    "yaml-control-character": lambda seeds: _edit(
        seeds / "short-note.yaml",
        lambda d: d.replace(b"genre: news report", b"genre: news\x00report"),
    ),
    "yaml-deep-nesting": lambda seeds: _edit(
        seeds / "short-note.yaml",
        lambda d: d + b"nested: " + b"[" * 50_000 + b"]" * 50_000 + b"\n",
    ),
    # More digits than Python converts to an int (4,300 by default): a located problem, not a
    # ValueError from the YAML constructor.
    "yaml-huge-integer": lambda seeds: _edit(
        seeds / "short-note.yaml",
        lambda d: d.replace(b"value: 3\n", b"value: " + b"9" * 5000 + b"\n"),
    ),
    "article-text-not-utf8": lambda seeds: _edit(
        seeds / "short-note.txt", lambda d: d.replace(b"Kazakh", b"Kaz\xe1kh", 1)
    ),
    "article-text-bom": lambda seeds: _edit(seeds / "short-note.txt", lambda d: BOM + d),
    "article-text-10mb": lambda seeds: _edit(seeds / "short-note.txt", lambda d: _pad(d, b"")),
}


def generate(name: str, seeds: Path) -> None:
    """Damage the copy ``seeds`` as the invalid example ``name`` needs; others are left alone."""
    if name in GENERATORS:
        GENERATORS[name](seeds)
