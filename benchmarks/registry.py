"""The synthetic registry: entities drawn from Zipf-weighted pools, each spelling owned once.

A few entities (the president, the capital, the ruling party) are named in most articles and a
long tail once, as in real news: pool rank r is drawn with probability ∝ 1/(r+1). Entities are
made on first use, so only those some article names reach entities.yaml, and only the aliases
some article writes (the build refuses an alias no article contains).
"""

from __future__ import annotations

import bisect
import itertools
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from vocabulary import (
    ADJECTIVES,
    GIVEN_FEMALE,
    GIVEN_MALE,
    GROUP_WORDS,
    JOBS,
    KAZAKH_NAMES,
    NOUNS,
    OUTLET_WORDS,
    PLACES,
    SURNAME_MIDDLES,
    SURNAME_ROOTS,
)

ORG_WORDS = {
    "party": "Party",
    "movement": "Movement",
    "trade-union": "Workers' Union",
    "ngo": "Foundation",
    "research-institute": "Institute",
    "company": "Holding",
}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


@dataclass(slots=True)
class Entity:
    """A registry entry; ``used`` collects the aliases some article writes, the only ones kept."""

    section: str
    id: str
    label: str
    aliases: list[str]
    fields: dict[str, object] = field(default_factory=dict)
    used: dict[str, None] = field(default_factory=dict)
    pronoun: str = "they"  # how a second quote in the same article is attributed


class Zipf:
    """Ranks 0…size-1 with P(rank) ∝ 1/(rank+1); ``limit`` draws among the first ranks only."""

    def __init__(self, size: int) -> None:
        self.cumulative = list(itertools.accumulate(1 / (rank + 1) for rank in range(size)))

    def draw(self, rng: random.Random, limit: int = 0) -> int:
        top = self.cumulative[(limit or len(self.cumulative)) - 1]
        return bisect.bisect_left(self.cumulative, rng.random() * top)


class Registry:
    """Entity pools sized to the corpus, the ids and spellings taken so far."""

    def __init__(self, articles: int, rng: random.Random) -> None:
        self.rng = rng
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
        self.zipf = {k: Zipf(n) for k, n in sizes.items()}
        self.entities: dict[str, Entity] = {}  # every entity some article names, by first use
        for place_id in ("central-asia", "kazakhstan"):  # others are contained in these
            rank = next(i for i, place in enumerate(PLACES) if place[0] == place_id)
            self.pools["places"][rank] = self.place(rank)

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
        self.entities.setdefault(entity.id, entity)
        for key in ("location", "contained_in"):
            if isinstance(entity.fields.get(key), Entity):
                self.use(entity.fields[key])  # type: ignore[arg-type]
        return entity

    def create(self, pool: str, rank: int) -> Entity:
        rng = self.rng
        if pool == "places":
            return self.place(rank)
        if pool == "groups":
            label = self.unique(lambda: f"{rng.choice(GROUP_WORDS)} in {self.pick('places').label}")
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
            person = self.entity("persons", label, aliases, job=job)
            person.pronoun = "she" if female else "he"
            return person
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
        organisation = self.entity(
            "organisations", label, [acronym] if len(acronym) > 2 else [], **fields
        )
        organisation.pronoun = "the statement"
        return organisation

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
