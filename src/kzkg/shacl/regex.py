"""``sh:pattern`` with ``sh:flags``: an XPath regular expression run by Python's ``re``.

The two dialects read most patterns alike, but not all: Python's ``$`` also matches before a
final newline (``"2019-09-22\\n"`` would pass ``^\\d{4}-\\d{2}-\\d{2}$``), and its ``.`` matches
a carriage return, where XPath's matches neither line end. The translation rewrites those
outside character classes, and supports the flags XPath defines: ``s`` (dot matches line
ends), ``m`` (anchors at line ends), ``i`` (case-insensitive), ``x`` (whitespace in the pattern
ignored) and ``q`` (the pattern is a literal string). XPath syntax ``re`` lacks (``\\p{..}``
categories, ``\\i`` and ``\\c`` name characters, class subtraction ``[a-z-[aeiou]]``) is
refused rather than misread.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["UnsupportedPattern", "xpath_regex"]


class UnsupportedPattern(ValueError):
    """A pattern or flag the translation cannot carry into Python faithfully."""


_FLAGS = {"s": re.DOTALL, "m": re.MULTILINE, "i": re.IGNORECASE}


@lru_cache(maxsize=1024)
def xpath_regex(pattern: str, flags: str = "") -> re.Pattern[str]:
    """The compiled Python equivalent of an XPath ``fn:matches`` pattern and flags."""
    unknown = set(flags) - {"s", "m", "i", "x", "q"}
    if unknown:
        raise UnsupportedPattern(f"sh:flags {flags!r}: unknown flag {''.join(sorted(unknown))}")
    compiled = 0
    for flag in flags:
        compiled |= _FLAGS.get(flag, 0)
    if "q" in flags:
        return re.compile(re.escape(pattern), compiled & re.IGNORECASE)
    if "x" in flags:
        pattern = _without_whitespace(pattern)
    try:
        return re.compile(
            _translate(pattern, multiline="m" in flags, dotall="s" in flags), compiled
        )
    except re.error as exc:
        raise UnsupportedPattern(f"sh:pattern {pattern!r}: {exc}") from exc


def _without_whitespace(pattern: str) -> str:
    """The ``x`` flag: whitespace outside character classes is dropped."""
    out, in_class, escaped = [], False, False
    for char in pattern:
        if escaped:
            out.append(char)
            escaped = False
        elif char == "\\":
            out.append(char)
            escaped = True
        elif in_class or char not in " \t\n\r":
            out.append(char)
            in_class = (in_class or char == "[") and char != "]"
    return "".join(out)


def _translate(pattern: str, *, multiline: bool, dotall: bool) -> str:
    out: list[str] = []
    index, in_class = 0, False
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            escape = pattern[index : index + 2]
            if escape[1:] in ("p", "P", "i", "I", "c", "C"):
                raise UnsupportedPattern(f"sh:pattern {pattern!r}: {escape} is not supported")
            out.append(escape)
            index += 2
            continue
        if in_class:
            if char == "-" and pattern[index + 1 : index + 2] == "[":
                raise UnsupportedPattern(f"sh:pattern {pattern!r}: class subtraction")
            in_class = char != "]"
            out.append(char)
        elif char == "[":
            in_class = True
            out.append(char)
            if pattern[index + 1 : index + 2] == "^":
                out.append("^")
                index += 1
            if pattern[index + 1 : index + 2] == "]":
                out.append("\\]")  # a leading "]" is a member in Python, an error in XPath
                index += 1
        elif char == "$" and not multiline:
            out.append(r"\Z")
        elif char == "." and not dotall:
            out.append(r"[^\n\r]")
        else:
            out.append(char)
        index += 1
    return "".join(out)
