"""docs/stores.md's Virtuoso section gives the commands the Virtuoso tests run, word for word."""

from __future__ import annotations

import pytest
from paths import ROOT
from system_tools import PACKAGES
from virtuoso_server import CREATE, DOC_HTTP, ISQL, START

pytestmark = pytest.mark.slow

PAGE = (ROOT / "docs" / "stores.md").read_text(encoding="utf-8")
SECTION = PAGE[PAGE.index("## OpenLink Virtuoso") : PAGE.index("## QLever")]
# What tests/virtuoso_server.py and tests/test_virtuoso*.py run, with the doc's ports.
RUN = [
    f"apt-get install {PACKAGES['virtuoso-t']}",
    CREATE,
    START,
    f"{ISQL} < docs/virtuoso/basic-auth.sql",
    f"{ISQL} < docs/virtuoso/bulk-load.sql",
    f"KZKG_ENDPOINT_AUTH=digest kzkg load --endpoint http://{DOC_HTTP}/sparql-auth\n",
    f"KZKG_ENDPOINT_AUTH=digest kzkg load --endpoint http://{DOC_HTTP}/sparql-auth --no-graph-store",
    f"KZKG_ENDPOINT_AUTH=basic kzkg load --endpoint http://{DOC_HTTP}/sparql-basic",
    f"kzkg query timeline --endpoint http://{DOC_HTTP}/sparql",
]


@pytest.mark.parametrize("command", RUN)
def test_the_page_gives_the_command_the_tests_run(command: str) -> None:
    assert command in SECTION


def test_the_ini_listens_on_loopback_only() -> None:
    ini = (ROOT / "docs" / "virtuoso" / "virtuoso.ini").read_text(encoding="utf-8")
    ports = [line for line in ini.splitlines() if line.startswith("ServerPort")]
    assert ports == ["ServerPort = 127.0.0.1:1111", f"ServerPort = {DOC_HTTP}"], ports


def test_other_engines_are_marked_unverified() -> None:
    for engine in ("Apache Jena Fuseki", "Ontotext GraphDB", "QLever"):
        heading = next(line for line in PAGE.splitlines() if line.startswith(f"## {engine}"))
        assert "unverified" in heading, heading
