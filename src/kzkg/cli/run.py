"""``kzkg run``: build, validate, answer every canned query, and report it all in one screen.

The report is for a person at a terminal: what was built, each quality check as PASS or FAIL,
every canned query with its row count and first row, where the files are, what to try next,
and the verdict last, where the eye lands. Every line is cut to the screen's width with an
ellipsis, so a terminal never wraps a word in two. ``--all`` prints every answer in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.cells import cell_len, set_cell_size
from rich.text import Text

from kzkg.cli.common import dist_option, err, notice, out, printable, quiet_option, seeds_option
from kzkg.data import QUERIES
from kzkg.runtime import KzkgError, steps

if TYPE_CHECKING:
    import pyoxigraph as ox

    from kzkg.load import Corpus
    from kzkg.query import CannedQuery

WIDEST = 160  # a report wider than this is harder to read, not easier
SEPARATOR = " │ "
MIN_CELL = 16  # a column narrower than this shows nothing useful; it is left out instead


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells, ending in an ellipsis when cut, at a word's
    end when one is near.

    >>> clip("annexation of Crimea", 14)
    'annexation of…'
    >>> clip("short", 14)
    'short'
    """
    text = " ".join(text.split())  # a newline inside a quote would break the one-line layout
    if cell_len(text) <= width:
        return text
    cut = set_cell_size(text, max(width - 1, 0))
    word_end = cut.rfind(" ")
    # Cut mid-word: end at the last word instead, unless that loses too much of a long word.
    if not text[len(cut)].isspace() and word_end >= width * 2 // 3:
        cut = cut[:word_end]
    cut = cut.rstrip()
    return cut + "…"


def _widths(natural: list[int], room: int) -> list[int]:
    """Share ``room`` cells among columns: a narrow column gets what it needs, the wide ones
    split the rest evenly (water-filling), so a short value is never cut to feed a long one."""
    widths = [0] * len(natural)
    todo = sorted(range(len(natural)), key=lambda i: natural[i])
    while todo:
        fair = room // len(todo)
        index = todo.pop(0)
        widths[index] = min(natural[index], max(fair, 1))
        room -= widths[index]
    return widths


def row_line(cells: Sequence[str | None], width: int) -> str:
    """One answer row in ``width`` cells: as many columns from the left as fit at MIN_CELL
    cells or their own width, each cut with an ellipsis; the others are counted at the end."""
    values = [" ".join(printable(cell or "—").split()) for cell in cells]
    natural = [cell_len(v) for v in values]
    count, used = 0, 0
    for index, size in enumerate(natural):
        hidden = len(values) - index - 1
        note = cell_len(f" (+{hidden} more)") if hidden else 0
        needed = used + (len(SEPARATOR) if index else 0) + min(size, MIN_CELL)
        if needed + note > width:
            break
        count, used = index + 1, needed
    count = max(count, 1)
    hidden = len(values) - count
    note = f" (+{hidden} more)" if hidden else ""
    room = width - cell_len(note) - len(SEPARATOR) * (count - 1)
    widths = _widths(natural[:count], room)
    shown = [clip(value, size) for value, size in zip(values, widths, strict=False)]
    return SEPARATOR.join(shown) + note


def wrap_words(items: Sequence[str], width: int, indent: str = "  ") -> list[str]:
    """Items joined by `` · `` into lines of at most ``width`` cells, never splitting an item."""
    lines: list[str] = []
    current = indent
    for item in items:
        joined = item if current == indent else f"{current} · {item}"
        if current != indent and cell_len(joined if current != indent else item) > width:
            lines.append(current)
            current = indent + item
        else:
            current = indent + item if current == indent else joined
    return [*lines, current] if current != indent else lines


def built_section(corpus: Corpus, width: int) -> Iterator[Text]:
    """Counts per kind, then per article."""
    from kzkg.load import compute

    figures = compute(corpus)
    totals = [f"{count:,} {kind}" for kind, count in figures.totals.items()]
    # The first line of the report says what was built; these lines count it.
    yield from (Text(line) for line in wrap_words(totals, width))
    name_width = max(len(a.article) for a in figures.articles) if figures.articles else 0
    name_width = min(name_width, width - 34)
    yield Text(f"  {'article':<{name_width}}  claims mentions entities figures", style="dim")
    for a in figures.articles:
        yield Text(
            f"  {clip(a.article, name_width):<{name_width}}  {a.claims:>6} {a.mentions:>8} "
            f"{a.entities:>8} {a.figures:>7}"
        )


def _params(query: CannedQuery) -> str:
    """The defaults a query ran with, as a user would type them: ``org=kz:org/x``, ``from=2014``."""
    from kzkg.rdf import KZ

    shown = []
    for parameter in query.parameters:
        value = re.sub(r'^"(.*)"(\^\^\S+)?$', r"\1", parameter.default)
        value = re.sub(r"^<" + re.escape(KZ) + r"(.*)>$", r"kz:\1", value)
        if value != "UNDEF":
            shown.append(f"{parameter.name}={value}")
    return ", ".join(shown)


def answers_section(
    catalogue: dict[str, CannedQuery], store: ox.Store, width: int, full: bool
) -> tuple[list[Text], list[str], list[str]]:
    """The quality checks as PASS/FAIL, then each question with its size and first row.

    Returns the lines, the names of the checks, and the names of those that failed.
    """
    from kzkg import query as canned
    from kzkg.cli.query import shown

    checks = [name for name in catalogue if name.endswith("-violation")]
    questions = [name for name in catalogue if name not in checks]
    answers = {name: canned.run(catalogue[name], store, {}) for name in catalogue}
    failed = [name for name in checks if answers[name].rows]
    lines = [Text(f"Quality checks ({len(checks) - len(failed)} of {len(checks)} pass)", "bold")]
    marks = []
    for name in checks:
        rows = len(answers[name].rows)
        mark = Text("FAIL", "bold red") if rows else Text("PASS", "green")
        marks.append(mark + f" {name}" + (f" ({rows} rows)" if rows else ""))
    # Several checks a line, never one cut in two: a check is read by its whole name.
    line = Text("  ")
    for mark in marks:
        if line.plain.strip() and cell_len(line.plain) + 3 + cell_len(mark.plain) > width:
            lines.append(line)
            line = Text("  ")
        line += (Text(" · ") if line.plain.strip() else Text("")) + mark
    if line.plain.strip():
        lines.append(line)
    for name in failed:
        lines += [Text("    " + row_line(row, width - 4), "red") for row in answers[name].rows[:3]]
    heading = "Canned queries (answers in full: kzkg query NAME, or kzkg run --all)"
    lines.append(Text(clip(heading, width), "bold"))
    for name in questions:
        answer, given = answers[name], _params(catalogue[name])
        title = catalogue[name].title + (f" ({given})" if given else "")
        head = Text(name, "cyan") + Text(f"  {len(answer.rows):,} rows", "bold") + " — "
        head += clip(title, max(width - cell_len(head.plain), 0))
        lines.append(head)
        if full:
            table = shown(answer, "table")
            lines += [Text(line) for line in table.rstrip("\n").splitlines()]
        elif answer.rows:
            lines.append(Text("    " + row_line(answer.rows[0], width - 4), "dim"))
    return lines, checks, failed


def next_steps(written: Sequence[Path], width: int) -> Iterator[Text]:
    """Where the files are, and the commands that go further."""
    folders = sorted({str(path.parent) for path in written})
    where = f" in {folders[0]}/" if len(folders) == 1 else ""
    names = [path.name if where else str(path) for path in written]
    listed = " · ".join(names)
    if cell_len(f"Files{where}: {listed}") <= width:
        yield Text(f"Files{where}: ", style="bold") + listed
    else:  # a long folder gets a line of its own, so the names are never cut
        yield Text(clip(f"Files{where}", width), style="bold")
        yield from (Text(line) for line in wrap_words([clip(n, width - 2) for n in names], width))
    yield (
        Text("Try next: ", style="bold")
        + Text("kzkg query NAME ", "cyan")
        + clip("one answer in full (-p KEY=VALUE; --list)", width - 26)
    )
    yield (
        Text("  ")
        + Text("kzkg site ", "cyan")
        + "the explorer · "
        + Text("kzkg serve ", "cyan")
        + clip("a query page that knows kzkg", width - 38)
    )


@click.command()
@seeds_option
@dist_option
@click.option("--all", "full", is_flag=True, help="Print every canned query's answer in full.")
@quiet_option
def run(seeds: Path, dist: Path, full: bool, quiet: bool) -> None:
    """The main job: build and validate the graph, answer every canned query, report in one
    screen; exit 1 if a quality check returns rows."""
    from kzkg import query as canned
    from kzkg.pipeline import build as run_build
    from kzkg.stores import load_file, open_store

    with steps(err, quiet=quiet) as announce:
        result = run_build(seeds, dist, progress=announce, waiting=notice)
    width = min(out.width, WIDEST)
    seconds = sum(result.timings.values())
    store = load_file(open_store(), dist / "kzkg.ttl")
    answers, checks, failed = answers_section(canned.load_catalogue(QUERIES), store, width, full)
    triples = f"{result.triple_count:,} triples from {len(result.corpus.articles)} articles"
    lines = [
        Text(clip(f"kzkg run: built and validated {triples} in {seconds:.2f} s", width), "bold"),
        *built_section(result.corpus, width),
        *answers,
        *next_steps(result.written, width),
    ]
    if failed:
        verdict = Text("FAIL", "bold red") + clip(
            f": {triples}; quality checks returned rows: {', '.join(failed)}", width - 4
        )
    else:
        verdict = Text("PASS", "bold green") + clip(
            f": {result.triple_count:,} triples, 0 SHACL violations, "
            f"{len(checks)} of {len(checks)} quality checks pass",
            width - 4,
        )
    if not quiet:
        for line in [*lines, verdict]:
            out.print(line, soft_wrap=True)
    if failed:
        raise KzkgError(f"quality checks returned rows: {', '.join(failed)}")
