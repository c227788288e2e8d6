"""Merging two registry entries that are one: every spelling and every mention is kept.

Mentions are found by spellings, so keeping every spelling keeps every mention: the dropped
entry's label and aliases become aliases of the kept one. Every reference to the dropped id
(a speaker, a subject, a member, an organisation of a change …) is rewritten to the kept id,
in articles and registry files alike, and the dropped file is removed. Lines are edited in
place, so comments and the rest of each file stay as the curator wrote them. Only the split
registry is merged: there a record is one file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from kzkg.load import REGISTRY_DIR, REGISTRY_FILE, YamlMap, read_yaml, registry_paths
from kzkg.runtime import KzkgError


def _record_file(seeds: Path, entity: str) -> Path:
    found = [p for p in registry_paths(seeds) if p.stem == entity]
    if not found:
        raise KzkgError(f"{entity}: no such entry in {seeds / REGISTRY_DIR}; check the id")
    return found[0]


def merge(seeds: Path, keep: str, drop: str) -> list[Path]:
    """Fold ``drop`` into ``keep``; the files changed (the dropped file last, now gone)."""
    if (seeds / REGISTRY_FILE).exists():
        raise KzkgError(
            f"{seeds / REGISTRY_FILE}: merging works on the split registry; "
            "run `kzkg migrate-registry` first"
        )
    kept_path, dropped_path = _record_file(seeds, keep), _record_file(seeds, drop)
    if kept_path.parent.name != dropped_path.parent.name or keep == drop:
        raise KzkgError(f"{keep} and {drop} are not two entries of one kind; nothing was merged")
    kept, dropped = _mapping(kept_path), _mapping(dropped_path)
    have = [kept["label"], *kept.get("aliases", [])]
    aliases = [*kept.get("aliases", [])]
    aliases += [s for s in [dropped["label"], *dropped.get("aliases", [])] if s not in have]
    changed = [kept_path] if _set_aliases(kept_path, aliases) else []
    files = [p for p in sorted(seeds.glob("*.yaml"))]
    files += [p for p in registry_paths(seeds) if p != dropped_path]
    for path in files:
        if _rewrite_references(path, drop, keep):
            changed.append(path)
    dropped_path.unlink()
    return [*dict.fromkeys(changed), dropped_path]


def _mapping(path: Path) -> YamlMap:
    document, problems = read_yaml(path)
    if problems or not isinstance(document, YamlMap):
        raise KzkgError(f"{path}: fix this file first (`kzkg validate` says how)")
    return document


def _set_aliases(path: Path, aliases: list[str]) -> bool:
    """Write ``aliases:`` as one flow list, replacing a flow or block list, or after ``label:``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    new = f"aliases: {json.dumps(aliases, ensure_ascii=False)}"
    at = next((i for i, line in enumerate(lines) if line.startswith("aliases:")), None)
    if at is None:
        at = next(i for i, line in enumerate(lines) if line.startswith("label:")) + 1
        lines.insert(at, new)
    else:
        end = at + 1
        while end < len(lines) and re.match(r"^\s+-\s|^\s+\S", lines[end]):
            end += 1
        lines[at:end] = [new]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return True


def _rewrite_references(path: Path, old: str, new: str) -> bool:
    """Replace ``old`` where a line gives it as a value: `key: old`, `- old`, `[…, old, …]`."""
    token = re.escape(old)
    patterns = [
        re.compile(rf"^(\s*(?:-\s+)?[a-z_]+:\s*){token}(\s*(?:#.*)?)$"),
        re.compile(rf"^(\s*-\s+){token}(\s*(?:#.*)?)$"),
    ]
    flow = re.compile(rf"^(\s*(?:-\s+)?[a-z_]+:\s*\[[^\]#]*?)(?<![\w-]){token}(?![\w-])")
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    for index, line in enumerate(lines):
        for pattern in patterns:
            line = pattern.sub(rf"\g<1>{new}\g<2>", line)
        while flow.search(line):
            line = flow.sub(rf"\g<1>{new}", line, count=1)
        lines[index] = line
    result = "\n".join(lines)
    if result != text:
        path.write_text(result, encoding="utf-8")
        return True
    return False
