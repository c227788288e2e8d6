"""The command line: every command answers --help, and the README's table lists every one."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from paths import ROOT

from kzkg.cli.main import main

COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_answers_help(command):
    result = CliRunner().invoke(main, [command, "--help"], prog_name="kzkg")
    assert result.exit_code == 0, result.output
    assert f"kzkg {command}" in result.output


def test_the_readme_lists_every_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `kzkg ([\w-]+)", readme, re.M))
    assert listed <= set(COMMANDS), (
        f"the README lists commands kzkg does not have: {listed - set(COMMANDS)}"
    )
    missing = set(COMMANDS) - listed - {"new", "diff"}  # contributor commands: CONTRIBUTING.md
    assert not missing, f"the README's command table lacks {missing}"
