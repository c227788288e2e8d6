"""``kzkg validate`` after a small change: only the touched articles are read again.

The first validation of a seeds folder is a full one, and it leaves a cache (a SQLite file under
``$XDG_CACHE_HOME/kzkg``): the graph per named graph and its verdicts (:mod:`kzkg.unit_store`),
and what the checks need to know of the seeds (:mod:`kzkg.seed_index`). The next validation
finds the files that changed since; if only article files did, it reads, checks and converts
those articles alone against the cached registry, and re-validates the part of the graph they
can reach (:mod:`kzkg.units`). Anything it cannot judge in part (the registry changed, kzkg or
its shapes changed, an id that other files use disappeared, many articles changed) makes it
validate in full, and say why. Input problems are reported exactly as a full run reports them.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.convert import convert_graphs
from kzkg.emit import article_graph
from kzkg.forking import CPUS
from kzkg.load import Seeds, read_article_file, vocabularies
from kzkg.pipeline import Build, build, origins
from kzkg.progress import SILENT, Steps
from kzkg.records import RecordReader
from kzkg.registry_files import REGISTRY_DIR, REGISTRY_FILE
from kzkg.resolve import Corpus, references, resolve
from kzkg.seed_index import FileState, SeedIndex, snapshot
from kzkg.serialize import Ordered
from kzkg.text import occurs_as_word
from kzkg.unit_store import UnitStore
from kzkg.units import NeedsFull, revalidate, store_graphs
from kzkg.validate import SHAPES, Report, report_of, validate_lines
from kzkg.vocab import ONTOLOGY

FORMAT = "1"
MAX_PARTIAL = 50  # more changed articles than this are validated in full, which is then faster


@dataclass(frozen=True, slots=True)
class Outcome:
    """A validation's report and how it was reached."""

    report: Report
    how: str  # "full", "partial" or "unchanged"
    articles: int  # articles read and checked
    triples: int  # triples validated
    reason: str = ""  # why a cached validation could not be reused in part
    nodes: int = 0  # nodes judged again, when in part

    def summary(self) -> str:
        """What the validation covered, and why in full if it was, in a few words."""
        if self.how == "unchanged":
            return "no file changed since the cached validation"
        if self.how == "partial":
            articles = f"{self.articles} changed article{'s' if self.articles != 1 else ''}"
            return f"{articles} re-validated: {self.nodes:,} nodes over {self.triples:,} triples"
        because = f" ({self.reason})" if self.reason else ""
        return f"{self.triples:,} triples, {self.articles} articles, validated in full{because}"


def default_cache(seeds: Path) -> Path:
    """The cache file of a seeds folder: one per folder, outside the repository."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    key = hashlib.sha256(str(seeds.resolve()).encode("utf-8")).hexdigest()[:16]
    return base / "kzkg" / f"validate-{key}.sqlite"


def fingerprint() -> str:
    """What the cached verdicts depend on besides the seeds: kzkg's code, shapes, ontology."""
    digest = hashlib.sha256(f"{FORMAT} {ox.__version__}".encode())
    for path in [*sorted(Path(__file__).parent.glob("*.py")), SHAPES, ONTOLOGY]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def validate_seeds(
    seeds: Path,
    cache: Path | None,
    *,
    full: bool = False,
    engine: str = "fast",
    progress: Steps = SILENT,
    jobs: int = CPUS,
) -> Outcome:
    """Validate ``seeds`` in part when the cache allows it, in full otherwise; with a cache,
    leave it up to date. Raises :class:`~kzkg.errors.InputError` for input problems. Only the
    fast engine validates in part; ``engine="pyshacl"`` (the reference) reads no cache. A full
    validation of a large graph runs in two processes unless ``jobs`` is 1."""
    if engine != "fast":
        return _full(seeds, None, progress, f"the {engine} engine", engine)
    store, reason = _open(cache)
    try:
        if store is not None and not full:
            try:
                return _partial(seeds, store, progress)
            except NeedsFull as why:
                reason = str(why)
        return _full(seeds, store, progress, "asked for" if full else reason, jobs=jobs)
    finally:
        if store is not None:
            store.close()


def _open(cache: Path | None) -> tuple[UnitStore | None, str]:
    """The cache, or None and why: a cache that cannot be used (another validation holds it,
    the file is damaged) means a full validation without one, never a failed command."""
    if cache is None:
        return None, "no cache"
    try:
        store = UnitStore(cache)
        store.meta("seeds")  # reads the file: a damaged one fails here
    except (sqlite3.Error, OSError) as exc:
        return None, f"the cache {cache} cannot be used: {exc}"
    return store, "no earlier validation is cached"


def _full(
    seeds: Path,
    store: UnitStore | None,
    progress: Steps,
    reason: str,
    engine: str = "fast",
    jobs: int = CPUS,
) -> Outcome:
    files = snapshot(seeds) if store is not None else {}  # as read, not as after validating
    result = build(seeds, None, validate=False, progress=progress)
    articles, triples, where = (
        len(result.corpus.articles),
        result.triple_count,
        origins(result.corpus),
    )
    with store.transaction() if store is not None else nullcontext():
        if store is not None:
            progress("cache")
            _remember(store, seeds, result, files)
        lines = result.ordered.triple_lines
        del result  # the records: gigabytes of a large corpus
        progress("validate")
        report = validate_lines(lines, where, engine=engine, progress=progress, jobs=jobs)
        if store is not None:
            store.replace_violations(set(), report.violations)
    return Outcome(report, "full", articles, triples, reason)


def _remember(
    store: UnitStore, seeds: Path, result: Build, files: dict[str, FileState | None]
) -> None:
    """Cache what a full validation read and built (inside the store's transaction)."""
    store_graphs(store, result.ordered.graph_lines)
    SeedIndex(store).save_full(result.corpus, files)
    store.set_meta("fingerprint", fingerprint())
    store.set_meta("seeds", str(seeds.resolve()))


def _partial(seeds: Path, store: UnitStore, progress: Steps) -> Outcome:
    if store.meta("seeds") is None:
        raise NeedsFull("no earlier validation is cached")
    if store.meta("seeds") != str(seeds.resolve()) or store.meta("fingerprint") != fingerprint():
        raise NeedsFull("kzkg, its shapes or its ontology changed since the cached validation")
    index = SeedIndex(store)
    progress("find changes")
    changed, files = index.changed(seeds)
    if not changed:
        with store.transaction():
            index.save_files(files)  # touched but not edited: no need to hash them again
        return Outcome(report_of(store.violations()), "unchanged", 0, 0)
    stems = _articles_of(changed, index)
    progress(f"read {len(stems)} changed article{'s' if len(stems) != 1 else ''}")
    seeds_read, leaving = _read(seeds, stems, index)
    corpus = resolve(seeds_read)
    witnesses = _check_spellings(corpus, stems, index) if seeds_read.complete else []
    progress("convert")
    graphs = convert_graphs(corpus, seeds_read.broken, articles_only=True)
    ordered = Ordered.from_graphs({g: graphs.get(g, []) for g in map(article_graph, stems)})
    progress("validate")
    with store.transaction():
        outcome = revalidate(store, ordered.graph_lines, index.origins(origins(corpus)))
        index.drop_files(leaving)
        index.put_records([r for r in corpus.records.values() if _in(r, leaving)], corpus)
        index.put_spellings(corpus, stems, witnesses)
        index.save_texts(corpus, stems)
        index.save_files(files)
    report = report_of(outcome.violations)
    return Outcome(report, "partial", len(stems), outcome.context, nodes=outcome.checked)


def _articles_of(changed: set[str], index: SeedIndex) -> set[str]:
    """The ids of the articles whose files changed; :class:`NeedsFull` if other files did."""
    registry = sorted(n for n in changed if n == REGISTRY_FILE or n.startswith(f"{REGISTRY_DIR}/"))
    if registry:
        raise NeedsFull(f"{registry[0]} changed")
    texts = index.texts()
    stems = set()
    for name in sorted(changed):
        if name.endswith(".yaml"):
            stems.add(name.removesuffix(".yaml"))
        elif name in texts:
            stems.add(texts[name])
        elif name.endswith(".yml"):
            raise NeedsFull(f"{name} was added")
    if len(stems) > MAX_PARTIAL:
        raise NeedsFull(f"{len(stems)} articles changed")
    return stems


def _read(directory: Path, stems: set[str], index: SeedIndex) -> tuple[Seeds, set[str]]:
    """The registry (cached) and the changed articles (read now), with every other record's
    kind known for reference checks; and the names of the files read."""
    seeds = Seeds(directory)
    seeds.records = index.registry()
    read_from = len(seeds.records)
    reader = RecordReader(vocabularies(ONTOLOGY))
    for stem in sorted(stems):
        path = directory / f"{stem}.yaml"
        if path.exists():
            read_article_file(reader, path, seeds)
    seeds.problems.extend(reader.problems)
    seeds.broken.update(reader.broken)
    seeds.texts_complete = False  # aliases are checked by _check_spellings, against the index
    leaving = {f"{stem}.yaml" for stem in stems}
    read = seeds.records[read_from:]
    new = {r.id: type(r).__name__ for r in read}
    old = index.ids_in(leaving)
    clash = index.kinds(new, leaving)
    if clash:
        raise NeedsFull(f"the id {min(clash)!r} is defined in another file too")
    gone = {i for i, kind in old.items() if new.get(i) != kind}
    # With a file unread, no reference is reported unknown (a full run does the same).
    if seeds.complete and index.referring(gone, leaving):
        raise NeedsFull("an id other articles refer to was removed or changed kind")
    wanted = index.registry_references() | {ref for r in read for _, _, ref, _ in references(r)}
    known = index.kinds(wanted, leaving)
    if wanted - known.keys() - {r.id for r in seeds.records}:
        known = index.all_kinds(leaving)  # an unknown reference: suggest among every id
    for record_id, kind in known.items():
        seeds.broken.setdefault(record_id, kind)
    return seeds, leaving


def _check_spellings(corpus: Corpus, stems: set[str], index: SeedIndex) -> list[tuple[str, str]]:
    """Every alias still occurs in some article: those only the changed articles held must
    still be there, as a mention or a whole word. Returns the (alias, article) word finds."""
    aliases = {a for e in corpus.entities for a in e.aliases}
    held = index.spellings_of(stems) & aliases
    at_risk = held - index.spelled_elsewhere(held, stems)
    mentioned = {f.exact for _, f in corpus.mentions if f.article in stems}
    found = []
    texts = [a for a in sorted(stems) if a in corpus.articles]
    for alias in sorted(at_risk - mentioned):
        hits = [a for a in texts if occurs_as_word(corpus.articles[a].text, alias)]
        if not hits:
            raise NeedsFull(f"the alias {alias!r} may no longer occur in any article")
        found += [(alias, a) for a in hits]
    return found


def _in(record: object, files: set[str]) -> bool:
    source = getattr(record, "source", None)
    return source is not None and source.path.name in files
