"""Where ``kzkg build`` spends its CPU time: cProfile of one build, summarised for a reader.

cProfile's default clock is the wall clock, which on a busy machine charges other processes'
work to whatever was running; this profiles with ``time.process_time``. Library time (rdflib,
pyoxigraph, re, yaml, built-ins) is charged to the kzkg function that called it, so that every
second lands on a line of kzkg a maintainer can change.

    python benchmarks/hotspots.py --seeds /tmp/kzkg-bench/corpus-1000-seed1 [--top 20]
    python benchmarks/hotspots.py --seeds /tmp/kzkg-bench/corpus-1000-seed1 --steps  # no profiler
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import os
import pstats
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from rich.console import Console

from kzkg.pipeline.steps import build
from kzkg.runtime.progress import Silent

Function = tuple[str, int, str]  # pstats' (file, line, name)
# Pipeline step → the (module, function) pairs whose cumulative time it is. The module counts:
# validate.validate_ntriples calls shacl.validate_ntriples, and a name alone would count twice.
STEPS = {
    "read + resolve": (("load/seeds.py", "read_seeds"), ("load/corpus.py", "resolve")),
    "convert + order": (
        ("convert/graphs.py", "convert_graphs"),
        ("formats/serialize.py", "from_graphs"),
    ),
    "validate": (("validate/engines.py", "validate_lines"),),
    "write": (("formats/serialize.py", "write_ordered"),),
}


def is_kzkg(function: Function) -> bool:
    return "/kzkg/" in function[0]


def owner(function: Function, stats: dict) -> Function:
    """The kzkg function on whose behalf ``function`` ran: follow the costliest caller up."""
    for _ in range(50):
        callers = stats[function][4]
        if is_kzkg(function) or not callers:
            return function
        function = max(callers, key=lambda caller: callers[caller][3])
    return function


def name(function: Function) -> str:
    path, line, func = function
    if is_kzkg(function):
        return f"kzkg/{path.rsplit('/kzkg/', 1)[1]}:{line} {func}"
    return func if path == "~" else f"{Path(path).name}:{line} {func}"


class StepClock(Silent):
    """Progress that times each step of a build: wall seconds, and CPU seconds of this process
    and of the processes it forked (writers, the SPARQL half of validation) apart."""

    def __init__(self) -> None:
        self.rows: list[tuple[str, float, float, float]] = []
        self._step, self._mark = "", self._now()

    @staticmethod
    def _now() -> tuple[float, float, float]:
        own, forked = (
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        )
        return time.perf_counter(), own.ru_utime + own.ru_stime, forked.ru_utime + forked.ru_stime

    def __call__(self, step: str, total: int | None = None) -> None:
        now = self._now()
        if self._step:
            self.rows.append((self._step, *(a - b for a, b in zip(now, self._mark, strict=True))))
        self._step, self._mark = step, now


def timed_steps(seeds: Path, *, validate: bool) -> None:
    clock = StepClock()
    with tempfile.TemporaryDirectory() as dist:
        build(seeds, Path(dist), validate=validate, progress=clock, jobs=os.cpu_count() or 1)
        clock("")  # ends the last step
    print(f"{'step':<10} {'wall':>7} {'CPU here':>9} {'CPU forked':>11}")
    for step, wall, here, forked in clock.rows:
        print(f"{step:<10} {wall:7.2f} {here:9.2f} {forked:11.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description="Profile kzkg build (CPU time).")
    parser.add_argument("--seeds", type=Path, required=True)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--no-validate", action="store_true")
    parser.add_argument(
        "--steps",
        action="store_true",
        help="no profiler: the wall and CPU seconds of each step, this process and its children",
    )
    args = parser.parse_args()
    if args.steps:
        timed_steps(args.seeds, validate=not args.no_validate)
        return
    profiler = cProfile.Profile(time.process_time)
    console = Console(stderr=True)
    with (
        tempfile.TemporaryDirectory() as dist,
        console.status(f"profiling kzkg build of {args.seeds}", spinner="dots")
        if console.is_terminal
        else contextlib.nullcontext(),
    ):
        profiler.runcall(build, args.seeds, Path(dist), validate=not args.no_validate)
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(entry[2] for entry in stats.values())
    print(f"CPU seconds: {total:.1f} in all")
    for step, functions in STEPS.items():
        spent = sum(
            v[3]
            for f, v in stats.items()
            if any(
                f[0].endswith(f"/kzkg/{module}") and f[2] == called for module, called in functions
            )
        )
        print(f"  {step:<16} {spent:7.1f}")
    charged: dict[Function, float] = defaultdict(float)
    for function, entry in stats.items():
        charged[owner(function, stats)] += entry[2]
    modules: dict[str, float] = defaultdict(float)
    for function, seconds in charged.items():
        modules[name(function).split(":")[0] if is_kzkg(function) else "(outside kzkg)"] += seconds
    print("By module (library time charged to the kzkg caller):")
    for module, seconds in sorted(modules.items(), key=lambda item: -item[1])[:12]:
        print(f"  {seconds:7.1f}  {seconds / total:4.0%}  {module}")
    print(f"Top {args.top} functions by own time + the library time they caused:")
    for function, seconds in sorted(charged.items(), key=lambda item: -item[1])[: args.top]:
        print(f"  {seconds:7.1f}  {seconds / total:4.0%}  {name(function)}")
    print(f"Top {args.top} functions by own time alone (who calls them most):")
    for function, entry in sorted(stats.items(), key=lambda item: -item[1][2])[: args.top]:
        caller = owner(function, stats)
        via = "" if caller == function else f"  ← {name(caller)}"
        print(f"  {entry[2]:7.1f}  {entry[1]:>9} calls  {name(function)}{via}")


if __name__ == "__main__":
    main()
