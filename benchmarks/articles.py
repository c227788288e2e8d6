"""Synthetic articles: text written sentence by sentence, and annotations that quote it.

Each article names a few entities of the registry, states some of the events, memberships and
organisational changes of entities.yaml (their evidence quotes), and reports claims by persons,
organisations, groups or its own author; some claims contradict or support claims of earlier
articles about the same subject. A quote is recorded where the sentence holding it is written,
so it is in the text by construction; ``occurrence`` is added when the words occur twice.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import re
from dataclasses import dataclass, field

from registry import Entity, Registry, Zipf
from vocabulary import BACKGROUND, FILLERS, PEOPLE, QUOTES, SAYS, TOPICS

from kzkg.load.text import occurrences
from kzkg.load.vocab import concepts

STANCES = sorted(concepts("stance"))
ROLES = sorted(concepts("role"))
EVENT_TYPES = ["protest", "strike", "rally", "conference", "election", "meeting", "referendum"]
FIRST_DAY, SPAN_DAYS = dt.date(2005, 1, 1), 20 * 365
Record = dict[str, object]


class Text:
    """An article being written, sentence by sentence, knowing where each quote lands."""

    def __init__(self, *header: str) -> None:
        self.paragraphs, self.sentences = list(header), []
        self.length = sum(len(p) + 2 for p in header)
        self.quotes: list[tuple[Record, str, int]] = []

    def say(
        self, before: str, quote: str = "", after: str = "", record: Record | None = None
    ) -> None:
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


@dataclass(slots=True)
class Draft:
    """One article being written: whom it has named so far, its claims and figures."""

    registry: Registry
    id: str
    day: dt.date
    topic: str
    places: list[Entity]
    text: Text
    seen: dict[str, None] = field(default_factory=dict)
    claims: list[Record] = field(default_factory=list)
    figures: list[Record] = field(default_factory=list)

    def name(self, entity: Entity) -> str:
        spelling = self.registry.name(entity, later=entity.id in self.seen)
        self.seen[entity.id] = None
        return spelling


class Articles:
    """Writes article after article; keeps what later articles and entities.yaml need."""

    def __init__(self, articles: int, seed: int) -> None:
        self.rng, self.articles = random.Random(seed), articles
        self.registry = Registry(articles, self.rng)
        self.events: list[Entity] = []
        self.event_zipf = Zipf(articles)
        self.memberships: dict[str, Record] = {}
        self.changes: dict[str, Record] = {}
        self.claims_about: dict[str, list[str]] = {}  # subject id → earlier articles' claims
        self.counts: dict[str, dict[str, int]] = {"speaker": {}, "subject": {}, "pair": {}}

    def cast(self, pool: str, low: int, high: int) -> list[Entity]:
        """Distinct entities of ``pool`` for one article (fewer when the draws keep repeating)."""
        wanted, chosen = self.rng.randint(low, high), {}
        for _ in range(3 * wanted):
            entity = self.registry.pick(pool)
            chosen.setdefault(entity.id, entity)
            if len(chosen) == wanted:
                break
        return list(chosen.values())

    def article(self, index: int) -> tuple[str, str, dict]:
        """One article: its id, its text and the sections of its annotation file."""
        rng = self.rng
        day = FIRST_DAY + dt.timedelta(days=index * SPAN_DAYS // self.articles + rng.randrange(3))
        outlet, author = self.registry.pick("outlets"), self.registry.pick("authors")
        article_id = self.registry.new_id(f"{day:%Y-%m}-{outlet.id}-{index:05d}")
        persons, places = self.cast("persons", 1, 3), self.cast("places", 1, 2)
        organisations = self.cast("organisations", 1, 2)
        groups = self.cast("groups", 1, 1) if rng.random() < 0.2 else []
        events = []
        if self.events and rng.random() < 0.4:
            events.append(self.events[self.event_zipf.draw(rng, len(self.events))])
        topic = rng.choice(TOPICS)
        headline = f"{organisations[0].label} at odds over {topic}"
        printed = f"{day:%A, %B} {day.day}, {day.year}"
        draft = Draft(
            self.registry, article_id, day, topic, places, Text(printed, headline, author.label)
        )
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
        return article_id, body, {"article": meta, "claims": draft.claims, "figures": draft.figures}

    def new_event(self, draft: Draft, organiser: Entity, persons: list[Entity]) -> None:
        rng, kind, place = self.rng, self.rng.choice(EVENT_TYPES), self.rng.choice(draft.places)
        month = (draft.day - dt.timedelta(days=rng.randrange(400))).replace(day=1)
        base = label = f"{place.label} {kind} of {month:%B %Y}"
        for n in itertools.count(2):
            if label not in self.registry.spellings:
                break
            label = f"{base} ({n})"
        evidence: Record = {"article": draft.id}
        fields: Record = {"type": kind, "start": f"{month:%Y-%m}"}
        if rng.random() < 0.2:
            fields |= {"date_inferred": True, "date_note": "Month inferred from the report."}
        fields |= {"location": place, "organizers": [organiser.id]}
        if rng.random() < 0.5 and len(persons) > 1:  # a key is left out rather than empty
            fields["attendees"] = [p.id for p in persons[1:]]
        fields["evidence"] = [evidence]
        event = self.registry.use(self.registry.entity("events", label, [], **fields))
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
        evidence: Record = {"article": draft.id}
        draft.text.say("", quote, ", spoke to reporters.", record=evidence)
        key = f"{person.id}-{organisation.id}-{role}"
        known = self.memberships.get(key)
        if known is not None:
            if len(known["evidence"]) < 3:  # type: ignore[arg-type]
                known["evidence"].append(evidence)  # type: ignore[attr-defined]
        elif key not in self.registry.ids:
            self.registry.ids[key] = None
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
        if key in self.registry.ids:
            return
        self.registry.ids[key] = None
        verb = "was renamed" if kind == "renaming" else "merged into"
        evidence: Record = {"article": draft.id}
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
    ) -> Record:
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
        claim: Record = {
            "id": self.registry.new_id(f"{speaker.id}-{stance}-{draft.id[-5:]}"),
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
            claim[relation] = [{"claim": link, "reason": f"Synthetic {relation} link."}]
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

    def figure(self, draft: Draft) -> Record:
        rng, place = self.rng, self.rng.choice(draft.places)
        value, people = rng.choice([50, 200, 1500, 12000]) * rng.randint(1, 9), rng.choice(PEOPLE)
        figure: Record = {
            "id": self.registry.new_id(f"{draft.id}-figure"),
            "value": value,
            "unit": "person",
            "counts": f"{people} protesting in {place.label}",
            "approximate": True,
            "about": [place.id],
        }
        quote = f"{rng.choice(['Nearly', 'About', 'More than', 'Some'])} {value:,} {people}"
        draft.text.say("", quote, f" protested in {draft.name(place)}.", record=figure)
        return figure

    def params(self) -> dict[str, dict[str, str]]:
        """Canned-query parameters naming the most cited entities: the queries' worst cases."""

        def top(counts: dict[str, int]) -> str:
            return max(sorted(counts), key=counts.__getitem__)

        paths = {"persons": "person", "organisations": "org", "groups": "group"}
        paths |= {"places": "place", "events": "event"}

        def iri(entity_id: str) -> str:
            return f"{paths[self.registry.entities[entity_id].section]}/{entity_id}"

        params = {
            "entities": {"name": "Kazakhstan"},
            "persons-in-several-articles": {"min": "2"},
            "claims-between": {"from": "2010", "to": "2014"},
        }
        if self.counts["subject"]:
            params["claims-about"] = {
                "name": self.registry.entities[top(self.counts["subject"])].label
            }
        if self.counts["pair"]:
            speaker, subject = top(self.counts["pair"]).split()
            name = self.registry.entities[speaker].label
            params["claims-by-person"] = params["mentions"] = {"name": name}
            params["speaker-subject-over-time"] = {"speaker": iri(speaker), "subject": iri(subject)}
        changed = [str(c["original"][0]) for c in self.changes.values()]  # type: ignore[index]
        if changed:
            params["organisation-history"] = {
                "org": iri(top({o: changed.count(o) for o in changed}))
            }
        return dict(sorted(params.items()))
