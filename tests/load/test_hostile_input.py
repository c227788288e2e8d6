"""Input that breaks things on purpose, and state that changes under kzkg: every case ends in
located messages and exit 1 (2 for kzkg's own faults), never a traceback, a hang or a verdict
that an earlier run decided.

The command line runs in this process (click's runner) where a subprocess adds nothing; a
FIFO case is guarded by an alarm, since opening one would block forever.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from corpus import assemble, kzkg
from paths import INVALID, MINIMAL

from kzkg.cli.common import friendly
from kzkg.cli.main import main

SHARED = """\
article:
  id: second-look
  text: short-note.txt
  headline: A second look at the note
  authors: [test-author]
  publisher: kazakh-politics-weekly
  published: "2014-03-03"
  language: en
  genre: analysis

claims:
  - id: abenov-submarine-again
    speaker: murat-abenov
    relayed_by: [test-author]
    about: [kremlin]
    stance: criticises
    quote: "being on a submarine with someone"
    paraphrase: Abenov compares integration with Russia to being on a submarine.
"""


def run(*args: str, timeout: int = 120) -> tuple[int, str, str]:
    """``kzkg ARGS`` through the real command line, in this process, with an alarm."""

    def stuck(*_: object) -> None:
        raise TimeoutError(f"kzkg {' '.join(args)} did not finish in {timeout} s")

    previous = signal.signal(signal.SIGALRM, stuck)
    signal.alarm(timeout)
    try:
        result = CliRunner().invoke(main, list(args))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def copy_minimal(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    shutil.copytree(MINIMAL, seeds)
    return seeds


def make_kind(path: Path, kind: str) -> None:
    """Replace ``path`` by a file of another kind."""
    target = path.with_name(f"saved-{path.name}")
    path.rename(target)
    if kind == "dangling link":
        path.symlink_to(path.with_name("nowhere"))
    elif kind == "link to the real file":
        path.symlink_to(target)
    elif kind == "folder":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)


KINDS = ["dangling link", "link to the real file", "folder", "fifo"]
WHAT = {
    "dangling link": "is a symbolic link",
    "link to the real file": "is a symbolic link",
    "folder": "is a folder",
    "fifo": "is a FIFO (named pipe)",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", ["short-note.yaml", "short-note.txt", "entities.yaml"])
def test_a_seed_file_that_is_not_a_regular_file_is_refused(tmp_path, name, kind):
    seeds = copy_minimal(tmp_path)
    make_kind(seeds / name, kind)
    code, _, stderr = run("validate", "--seeds", str(seeds))
    assert code == 1, stderr
    named = "short-note.yaml:3: article text short-note.txt" if name.endswith(".txt") else name
    line = next(line for line in stderr.splitlines() if WHAT[kind] in line)
    assert named in line and "not a regular file" in line, stderr
    assert "Traceback" not in stderr


def test_an_extra_folder_fifo_or_link_named_like_an_annotation_file_is_refused(tmp_path):
    seeds = copy_minimal(tmp_path)
    (seeds / "x.yaml").mkdir()
    os.mkfifo(seeds / "y.yaml")
    (seeds / "z.yaml").symlink_to(seeds / "nowhere.yaml")
    code, _, stderr = run("validate", "--seeds", str(seeds))
    assert code == 1
    for name, what in (("x", "a folder"), ("y", "a FIFO"), ("z", "a symbolic link")):
        assert f"{name}.yaml: is {what}" in stderr, stderr


def test_editing_a_text_shared_by_two_annotation_files_rechecks_both(tmp_path):
    seeds = copy_minimal(tmp_path)
    (seeds / "second-look.yaml").write_text(SHARED, encoding="utf-8")
    code, _, stderr = run("validate", "--seeds", str(seeds))
    assert code == 0, stderr
    text = seeds / "short-note.txt"
    before = text.stat()
    # The same size, and the modification time put back as `cp -p` or `touch -r` would.
    text.write_bytes(text.read_bytes().replace(b"submarine", b"submarinE"))
    os.utime(text, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert text.stat().st_size == before.st_size
    code, _, stderr = run("validate", "--seeds", str(seeds))
    assert code == 1
    complaints = [line for line in stderr.splitlines() if "submarine with someone" in line]
    named = {Path(line.split(":", 1)[0]).name for line in complaints}
    assert named == {"second-look.yaml", "short-note.yaml"}, stderr


def test_validate_json_reports_input_problems_on_stdout(tmp_path):
    seeds = assemble(INVALID / "reference-unknown", tmp_path / "seeds")
    done = kzkg("validate", "--seeds", ".", "--format", "json", cwd=seeds)
    assert done.code == 1
    answer = json.loads(done.stdout)
    assert answer["conforms"] is False and answer["violations"] == []
    expected = (INVALID / "reference-unknown" / "expected.txt").read_text("utf-8").split()
    assert [p["file"] for p in answer["problems"]] == [expected[0].split(":")[0]]
    assert all({"file", "line", "what", "fix"} <= p.keys() for p in answer["problems"])
    assert "Traceback" not in done.stderr


def test_validate_json_of_good_seeds_conforms(tmp_path):
    code, stdout, _ = run("validate", "--seeds", str(copy_minimal(tmp_path)), "--format", "json")
    assert code == 0
    assert json.loads(stdout) == {"conforms": True, "problems": [], "violations": []}


def _edit(path: Path, old: bytes, new: bytes) -> None:
    data = path.read_bytes()
    assert old in data, (path, old)
    path.write_bytes(data.replace(old, new, 1))


HOSTILE = {
    "binary garbage in YAML": lambda s: (s / "short-note.yaml").write_bytes(os.urandom(4096)),
    "YAML of NUL bytes": lambda s: (s / "short-note.yaml").write_bytes(b"\0" * 100),
    "text not UTF-8": lambda s: _edit(s / "short-note.txt", b"Kazakh", b"Kaz\xe1kh"),
    "empty YAML": lambda s: (s / "short-note.yaml").write_bytes(b""),
    "empty registry": lambda s: (s / "entities.yaml").write_bytes(b""),
    "empty text": lambda s: (s / "short-note.txt").write_bytes(b""),
    "huge nesting": lambda s: (s / "short-note.yaml").write_bytes(b"a: " + b"[" * 100_000),
    "huge mapping nesting": lambda s: (s / "short-note.yaml").write_bytes(b"{a: " * 20_000),
    "BOM in YAML": lambda s: _edit(s / "entities.yaml", b"persons", b"\xef\xbb\xbfpersons"),
    "BOM in text": lambda s: _edit(s / "short-note.txt", b"Kazakh", b"\xef\xbb\xbfKazakh"),
    "integer of 5,000 digits": lambda s: _edit(
        s / "short-note.yaml", b"value: 3", b"value: " + b"7" * 5000
    ),
    "integer key of 5,000 digits": lambda s: _edit(
        s / "short-note.yaml", b"claims:", b"1" * 5000 + b": 1\nclaims:"
    ),
    "escaped terminal title": lambda s: _edit(
        s / "short-note.yaml", b"genre: news report", b'genre: "\\e]0;owned\\a"'
    ),
    "escaped NUL in a key": lambda s: _edit(s / "short-note.yaml", b"genre:", b'"gen\\0re":'),
    "id ending in a line break": lambda s: _edit(
        s / "short-note.yaml", b"id: short-note", b'id: "short-note\\n"'
    ),
    "text name with a NUL": lambda s: _edit(
        s / "short-note.yaml", b"text: short-note.txt", b'text: "short\\0note.txt"'
    ),
    "text name pointing outside": lambda s: _edit(
        s / "short-note.yaml", b"text: short-note.txt", b"text: ../../etc/passwd"
    ),
    "sexagesimal figure": lambda s: _edit(s / "short-note.yaml", b"value: 3", b"value: 1:30"),
    "float too large": lambda s: _edit(s / "short-note.yaml", b"value: 3", b"value: 1e999"),
    "text is a FIFO": lambda s: ((s / "short-note.txt").unlink(), os.mkfifo(s / "short-note.txt")),
    "YAML is a folder": lambda s: (
        (s / "short-note.yaml").unlink(),
        (s / "short-note.yaml").mkdir(),
    ),
    "registry unreadable": lambda s: (s / "entities.yaml").chmod(0),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_input_gives_located_lines_and_exit_1(tmp_path, case):
    seeds = copy_minimal(tmp_path)
    HOSTILE[case](seeds)
    if case == "registry unreadable" and os.geteuid() == 0:
        pytest.skip("root reads any file")
    code, stdout, stderr = run("build", "--seeds", str(seeds), "--dist", str(tmp_path / "dist"))
    assert code == 1, f"{case}: exit {code}\n{stderr}"
    lines = stderr.splitlines()
    assert lines[0].startswith("error: "), stderr
    assert all(line.startswith(str(seeds)) for line in lines[1:]), stderr
    assert "Traceback" not in stdout + stderr
    assert not (tmp_path / "dist").exists(), "nothing is written"


def test_an_internal_error_is_one_line_with_a_hint_and_exit_2(capsys):
    def broken() -> None:
        {}["missing"]  # a real bug: a KeyError nobody catches

    with pytest.raises(SystemExit) as stopped:
        friendly(broken)()
    assert stopped.value.code == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1, message
    assert re.fullmatch(
        r"error: internal error: KeyError: 'missing' \(at [a-z_]+\.py:\d+\) — this is a bug .*report it.*\n",
        message,
    ), message


def test_a_dist_that_cannot_be_written_is_named_with_exit_1(tmp_path):
    dist = tmp_path / "dist"
    dist.write_text("a file where the folder should be\n", encoding="utf-8")
    code, _, stderr = run("build", "--seeds", str(copy_minimal(tmp_path)), "--dist", str(dist))
    assert code == 1, stderr
    assert stderr.startswith(f"error: {dist}: "), stderr
    assert "Traceback" not in stderr


def test_the_error_lines_show_control_characters_as_escapes(tmp_path):
    seeds = copy_minimal(tmp_path)
    (seeds / "odd\x1b]0;x\x07.yml").write_text("a: 1\n", encoding="utf-8")
    code, _, stderr = run("validate", "--seeds", str(seeds))
    assert code == 1
    assert "\x1b" not in stderr and "\x07" not in stderr
    assert "odd\\x1b]0;x\\x07.yml" in stderr, stderr
