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
    BACKGROUND,
    FILLERS,
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
    pronoun: str = "they"  # how a second quote in the same article is attributed


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
            record["quote"] = quote
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
        for place_id in ("central-asia", "kazakhstan"):  # others are contained in these
            rank = next(i for i, place in enumerate(PLACES) if place[0] == place_id)
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

    # --- articles -----------------------------------------------------------------------------

    def cast(self, pool: str, low: int, high: int) -> list[Entity]:
        """Distinct entities of ``pool`` for one article (fewer when the draws keep repeating)."""
        wanted, chosen = self.rng.randint(low, high), {}
        for _ in range(3 * wanted):
            entity = self.pick(pool)
            chosen.setdefault(entity.id, entity)
            if len(chosen) == wanted:
                break
        return list(chosen.values())

    def article(self, index: int) -> tuple[str, str, str]:
        """One article: its id, its text and its annotation file."""
        rng = self.rng
        day = FIRST_DAY + dt.timedelta(days=index * SPAN_DAYS // self.articles + rng.randrange(3))
        outlet, author = self.pick("outlets"), self.pick("authors")
        article_id = self.new_id(f"{day:%Y-%m}-{outlet.id}-{index:05d}")
        persons, places = self.cast("persons", 1, 3), self.cast("places", 1, 2)
        organisations = self.cast("organisations", 1, 2)
        groups = self.cast("groups", 1, 1) if rng.random() < 0.2 else []
        events = []
        if self.events and rng.random() < 0.4:
            events.append(self.events[self.zipf["events"].draw(rng, len(self.events))])
        topic = rng.choice(TOPICS)
        headline = f"{organisations[0].label} at odds over {topic}"
        printed = f"{day:%A, %B} {day.day}, {day.year}"
        draft = Draft(self, article_id, day, topic, places, Text(printed, headline, author.label))
        if rng.random() < 0.15:
            self.new_event(draft, organisations[0], persons)
        for event in events:
            draft.text.say(
                f"The {draft.name(event)} is still remembered in {draft.name(places[0])}."
            )
        self.background(draft, rng.randint(1, 3))
        draft.text.paragraph()
        if rng.random() < 0.2:
            self.new_membership(draft, persons[0], organisations[0])
        if len(organisations) > 1 and rng.random() < 0.05:
            self.new_change(draft, *organisations[:2])
        speakers = [*persons, *organisations[:1], *groups, author]
        subjects = [*persons, *organisations, *events]
        for speaker in rng.sample(speakers, min(len(speakers), rng.randint(1, 2))):
            for again in range(rng.randint(1, 3)):
                subject = rng.choice([s for s in subjects if s is not speaker])
                draft.claims.append(self.claim(draft, speaker, subject, author, again > 0))
            self.background(draft, rng.randint(1, 4))
            draft.text.paragraph()
        if rng.random() < 0.4:
            draft.figures.append(self.figure(draft))
        silent = [e for e in [*persons, *organisations] if e.id not in draft.seen]
        if silent:
            filler, entity = rng.choice(FILLERS), rng.choice(silent)
            draft.text.say(filler.format(e=draft.name(entity), x=topic))
        body = draft.text.finish()
        for claim in draft.claims:  # later articles may contradict or support these
            for subject in claim["about"]:  # type: ignore[attr-defined]
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
        sections = {"claims": draft.claims, "figures": draft.figures}
        return article_id, body, "article:\n" + mapping(meta, "  ") + listing(sections)

    def new_event(self, draft: Draft, organiser: Entity, persons: list[Entity]) -> None:
        rng, kind, place = self.rng, self.rng.choice(EVENT_TYPES), self.rng.choice(draft.places)
        month = (draft.day - dt.timedelta(days=rng.randrange(400))).replace(day=1)
        base = label = f"{place.label} {kind} of {month:%B %Y}"
        for n in itertools.count(2):
            if label not in self.spellings:
                break
            label = f"{base} ({n})"
        evidence: dict[str, object] = {"article": draft.id}
        fields: dict[str, object] = {"type": kind, "start": f"{month:%Y-%m}"}
        if rng.random() < 0.2:
            fields |= {"date_inferred": True, "date_note": "Month inferred from the report."}
        fields |= {"location": place, "organizers": [organiser.id]}
        if rng.random() < 0.5:
            fields["attendees"] = [p.id for p in persons[1:]]
        fields["evidence"] = [evidence]
        event = self.use(self.entity("events", label, [], **fields))
        self.events.append(event)
        draft.seen[event.id] = None
        draft.text.say(
            "The ", f"{label} was organised by {draft.name(organiser)}", ".", record=evidence
        )

    def new_membership(self, draft: Draft, person: Entity, organisation: Entity) -> None:
        role = self.rng.choice(ROLES)
        article = "the" if role in ("leader", "chair", "editor", "deputy-leader") else "a"
        article = "an" if role == "employee" else article
        quote = f"{draft.name(person)}, {article} {role.replace('-', ' ')} of the {draft.name(organisation)}"
        evidence: dict[str, object] = {"article": draft.id}
        draft.text.say("", quote, ", spoke to reporters.", record=evidence)
        key = f"{person.id}-{organisation.id}-{role}"
        known = self.memberships.get(key)
        if known is not None:
            if len(known["evidence"]) < 3:  # type: ignore[arg-type]
                known["evidence"].append(evidence)  # type: ignore[attr-defined]
        elif key not in self.ids:
            self.ids[key] = None
            record = {"id": key, "member": person.id, "organization": organisation.id, "role": role}
            if self.rng.random() < 0.3:
                record["start"] = str(self.rng.randint(1995, draft.day.year))
            self.memberships[key] = record | {"evidence": [evidence]}

    def new_change(self, draft: Draft, first: Entity, second: Entity) -> None:
        # Always from the smaller id to the larger: renamings can then never form a cycle.
        original, resulting = sorted([first, second], key=lambda e: e.id)
        kind = self.rng.choice(["renaming", "merger"])
        year = self.rng.randint(1995, draft.day.year)
        key = f"{original.id}-{kind}-{year}"
        if key in self.ids:
            return
        self.ids[key] = None
        verb = "was renamed" if kind == "renaming" else "merged into"
        evidence: dict[str, object] = {"article": draft.id}
        quote = f"the {draft.name(original)} {verb} the {draft.name(resulting)}"
        draft.text.say(f"In {year}, ", quote, ".", record=evidence)
        self.changes[key] = {
            "id": key,
            "type": kind,
            "original": [original.id],
            "resulting": [resulting.id],
            "date": str(year),
            "description": f"Synthetic {kind}.",
            "evidence": [evidence],
        }

    def claim(
        self, draft: Draft, speaker: Entity, subject: Entity, author: Entity, again: bool
    ) -> dict[str, object]:
        """A claim and the sentence that states it; some contradict or support earlier ones."""
        rng = self.rng
        earlier = self.claims_about.get(subject.id, [])[-20:]
        link = rng.choice(earlier) if earlier and rng.random() < 0.3 else None
        relation = "contradicts" if rng.random() < 0.7 else "supports"
        stance = rng.choice(STANCES)
        if link and relation == "contradicts" and rng.random() < 0.5:
            stance = "denies"
        template, place = rng.choice(QUOTES[stance]), rng.choice(draft.places)
        fill = {
            "s": lambda: draft.name(subject),
            "p": lambda: draft.name(place),
            "x": lambda: draft.topic,
            "w": lambda: rng.choice(PEOPLE),
            "y": lambda: str(rng.randint(1991, draft.day.year)),
        }
        quote = re.sub(r"\{(\w)\}", lambda m: fill[m[1]](), template)
        about = [subject.id] + ([place.id] if "{p}" in template and place is not subject else [])
        claim: dict[str, object] = {
            "id": self.new_id(f"{speaker.id}-{stance}-{draft.id[-5:]}"),
            "speaker": speaker.id,
        }
        if speaker is not author:
            claim["relayed_by"] = [author.id]
        claim |= {"about": about, "stance": stance}
        self.attribute(draft, speaker, quote, claim, author, again)
        claim["paraphrase"] = f"{speaker.label} {SAYS[stance]}: {quote}."
        date = rng.choice([None, draft.day.isoformat(), f"{draft.day:%Y-%m}", str(draft.day.year)])
        if date:
            claim["date"] = date
        if link:
            claim[relation] = [link]
        for what, key in (("speaker", speaker.id), ("subject", subject.id)):
            self.counts[what][key] = self.counts[what].get(key, 0) + 1
        if speaker.section == "persons":
            pair = f"{speaker.id} {subject.id}"
            self.counts["pair"][pair] = self.counts["pair"].get(pair, 0) + 1
        return claim

    def attribute(
        self, draft: Draft, speaker: Entity, quote: str, claim: dict, author: Entity, again: bool
    ) -> None:
        """The sentence that gives ``quote`` to ``speaker``, in one of the ways news does."""
        say, capital = draft.text.say, quote[0].upper() + quote[1:]
        if speaker is author:
            say("", capital, ".", record=claim)
        elif again:
            say(f"{speaker.pronoun.capitalize()} added that ", quote, ".", record=claim)
        elif speaker.section == "groups":
            say(f"Reports suggest that {draft.name(speaker)} believe that ", quote, ".", claim)
        elif speaker.section == "organisations":
            say(f"In a statement, the {draft.name(speaker)} said that ", quote, ".", claim)
        elif self.rng.random() < 0.5:
            say("“", capital, f",” {draft.name(speaker)} said.", record=claim)
        else:
            say(f"According to {draft.name(speaker)}, ", quote, ".", record=claim)

    def background(self, draft: Draft, sentences: int) -> None:
        for template in self.rng.sample(BACKGROUND, sentences):
            people, year = self.rng.choice(PEOPLE), self.rng.randint(1991, draft.day.year)
            draft.text.say(template.format(x=draft.topic, w=people, y=year))

    def figure(self, draft: Draft) -> dict[str, object]:
        rng, place = self.rng, self.rng.choice(draft.places)
        value, people = rng.choice([50, 200, 1500, 12000]) * rng.randint(1, 9), rng.choice(PEOPLE)
        figure: dict[str, object] = {
            "id": self.new_id(f"{draft.id}-figure"),
            "value": value,
            "unit": "person",
            "counts": f"{people} protesting in {place.label}",
            "approximate": True,
            "about": [place.id],
        }
        quote = f"{rng.choice(['Nearly', 'About', 'More than', 'Some'])} {value:,} {people}"
        draft.text.say("", quote, f" protested in {draft.name(place)}.", record=figure)
        return figure

    # --- output -------------------------------------------------------------------------------

    def registry_yaml(self) -> str:
        sections: dict[str, list[dict[str, object]]] = {
            name: [] for name in ("persons", "organisations", "groups", "places", "events")
        }
        for entity in self.registry.values():
            record: dict[str, object] = {"id": entity.id, "label": entity.label}
            aliases = [alias for alias in entity.aliases if alias in entity.used]
            if aliases:  # an alias no article writes is refused by the build
                record["aliases"] = aliases
            record |= {k: v for k, v in entity.fields.items() if k != "job"}
            if "job" in entity.fields:
                record["job_titles"] = [entity.fields["job"]]
            sections[entity.section].append(record)
        sections["memberships"] = list(self.memberships.values())
        sections["changes"] = list(self.changes.values())
        return "# Synthetic registry written by benchmarks/generate.py.\n" + listing(sections)

    def params(self) -> dict[str, dict[str, str]]:
        """Canned-query parameters naming the most cited entities: the queries' worst cases."""

        def top(counts: dict[str, int]) -> str:
            return max(sorted(counts), key=counts.__getitem__)

        paths = {"persons": "person", "organisations": "org", "groups": "group"}
        paths |= {"places": "place", "events": "event"}

        def iri(entity_id: str) -> str:
            return f"{paths[self.registry[entity_id].section]}/{entity_id}"

        params = {
            "entities": {"name": "Kazakhstan"},
            "persons-in-several-articles": {"min": "2"},
            "claims-between": {"from": "2010", "to": "2014"},
        }
        if self.counts["subject"]:
            params["claims-about"] = {"name": self.registry[top(self.counts["subject"])].label}
        if self.counts["pair"]:
            speaker, subject = top(self.counts["pair"]).split()
            name = self.registry[speaker].label
            params["claims-by-person"] = params["mentions"] = {"name": name}
            params["speaker-subject-over-time"] = {"speaker": iri(speaker), "subject": iri(subject)}
        changed = [str(c["original"][0]) for c in self.changes.values()]  # type: ignore[index]
        if changed:
            params["organisation-history"] = {
                "org": iri(top({o: changed.count(o) for o in changed}))
            }
        return dict(sorted(params.items()))


@dataclass(slots=True)
class Draft:
    """One article being written: whom it has named so far, its claims and figures."""

    generator: Generator
    id: str
    day: dt.date
    topic: str
    places: list[Entity]
    text: Text
    seen: dict[str, None] = field(default_factory=dict)
    claims: list[dict[str, object]] = field(default_factory=list)
    figures: list[dict[str, object]] = field(default_factory=list)

    def name(self, entity: Entity) -> str:
        spelling = self.generator.name(entity, later=entity.id in self.seen)
        self.seen[entity.id] = None
        return spelling


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
    return text if PLAIN.fullmatch(text) and text not in YAML_WORDS else q(text)


def mapping(record: dict[str, object], indent: str) -> str:
    return "".join(f"{indent}{key}: {scalar(value)}\n" for key, value in record.items())


def listing(sections: dict[str, list[dict[str, object]]]) -> str:
    """Sections of records as ``name:`` and ``- key: value`` blocks; empty sections left out."""
    out = []
    for name, records in sections.items():
        if records:
            out.append(f"\n{name}:\n")
            out.extend("  - " + mapping(record, "    ")[4:] for record in records)
    return "".join(out)


def generate(out: Path, articles: int, seed: int) -> None:
    """Write the corpus to ``out``; refuse a folder with other files than a generated corpus."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise SystemExit(f"{out} is not empty and was not written by generate.py; refusing")
        for path in [*out.glob("*.txt"), *out.glob("*.yaml"), out / MARKER]:
            path.unlink()
    out.mkdir(parents=True, exist_ok=True)
    generator = Generator(articles, seed)
    console = Console(stderr=True)
    for index in track(
        range(articles), "writing articles", console=console, disable=not console.is_terminal
    ):
        article_id, text, annotation = generator.article(index)
        (out / f"{article_id}.txt").write_text(text, encoding="utf-8")
        (out / f"{article_id}.yaml").write_text(annotation, encoding="utf-8")
    (out / "entities.yaml").write_text(generator.registry_yaml(), encoding="utf-8")
    (out / MARKER).write_text(json.dumps(generator.params(), indent=2) + "\n", encoding="utf-8")


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
