from pathlib import Path

import pytest

from kzkg.load.yamlio import read_yaml


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


@pytest.mark.parametrize(
    "written",
    [
        "10:45",
        "1:30",
        "0x1F",
        "010",
        "0o17",
        "0b101",
        "1_000",
        "+5",
        ".5",
        "5.",
        ".inf",
        ".nan",
        "yes",
        "no",
        "on",
        "off",
        "Y",
        "n",
        "2011-05-14",
        "<<",
        "=",
    ],
)
def test_yaml_1_1_forms_stay_the_text_written(tmp_path, written):
    """YAML 1.1 (PyYAML's default) would turn 10:45 into 645, 0x1F into 31, 010 into 8 and
    no into false: kzkg reads YAML 1.2's core schema, with numbers in plain decimal only."""
    value, problems = parse(tmp_path, f"a: {written}\n")
    assert problems == []
    assert value["a"] == written and isinstance(value["a"], str)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("0", 0),
        ("12", 12),
        ("-7", -7),
        ("5.4", 5.4),
        ("2.5e3", 2500.0),
        ("true", True),
        ("false", False),
        ("~", None),
        ("null", None),
        ("", None),
    ],
)
def test_plain_decimals_and_core_values_are_typed(tmp_path, written, expected):
    value, problems = parse(tmp_path, f"a: {written}\n")
    assert problems == []
    assert value["a"] == expected and type(value["a"]) is type(expected)


@pytest.mark.parametrize("digits", ["9" * 4301, "1" * 100_000, "1e999", "-1e400"])
def test_a_number_too_large_to_convert_is_a_located_problem(tmp_path, digits):
    value, problems = parse(tmp_path, f"ok: 1\nn: {digits}\n")
    assert value is None
    assert [(p.line, p.what.split(" is ")[-1]) for p in problems] == [(2, "too large")]


@pytest.mark.parametrize(
    "escape",
    [
        "\\e]0;title\\a",
        "\\x1b[2J",
        "\\0",
        "\\r",
        "\\x7f",
        "\\x85",
        "\\N",
        "\\u009b",
        "\\u202e",
        "\\u2066",
        "\\x08",
        "\\v",
        "\\f",
    ],
)
def test_control_characters_are_refused_whatever_the_escape(tmp_path, escape):
    value, problems = parse(tmp_path, f'ok: 1\nheadline: "news {escape} here"\n')
    assert value is None
    assert len(problems) == 1 and problems[0].line == 2, problems
    assert "is not allowed in YAML" in problems[0].what


def test_a_control_character_in_a_key_is_refused(tmp_path):
    _, problems = parse(tmp_path, '"gen\\ere": news\n')
    assert [p.line for p in problems] == [1]


def test_line_breaks_and_tabs_stay_allowed(tmp_path):
    value, problems = parse(tmp_path, 'description: "one\\ttwo\\nthree"\nnote: |\n  a\n  b\n')
    assert problems == []
    assert value["description"] == "one\ttwo\nthree" and value["note"] == "a\nb\n"


def test_text_fields_keep_what_yaml_1_1_would_convert(tmp_path):
    """The record gets the characters written, not 645 and 31."""
    import shutil

    from kzkg.load.seeds import read_seeds

    seeds = tmp_path / "seeds"
    shutil.copytree(Path(__file__).parents[1] / "data" / "valid" / "minimal", seeds)
    annotations = seeds / "short-note.yaml"
    text = annotations.read_text("utf-8")
    text = text.replace("date_printed: 3 March 2014", "date_printed: 10:45")
    annotations.write_text(text.replace("genre: news report", "genre: 0x1F"), "utf-8")
    read = read_seeds(seeds)
    assert read.problems == []
    article = next(a.record for a in read.articles)
    assert (article.date_printed, article.genre) == ("10:45", "0x1F")
