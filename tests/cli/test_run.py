"""``kzkg run`` reads in one screen: piped, in a real 80-column terminal, and with --all."""

from __future__ import annotations

import fcntl
import os
import pty
import random
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus import assemble, kzkg
from paths import INVALID, ROOT
from rich.cells import cell_len

from kzkg.cli.run import answers_section, clip, row_line
from kzkg.query.catalogue import load_catalogue

pytestmark = pytest.mark.slow

QUERIES = ROOT / "queries"
CATALOGUE = load_catalogue(QUERIES)
CHECKS = [name for name in CATALOGUE if name.endswith("-violation")]
QUESTIONS = [name for name in CATALOGUE if name not in CHECKS]
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
SCREEN = 60  # lines: the report must fit one screen


def in_terminal(args: list[str], columns: int, cwd: Path) -> tuple[int, str]:
    """Run ``kzkg ARGS`` with a pseudo-terminal of ``columns`` columns as its stdout."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    process = subprocess.Popen(
        [sys.executable, "-m", "kzkg", *args],
        cwd=cwd,
        stdout=follower,
        stderr=subprocess.DEVNULL,
        env=env | {"TERM": "xterm-256color"},
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed: the process has gone
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return process.wait(timeout=300), ANSI.sub("", b"".join(chunks).decode()).replace("\r", "")


def check_report(text: str, width: int) -> list[str]:
    lines = text.rstrip("\n").split("\n")
    assert len(lines) <= SCREEN, f"{len(lines)} lines; one screen is {SCREEN}:\n{text}"
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, f"lines wider than {width} columns would wrap mid-word: {too_wide[:3]}"
    for name in QUESTIONS:
        assert any(line.startswith(f"{name}  ") and " rows — " in line for line in lines), name
    for name in CHECKS:
        assert f"PASS {name}" in text, f"check {name} not reported as PASS"
    assert lines[-1].startswith("PASS: "), f"the verdict is not last: {lines[-1]!r}"
    for command in ("kzkg query NAME", "kzkg site", "kzkg serve"):
        assert command in text, f"no hint to try {command}"
    assert "kzkg.ttl" in text and "kzkg.jsonld" in text, "the report does not say where files are"
    return lines


def test_piped_report_fits_one_screen_of_80_columns(tmp_path):
    run = kzkg("run", "--dist", str(tmp_path / "dist"), cwd=ROOT, columns=80)
    assert run.code == 0, run.stderr
    lines = check_report(run.stdout, 80)
    stances = lines.index(next(line for line in lines if line.startswith("stances  ")))
    first = lines[stances + 1]
    assert first.split(" │ ")[0].strip() and "│" in first, f"no first row under stances: {first}"
    attribution = next(line for line in lines if line.startswith("attribution-chain  "))
    assert int(re.search(r"  ([\d,]+) rows", attribution)[1].replace(",", "")) > 1000


def test_report_in_a_real_80_column_terminal(tmp_path):
    code, text = in_terminal(["run", "--dist", str(tmp_path / "dist")], 80, ROOT)
    assert code == 0, text
    check_report(text, 80)


def test_all_prints_every_answer_in_full(tmp_path):
    run = kzkg("run", "--all", "--dist", str(tmp_path / "dist"), cwd=ROOT, columns=120)
    assert run.code == 0, run.stderr
    counts = re.findall(r"^(\S+)  ([\d,]+) rows — ", run.stdout, re.MULTILINE)
    assert {name for name, _ in counts} == set(QUESTIONS)
    for name, rows in counts:  # each full table ends with rich's caption of its row count
        assert f"{rows.replace(',', '')} rows" in run.stdout, f"{name}: table not in full"
    assert run.stdout.rstrip().splitlines()[-1].startswith("PASS: ")


def test_a_failing_build_still_exits_1_without_a_report(tmp_path):
    seeds = assemble(INVALID / "claim-contradicts-itself", tmp_path / "seeds")
    run = kzkg("run", "--seeds", ".", "--dist", str(tmp_path / "dist"), cwd=seeds)
    assert run.code == 1 and run.stderr.startswith("error: "), run.stderr
    assert "Traceback" not in run.stderr and "PASS" not in run.stdout


def test_a_check_that_returns_rows_is_a_fail_with_its_rows():
    """A one-way kzo:contradicts link in the real graph: the check fails and shows the link."""
    store = ox.Store()
    store.load(path=str(ROOT / "dist" / "kzkg.ttl"), format=ox.RdfFormat.TURTLE)
    claims = [r["c"] for r in store.query("SELECT ?c { ?c a <https://schema.org/Claim> }")]
    contradicts = ox.NamedNode("https://w3id.org/kzkg/ontology#contradicts")
    a, b = sorted(claims, key=str)[:2]
    assert not list(store.quads_for_pattern(a, contradicts, b)), "pick two unlinked claims"
    store.add(ox.Quad(a, contradicts, b))
    lines, checks, failed = answers_section(CATALOGUE, store, 80, full=False)
    assert checks == CHECKS and failed == ["contradiction-link-violation"]
    text = "\n".join(line.plain for line in lines)
    assert "FAIL contradiction-link-violation" in text and "PASS quote-offsets-violation" in text
    assert a.value.rsplit("/", 1)[-1][:12] in text, "the failing row is not shown"


@pytest.mark.parametrize("seed", range(5))
def test_clipped_rows_never_exceed_the_width(seed):
    rng = random.Random(seed)
    words = ["Kazakhstan", "—", "Қазақстан", "a", "annexation", "kz:claim/x-y-z", "“quote”", "2011"]
    for _ in range(300):
        width = rng.randint(20, 120)
        cells = [
            " ".join(rng.choice(words) for _ in range(rng.randint(0, 12))) or None
            for _ in range(rng.randint(1, 11))
        ]
        line = row_line(cells, width)
        assert cell_len(line) <= width, (width, cells, line)
        first = " ".join((cells[0] or "—").split())
        shown = line.split(" │ ")[0].removesuffix(re.search(r"( \(\+\d+ more\))?$", line)[0])
        assert shown == first or shown.endswith("…"), (cells, line)
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        clipped = clip(text, width)
        assert cell_len(clipped) <= width and (clipped == text or clipped.endswith("…"))
