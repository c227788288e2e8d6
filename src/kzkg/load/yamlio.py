"""Reading YAML safely, keeping the line each value came from.

Curated YAML is untrusted input. This reader refuses what a plain ``yaml.safe_load`` lets
through or handles badly: duplicate keys (the later one silently wins), aliases (a few lines can
expand to gigabytes), control characters written as escapes (``"\\e]0;…"`` would reach a
terminal through ``kzkg query``), and numbers too long to convert. Plain values are typed by
YAML 1.2's core schema, narrowed to plain decimal numbers: PyYAML's YAML 1.1 rules would turn
``10:45`` into 645, ``0x1F`` into 31, ``010`` into 8, ``no`` into false and ``2011-05-14``
into a date that loses its precision; here they stay the text written. Every mapping and list
remembers its line, so errors can say where to look.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kzkg.load.files import FIX, NotRegular, read_regular, regular_size
from kzkg.load.yamlload import Loader, Refused, YamlList, YamlMap
from kzkg.runtime import Problem

__all__ = ["MAX_DEPTH", "MAX_YAML_BYTES", "YamlList", "YamlMap", "read_yaml"]

MAX_YAML_BYTES = 2_000_000  # a curated file is a few hundred kB at most; refuse anything huge
# Nesting the composer survives: ten thousand levels raise RecursionError, thirty thousand
# crash the interpreter. Files that could nest deeper are walked event by event first.
SAFE_COMPOSE_DEPTH = 10_000
MAX_DEPTH = 50  # an annotation nests four levels; a deeper file is a mistake or an attack


def read_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; on failure return ``None`` and the problem, located."""
    try:
        size = regular_size(path)
        raw = read_regular(path) if size <= MAX_YAML_BYTES else b""
    except NotRegular as exc:
        return None, [Problem(path, 0, str(exc), FIX)]
    except OSError as exc:
        return None, [Problem(path, 0, f"cannot read the file ({exc.strerror})", "check the path")]
    if size > MAX_YAML_BYTES:
        return None, [
            Problem(
                path,
                1,
                f"file is {size:,} bytes, over the {MAX_YAML_BYTES:,}-byte limit",
                "split it, or check that it is the file you meant",
            )
        ]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [
            Problem(path, 1, "file starts with a byte-order mark", "save it as UTF-8 without BOM")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(path, line, "file is not valid UTF-8", "save it as UTF-8")]
    try:
        if _could_crash_composer(text):
            _check_depth(text)
        try:
            data = yaml.load(text, Loader=Loader)
        except RecursionError:
            data = None
        except yaml.MarkedYAMLError as exc:
            # Newer libyaml stops at a nesting limit of its own (1,000 levels), far above ours;
            # the walk below names the line where ours is passed.
            if "nesting depth" not in str(exc.problem):
                raise
            data = None
        if data is None or _depth(data) > MAX_DEPTH:
            _check_depth(text)  # finds the line where the nesting goes too deep, and raises
        return data, []
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem if isinstance(exc, Refused) else f"malformed YAML: {exc.problem}"
        line = mark.line + 1 if mark else 0
        lines = text.splitlines()
        if 0 < line <= len(lines) and "\t" in lines[line - 1]:
            what, fix = (
                "malformed YAML: a tab character where indentation is expected",
                "indent with spaces, not tabs",
            )
            return None, [Problem(path, line, what, fix)]
        return None, [Problem(path, line, str(what), _fix(exc))]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        what = f"control character U+{code:04X} is not allowed in YAML"
        return None, [Problem(path, line, what, "delete it")]


def _could_crash_composer(text: str) -> bool:
    """Whether the text could nest deep enough to overflow the C stack while composing.

    Every level of nesting needs one of these characters, so their count bounds the depth.
    Below the bound the composer at worst raises RecursionError (checked up to
    ten thousand levels), which is turned into a located problem; real files stay far below it and skip the walk.
    """
    return sum(text.count(c) for c in "[{-:?") > SAFE_COMPOSE_DEPTH


def _depth(value: Any) -> int:
    """Nesting depth of composed YAML: the composed data is small, so this walk is cheap."""
    depth, level = 0, [value]
    while level:
        depth += 1
        level = [
            item
            for container in level
            if isinstance(container, dict | list)
            for item in (container.values() if isinstance(container, dict) else container)
        ]
    return depth - 1


def _check_depth(text: str) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` before composing.

    The parser is a state machine, but the (libyaml) composer recurses once per level in C: fifty
    thousand ``[`` crash the interpreter instead of raising. Walking the events first is cheap
    and keeps every file, however hostile, an ordinary located problem.
    """
    try:
        _walk_depth(text, Loader)
    except yaml.MarkedYAMLError as exc:
        if isinstance(exc, Refused) or "nesting depth" not in str(exc.problem):
            raise
        # Newer libyaml scans ahead and stops at a limit of its own (1,000 levels) before the
        # walk reaches ours; the pure-Python parser, slower, does not.
        _walk_depth(text, yaml.SafeLoader)


def _walk_depth(text: str, loader: type) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise Refused(
                    f"values are nested more than {MAX_DEPTH} levels deep",
                    "flatten the nesting",
                    event.start_mark,
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _fix(exc: yaml.MarkedYAMLError) -> str:
    """How to repair a YAML error; PyYAML's messages say what is wrong but not what to do."""
    if isinstance(exc, Refused):
        return exc.fix
    if "\\t" in (exc.problem or "") or "tab" in (exc.problem or ""):
        return "indent with spaces, not tabs"
    if "another document" in (exc.problem or ""):
        return "keep one YAML document per file (remove the `---` line)"
    return "fix the YAML syntax (indentation, a missing colon or quote)"
