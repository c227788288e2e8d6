"""Synthetic corpora shaped like kzkg's curated seeds, for the benchmarks of issue 6.

Five real articles cannot show how the pipeline scales, so this writes N articles with
annotations that ``kzkg build`` accepts as they are: a registry whose entities recur across
articles with a Zipf-like frequency (a few national figures in most articles, a long tail named
once), claims whose quotes are copied from the generated text, memberships, events and
organisational changes with evidence quotes, figures, and claims that contradict or support
claims of earlier articles. It also writes ``benchmark-params.json``: values for the canned
queries' parameters that name the most cited entities, so that the queries do real work.

One ``random.Random(seed)`` drives everything and nothing iterates a set, so a seed always gives
byte-identical files. Usage::

    python benchmarks/generate.py --articles 1000 --seed 1 --out /tmp/corpus-1000
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import random
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.progress import track
from vocabulary import (
    ADJECTIVES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    GROUP_WORDS,
    JOBS,
    KAZAKH_NAMES,
    NOUNS,
    OUTLET_WORDS,
    PEOPLE,
    PLACES,
    QUOTES,
    SAYS,
    SURNAME_MIDDLES,
    SURNAME_ROOTS,
    TOPICS,
)

from kzkg.text import occurrences
from kzkg.vocab import concepts

MARKER = "benchmark-params.json"  # written last; marks a folder this script may overwrite
STANCES = sorted(concepts("stance"))
ROLES = sorted(concepts("role"))
ORG_WORDS = {
    "party": "Party",
    "movement": "Movement",
    "trade-union": "Workers' Union",
    "ngo": "Foundation",
    "research-institute": "Institute",
    "company": "Holding",
}
EVENT_TYPES = ["protest", "strike", "rally", "conference", "election", "meeting", "referendum"]
FIRST_DAY, SPAN_DAYS = dt.date(2005, 1, 1), 20 * 365


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def q(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string escapes are valid YAML ones."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(slots=True)
class Entity:
    """A registry entry; ``used`` collects the aliases some article writes, the only ones kept."""

    section: str
    id: str
    label: str
    aliases: list[str]
    fields: dict[str, object] = field(default_factory=dict)
    used: dict[str, None] = field(default_factory=dict)


class Zipf:
    """Ranks 0…size-1 with P(rank) ∝ 1/(rank+1); ``limit`` draws among the first ranks only."""

    def __init__(self, size: int) -> None:
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(size)))

    def draw(self, rng: random.Random, limit: int = 0) -> int:
        top = self.cumulative[(limit or len(self.cumulative)) - 1]
        return bisect.bisect_left(self.cumulative, rng.random() * top)


class Text:
    """An article being written, sentence by sentence, knowing where each quote lands."""

    def __init__(self, *header: str) -> None:
        self.paragraphs, self.sentences = list(header), []
        self.length = sum(len(p) + 2 for p in header)
        self.quotes: list[tuple[dict[str, object], str, int]] = []

    def say(self, before: str, quote: str = "", after: str = "", record: dict | None = None):
        """Append a sentence; ``record`` gets ``quote`` (and ``occurrence`` when it repeats)."""
        if record is not None:
            at = self.length + sum(len(s) + 1 for s in self.sentences) + len(before)
            self.quotes.append((record, quote, at))
        self.sentences.append(before + quote + after)

    def paragraph(self) -> None:
        if self.sentences:
            self.paragraphs.append(" ".join(self.sentences))
            self.length += len(self.paragraphs[-1]) + 2
            self.sentences = []

    def finish(self) -> str:
        """The whole text; each quoted record learns which occurrence of its quote it means."""
        self.paragraph()
        text = "\n\n".join(self.paragraphs) + "\n"
        for record, quote, at in self.quotes:
            starts = occurrences(text, quote)
            record["quote"] = quote
            if len(starts) > 1:
                record["occurrence"] = starts.index(at) + 1
        return text


class Generator:
    """The state of one corpus: entity pools, spellings, events, memberships, earlier claims."""

    def __init__(self, articles: int, seed: int) -> None:
        self.rng, self.articles = random.Random(seed), articles
        self.spellings: dict[str, str] = {}  # every label and alias → entity id, kept unique
        self.ids: dict[str, None] = {}  # ids are unique across all files
        sizes = {
            "persons": 30 + 2 * articles // 5,
            "authors": 5 + articles // 50,
            "organisations": 15 + articles // 10,
            "outlets": 4 + articles // 500,
            "places": len(PLACES) + articles // 50,
            "groups": 6 + articles // 100,
        }
        self.pools: dict[str, list[Entity | None]] = {k: [None] * n for k, n in sizes.items()}
        self.zipf = {k: Zipf(n) for k, n in sizes.items()} | {"events": Zipf(articles)}
        self.registry: dict[str, Entity] = {}  # every entity some article names, by first use
        self.events: list[Entity] = []
        self.memberships: dict[str, dict[str, object]] = {}
        self.changes: dict[str, dict[str, object]] = {}
        self.claims_about: dict[str, list[str]] = {}  # subject id → earlier articles' claims
        self.counts: dict[str, dict[str, int]] = {"speaker": {}, "subject": {}, "pair": {}}
        for rank, place in enumerate(PLACES):
            if place[4] is None:  # the places others are contained in exist from the start
                self.pools["places"][rank] = self.place(rank)

    # --- registry -----------------------------------------------------------------------------

    def new_id(self, text: str) -> str:
        base = candidate = slug(text)
        for n in itertools.count(2):
            if candidate not in self.ids:
                break
            candidate = f"{base}-{n}"
        self.ids[candidate] = None
        return candidate

    def entity(self, section: str, label: str, aliases: list[str], **fields: object) -> Entity:
        entity = Entity(section, self.new_id(label), label, [], fields)
        self.spellings[label] = entity.id
        for alias in aliases:
            if alias not in self.spellings:
                self.spellings[alias] = entity.id
                entity.aliases.append(alias)
        return entity

    def unique(self, make: Callable[[], str]) -> str:
        """A label no entity spells yet, so that every spelling has one owner."""
        for _ in range(100):
            label = make()
            if label not in self.spellings:
                return label
        raise RuntimeError("the vocabulary is too small for this many entities")

    def pick(self, pool: str) -> Entity:
        """A Zipf-distributed member of ``pool``, created on first use."""
        rank = self.zipf[pool].draw(self.rng)
        found = self.pools[pool][rank]
        if found is None:
            found = self.pools[pool][rank] = self.create(pool, rank)
        self.use(found)
        return found

    def use(self, entity: Entity) -> Entity:
        self.registry.setdefault(entity.id, entity)
        for key in ("location", "contained_in"):
            if isinstance(entity.fields.get(key), Entity):
                self.use(entity.fields[key])  # type: ignore[arg-type]
        return entity

    def create(self, pool: str, rank: int) -> Entity:
        rng = self.rng
        if pool == "places":
            return self.place(rank)
        if pool == "groups":
            place = self.pick("places")
            label = self.unique(lambda: f"{rng.choice(GROUP_WORDS)} in {place.label}")
            return self.entity("groups", label, [], description="Unnamed speakers.")
        if pool in ("persons", "authors"):
            female = rng.random() < 0.4
            endings = ["ova", "eva", "ina"] if female else ["ov", "ev", "in"]
            given = GIVEN_FEMALE if female else GIVEN_MALE
            surname = rng.choice(SURNAME_ROOTS) + rng.choice(SURNAME_MIDDLES) + rng.choice(endings)
            label = self.unique(lambda: f"{rng.choice(given)} {surname}")
            variant = label.replace("zh", "j").replace("Zh", "J").replace("kh", "h")
            job = "journalist" if pool == "authors" else rng.choice(JOBS)
            aliases = [surname, variant] if variant != label else [surname]
            return self.entity("persons", label, aliases, description=f"Synthetic {job}.", job=job)
        kind = "media-outlet" if pool == "outlets" else rng.choice(list(ORG_WORDS))

        def name() -> str:
            if kind == "media-outlet":
                return f"{self.pick('places').label} {rng.choice(OUTLET_WORDS)}"
            if rng.random() < 0.4:
                return f"{rng.choice(KAZAKH_NAMES)} {rng.choice(KAZAKH_NAMES)} {ORG_WORDS[kind]}"
            return f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} {ORG_WORDS[kind]}"

        label = self.unique(name)
        acronym = "".join(word[0] for word in label.split() if word[0].isupper())
        fields: dict[str, object] = {"type": kind, "location": self.pick("places")}
        if rng.random() < 0.5:
            fields["founded"] = str(rng.randint(1991, 2004))
        return self.entity("organisations", label, [acronym] if len(acronym) > 2 else [], **fields)

    def place(self, rank: int) -> Entity:
        if rank < len(PLACES):
            _, label, aliases, kind, inside = PLACES[rank]
        else:
            word = self.rng.choice(KAZAKH_NAMES)
            label = self.unique(lambda: word + self.rng.choice(KAZAKH_NAMES).lower() + "sk")
            aliases, kind, inside = [], self.rng.choice(["city", "region"]), "kazakhstan"
        fields: dict[str, object] = {"type": kind}
        if inside:
            index = next(i for i, p in enumerate(PLACES) if p[0] == inside)
            fields["contained_in"] = self.pools["places"][index]
        return self.entity("places", label, aliases, **fields)

    def name(self, entity: Entity, later: bool = False) -> str:
        """How the text spells ``entity``: mostly its label, a surname once introduced, and now
        and then another spelling, as real sources do."""
        spelling = entity.label
        surnames = [alias for alias in entity.aliases if " " not in alias]
        if entity.section == "persons" and later and surnames:
            spelling = surnames[0]
        elif entity.aliases and self.rng.random() < 0.15:
            spelling = self.rng.choice(entity.aliases)
        if spelling != entity.label:
            entity.used[spelling] = None
        return spelling

    # --- articles -----------------------------------------------------------------------------

    def cast(self, pool: str, low: int, high: int) -> list[Entity]:
        """Distinct entities of ``pool`` for one article (fewer if the draws keep repeating)."""
        chosen: dict[str, Entity] = {}
        for _ in range(3 * high):
            if len(chosen) >= self.rng.randint(low, high):
                break
            entity = self.pick(pool)
            chosen.setdefault(entity.id, entity)
        return list(chosen.values())

    def article(self, index: int) -> tuple[str, str, str]:
        """One article: its id, its text and its annotation file."""
        rng = self.rng
        day = FIRST_DAY + dt.timedelta(days=index * SPAN_DAYS // self.articles + rng.randrange(3))
        outlet, author = self.pick("outlets"), self.pick("authors")
        article_id = self.new_id(f"{day:%Y-%m}-{outlet.id}-{index:05d}")
        persons, places = self.cast("persons", 2, 5), self.cast("places", 1, 3)
        organisations = self.cast("organisations", 1, 3)
        groups = self.cast("groups", 1, 1) if rng.random() < 0.3 else []
        events = [self.use(self.events[self.zipf["events"].draw(rng, len(self.events))])]
        events = events if self.events and rng.random() < 0.4 else []
        topic = rng.choice(TOPICS)
        headline = f"{organisations[0].label} and {persons[0].label} clash over {topic}"
        printed = f"{day:%A, %B} {day.day}, {day.year}"
        text = Text(printed, headline, author.label)
        seen: dict[str, None] = {}

        def name(entity: Entity) -> str:
            spelling = self.name(entity, later=entity.id in seen)
            seen[entity.id] = None
            return spelling

        if rng.random() < 0.25:
            events.insert(0, self.new_event(article_id, day, text, name, organisations, places))
        for event in events[1:] if events and not events[0].used else events:
            text.say(f"The {name(event)} is still remembered in {name(rng.choice(places))}.")
        text.paragraph()
        if rng.random() < 0.25:
            self.new_membership(article_id, day, text, name, persons[0], organisations)
        if len(organisations) > 1 and rng.random() < 0.05:
            self.new_change(article_id, day, text, name, organisations[:2])
        speakers = persons + organisations[:1] + groups
        subjects = persons + organisations + events
        claims = [
            self.claim(article_id, index, k, day, text, name, rng.choice(speakers), author,
                       [s for s in subjects], places, topic)
            for k in range(rng.randint(2, 5))
        ]
        figures = [self.figure(article_id, k, text, name, places) for k in range(rng.random() < 0.4)]
        for entity in persons + organisations + places + groups:
            if entity.id not in seen:
                text.say(f"{name(entity)} was also named in reports on {topic}.")
        body = text.finish()
        for claim in claims:
            for subject in claim["about"]:  # type: ignore[union-attr]
                self.claims_about.setdefault(subject, []).append(claim["id"])  # type: ignore[arg-type]
        meta = {
            "id": article_id,
            "text": f"{article_id}.txt",
            "original_file": f"synthetic_{index:05d}.txt",
            "headline": headline,
            "authors": [author.id],
            "publisher": outlet.id,
            "published": day.isoformat(),
            "date_printed": printed,
            "language": "en",
            "genre": "news report",
            "description": f"Synthetic report on {topic}.",
        }
        return article_id, body, annotation(meta, claims, figures)
