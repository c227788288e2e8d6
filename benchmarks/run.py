"""Benchmarks of issue 6: the kzkg pipeline against the plain rdflib + pyshacl way, by corpus size.

Every step runs in a fresh process, so that its peak memory (``ru_maxrss`` from ``os.wait4``) is
its own and no step warms a cache for the next; each canned query gets a process of its own too,
so that one slow query cannot hide the others behind a timeout. Times are wall and CPU
(user + sys) seconds: the machine may be busy with other work, and CPU time is what a step costs
whatever the load. The plain way needs minutes for a few ten thousand triples, so it runs only
up to ``--plain-max`` articles and is extrapolated linearly in triples beyond, marked ``~``.

    python benchmarks/run.py --sizes seeds,100,1000,10000 [--plain-max 100] [--repeat 5]

prints the tables (report.py) and writes benchmarks/results.json. ``seeds`` is the real corpus,
a number a synthetic corpus of that many articles (generate.py), made once in ``--work``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import platform
import shutil
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
from rich.progress import Progress, TimeElapsedColumn

import kzkg.load.text as text_module
from kzkg.data import ONTOLOGY
from kzkg.load.seeds import REGISTRY_FILE

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
KZKG = [sys.executable, "-m", "kzkg"]
STEP = [sys.executable, str(HERE / "steps.py")]
PARAMS = "benchmark-params.json"  # written by generate.py beside the corpus
STAMP = "generator.sha256"  # written beside it by corpus(): the generator that made it
GENERATOR = [HERE / name for name in ("generate.py", "registry.py", "articles.py", "vocabulary.py")]
QUERIES = sorted(path.stem for path in (ROOT / "queries").glob("*.rq"))


def measure(argv: list[str], timeout: float) -> dict[str, Any]:
    """Run ``argv`` in a fresh process: wall and CPU seconds, peak MB and its JSON lines."""
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


def steps(size: str, seeds: Path, dist: Path, plain_dist: Path) -> dict[str, list[str]]:
    """The command of each step; ``plain …`` does the work of the kzkg step it is named after.
    ``build`` with validation only on the real seeds: on synthetic corpora it is the sum of
    ``build --no-validate`` and ``validate``, and would double the longest runs."""
    ttl, where = str(dist / "kzkg.ttl"), ["--seeds", str(seeds)]
    found = (
        {"build": [*KZKG, "build", "-q", *where, "--dist", str(dist)]} if size == "seeds" else {}
    )
    return found | {
        "build --no-validate": [*KZKG, "build", "-q", "--no-validate", *where, "--dist", str(dist)],
        "validate": [*KZKG, "validate", "-q", *where],
        "load": [*STEP, "load", ttl],
        "plain build --no-validate": [*STEP, "plain-build", str(seeds), str(plain_dist)],
        "plain validate": [*KZKG, "validate", "-q", "--engine", "pyshacl", *where],
        "plain load": [*STEP, "plain-load", ttl],
    }


def generator_digest() -> str:
    """What a synthetic corpus depends on: the generator's modules, the kzkg tokenizer it places
    quotes with, and the ontology it reads its stances and roles from. A corpus made by another version is made again, never measured."""
    digest = hashlib.sha256()
    for path in [*GENERATOR, Path(text_module.__file__), ONTOLOGY]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def corpus(size: str, work: Path, seed: int) -> Path:
    """The seeds folder of a size: the real seeds, or a synthetic corpus generated once for
    this version of the generator."""
    if size == "seeds":
        return ROOT / "seeds"
    folder = work / f"corpus-{size}-seed{seed}"
    stamp, digest = folder / STAMP, generator_digest()
    made = (folder / PARAMS).exists() and stamp.exists() and stamp.read_text() == digest
    if not made:
        shutil.rmtree(folder, ignore_errors=True)
        generate = [sys.executable, str(HERE / "generate.py"), "--articles", size]
        subprocess.run([*generate, "--seed", str(seed), "--out", str(folder)], check=True)
        stamp.write_text(digest)
    return folder


def query(argv: list[str], timeout: float) -> dict[str, Any]:
    """p50 and max (wall and CPU) of one canned query's repeated runs, or why there are none."""
    result = measure(argv, timeout)
    if "error" in result:
        return {"error": result["error"], "peak_mb": result["peak_mb"]}
    runs = result["output"][0]
    if "error" in runs:
        return runs
    return {
        "p50": statistics.median(runs["wall"]),
        "max": max(runs["wall"]),
        "cpu_p50": statistics.median(runs["cpu"]),
        "cpu_max": max(runs["cpu"]),
        "rows": runs["rows"],
        "runs": len(runs["wall"]),
        "peak_mb": result["peak_mb"],
    }


def bench(size: str, args: argparse.Namespace, progress: Progress) -> dict[str, Any]:
    """Every step and every canned query at one size, kzkg's way and (when small) the plain way."""
    seeds = corpus(size, args.work, args.seed)
    dist, plain_dist = args.work / f"dist-{size}", args.work / f"plain-dist-{size}"
    for built in (dist, plain_dist):  # a step that fails must not leave an older run's output
        shutil.rmtree(built, ignore_errors=True)
    plain = size == "seeds" or int(size) <= args.plain_max
    articles = sorted(p for p in seeds.glob("*.yaml") if p.name != REGISTRY_FILE)
    found: dict[str, Any] = {"articles": len(articles), "steps": {}}
    for name, argv in steps(size, seeds, dist, plain_dist).items():
        if name.startswith("plain") and not plain:
            continue
        task = progress.add_task(f"{size}: {name}")
        result = measure(argv, args.timeout)
        progress.remove_task(task)
        inner = (result.pop("output") or [{}])[0]
        if "wall" in inner:  # a step that timed its own work: leave out interpreter start-up
            result |= {"wall": inner["wall"], "cpu": inner["cpu"]}
        found["triples"] = inner.get("triples", found.get("triples"))
        found["steps"][name] = result
    params = str(seeds / PARAMS) if (seeds / PARAMS).exists() else ""
    found["queries"] = {"fast": {}, "plain": {}} if plain else {"fast": {}}
    for side, sub in found["queries"].items():
        step = "queries" if side == "fast" else "plain-queries"
        task = progress.add_task(f"{size}: {step}", total=len(QUERIES))
        for name in QUERIES:
            argv = [*STEP, step, str(dist / "kzkg.ttl"), params, str(args.repeat), name]
            sub[name] = query(argv, args.query_timeout)
            progress.advance(task)
        progress.remove_task(task)
    return found


def extrapolate(results: dict[str, dict[str, Any]], plain_max: int) -> None:
    """Fill the plain way of large sizes from the largest measured size, linearly in triples."""
    measured = [s for s in results if s != "seeds" and int(s) <= plain_max]
    if not measured:
        return
    base_size = max(measured, key=int)
    base = results[base_size]
    for size, found in results.items():
        if size == "seeds" or int(size) <= plain_max or not found.get("triples"):
            continue
        factor = found["triples"] / base["triples"]
        scaled = ("wall", "cpu", "peak_mb", "p50", "max", "cpu_p50", "cpu_max")
        for name, step in base["steps"].items():
            if name.startswith("plain") and "error" not in step:
                found["steps"][name] = {k: step[k] * factor for k in scaled if k in step}
                found["steps"][name]["extrapolated_from"] = base_size
        found["queries"]["plain"] = {
            name: {k: v * factor if k in scaled else v for k, v in q.items()}
            | {"extrapolated_from": base_size}
            for name, q in base["queries"]["plain"].items()
            if "error" not in q
        }


def commit() -> str:
    """The commit measured, ``-dirty`` if anything but an earlier run's results is changed."""
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    results = str(HERE.relative_to(ROOT) / "results.json")
    changed = subprocess.run(
        [*git, "status", "--porcelain", "--untracked-files=no", "--", ".", f":!{results}"],
        capture_output=True,
        text=True,
    )
    return head.stdout.strip() + ("-dirty" if changed.stdout.strip() else "")


def machine() -> dict[str, Any]:
    return {
        "commit": commit(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": os.getloadavg()[0],
        **{p: importlib.metadata.version(p) for p in ("pyoxigraph", "rdflib", "pyshacl")},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Benchmark kzkg against the plain way.")
    parser.add_argument(
        "--sizes",
        default="seeds,100,1000,10000",
        help="comma-separated article counts; 'seeds' is the real corpus",
    )
    parser.add_argument(
        "--plain-max", type=int, default=100, help="largest size the plain way runs at"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of each canned query")
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic corpora")
    parser.add_argument("--timeout", type=float, default=7200, help="seconds allowed a step")
    parser.add_argument(
        "--query-timeout", type=float, default=600, help="seconds allowed one query's runs"
    )
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kzkg-bench")
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    args = parser.parse_args(argv)
    sizes = args.sizes.split(",")
    synthetic = [int(s) for s in sizes if s != "seeds"]
    if synthetic and min(synthetic) > args.plain_max:
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
    columns = [*Progress.get_default_columns()[:2], TimeElapsedColumn()]
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        for size in sizes:
            results[size] = bench(size, args, progress)
            args.out.write_text(json.dumps(report, indent=1) + "\n")  # keep what is done
    extrapolate(results, args.plain_max)
    report["machine"] |= {"load_average_end": os.getloadavg()[0], "commit_end": machine()["commit"]}
    args.out.write_text(json.dumps(report, indent=1) + "\n")
    out = Console()
    print_report(report, out if out.is_terminal else Console(width=160))


if __name__ == "__main__":
    main()
