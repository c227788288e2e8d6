"""Synthetic corpora shaped like kzkg's curated seeds, for the benchmarks of issue 6.

Five real articles cannot show how the pipeline scales, so this writes N articles with
annotations that ``kzkg build`` accepts as they are: a registry whose entities recur across
articles with a Zipf-like frequency, claims whose quotes are copied from the generated text,
memberships, events and organisational changes with evidence quotes, figures, and claims that
contradict or support claims of earlier articles (registry.py and articles.py say how). It also
writes ``benchmark-params.json``: canned-query parameters naming the most cited entities, so
that the queries do real work.

One ``random.Random(seed)`` drives everything and nothing iterates a set, so a seed always gives
byte-identical files. Usage::

    python benchmarks/generate.py --articles 1000 --seed 1 --out /tmp/corpus-1000
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
from pathlib import Path

from articles import Articles, Record
from registry import Entity
from rich.console import Console
from rich.progress import track

MARKER = "benchmark-params.json"  # written last; marks a folder this script may overwrite
PLAIN = re.compile(r"[a-z][a-z0-9]*(?:[- ][a-z0-9]+)*")  # ids and words YAML reads as text
YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def scalar(value: object) -> str:
    """One value in YAML; written by hand because yaml.dump takes minutes for 10 000 files."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, Entity):
        return value.id
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {scalar(v)}" for k, v in value.items()) + "}"
    text = str(value)
    plain = PLAIN.fullmatch(text) and text not in YAML_WORDS
    return text if plain else json.dumps(text, ensure_ascii=False)  # JSON escapes are YAML's


def mapping(record: Record, indent: str) -> str:
    return "".join(f"{indent}{key}: {scalar(value)}\n" for key, value in record.items())


def listing(sections: dict[str, list[Record]]) -> str:
    """Sections of records as ``name:`` and ``- key: value`` blocks; empty sections left out."""
    out = []
    for name, records in sections.items():
        if records:
            out.append(f"\n{name}:\n")
            out.extend("  - " + mapping(record, "    ")[4:] for record in records)
    return "".join(out)


def registry_records(corpus: Articles) -> dict[str, list[Record]]:
    """Section → records: every entity some article names, memberships and changes."""
    sections: dict[str, list[Record]] = {
        name: [] for name in ("persons", "organisations", "groups", "places", "events")
    }
    for entity in corpus.registry.entities.values():
        record: Record = {"id": entity.id, "label": entity.label}
        aliases = [alias for alias in entity.aliases if alias in entity.used]
        if aliases:  # an alias no article writes is refused by the build
            record["aliases"] = aliases
        record |= {k: v for k, v in entity.fields.items() if k != "job"}
        if "job" in entity.fields:
            record["job_titles"] = [entity.fields["job"]]
        sections[entity.section].append(record)
    sections["memberships"] = list(corpus.memberships.values())
    sections["changes"] = list(corpus.changes.values())
    return sections


def write_registry(out: Path, corpus: Articles) -> None:
    """The registry in kzkg's layout of one file per record: registry/SECTION/ID.yaml."""
    for section, records in registry_records(corpus).items():
        folder = out / "registry" / section
        for record in records:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"{record['id']}.yaml").write_text(mapping(record, ""), encoding="utf-8")


def generate(out: Path, articles: int, seed: int) -> None:
    """Write the corpus to ``out``; refuse a folder with other files than a generated corpus."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and was not written by generate.py; refusing")
        for path in [*out.glob("*.txt"), *out.glob("*.yaml"), out / MARKER]:
            path.unlink()
        shutil.rmtree(out / "registry", ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    corpus = Articles(articles, seed)
    console = Console(stderr=True)
    for index in track(
        range(articles), "writing articles", console=console, disable=not console.is_terminal
    ):
        article_id, text, sections = corpus.article(index)
        annotation = "article:\n" + mapping(sections.pop("article"), "  ") + listing(sections)
        (out / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (out / f"{article_id}.yaml").write_text(annotation, encoding="utf-8")
    write_registry(out, corpus)
    (out / MARKER).write_text(json.dumps(corpus.params(), indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic kzkg corpus.")
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (a seeds/)")
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error("--articles must be at least 1")
    generate(args.out, args.articles, args.seed)


if __name__ == "__main__":
    sys.exit(main())
