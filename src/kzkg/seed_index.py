"""What a partial re-validation needs to know about the seeds it does not read again.

Kept beside the graph in the :class:`~kzkg.unit_store.UnitStore` file: the files as they were
(size, time, SHA-256), the registry's records, and for every record its id, kind and place, the
references between article files, and which article mentions which spelling. With these, one
changed article is checked against the rest without reading the rest.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from kzkg.emit import iri_text
from kzkg.model import Source
from kzkg.registry_files import REGISTRY_DIR, is_registry_file
from kzkg.resolve import Corpus, references
from kzkg.text import occurs_as_word
from kzkg.unit_store import UnitStore, select_in

SCHEMA = """
CREATE TABLE IF NOT EXISTS files(name TEXT PRIMARY KEY, size INT, mtime INT, sha256 TEXT);
CREATE TABLE IF NOT EXISTS records(id TEXT PRIMARY KEY, kind TEXT, file TEXT, iri TEXT, line INT);
CREATE TABLE IF NOT EXISTS refs(id TEXT, file TEXT);
CREATE TABLE IF NOT EXISTS spellings(spelling TEXT, article TEXT);
CREATE INDEX IF NOT EXISTS records_file ON records(file);
CREATE INDEX IF NOT EXISTS records_iri ON records(iri);
CREATE INDEX IF NOT EXISTS refs_id ON refs(id);
CREATE INDEX IF NOT EXISTS spellings_spelling ON spellings(spelling);
CREATE INDEX IF NOT EXISTS spellings_article ON spellings(article);
"""
Stat = tuple[int, int]  # size, modification time in nanoseconds
FileState = tuple[int, int, str]  # size, modification time, SHA-256


def scan(directory: Path) -> dict[str, Stat]:
    """Every file of the seeds folder with its size and modification time (none if the folder
    is missing: reading it then reports that, with the fix)."""
    found: dict[str, Stat] = {}
    if not directory.is_dir():
        return found
    with os.scandir(directory) as entries:
        for entry in entries:
            if entry.is_file():
                info = entry.stat()
                found[entry.name] = (info.st_size, info.st_mtime_ns)
    for path in (directory / REGISTRY_DIR).rglob("*"):  # the split registry, if any
        if path.is_file():
            info = path.stat()
            found[path.relative_to(directory).as_posix()] = (info.st_size, info.st_mtime_ns)
    return dict(sorted(found.items()))


def snapshot(directory: Path) -> dict[str, FileState | None]:
    """Every file of the seeds folder with its size, modification time and SHA-256."""
    return {name: (*stat, sha256(directory / name)) for name, stat in scan(directory).items()}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class SeedIndex:
    """The seeds' side of the validation cache; see the module docstring."""

    def __init__(self, store: UnitStore) -> None:
        self.db = store.db
        self.store = store
        # One statement at a time: executescript would commit a transaction the caller opened.
        for statement in filter(str.strip, SCHEMA.split(";")):
            self.db.execute(statement)

    # -- files ----------------------------------------------------------------------------------

    def files(self) -> dict[str, tuple[int, int, str]]:
        """File name → (size, modification time, SHA-256), as at the last validation."""
        rows = self.db.execute("SELECT name, size, mtime, sha256 FROM files")
        return {name: (size, mtime, digest) for name, size, mtime, digest in rows}

    def changed(self, directory: Path) -> tuple[set[str], dict[str, FileState | None]]:
        """Names of the files added, removed or edited since; and the entries that differ from
        the recorded ones (None: the file is gone). A file whose size or time changed but whose
        bytes did not is not a change, though its new size and time are recorded."""
        before, present = self.files(), scan(directory)
        updates: dict[str, FileState | None] = dict.fromkeys(set(before) - set(present))
        changed = set(updates)
        for name, stat in present.items():
            old = before.get(name)
            if old is not None and old[:2] == stat:
                continue
            digest = sha256(directory / name)
            updates[name] = (*stat, digest)
            if old is None or old[2] != digest:
                changed.add(name)
        return changed, updates

    def texts(self) -> dict[str, str]:
        """Text file name → the id of the article it is the text of."""
        data = self.store.blob("texts")
        return {} if data is None else json.loads(data)

    def save_texts(self, corpus: Corpus, articles: set[str]) -> None:
        """Record the text files of ``articles`` as the corpus has them now."""
        texts = {name: a for name, a in self.texts().items() if a not in articles}
        texts.update((corpus.articles[a].path.name, a) for a in articles if a in corpus.articles)
        self.store.set_blob("texts", json.dumps(texts, sort_keys=True).encode("utf-8"))

    def save_files(self, updates: dict[str, FileState | None]) -> None:
        """Record the files' new states (see :meth:`changed`)."""
        gone = [(name,) for name, state in updates.items() if state is None]
        self.db.executemany("DELETE FROM files WHERE name = ?", gone)
        self.db.executemany(
            "INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?)",
            ((name, *state) for name, state in updates.items() if state is not None),
        )

    # -- records --------------------------------------------------------------------------------

    def registry(self) -> list[Any]:
        data = self.store.blob("registry")
        return (
            [] if data is None else pickle.loads(data)
        )  # written by save_full, in the user's own cache

    def registry_references(self) -> set[str]:
        """The ids defined in article files that registry records refer to (evidence)."""
        return set(json.loads(self.store.blob("registry references") or b"[]"))

    def kinds(self, ids: Iterable[str], leaving: set[str]) -> dict[str, str]:
        """Id → record kind of those ``ids`` defined outside the files in ``leaving``."""
        return {
            i: k for i, k, f in self._rows("records", "id, kind, file", ids) if f not in leaving
        }

    def all_kinds(self, leaving: set[str]) -> dict[str, str]:
        rows = self.db.execute("SELECT id, kind, file FROM records")
        return {i: k for i, k, f in rows if f not in leaving}

    def ids_in(self, files: set[str]) -> dict[str, str]:
        """Id → kind of the records defined in ``files``."""
        found = {}
        for name in files:
            found.update(self.db.execute("SELECT id, kind FROM records WHERE file = ?", (name,)))
        return found

    def referring(self, ids: Iterable[str], leaving: set[str]) -> set[str]:
        """Article files, outside ``leaving``, that refer to one of ``ids``."""
        return {f for (f,) in self._rows("refs", "file", ids) if f not in leaving}

    def spelled_elsewhere(self, spellings: Iterable[str], leaving: set[str]) -> set[str]:
        """Which of ``spellings`` some article outside ``leaving`` mentions."""
        rows = self._rows("spellings", "spelling, article", spellings, key="spelling")
        return {s for s, a in rows if a not in leaving}

    def spellings_of(self, articles: set[str]) -> set[str]:
        found: set[str] = set()
        for article in articles:
            rows = self.db.execute("SELECT spelling FROM spellings WHERE article = ?", (article,))
            found.update(s for (s,) in rows)
        return found

    def origins(self, corpus: Mapping[str, Source]) -> Origins:
        return Origins(corpus, self)

    def source_of(self, iri: str) -> Source | None:
        row = self.db.execute("SELECT file, line FROM records WHERE iri = ?", (iri,)).fetchone()
        return None if row is None else Source(self.directory / row[0], row[1])

    @cached_property
    def directory(self) -> Path:
        return Path(self.store.meta("seeds") or ".")

    # -- writing --------------------------------------------------------------------------------

    def save_full(self, corpus: Corpus, files: dict[str, FileState | None]) -> None:
        """Replace the index with the seeds a full validation read (in a store transaction)."""
        for table in ("files", "records", "refs", "spellings"):
            self.db.execute(f"DELETE FROM {table}")
        registry = [
            r for r in corpus.records.values() if r.source and is_registry_file(r.source.path)
        ]
        absolute = [_resolved(record) for record in registry]
        self.store.set_blob("registry", pickle.dumps(absolute, protocol=pickle.HIGHEST_PROTOCOL))
        ids = {r.id for r in registry}
        refs = sorted({ref for r in registry for _, _, ref, _ in references(r)} - ids)
        self.store.set_blob("registry references", json.dumps(refs).encode("utf-8"))
        self.put_records(corpus.records.values(), corpus)
        # An alias no article mentions (a longer spelling shadows it) was accepted because some
        # text holds it as a word: those texts are its witnesses, as mentions are for the rest.
        mentioned = {found.exact for _, found in corpus.mentions}
        unmentioned = {a for e in corpus.entities for a in e.aliases} - mentioned
        witnesses = [
            (alias, article_id)
            for alias in sorted(unmentioned)
            for article_id, article in corpus.articles.items()
            if occurs_as_word(article.text, alias)
        ]
        self.put_spellings(corpus, set(corpus.articles), witnesses)
        self.save_texts(corpus, set(corpus.articles))
        self.save_files(files)

    def put_records(self, records: Iterable[Any], corpus: Corpus) -> None:
        rows, refs = [], set()
        for record in records:
            if record.source is None:
                continue
            name = record.source.path.name
            rows.append(
                (record.id, type(record).__name__, name, iri_text(record), record.source.line)
            )
            if is_registry_file(record.source.path):
                continue
            for _, _, ref, _ in references(record):
                target = corpus.records.get(ref)
                if target is not None and target.source and target.source.path.name != name:
                    refs.add((ref, name))
        self.db.executemany("INSERT OR REPLACE INTO records VALUES (?, ?, ?, ?, ?)", rows)
        self.db.executemany("INSERT INTO refs VALUES (?, ?)", sorted(refs))

    def drop_files(self, files: set[str]) -> None:
        for name in files:
            self.db.execute("DELETE FROM records WHERE file = ?", (name,))
            self.db.execute("DELETE FROM refs WHERE file = ?", (name,))

    def put_spellings(
        self, corpus: Corpus, articles: set[str], found: Iterable[tuple[str, str]] = ()
    ) -> None:
        """Record which spellings each of ``articles`` mentions, and the (alias, article) pairs
        ``found`` by a whole-word search; their old rows are dropped."""
        for article in articles:
            self.db.execute("DELETE FROM spellings WHERE article = ?", (article,))
        rows = {(f.exact, f.article) for _, f in corpus.mentions if f.article in articles}
        self.db.executemany("INSERT INTO spellings VALUES (?, ?)", sorted(rows | set(found)))

    def _rows(
        self, table: str, columns: str, keys: Iterable[str], key: str = "id"
    ) -> Iterator[tuple[Any, ...]]:
        return select_in(self.db, table, columns, key, keys)


def _resolved(record: Any) -> Any:
    """The record with absolute paths in its places: the cache is read from other folders."""
    changes: dict[str, Any] = {}
    if record.source is not None:
        changes["source"] = replace(record.source, path=record.source.path.resolve())
    if getattr(record, "evidence", ()):
        changes["evidence"] = tuple(_resolved(item) for item in record.evidence)
    return replace(record, **changes)


class Origins(Mapping[str, Source]):
    """Record IRI → where it was written: the records read now, then the index."""

    def __init__(self, read: Mapping[str, Source], index: SeedIndex) -> None:
        self.read, self.index = read, index

    def __getitem__(self, iri: str) -> Source:
        found = self.read.get(iri) or self.index.source_of(iri)
        if found is None:
            raise KeyError(iri)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.read)

    def __len__(self) -> int:
        return len(self.read)
