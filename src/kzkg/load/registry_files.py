"""The registry as one file per record: ``seeds/registry/KIND/ID.yaml``.

One file for the whole registry grows with the corpus until it meets the per-file size limit
(about 120 real articles), and every contributor edits it, so parallel contributions conflict.
One file per record grows with nothing: a record is a few hundred bytes, and two contributors
who add different entities add different files. The folder is the section (``persons``,
``organisations`` …, as in the single file) and the file name is the id, so a reference names
its file. Each file is the record's mapping at the top level, the keys of one list item of the
single file; its line numbers are its own, so every message names the file and line to fix.

kzkg reads either layout, ``seeds/entities.yaml`` or ``seeds/registry/``, and refuses a seeds
folder that has both: half of the registry would silently shadow the other.
``seeds/registry/judgements/`` holds the curator's duplicate judgements (:mod:`kzkg.curate.xref`)
and is not read as records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kzkg.load.model import REGISTRY_SECTIONS
from kzkg.load.yamlio import YamlMap, read_yaml
from kzkg.runtime import Problem

REGISTRY_FILE = "entities.yaml"
REGISTRY_DIR = "registry"
JUDGEMENTS_DIR = "judgements"


def registry_paths(directory: Path) -> list[Path]:
    """Every record file of the split registry, section by section, by id within one."""
    folder = directory / REGISTRY_DIR
    return [p for section in REGISTRY_SECTIONS for p in sorted((folder / section).glob("*.yaml"))]


def layout_problems(directory: Path) -> list[Problem]:
    """Mistakes in the shape of the registry itself: both layouts, stray files or folders."""
    folder = directory / REGISTRY_DIR
    problems: list[Problem] = []
    if not folder.is_dir():
        return problems
    if (directory / REGISTRY_FILE).exists() and registry_paths(directory):
        problems.append(
            Problem(
                directory / REGISTRY_FILE,
                1,
                f"the registry is both in {REGISTRY_FILE} and in {REGISTRY_DIR}/",
                f"keep one: run `kzkg migrate-registry` to move {REGISTRY_FILE} into "
                f"{REGISTRY_DIR}/, or remove {REGISTRY_DIR}/",
            )
        )
    for entry in sorted(folder.iterdir()):
        if entry.is_dir() and entry.name not in REGISTRY_SECTIONS and entry.name != JUDGEMENTS_DIR:
            problems.append(
                Problem(
                    entry,
                    0,
                    f"unknown registry folder {entry.name!r}",
                    f"folders here are: {', '.join([*REGISTRY_SECTIONS, JUDGEMENTS_DIR])}",
                )
            )
        elif entry.is_dir():
            for stray in sorted(entry.iterdir()):
                if stray.suffix != ".yaml" and not stray.name.startswith("."):
                    problems.append(
                        Problem(
                            stray, 1, "file is not read: records end in .yaml", "rename it ID.yaml"
                        )
                    )
    return problems


def read_record_file(path: Path, read: Any, problems: list[Problem]) -> tuple[Any, bool]:
    """The record of one file (``read`` is the record reader's bound ``read``) and whether the
    file could be read at all; a file named other than its id is a problem at the id's line."""
    cls = REGISTRY_SECTIONS[path.parent.name]
    document, found = read_yaml(path)
    problems.extend(found)
    if found:
        return None, False
    if not isinstance(document, YamlMap):
        problems.append(
            Problem(path, 1, "expected the record's keys at the top", "write `id: …` and the keys")
        )
        return None, False
    record = read(cls, document, path, document.line or 1)
    if record is not None and record.id != path.stem:
        problems.append(
            Problem(
                path,
                document.line_of("id"),
                f"id {record.id!r} differs from the file name",
                f"name the file {record.id}.yaml, or change the id to {path.stem!r}",
            )
        )
        return None, False
    return record, True


def define_hint(directory: Path | None, kinds: frozenset[str] | set[str] = frozenset()) -> str:
    """Where a contributor defines a new id of one of ``kinds`` (record class names), in the
    layout the seeds use: seeds/registry/persons/ID.yaml (or organisations/, groups/)."""
    if (
        directory is None
        or not (directory / REGISTRY_DIR).is_dir()
        or (directory / REGISTRY_FILE).exists()
    ):
        return f"seeds/{REGISTRY_FILE}"
    sections = [s for s, c in REGISTRY_SECTIONS.items() if c.__name__ in kinds] or ["KIND"]
    others = f" (or {', '.join(f'{s}/' for s in sections[1:])})" if len(sections) > 1 else ""
    return f"seeds/{REGISTRY_DIR}/{sections[0]}/ID.yaml{others}"
