"""Build the static explorer: load the graph, render every page in memory, write the folder.

Nothing is written until every page has rendered, and the folder is then replaced as a whole
(written beside it, then swapped in), so a failed build leaves the previous site intact and a
rebuild never leaves a stale page behind. Output is byte-identical for the same graph: every
collection is sorted and nothing records the time or the machine.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from kzkg.data import ONTOLOGY, QUERIES
from kzkg.query import load_catalogue
from kzkg.runtime import KzkgError, StoreError
from kzkg.site.article_pages import article_pages
from kzkg.site.catalogue import catalogue_page
from kzkg.site.claims_page import claims_page
from kzkg.site.entity_data import entity_data_files
from kzkg.site.entity_pages import entity_pages
from kzkg.site.gather import gather
from kzkg.site.layout import GENERATOR
from kzkg.site.network import network_page, network_svg
from kzkg.site.ontology_page import ontology_page
from kzkg.site.overview import articles_page, contradictions_page, index_page
from kzkg.site.query_page import query_page
from kzkg.site.search_page import INDEX_NAME, search_index, search_page
from kzkg.site.timeline import timeline_page
from kzkg.stores import load_file, open_store

ASSETS = Path(__file__).resolve().parent / "assets"
SLOW = 1.0  # seconds after which a step is announced


@dataclass(frozen=True)
class SiteResult:
    """What a build wrote: the folder, its files (site paths, sorted) and how long it took."""

    out: Path
    files: list[str]
    seconds: float

    @property
    def pages(self) -> int:
        return sum(1 for f in self.files if f.endswith(".html"))


@contextlib.contextmanager
def _step(name: str, progress: Callable[[str], None] | None) -> Iterator[None]:
    """Announce ``name`` only if the step is still running after SLOW seconds."""
    timer = threading.Timer(SLOW, progress, [name]) if progress else None
    if timer:
        timer.daemon = True
        timer.start()
    try:
        yield
    finally:
        if timer:
            timer.cancel()


def render_site(
    store: ox.Store,
    *,
    ontology: Path = ONTOLOGY,
    queries: Path = QUERIES,
    progress: Callable[[str], None] | None = None,
) -> dict[str, str]:
    """Every file of the site by its path (``person/x.html``, ``style.css``, …), sorted."""
    with _step("reading the graph", progress):
        site = gather(store)
    try:
        catalogue = load_catalogue(queries)
    except ValueError as exc:
        raise KzkgError(f"cannot read the canned queries: {exc}") from None
    files: dict[str, str] = {}
    with _step("rendering entity and article pages", progress):
        files |= entity_pages(site)
        files |= entity_data_files(store, site)
        files |= article_pages(site)
        files["index.html"] = index_page(site)
        files["articles.html"] = articles_page(site)
        files["contradictions.html"] = contradictions_page(site)
        files["claims.html"] = claims_page(site)
        files["search.html"] = search_page(site)
        files[INDEX_NAME] = search_index(site)
        files["timeline.html"] = timeline_page(site)
        files["network.html"] = network_page(site)
        files["network.svg"] = network_svg(site) + "\n"
        files["ontology.html"] = ontology_page(ontology)
    with _step("running the canned queries", progress):
        files["queries.html"] = catalogue_page(catalogue, store)
    files["query.html"] = query_page(catalogue)
    for asset in sorted(ASSETS.iterdir()):
        files[asset.name] = asset.read_text(encoding="utf-8")
    return dict(sorted(files.items()))


def _is_site(folder: Path) -> bool:
    index = folder / "index.html"
    return index.is_file() and f'content="{GENERATOR}"' in index.read_text(errors="replace")[:800]


def write_tree(files: dict[str, str], out: Path) -> None:
    """Replace ``out`` with exactly these files; refuse to replace a folder that is not a site."""
    if out.exists() and not out.is_dir():
        raise KzkgError(f"{out} is a file, not a folder — choose another --out")
    if out.is_dir() and any(out.iterdir()) and not _is_site(out):
        raise KzkgError(
            f"{out} holds files that are not a kzkg site; nothing was written — "
            "choose an empty or new folder for --out"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out.name}-new-", dir=out.parent))
    try:
        for name, content in files.items():
            target = fresh / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8", newline="\n")
        fresh.chmod(0o755)  # mkdtemp makes it private; a site is for reading
        old = out.parent / f".{out.name}-old"
        if out.exists():
            shutil.rmtree(old, ignore_errors=True)
            out.rename(old)
        fresh.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as exc:
        shutil.rmtree(fresh, ignore_errors=True)
        raise KzkgError(f"cannot write the site to {out}: {exc}") from exc


def load_graph(paths: Sequence[Path]) -> ox.Store:
    """The graph files in one fresh store; a dataset (TriG, N-Quads) is read as one graph."""
    store = open_store()
    for path in map(Path, paths):
        fmt = ox.RdfFormat.from_extension(path.suffix.lstrip("."))
        if fmt is None or not fmt.supports_datasets:
            load_file(store, path)
            continue
        if not path.is_file():
            raise StoreError(f"{path}: graph file not found — run `kzkg build` first")
        try:  # the per-article graphs of kzkg.trig, merged: the site shows the whole graph
            quads = ox.parse(path=str(path), format=fmt)
            store.bulk_extend(ox.Quad(q.subject, q.predicate, q.object) for q in quads)
        except (SyntaxError, ValueError) as exc:
            raise StoreError(f"{path}: not loadable RDF ({exc})") from exc
    return store


def build_site(
    graph: Path | Sequence[Path],
    out: Path,
    *,
    ontology: Path = ONTOLOGY,
    queries: Path = QUERIES,
    progress: Callable[[str], None] | None = None,
) -> SiteResult:
    """Build the explorer for the graph file(s) ``graph`` into the folder ``out``.

    Several files (``kzkg serve --graph`` is repeatable) are read as one graph. ``progress`` is
    called with a step's name when the step takes over a second. Raises KzkgError (StoreError
    for an unreadable graph) with nothing written.
    """
    started = time.perf_counter()
    paths = [graph] if isinstance(graph, (str, Path)) else list(graph)
    with _step("loading the graph", progress):
        store = load_graph(paths)
    files = render_site(store, ontology=ontology, queries=queries, progress=progress)
    with _step(f"writing {len(files)} files", progress):
        write_tree(files, Path(out))
    return SiteResult(Path(out), list(files), time.perf_counter() - started)
