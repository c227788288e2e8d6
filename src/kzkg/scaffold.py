"""`kzkg new ARTICLE.txt`: the annotation file a contributor starts from.

Annotating starts with the same chores every time: the metadata keys, and finding which persons,
organisations and places the registry already knows. The scaffold writes the keys with their
expected form in comments (left empty, so `kzkg validate` points at each one until it is
filled) and lists every mention of a known entity with its offsets, so the contributor picks
speakers and subjects from suggestions instead of searching the text.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from kzkg.errors import InputError, KzkgError, Problem
from kzkg.load import read_seeds, read_text
from kzkg.model import ID_PATTERN, Group, Organisation, Person, Place
from kzkg.resolve import ENTITY_CLASSES
from kzkg.text import Span, Spelling, find_mentions, mention_pattern

KINDS = {Person: "person", Organisation: "organisation", Group: "group", Place: "place"}


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A known entity and where the article mentions it."""

    entity: str
    kind: str
    label: str
    spans: tuple[Span, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "entity": self.entity,
            "kind": self.kind,
            "label": self.label,
            "mentions": [s.to_dict() for s in self.spans],
        }


def suggest(text: str, article_id: str, seeds: Path) -> list[Suggestion]:
    """Every known entity mentioned in ``text``, in order of first mention.

    Uses the registry even when other annotation files have mistakes: a scaffold is most
    useful in the middle of work, when the seeds are not yet all valid.
    """
    entities = [r for r in read_seeds(seeds).records if isinstance(r, ENTITY_CLASSES)]
    owner: dict[str, str] = {}
    for entity in entities:
        for spelling in (entity.label, *entity.aliases):
            owner.setdefault(spelling, entity.id)
    found: dict[str, list[Span]] = defaultdict(list)
    pattern = mention_pattern(Spelling(t, e) for t, e in owner.items())
    for entity_id, where in find_mentions(article_id, text, pattern, owner):
        found[entity_id].append(where)
    by_id = {e.id: e for e in entities}
    suggestions = [
        Suggestion(i, KINDS.get(type(by_id[i]), "event"), by_id[i].label, tuple(spans))
        for i, spans in found.items()
    ]
    return sorted(suggestions, key=lambda s: s.spans[0].start)


def scaffold(article: Path, seeds: Path) -> str:
    """The YAML text of a new annotation file for ``article`` (a .txt in ``seeds``)."""
    article_id = article.stem
    if not ID_PATTERN.fullmatch(article_id):
        raise KzkgError(
            f"{article.name}: the file name must be the article id, a slug such as "
            "2014-03-iwpr-russian-embrace-fades (lowercase ASCII letters, digits, hyphens)"
        )
    problems: list[Problem] = []
    read = read_text(article.parent, article.name, article, 0, problems)
    if read is None:
        raise InputError(problems)
    text = read[0]
    suggestions = suggest(text, article_id, seeds)
    return render(article_id, article.name, text, suggestions)


def render(article_id: str, file_name: str, text: str, suggestions: list[Suggestion]) -> str:
    first_line = next((line.strip() for line in text.splitlines() if line.strip()), "")
    people = [s.entity for s in suggestions if s.kind in ("person", "organisation", "group")]
    lines = [
        f"# Annotations of {file_name}, scaffolded by `kzkg new`. Fill in every empty key;",
        "# `kzkg validate` names each one still missing. See docs/annotation-format.md.",
        "article:",
        f"  id: {article_id}",
        f"  text: {file_name}",
        "  headline:            # the headline, verbatim",
        "  authors: []          # person ids (add new persons to entities.yaml)",
        "  publisher:           # organisation id of the outlet",
        '  published:           # "YYYY", "YYYY-MM" or "YYYY-MM-DD", as precise as the text',
        f"  date_printed:        # verbatim, e.g. from the first line: {first_line[:60]!r}",
        "  language: en",
        "  genre:               # news report | blog post | interview | analysis | press release",
        "  description:         # one neutral sentence on what the article is",
        "",
        "# Known entities this article mentions (the build finds these again; listed so that",
        "# speakers and subjects can be picked by id). Offsets are character positions.",
    ]
    for s in suggestions:
        where = ", ".join(f'"{x.exact}" {x.start}-{x.end}' for x in s.spans[:6])
        more = f" and {len(s.spans) - 6} more" if len(s.spans) > 6 else ""
        lines.append(f"#   {s.entity} ({s.kind}, {s.label}): {where}{more}")
    if not suggestions:
        lines.append(
            "#   none yet: add the article's persons, organisations and places to entities.yaml"
        )
    lines += [
        "",
        "claims: []",
        "# - id: SPEAKER-POINT              # a slug unique in the corpus",
        f"#   speaker: {people[0] if people else 'PERSON-ID'}",
        "#   relayed_by: []                  # who passes it on, nearest the speaker first",
        f"#   about: [{', '.join(dict.fromkeys(s.entity for s in suggestions[:2])) or 'ID'}]",
        "#   stance: asserts                 # asserts | denies | predicts | doubts | …",
        '#   quote: "…"                      # copied character for character from the .txt',
        "#   paraphrase: …",
        "",
        "figures: []",
        "",
    ]
    return "\n".join(lines)


def write_scaffold(article: Path, seeds: Path, force: bool = False) -> Path:
    """Write ``ARTICLE-ID.yaml`` beside the text; refuse to overwrite an existing one."""
    target = article.with_suffix(".yaml")
    if target.exists() and not force:
        raise KzkgError(f"{target} already exists; nothing was written (use --force to replace it)")
    content = scaffold(article, seeds)
    target.write_text(content, encoding="utf-8")
    return target
