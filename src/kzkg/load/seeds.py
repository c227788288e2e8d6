"""Reading ``seeds/``: the registry, each article's text and annotations, into records.

Everything a contributor can get wrong in one file is found here and reported as a located
:class:`~kzkg.runtime.errors.Problem`; cross-file checks (references, identity, quotes) follow in
:mod:`kzkg.load.corpus`. Nothing is written.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzkg.data import ONTOLOGY
from kzkg.load.files import FIX, NotRegular, read_regular, regular_size
from kzkg.load.model import ARTICLE_SECTIONS, REGISTRY_SECTIONS, Article
from kzkg.load.records import RecordReader, Vocabularies
from kzkg.load.registry_files import (
    REGISTRY_DIR,
    REGISTRY_FILE,
    layout_problems,
    read_record_file,
    registry_paths,
)
from kzkg.load.vocab import concepts
from kzkg.load.yamlio import YamlList, YamlMap, read_yaml
from kzkg.runtime import SILENT, Problem, Steps

MAX_TEXT_BYTES = 1_000_000  # the longest seed article is 26 kB


@dataclass(frozen=True, slots=True)
class ArticleText:
    """An article's record with its verbatim text and the file it came from."""

    record: Article
    text: str
    path: Path
    sha256: str


@dataclass(slots=True)
class Seeds:
    """Every record read from ``seeds/``, before references are resolved."""

    directory: Path
    records: list[Any] = field(default_factory=list)
    articles: list[ArticleText] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # ids of records that had a problem of their own, by record class name: references to them
    # are checked for kind but not reported again as unknown.
    broken: dict[str, str] = field(default_factory=dict)
    # Every article text read, by article id, also of articles whose metadata has a mistake:
    # quotes and aliases are checked against them all.
    texts: dict[str, tuple[str, Path]] = field(default_factory=dict)
    # False when a whole file could not be read: an id may be defined there, so "unknown
    # reference" would be a guess, and is not reported.
    complete: bool = True
    # False when an article text could not be read: an alias may occur there.
    texts_complete: bool = True


def read_seeds(directory: Path, ontology: Path = ONTOLOGY, *, progress: Steps = SILENT) -> Seeds:
    """Read every YAML file of ``directory``; problems are collected in the result.
    ``progress`` is sized to the files and advanced after each one."""
    seeds = Seeds(directory)
    if not directory.is_dir():
        seeds.problems.append(
            Problem(
                directory,
                0,
                "seeds folder not found",
                "run kzkg from the repository root, or pass --seeds",
            )
        )
        return seeds
    reader = RecordReader(vocabularies(ontology))
    registry = directory / REGISTRY_FILE
    articles = [path for path in sorted(directory.glob("*.yaml")) if path.name != REGISTRY_FILE]
    present = os.path.lexists(registry)  # a link or a folder is reported, not taken as missing
    record_files = registry_paths(directory)
    progress.size(len(articles) + present + len(record_files))
    layout = layout_problems(directory)
    seeds.problems.extend(layout)
    if layout:
        seeds.complete = False
    if present:
        _read_sections(reader, registry, REGISTRY_SECTIONS, seeds)
        progress.advance()
    for path in record_files:
        record, readable = read_record_file(path, reader.read, seeds.problems)
        if record is not None:
            seeds.records.append(record)
        seeds.complete &= readable
        progress.advance()
    if not present and not record_files:
        seeds.problems.append(
            Problem(
                registry,
                0,
                "entity registry not found",
                f"create seeds/{REGISTRY_DIR}/KIND/ID.yaml files (or seeds/{REGISTRY_FILE})",
            )
        )
        seeds.complete = False
    for path in articles:
        _read_article_file(reader, path, seeds)
        progress.advance()
    for path in sorted(directory.glob("*.yml")):
        seeds.problems.append(
            Problem(
                path, 1, "file is not read: annotations end in .yaml", f"rename it {path.stem}.yaml"
            )
        )
    seeds.problems.extend(reader.problems)
    seeds.broken.update(reader.broken)
    return seeds


def vocabularies(ontology: Path = ONTOLOGY) -> Vocabularies:
    """The concept schemes whose members a record may name (stances, roles)."""
    return Vocabularies(
        stance=frozenset(concepts("stance", ontology)), role=frozenset(concepts("role", ontology))
    )


def _read_sections(
    reader: RecordReader, path: Path, sections: dict[str, type], seeds: Seeds, **extra: Any
) -> YamlMap | None:
    document, problems = read_yaml(path)
    seeds.problems.extend(problems)
    if problems:
        seeds.complete = False
        return None
    if not isinstance(document, YamlMap):
        seeds.problems.append(
            Problem(
                path,
                1,
                "expected a mapping of sections at the top",
                "see docs/annotation-format.md",
            )
        )
        seeds.complete = False
        return None
    allowed = set(sections) | ({"article"} if sections is ARTICLE_SECTIONS else set())
    for key in document:
        if key not in allowed:
            seeds.problems.append(
                Problem(
                    path,
                    document.line_of(key),
                    f"unknown section {key!r}",
                    f"sections here are: {', '.join(sorted(allowed))}",
                )
            )
    for key, cls in sections.items():
        items = document.get(key)
        if items is None:
            continue
        if not isinstance(items, YamlList):
            seeds.problems.append(
                Problem(
                    path,
                    document.line_of(key),
                    f"section {key!r} must be a list",
                    "write `- id: …` items",
                )
            )
            continue
        for item, line in zip(items, items.item_lines, strict=True):
            record = reader.read(cls, item, path, line, **extra)
            if record is not None:
                seeds.records.append(record)
    return document


def _read_article_file(reader: RecordReader, path: Path, seeds: Seeds) -> None:
    """Read one article's annotations and text into ``seeds``, problems included."""
    document = _read_sections(reader, path, ARTICLE_SECTIONS, seeds, article=path.stem)
    if document is None:
        return
    if "article" not in document:
        seeds.problems.append(
            Problem(
                path,
                document.line,
                "annotation file lacks its `article:` section",
                "add the article's metadata (see docs/annotation-format.md)",
            )
        )
        seeds.complete = False
        return
    mapping = document["article"]
    article = reader.read(Article, mapping, path, document.line_of("article"))
    if article is not None and article.id != path.stem:
        seeds.problems.append(
            Problem(
                path,
                mapping.line_of("id"),
                f"article id {article.id!r} differs from the file name",
                f"name the file {article.id}.yaml, or change the id to {path.stem!r}",
            )
        )
        seeds.complete = False  # references to either id would be guesses
    if article is not None:
        seeds.records.append(article)
    # The text is read even when the metadata has a mistake, so its quotes are still checked.
    name = mapping.get("text") if isinstance(mapping, YamlMap) else None
    if not isinstance(name, str):
        seeds.texts_complete = False
        return
    text = read_text(seeds.directory, name, path, mapping.line_of("text"), seeds.problems)
    if text is None:
        seeds.texts_complete = False
        return
    seeds.texts[article.id if article else path.stem] = (text[0], text[1])
    if article is not None:
        seeds.articles.append(ArticleText(article, *text))


def read_text(
    directory: Path, name: str, yaml_path: Path, line: int, problems: list[Problem]
) -> tuple[str, Path, str] | None:
    """The article text, its path and SHA-256, or ``None`` with a problem at the ``text:`` line."""

    def fail(what: str, fix: str) -> None:
        problems.append(Problem(yaml_path, line, f"article text {name}: {what}", fix))

    path = directory / name
    if Path(name).name != name or name.startswith(".") or "\0" in name:
        fail("is not a file name in the seeds folder", "write the bare file name, e.g. ID.txt")
        return None
    try:
        size = regular_size(path)
        raw = read_regular(path) if size <= MAX_TEXT_BYTES else b""
    except NotRegular as exc:
        fail(str(exc), FIX)
        return None
    except FileNotFoundError:
        fail("file not found", f"put the article's text in seeds/{name}, or fix `text:`")
        return None
    except OSError as exc:
        fail(f"cannot be read ({exc.strerror})", "check the file's permissions")
        return None
    if size > MAX_TEXT_BYTES:
        fail(
            f"is {size:,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit",
            "check that it is one article's text",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("starts with a byte-order mark", "save it as UTF-8 without BOM")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        at = raw[: exc.start].count(b"\n") + 1
        fail(f"is not valid UTF-8 (line {at}, byte {exc.start})", "save the article as UTF-8")
        return None
    if not text.strip():
        fail("is empty", "paste the article's full text")
        return None
    return text, path, hashlib.sha256(raw).hexdigest()
