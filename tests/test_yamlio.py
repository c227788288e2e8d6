from pathlib import Path

import pytest

from kzkg.yamlio import read_yaml


def parse(tmp_path: Path, text: str | bytes):
    path = tmp_path / "file.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return read_yaml(path)


def test_lines_are_kept(tmp_path):
    value, problems = parse(tmp_path, "a: 1\nitems:\n  - id: x\n  - id: y\n")
    assert problems == []
    assert value.line_of("items") == 2, "the key's line is remembered"
    assert value["items"].item_lines == [3, 4], "each list item's line is remembered"
    assert value["items"][1].line == 4


def test_dates_stay_text(tmp_path):
    value, _ = parse(tmp_path, "d: 2011-05-14\n")
    assert value["d"] == "2011-05-14", "a date keeps its precision as text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\na: 2\n", "duplicate key 'a'"),
        ("a: &x [1]\nb: *x\n", "aliases"),
        ("a: !!python/object/apply:os.system [ls]\n", "tag"),
        ("a:\n\t- 1\n", "tabs"),
        ("a: [1, 2\n", "malformed YAML"),
    ],
)
def test_hostile_yaml_is_refused_with_a_line(tmp_path, text, expected):
    value, problems = parse(tmp_path, text)
    assert value is None
    assert len(problems) == 1 and expected in str(problems[0]), str(problems)
    assert problems[0].line >= 1, "the problem names a line"


def test_bom_and_encoding(tmp_path):
    _, problems = parse(tmp_path, b"\xef\xbb\xbfa: 1\n")
    assert "byte-order mark" in str(problems[0])
    _, problems = parse(tmp_path, b"a: \xff\xfe\n")
    assert "not valid UTF-8" in str(problems[0])


def test_huge_file_is_refused_before_parsing(tmp_path):
    _, problems = parse(tmp_path, "a: " + "x" * 3_000_000 + "\n")
    assert "limit" in str(problems[0])
