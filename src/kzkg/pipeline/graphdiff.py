"""`kzkg diff REV`: what a change did to the graph, in labels a reviewer can read.

A diff of `dist/kzkg.ttl` is exact but long and full of IRIs and offsets. This compares the
graph at a git revision with the one the working tree builds now and prints entities and claims
added or removed by label, and every other changed fact as `subject — property — object` with
labels, leaving out the anchoring plumbing (selectors, offsets) that moves whenever text does.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kzkg.rdf import KZ, KZO, RDF, RDFS, SCHEMA, SERIALIZATION_PREFIXES, Compactor
from kzkg.runtime import InputError, KzkgError

ENTITY_TYPES = {
    **{f"{KZO}{n}": n.lower() for n in ("Person", "Organisation", "Group", "Place", "Event")},
    f"{KZO}SourceArticle": "article",
}
CLAIM = f"{KZO}Claim"
# Nodes that only anchor words to offsets: their changes follow from the facts they anchor.
PLUMBING = ("/anchor", "/mention/", "/evidence/", "/relay/")
# The stance and role concepts are copied from the ontology whenever data uses them.
VOCABULARY = (f"{KZ}stance", f"{KZ}role")
QUIET = {f"{SCHEMA}articleBody", f"{KZO}sha256", f"{KZO}anchor", f"{KZO}relayStep"}


@dataclass(slots=True)
class GraphDiff:
    """Added and removed entities, claims and other facts, each already rendered as text."""

    entities: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    claims: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))
    facts: tuple[list[str], list[str]] = field(default_factory=lambda: ([], []))

    @property
    def empty(self) -> bool:
        return not any(side for part in (self.entities, self.claims, self.facts) for side in part)

    def lines(self) -> list[str]:
        out = []
        for title, (added, removed) in (
            ("entities", self.entities),
            ("claims", self.claims),
            ("facts", self.facts),
        ):
            for sign, items in (("+", added), ("-", removed)):
                if items:
                    verb = "added" if sign == "+" else "removed"
                    out.append(f"{title} {verb} ({len(items)}):")
                    out += [f"  {sign} {item}" for item in items]
        return out or ["no change in the graph"]

    def to_dict(self) -> dict[str, object]:
        return {
            name: {"added": part[0], "removed": part[1]}
            for name, part in (
                ("entities", self.entities),
                ("claims", self.claims),
                ("facts", self.facts),
            )
        }


def git(repo: Path, *args: str) -> bytes:
    done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=120)
    if done.returncode != 0:
        raise KzkgError(f"git {' '.join(args)}: {done.stderr.decode(errors='replace').strip()}")
    return done.stdout


def graph_at(rev: str, seeds: Path) -> set[ox.Triple]:
    """The graph the seeds at ``rev`` build, with today's code (git show into a temp folder)."""
    from kzkg.pipeline.steps import build

    seeds = seeds.resolve()
    top = Path(git(seeds, "rev-parse", "--show-toplevel").decode().strip())
    folder = seeds.relative_to(top).as_posix()
    git(top, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}")
    names = git(top, "ls-tree", "-r", "--name-only", rev, "--", folder).decode().splitlines()
    if not names:
        raise KzkgError(f"{rev}: no {folder}/ in that revision; nothing to compare")
    with tempfile.TemporaryDirectory(prefix="kzkg-diff-") as temporary:
        for name in names:
            target = Path(temporary) / Path(name).relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(git(top, "show", f"{rev}:{name}"))
        try:
            return set(build(Path(temporary), None, validate=False).ordered.triples())
        except InputError as exc:
            raise KzkgError(
                f"the seeds at {rev} do not build with today's code ({len(exc.problems)} "
                f"problems, first: {exc.problems[0].what}); compare with a later revision"
            ) from None


def graph_now(seeds: Path) -> set[ox.Triple]:
    from kzkg.pipeline.steps import build

    return set(build(seeds, None, validate=False).ordered.triples())


def compare(before: set[ox.Triple], after: set[ox.Triple]) -> GraphDiff:
    """What changed from ``before`` to ``after``, by label."""
    labels = _labels(before) | _labels(after)  # the newer label wins on a renaming
    kinds_before, kinds_after = _kinds(before), _kinds(after)
    result = GraphDiff()
    summarised: set[str] = set()
    for index, (old, new) in enumerate(((kinds_before, kinds_after), (kinds_after, kinds_before))):
        for iri in sorted(set(new) - set(old), key=lambda i: labels.get(i, i)):
            summarised.add(iri)
            kind = new[iri]
            text = (
                _claim(iri, after if index == 0 else before, labels)
                if kind == "claim"
                else (f"{kind} {labels.get(iri, _compact(iri))}")
            )
            (result.claims if kind == "claim" else result.entities)[index].append(text)
    for index, changed in enumerate((after - before, before - after)):
        facts = {_fact(t, labels) for t in changed if _is_fact(t, summarised)}
        result.facts[index].extend(sorted(facts))
    return result


def _labels(graph: Iterable[ox.Triple]) -> dict[str, str]:
    """rdfs:label of each node; an article is named by its headline, a claim (which has
    no label) by its paraphrase."""
    labels, claims = {}, set()
    for t in graph:
        if t.predicate.value == f"{RDF}type" and t.object.value == CLAIM:
            claims.add(t.subject.value)
        elif t.predicate.value == f"{RDFS}label" and isinstance(t.object, ox.Literal):
            labels[t.subject.value] = t.object.value
        elif t.predicate.value == f"{SCHEMA}headline":
            labels.setdefault(t.subject.value, f"“{t.object.value}”")
    for t in graph:
        if t.subject.value in claims and t.predicate.value == f"{SCHEMA}description":
            short = t.object.value if len(t.object.value) <= 60 else t.object.value[:59] + "…"
            labels[t.subject.value] = f"claim “{short}”"
    return labels


def _kinds(graph: Iterable[ox.Triple]) -> dict[str, str]:
    kinds = {}
    for t in graph:
        if t.predicate.value == f"{RDF}type":
            if t.object.value in ENTITY_TYPES:
                kinds[t.subject.value] = ENTITY_TYPES[t.object.value]
            elif t.object.value == CLAIM:
                kinds[t.subject.value] = "claim"
    return kinds


def _claim(iri: str, graph: set[ox.Triple], labels: dict[str, str]) -> str:
    about = {t.predicate.value: t.object for t in graph if t.subject.value == iri}
    speaker = about.get(f"{SCHEMA}author")
    stance = about.get(f"{KZO}stance")
    paraphrase = about.get(f"{SCHEMA}description")
    who = labels.get(speaker.value, _compact(speaker.value)) if speaker else "?"
    how = stance.value.rsplit("/", 1)[-1] if stance else "?"
    return f"{who} {how}: {paraphrase.value if paraphrase else _compact(iri)}"


def _is_fact(t: ox.Triple, summarised: set[str]) -> bool:
    subject = t.subject.value
    if subject in summarised or any(p in subject for p in PLUMBING):
        return False
    if subject.startswith(VOCABULARY):
        return False
    return t.predicate.value not in QUIET and not (
        isinstance(t.object, ox.NamedNode) and any(p in t.object.value for p in PLUMBING)
    )


def _fact(t: ox.Triple, labels: dict[str, str]) -> str:
    def show(term: object) -> str:
        if isinstance(term, ox.Literal):
            text = term.value if len(term.value) <= 80 else term.value[:77] + "…"
            return f'"{text}"'
        value = term.value  # type: ignore[attr-defined]
        return labels.get(value, _compact(value))

    return f"{show(t.subject)} — {_compact(t.predicate.value)} — {show(t.object)}"


def _compact(iri: str) -> str:
    """``person:x`` for records, ``schema:name`` for terms, ``graph/registry`` for other kz: IRIs."""
    short = _TYPED(iri)
    return iri.removeprefix(KZ) if short == iri else short


_TYPED = Compactor({n: ns for n, ns in SERIALIZATION_PREFIXES.items() if ns != KZ})


def diff(rev: str, seeds: Path) -> GraphDiff:
    """The change from the graph of ``seeds`` at git revision ``rev`` to the working tree's."""
    return compare(graph_at(rev, seeds), graph_now(seeds))
