"""What `kzkg query` prints: control characters in the data never reach a terminal raw."""

from __future__ import annotations

import json

import pytest

from kzkg.cli.query import shown
from kzkg.query.catalogue import ResultTable

HOSTILE = "Title\x1b]0;owned\x07 and \x1b[2J cleared, \u202eright to left, \x85next, \x7f"
RESULT = ResultTable(["label", "note"], [[HOSTILE, None], ["plain", "tab\there"]])
RAW = ("\x1b", "\x07", "\u202e", "\x85", "\x7f")


def test_a_table_shows_control_characters_as_escapes():
    text = shown(RESULT, "table")
    assert not any(c in text for c in RAW), repr(text)
    assert "Title\\x1b]0;owned\\x07 and \\x1b[2J cleared, \\u202eright to left" in text
    assert "\\x85next, \\x7f" in text
    assert "plain" in text and "tab" in text and "here" in text, "ordinary text is kept"


def test_json_escapes_them_and_keeps_the_data():
    text = shown(RESULT, "json")
    assert not any(c in text for c in RAW), repr(text)
    assert json.loads(text)["rows"][0][0] == HOSTILE


def test_csv_to_a_file_or_pipe_keeps_the_data():
    # Tests print to a pipe, never to a terminal: the CSV is the data, for the next program.
    assert HOSTILE in shown(RESULT, "csv")


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_plain_results_are_printed_as_before(fmt):
    from kzkg.cli.common import table_width
    from kzkg.query.catalogue import format_table

    plain = ResultTable(["a"], [["Kosanov “quoted”"], ["Қазақстан"]])
    assert shown(plain, fmt) == format_table(plain, fmt, width=table_width())
