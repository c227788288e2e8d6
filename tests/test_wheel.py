"""A wheel of kzkg, installed outside the checkout, runs the whole pipeline from any folder.

The wheel is built the ordinary way (``pip wheel``) and installed into a fresh virtual
environment in a temporary folder. Its dependencies are not downloaded again: the fresh
environment sees this one's site-packages through a ``.pth`` line, which Python does not treat
as a site folder, so the editable install of the checkout (a finder that a ``.pth`` file of this
environment starts) is not active there. Each command runs in another temporary folder, where no
``ontology/``, ``shapes/`` or ``queries/`` lies around to be found by accident.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
# Nothing of the checkout may leak into the fresh environment through the test run's own settings.
CLEAN = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}


@pytest.fixture(scope="module")
def installed(tmp_path_factory, root: Path) -> Path:
    """The ``bin/`` folder of a fresh environment holding kzkg installed from its wheel."""
    wheels = tmp_path_factory.mktemp("wheels")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(root)],
        check=True,
        capture_output=True,
        env=CLEAN,
    )
    [wheel] = wheels.glob("kzkg-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for packaged in ("ontology/kzkg.ttl", "shapes/kzkg.shacl.ttl", "queries/claims-by-person.rq"):
        assert f"kzkg/data/{packaged}" in names, f"the wheel lacks {packaged}"
    env = tmp_path_factory.mktemp("env")
    venv.EnvBuilder(with_pip=False).create(env)
    fresh = env / "bin" / "python"
    purelib = subprocess.run(
        [fresh, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        env=CLEAN,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "dependencies.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n", encoding="utf-8"
    )
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(fresh), "install", "-q", "--no-deps", wheel],
        env=CLEAN,
        check=True,
        capture_output=True,
    )
    return env / "bin"


def kzkg(bin_dir: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(bin_dir / "kzkg"), *args],
        cwd=cwd,
        env=CLEAN,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_installed_kzkg_is_the_wheel_not_the_checkout(installed, tmp_path, root):
    where = subprocess.run(
        [installed / "python", "-c", "import kzkg; print(kzkg.__file__)"],
        cwd=tmp_path,
        env=CLEAN,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert Path(where).is_relative_to(installed.parent), f"kzkg imported from {where}"
    assert not Path(where).is_relative_to(root)


def test_a_wheel_builds_validates_and_queries_from_another_folder(installed, tmp_path, root):
    seeds, dist, elsewhere = tmp_path / "seeds", tmp_path / "out", tmp_path / "elsewhere"
    shutil.copytree(root / "seeds", seeds)
    elsewhere.mkdir()

    built = kzkg(installed, elsewhere, "build", "--seeds", str(seeds), "--dist", str(dist))
    assert built.returncode == 0, built.stderr
    for name in ("kzkg.ttl", "kzkg.trig", "kzkg.nt", "kzkg.jsonld"):
        assert (dist / name).read_bytes() == (root / "dist" / name).read_bytes(), (
            f"{name} from the wheel differs from the checkout's dist/"
        )

    checked = kzkg(installed, elsewhere, "validate", "--seeds", str(seeds))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("conforms"), checked.stdout

    listed = kzkg(installed, elsewhere, "query", "--list")
    assert listed.returncode == 0, listed.stderr
    names = {line.split()[0] for line in listed.stdout.splitlines() if line.strip()}
    assert names == {path.stem for path in (root / "queries").glob("*.rq")}

    graph = str(dist / "kzkg.ttl")
    answer = kzkg(
        installed, elsewhere, "query", "claims-by-person", "-p", "name=Kosanov",
        "--graph", graph, "--format", "json",
    )  # fmt: skip
    assert answer.returncode == 0, answer.stderr
    rows = json.loads(answer.stdout)["rows"]
    assert rows and all("Kosanov" in row[0] for row in rows), rows
