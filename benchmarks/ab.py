"""Before and after: one ``kzkg`` command in two checkouts, run in turn, CPU seconds of each.

    python benchmarks/ab.py --before ../kzkg-old --after . --runs 10 -- validate -q
    python benchmarks/ab.py --before ../kzkg-old --after . --runs 5 \\
        --seeds-before /tmp/old/corpus-1000-seed1 --seeds-after /tmp/new/corpus-1000-seed1 \\
        -- build --no-validate --dist /tmp/ab-dist -q

Each checkout runs with its own ``.venv``. The two are alternated, run by run, so that a machine
whose speed drifts (a shared virtual machine does, by half within an hour) slows both alike;
run.py's tables, one size after another, cannot compare two versions that finely. A change
that does not move the medians beyond their spread moved nothing measurable. ``--seeds-*``
adds ``--seeds DIR`` to each side, for corpora that each version's own generator made, and
``--args-before`` options only the old version needs.
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
from pathlib import Path


def cpu_seconds(checkout: Path, args: list[str]) -> float:
    """User + system CPU of one ``python -m kzkg ARGS`` in ``checkout``, its children included."""
    python = checkout / ".venv" / "bin" / "python"
    process = subprocess.Popen(
        [str(python), "-m", "kzkg", *args], cwd=checkout, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{checkout}: kzkg {' '.join(args)} failed")
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="checkout of the old version")
    parser.add_argument("--after", type=Path, required=True, help="checkout of the new version")
    parser.add_argument("--runs", type=int, default=10, help="runs of each side")
    parser.add_argument("--seeds-before", type=Path, help="--seeds for the old version")
    parser.add_argument("--seeds-after", type=Path, help="--seeds for the new version")
    parser.add_argument(
        "--args-before",
        default="",
        help="options only the old version needs, e.g. '--no-cache' for one that had a cache",
    )
    parser.add_argument("command", nargs="+", help="the kzkg command, after --")
    options = parser.parse_args()
    sides = {
        "before": (
            options.before.resolve(),
            options.seeds_before,
            shlex.split(options.args_before),
        ),
        "after": (options.after.resolve(), options.seeds_after, []),
    }
    times: dict[str, list[float]] = {side: [] for side in sides}
    for _ in range(options.runs):
        for side, (checkout, seeds, own) in sides.items():
            extra = ["--seeds", str(seeds.resolve())] if seeds else []
            times[side].append(cpu_seconds(checkout, [*options.command, *extra, *own]))
    print(f"kzkg {' '.join(options.command)}: CPU seconds, {options.runs} runs each, alternated")
    for side, found in times.items():
        spread = " ".join(f"{t:.2f}" for t in found)
        print(f"  {side:6} median {statistics.median(found):.2f}, min {min(found):.2f} ({spread})")
    change = statistics.median(times["after"]) / statistics.median(times["before"]) - 1
    print(f"  change of the median: {change:+.0%}")


if __name__ == "__main__":
    main()
