"""Benchmarks of issue 6: the kzkg pipeline against the plain rdflib + pyshacl way, by corpus size.

Every step runs in a fresh process, so that its peak memory (``ru_maxrss`` from ``os.wait4``) is
its own and no step warms a cache for the next. Times are given as wall and CPU (user + sys)
seconds: the machine may be busy with other work, and CPU time is what a step costs whatever the
load. The plain way needs minutes of pyshacl for ~30 000 triples, so it runs only up to
``--plain-max`` articles and is extrapolated linearly in triples beyond, marked ``~``.

    python benchmarks/run.py --sizes 100,1000,10000 [--plain-max 100] [--repeat 5]

prints the tables and writes benchmarks/results.json. ``seeds`` as a size is the real corpus.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from report import print_report
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TimeElapsedColumn

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KZKG = [sys.executable, "-m", "kzkg"]
STEP = [sys.executable, str(HERE / "steps.py")]
PARAMS = "benchmark-params.json"  # written by generate.py beside the corpus


def measure(argv: list[str], timeout: float) -> dict[str, Any]:
    """Run ``argv`` in a fresh process: wall and CPU seconds, peak MB, its JSON output if any."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, cwd=ROOT)
        expired = threading.Event()
        timer = threading.Timer(timeout, lambda: (expired.set(), process.kill()))
        timer.start()
        _, status, usage = os.wait4(process.pid, 0)  # the rusage of this child alone
        timer.cancel()
        process.returncode = os.waitstatus_to_exitcode(status)
        result: dict[str, Any] = {
            "wall": time.perf_counter() - started,
            "cpu": usage.ru_utime + usage.ru_stime,
            "peak_mb": usage.ru_maxrss / 1024,
        }
        out.seek(0)
        err.seek(0)
        lines = out.read().decode().splitlines()
        result["output"] = [json.loads(line) for line in lines if line.startswith("{")]
        if process.returncode != 0:
            why = f"timed out after {timeout:.0f} s" if expired.is_set() else ""
            result["error"] = why or err.read().decode().strip()[-500:]
        return result


def steps(seeds: Path, dist: Path, plain_dist: Path, repeat: int) -> dict[str, list[str]]:
    """The command of each step; a ``plain `` step does the work of the step it is named after."""
    ttl, params = str(dist / "kzkg.ttl"), str(seeds / PARAMS) if (seeds / PARAMS).exists() else ""
    return {
        "build": [*KZKG, "build", "-q", "--seeds", str(seeds), "--dist", str(dist)],
        "build --no-validate": [
            *KZKG,
            "build",
            "-q",
            "--no-validate",
            "--seeds",
            str(seeds),
            "--dist",
            str(dist),
        ],
        "validate": [*KZKG, "validate", "-q", "--seeds", str(seeds)],
        "load": [*STEP, "load", ttl],
        "queries": [*STEP, "queries", ttl, params, str(repeat)],
        "plain build --no-validate": [*STEP, "plain-build", str(seeds), str(plain_dist)],
        "plain validate": [*KZKG, "validate", "-q", "--engine", "pyshacl", "--seeds", str(seeds)],
        "plain load": [*STEP, "plain-load", ttl],
        "plain queries": [*STEP, "plain-queries", ttl, params, str(repeat)],
    }


def corpus(size: str, work: Path, seed: int) -> Path:
    """The seeds folder of a size: the real seeds, or a synthetic corpus generated once."""
    if size == "seeds":
        return ROOT / "seeds"
    folder = work / f"corpus-{size}-seed{seed}"
    if not (folder / PARAMS).exists():
        generate = [sys.executable, str(HERE / "generate.py"), "--articles", size]
        subprocess.run([*generate, "--seed", str(seed), "--out", str(folder)], check=True)
    return folder


def summarise(result: dict[str, Any]) -> dict[str, Any]:
    """Per-query p50 and max (wall and CPU) from the queries step's repeated runs; the queries
    a timeout cut off are reported as such."""
    summary: dict[str, Any] = {}
    for runs in result["output"]:
        name = runs.pop("query")
        if "error" in runs:
            summary[name] = {"error": runs["error"]}
            continue
        summary[name] = {
            "p50": statistics.median(runs["wall"]),
            "max": max(runs["wall"]),
            "cpu_p50": statistics.median(runs["cpu"]),
            "cpu_max": max(runs["cpu"]),
            "rows": runs["rows"],
            "runs": len(runs["wall"]),
        }
    if "error" in result:
        summary["(the rest)"] = {"error": result["error"]}
    return summary


def bench(size: str, args: argparse.Namespace, progress: Progress) -> dict[str, Any]:
    seeds = corpus(size, args.work, args.seed)
    dist, plain_dist = args.work / f"dist-{size}", args.work / f"plain-dist-{size}"
    plain = size == "seeds" or int(size) <= args.plain_max
    found: dict[str, Any] = {"steps": {}, "queries": {}}
    for name, argv in steps(seeds, dist, plain_dist, args.repeat).items():
        if name.startswith("plain") and not plain:
            continue
        task = progress.add_task(f"{size}: {name}", total=None)
        result = measure(argv, args.timeout)
        progress.remove_task(task)
        if name.endswith("queries"):
            found["queries"][name.split()[0] if " " in name else "fast"] = summarise(result)
            found["steps"][name] = {k: v for k, v in result.items() if k != "output"}
            continue
        inner = (result.pop("output") or [{}])[0]
        if "wall" in inner:  # a step that timed its own work: drop interpreter start-up
            result |= {"wall": inner["wall"], "cpu": inner["cpu"]}
        found["triples"] = inner.get("triples", found.get("triples"))
        found["steps"][name] = result
    found["articles"] = len(list(seeds.glob("*.yaml"))) - 1
    return found


def extrapolate(results: dict[str, dict[str, Any]], plain_max: int) -> None:
    """Fill the plain steps of large sizes from the largest measured one, linearly in triples."""
    measured = [s for s in results if s != "seeds" and int(s) <= plain_max]
    if not measured:
        return
    base = results[max(measured, key=int)]
    for size, found in results.items():
        if size == "seeds" or int(size) <= plain_max or not found.get("triples"):
            continue
        factor = found["triples"] / base["triples"]
        for name, step in base["steps"].items():
            if name.startswith("plain") and "error" not in step:
                scaled = {k: step[k] * factor for k in ("wall", "cpu", "peak_mb")}
                found["steps"][name] = scaled | {"extrapolated_from": max(measured, key=int)}
        found["queries"]["plain"] = {
            name: {
                k: (v * factor if k in ("p50", "max", "cpu_p50", "cpu_max") else v)
                for k, v in query.items()
            }
            | {"extrapolated": True}
            for name, query in base["queries"].get("plain", {}).items()
        }


def machine() -> dict[str, Any]:
    versions = {p: importlib.metadata.version(p) for p in ("pyoxigraph", "rdflib", "pyshacl")}
    git = ["git", "-C", str(ROOT), "describe", "--always", "--dirty"]
    return {
        "commit": subprocess.run(git, capture_output=True, text=True).stdout.strip(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": os.getloadavg()[0],
        **versions,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark kzkg against the plain way.")
    parser.add_argument(
        "--sizes",
        default="seeds,100,1000,10000",
        help="comma-separated article counts; 'seeds' is the real corpus",
    )
    parser.add_argument(
        "--plain-max",
        type=int,
        default=100,
        help="largest size the plain way is run at; extrapolated beyond",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each canned query")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpora")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds allowed a step")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kzkg-bench")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    sizes = args.sizes.split(",")
    if any(s != "seeds" and int(s) > args.plain_max for s in sizes) and not any(
        s != "seeds" and int(s) <= args.plain_max for s in sizes
    ):
        sizes.insert(0, str(args.plain_max))  # the plain way needs one measured size
    args.work.mkdir(parents=True, exist_ok=True)
    console = Console(stderr=True)
    results: dict[str, Any] = {}
    report = {
        "command": " ".join(["python benchmarks/run.py", *(argv or sys.argv[1:])]),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "repeat": args.repeat,
        "sizes": results,
    }
    columns = [SpinnerColumn(), *Progress.get_default_columns()[:1], TimeElapsedColumn()]
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        for size in sizes:
            results[size] = bench(size, args, progress)
    extrapolate(results, args.plain_max)
    report["machine"]["load_average_end"] = os.getloadavg()[0]
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    out = Console()
    print_report(report, out if out.is_terminal else Console(width=160))


if __name__ == "__main__":
    main()
