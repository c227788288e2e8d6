"""`kzkg xref`: registry entries that may be one, and the curator's recorded judgements.

Two contributors who meet the same person in different sources write two entries (Amirjan and
Amirzhan, Kosanov and Kosapov). Pairs of the same kind whose names read or sound alike, word
by word as `kzkg new` compares them, or whose names differ by one word (Communist Party of
Kazakhstan, Communist People's Party of Kazakhstan) are listed. The curator decides, and
records `same` or `different` with a note as a file of ``seeds/registry/judgements/``; a pair
with a judgement is never listed again. `same` is acted on with :mod:`kzkg.curate.registry_merge`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import jellyfish

from kzkg.curate.propose_names import words_alike
from kzkg.curate.propose_variants import content
from kzkg.load import ID_PATTERN, JUDGEMENTS_DIR, REGISTRY_DIR, YamlList, YamlMap, read_yaml
from kzkg.runtime import Problem

VERDICTS = ("same", "different")


@dataclass(frozen=True, slots=True)
class Pair:
    """Two entries of one kind with alike names, and the two spellings that made them alike."""

    kind: str
    first: str
    second: str
    because: tuple[str, str]


@dataclass(frozen=True, slots=True)
class Judgement:
    entities: frozenset[str]
    verdict: str
    note: str
    path: Path


def spellings(entity: object) -> list[str]:
    return [entity.label, *entity.aliases]  # type: ignore[attr-defined]


def names_alike(a: str, b: str) -> bool:
    """Alike word by word, or the same words but one (a subset with one word more)."""
    mine, theirs = content(a.split()), content(b.split())
    if not mine or not theirs or (mine == theirs and a == b):
        return False
    if len(mine) == len(theirs):
        return all(map(words_alike, mine, theirs))
    small, large = sorted((set(mine), set(theirs)), key=len)
    return len(small) >= 2 and small < large and len(large - small) == 1


def candidates(entities: Iterable[object], judged: set[frozenset[str]]) -> list[Pair]:
    """Pairs of the same kind with alike names, none of them judged already; compared only
    within blocks of entries that share a word's Metaphone key, so the cost follows the
    blocks, not the square of the registry."""
    blocks: dict[tuple[str, str], set[str]] = defaultdict(set)
    by_id = {}
    for entity in entities:
        kind = type(entity).__name__
        by_id[entity.id] = entity  # type: ignore[attr-defined]
        for spelling in spellings(entity):
            for word in content(spelling.split()):
                blocks[(kind, jellyfish.metaphone(word) or word)].add(entity.id)  # type: ignore[attr-defined]
    found: dict[tuple[str, str], Pair] = {}
    for (kind, _), ids in sorted(blocks.items()):
        if len(ids) > 200:
            continue  # a word every entry of a kind shares (party, region) decides nothing
        for first, second in combinations(sorted(ids), 2):
            if (first, second) in found or frozenset((first, second)) in judged:
                continue
            for a in spellings(by_id[first]):
                match = next((b for b in spellings(by_id[second]) if names_alike(a, b)), None)
                if match is not None:
                    found[(first, second)] = Pair(kind.lower(), first, second, (a, match))
                    break
    return sorted(found.values(), key=lambda p: (p.kind, p.first, p.second))


def read_judgements(seeds: Path, known: set[str]) -> tuple[list[Judgement], list[Problem]]:
    """Every judgement file, checked: two known ids, a verdict, a note."""
    judgements: list[Judgement] = []
    problems: list[Problem] = []
    for path in sorted((seeds / REGISTRY_DIR / JUDGEMENTS_DIR).glob("*.yaml")):
        document, found = read_yaml(path)
        problems.extend(found)
        if found:
            continue
        if not isinstance(document, YamlMap):
            problems.append(Problem(path, 1, "expected entities, verdict and note", "see docs"))
            continue
        ids = document.get("entities")
        if not (
            isinstance(ids, YamlList)
            and len(set(ids)) == 2
            and all(isinstance(i, str) for i in ids)
        ):
            problems.append(
                Problem(
                    path,
                    document.line_of("entities"),
                    "`entities:` must list two ids",
                    "write `entities: [ID, ID]`",
                )
            )
            continue
        for unknown in [i for i in ids if i not in known or not ID_PATTERN.match(i)]:
            problems.append(
                Problem(
                    path, document.line_of("entities"), f"unknown entity {unknown!r}", "fix the id"
                )
            )
        verdict, note = document.get("verdict"), document.get("note")
        if verdict not in VERDICTS:
            problems.append(
                Problem(
                    path,
                    document.line_of("verdict"),
                    f"verdict {verdict!r}",
                    "write `verdict: same` or `verdict: different`",
                )
            )
        if not isinstance(note, str) or not note.strip():
            problems.append(
                Problem(
                    path,
                    document.line_of("note"),
                    "a judgement needs its reason",
                    "write `note: …`",
                )
            )
        if not problems or problems[-1].path != path:
            judgements.append(Judgement(frozenset(ids), str(verdict), str(note), path))
    return judgements, problems


def judgement_path(seeds: Path, first: str, second: str) -> Path:
    """One file per pair, named by both ids in order: two curators judging different pairs
    write different files."""
    a, b = sorted((first, second))
    return seeds / REGISTRY_DIR / JUDGEMENTS_DIR / f"{a}.{b}.yaml"


def record_judgement(seeds: Path, first: str, second: str, verdict: str, note: str) -> Path:
    """Write the judgement file of a pair (YAML written by hand, one key a line)."""
    import json

    path = judgement_path(seeds, first, second)
    path.parent.mkdir(parents=True, exist_ok=True)
    a, b = sorted((first, second))
    path.write_text(
        f"entities: [{a}, {b}]\nverdict: {verdict}\nnote: {json.dumps(note, ensure_ascii=False)}\n",
        encoding="utf-8",
    )
    return path
