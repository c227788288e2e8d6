"""`kzkg migrate-registry`: split ``seeds/entities.yaml`` into ``seeds/registry/KIND/ID.yaml``.

The split keeps every byte a curator wrote: each record's lines are cut from the single file
as they are (comments above a record go with it), less the list indentation, so the records,
their comments and their notes read the same. The file's opening comment, which speaks of the
whole registry, becomes ``registry/README.md``. Nothing is written unless all of it works: the
files are written to a temporary folder, read back with the loader and compared with the
records of the single file, and only then moved into place and the single file removed.
"""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
from pathlib import Path

from kzkg.load import (
    REGISTRY_DIR,
    REGISTRY_FILE,
    REGISTRY_SECTIONS,
    YamlList,
    YamlMap,
    read_seeds,
    read_yaml,
)
from kzkg.runtime import KzkgError

INDENT = 4  # "  - id: x" and "    label: …": the list item's indentation in the single file


def record_blocks(path: Path) -> tuple[list[str], dict[tuple[str, str], str]]:
    """The opening comment lines, and (section, id) → the record's own YAML text."""
    document, problems = read_yaml(path)
    if problems or not isinstance(document, YamlMap):
        raise KzkgError(f"{path}: fix the registry first (`kzkg validate` says how)")
    lines = path.read_text(encoding="utf-8").splitlines()
    starts: list[tuple[int, str, str]] = []  # (0-based line, section, id)
    section_lines = sorted(document.line_of(key) - 1 for key in document)
    for section in REGISTRY_SECTIONS:
        items = document.get(section)
        if not isinstance(items, YamlList):
            continue
        for item, line in zip(items, items.item_lines, strict=True):
            starts.append((line - 1, section, str(item.get("id"))))
    starts.sort()
    header_end = section_lines[0] if section_lines else len(lines)
    header = lines[:header_end]
    blocks: dict[tuple[str, str], str] = {}
    for index, (line, section, record_id) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(lines)
        end = min([end, *(s for s in section_lines if s > line)])
        first = line
        while first > 0 and lines[first - 1].lstrip().startswith("#") and first - 1 >= header_end:
            first -= 1  # the comment right above a record belongs to it
        body = [_dedent(text) for text in lines[first:end]]
        while body and not body[-1].strip():
            body.pop()
        blocks[(section, record_id)] = "\n".join(body) + "\n"
    return header, blocks


def _dedent(line: str) -> str:
    """A line of a list item at the top level: `  - id:` → `id:`, `    label:` → `label:`."""
    if line.startswith("  - "):
        return line[INDENT:]
    if line[:INDENT].strip() == "" and line.strip():
        return line[INDENT:] if len(line) - len(line.lstrip()) >= INDENT else line.lstrip()
    return "" if not line.strip() else line.strip()


def migrate(seeds: Path) -> int:
    """Split the registry of ``seeds``; the number of record files written."""
    single = seeds / REGISTRY_FILE
    target = seeds / REGISTRY_DIR
    if not single.is_file():
        raise KzkgError(f"{single}: no single-file registry to migrate")
    if any((target / section).is_dir() for section in REGISTRY_SECTIONS):
        raise KzkgError(f"{target} already holds records; nothing was written")
    header, blocks = record_blocks(single)
    before = _records(seeds)
    with tempfile.TemporaryDirectory(dir=seeds) as scratch:
        staged = Path(scratch) / "seeds"
        shutil.copytree(seeds, staged, ignore=shutil.ignore_patterns(Path(scratch).name))
        (staged / REGISTRY_FILE).unlink()
        for (section, record_id), text in blocks.items():
            folder = staged / REGISTRY_DIR / section
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{record_id}.yaml").write_text(text, encoding="utf-8")
        comment = [line.lstrip("#").removeprefix(" ") for line in header]
        if any(comment):
            (staged / REGISTRY_DIR / "README.md").write_text(
                "# The registry\n\n" + "\n".join(comment).strip() + "\n", encoding="utf-8"
            )
        after = _records(staged)
        if after != before:
            raise KzkgError(f"{single}: the split registry reads differently; nothing was written")
        target.mkdir(exist_ok=True)
        written = [*REGISTRY_SECTIONS, "README.md"]
        for name in written:
            if (staged / REGISTRY_DIR / name).exists():
                shutil.move(str(staged / REGISTRY_DIR / name), str(target / name))
    single.unlink()
    return len(blocks)


def _unplaced(record: object) -> object:
    """``record`` with no source, nor any of its nested items (evidence, curator knowledge):
    only where it was written differs."""
    changes: dict[str, object] = {"source": None}
    for field in dataclasses.fields(record):  # type: ignore[arg-type]
        items = getattr(record, field.name)
        if isinstance(items, tuple) and any(hasattr(item, "source") for item in items):
            changes[field.name] = tuple(dataclasses.replace(i, source=None) for i in items)
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]


def _records(seeds: Path) -> list[object]:
    """The registry's records without where they were written, in id order."""
    records = [
        _unplaced(r) for r in read_seeds(seeds).records if type(r) in REGISTRY_SECTIONS.values()
    ]
    return sorted(records, key=lambda r: (type(r).__name__, r.id))
