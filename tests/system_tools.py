"""Install the system programs some tests need (raptor, serd, Chromium, Virtuoso) with Debian's apt.

The project's machines are fresh Debian 12 boxes where the tests run as root, so the test setup
installs what it needs instead of asking a person to: a green run must not depend on something
installed by hand. Where apt cannot be used (not Debian, not root) the calling test is skipped
with the reason; an apt that runs and fails is an error, not a skip.

Each install is one call that a setup step can also make before the tests, e.g.
``python tests/system_tools.py rapper serdi chromium virtuoso-t isql-vt``.
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

APT_TIMEOUT = 900  # seconds; Chromium and its libraries are a large download
# The Debian package that provides each command the tests run.
PACKAGES = {"rapper": "raptor2-utils", "serdi": "serdi", "chromium": "chromium"}
# Virtuoso 7's server and its SQL client, without the Debian service that would start a second
# server on every interface with the package's own database: the tests start their own.
PACKAGES |= {"virtuoso-t": "virtuoso-opensource-7-bin", "isql-vt": "virtuoso-opensource-7-bin"}
_updated = False


def _installed(name: str) -> bool:
    done = subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True, check=False
    )
    return done.returncode == 0 and done.stdout.strip() == "install ok installed"


def _apt(*args: str) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = subprocess.run(
        # Other test runs on the machine may hold dpkg's lock: wait for it instead of failing.
        ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=600", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=APT_TIMEOUT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"apt-get {' '.join(args)} failed:\n{done.stderr.strip()[-2000:]}")


def ensure_apt_packages(*names: str) -> None:
    """Make sure the Debian packages ``names`` are installed, installing the missing ones.

    Runs ``apt-get update`` (once per test session) and ``apt-get install -y`` only when a
    package is missing. Skips the calling test when apt is not available or we are not root.
    """
    global _updated
    missing = [name for name in names if not (shutil.which("dpkg-query") and _installed(name))]
    missing = list(dict.fromkeys(missing))
    if not missing:
        return
    if not shutil.which("apt-get") or not shutil.which("dpkg-query"):
        pytest.skip(f"needs the Debian packages {', '.join(missing)}, and apt-get is not available")
    if os.geteuid() != 0:
        pytest.skip(f"needs the Debian packages {', '.join(missing)}; installing them needs root")
    if not _updated:
        _apt("update")
        _updated = True
    _apt("install", "-y", *missing)


def require(*commands: str) -> None:
    """Make sure each command is on PATH, installing its Debian package (PACKAGES) if not."""
    missing = [command for command in commands if not shutil.which(command)]
    unknown = [command for command in missing if command not in PACKAGES]
    if unknown:
        raise RuntimeError(f"no Debian package known for {', '.join(unknown)}: add it to PACKAGES")
    if missing:
        ensure_apt_packages(*(PACKAGES[command] for command in missing))
    still = [command for command in commands if not shutil.which(command)]
    if still:
        raise RuntimeError(f"installed, yet not on PATH: {', '.join(still)}")


def ensure_chromium() -> str:
    """The path of Debian's Chromium, installed first if it is missing."""
    require("chromium")
    return shutil.which("chromium") or "chromium"


def ensure_virtuoso() -> tuple[str, str]:
    """The paths of Virtuoso 7's server (virtuoso-t) and SQL client (isql-vt), installed first."""
    require("virtuoso-t", "isql-vt")
    return shutil.which("virtuoso-t") or "virtuoso-t", shutil.which("isql-vt") or "isql-vt"


if __name__ == "__main__":
    import sys

    require(*sys.argv[1:])
