"""Install the system programs the tests use, with Debian's apt: run once before ``pytest``.

    python tests/setup_system.py

The README's test command (and so ``.ci/run``) runs this first. The project's machines are Debian
12 boxes where the tests run as root, so a green run never depends on something installed by
hand. Where apt cannot be used (not Debian, not root) it says what is missing and the tests that
need it are skipped with that reason; an apt that runs and fails is an error (exit 1).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

APT_TIMEOUT = 900  # seconds; Chromium and its libraries are a large download
# The Debian package that provides each command the tests run.
PACKAGES = {
    "rapper": "raptor2-utils",  # a second Turtle/N-Triples/TriG parser (formats)
    "serdi": "serdi",  # a third one
    "chromium": "chromium",  # the explorer in a real browser (site)
    "java": "openjdk-17-jre-headless",  # the HermiT reasoner (validate)
    # Virtuoso 7's server and its SQL client (stores), without the Debian service that would
    # start a second server with the package's own database: the tests start their own.
    "virtuoso-t": "virtuoso-opensource-7-bin",
    "isql-vt": "virtuoso-opensource-7-bin",
}


def missing() -> list[str]:
    """The commands of PACKAGES that are not on PATH."""
    return [command for command in PACKAGES if shutil.which(command) is None]


def install(commands: list[str]) -> None:
    """``apt-get update`` and ``apt-get install -y`` the packages providing ``commands``."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for args in (["update"], ["install", "-y", *(PACKAGES[c] for c in commands)]):
        done = subprocess.run(
            # another run on the machine may hold dpkg's lock: wait for it instead of failing
            ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=600", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=APT_TIMEOUT,
        )
        if done.returncode != 0:
            raise SystemExit(f"apt-get {' '.join(args)} failed:\n{done.stderr.strip()[-2000:]}")


def main() -> int:
    commands = missing()
    if not commands:
        return 0
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        print(
            f"not installed: {', '.join(commands)} (needs apt-get as root); the tests that use "
            "them will be skipped",
            file=sys.stderr,
        )
        return 0
    install(commands)
    still = missing()
    if still:
        raise SystemExit(f"installed, yet not on PATH: {', '.join(still)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
