"""Reading ``seeds/``: the registry, each article's text and annotations, into records.

Everything a contributor can get wrong in one file is found here and reported as a located
:class:`~kzkg.errors.Problem`; cross-file checks (references, identity, quotes) follow in
:mod:`kzkg.resolve`. Nothing is written.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kzkg.errors import Problem
from kzkg.model import ARTICLE_SECTIONS, REGISTRY_SECTIONS, Article
from kzkg.records import RecordReader, Vocabularies
from kzkg.vocab import ONTOLOGY, concepts
from kzkg.yamlio import YamlList, YamlMap, read_yaml

REGISTRY_FILE = "entities.yaml"
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


def read_seeds(directory: Path, ontology: Path = ONTOLOGY) -> Seeds:
    """Read every YAML file of ``directory``; problems are collected in the result."""
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
    vocabularies = Vocabularies(
        stance=frozenset(concepts("stance", ontology)), role=frozenset(concepts("role", ontology))
    )
    reader = RecordReader(vocabularies)
    registry = directory / REGISTRY_FILE
    if registry.exists():
        _read_sections(reader, registry, REGISTRY_SECTIONS, seeds)
    else:
        seeds.problems.append(
            Problem(registry, 0, "entity registry not found", f"create seeds/{REGISTRY_FILE}")
        )
    for path in sorted(directory.glob("*.yaml")):
        if path.name != REGISTRY_FILE:
            _read_article_file(reader, path, seeds)
    seeds.problems.extend(reader.problems)
    return seeds


def _read_sections(
    reader: RecordReader, path: Path, sections: dict[str, type], seeds: Seeds, **extra: Any
) -> YamlMap | None:
    document, problems = read_yaml(path)
    seeds.problems.extend(problems)
    if problems:
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
    document, problems = read_yaml(path)
    if problems or not isinstance(document, YamlMap) or "article" not in document:
        if not problems and isinstance(document, YamlMap | None):
            line = document.line if isinstance(document, YamlMap) else 1
            problems = [
                Problem(
                    path,
                    line,
                    "annotation file lacks its `article:` section",
                    "add the article's metadata (see docs/annotation-format.md)",
                )
            ]
        seeds.problems.extend(
            problems
            or [Problem(path, 1, "expected a mapping of sections", "see docs/annotation-format.md")]
        )
        return
    article = reader.read(Article, document["article"], path, document.line_of("article"))
    if article is None:
        return
    if article.id != path.stem:
        seeds.problems.append(
            Problem(
                path,
                document["article"].line_of("id"),
                f"article id {article.id!r} differs from the file name",
                f"name the file {article.id}.yaml, or change the id",
            )
        )
    text = _read_text(
        seeds.directory / article.text, path, document["article"].line_of("text"), seeds.problems
    )
    if text is not None:
        seeds.articles.append(
            ArticleText(article, text[0], seeds.directory / article.text, text[1])
        )
    seeds.records.append(article)
    _read_sections(reader, path, ARTICLE_SECTIONS, seeds, article=article.id)


def _read_text(
    path: Path, yaml_path: Path, line: int, problems: list[Problem]
) -> tuple[str, str] | None:
    """The article text and its SHA-256, or ``None`` with a problem at the YAML's ``text:`` line."""

    def fail(what: str, fix: str) -> None:
        problems.append(Problem(yaml_path, line, f"article text {path.name}: {what}", fix))

    if not path.is_file():
        fail("file not found", f"put the article's text in seeds/{path.name}, or fix `text:`")
        return None
    raw = path.read_bytes()
    if len(raw) > MAX_TEXT_BYTES:
        fail(
            f"is {len(raw):,} bytes, over the {MAX_TEXT_BYTES:,}-byte limit",
            "check that it is one article's text",
        )
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        fail("starts with a byte-order mark", "save it as UTF-8 without BOM")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        fail(f"is not valid UTF-8 (byte {exc.start})", "save the article as UTF-8")
        return None
    if not text.strip():
        fail("is empty", "paste the article's full text")
        return None
    return text, hashlib.sha256(raw).hexdigest()
