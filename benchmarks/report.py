"""The tables run.py prints from its results: steps, canned queries, and issue 6's targets.

Apart from run.py so that a saved results.json can be printed again without re-running:

    python benchmarks/report.py benchmarks/results.json [--markdown]

``--markdown`` prints the same tables as Markdown, the form benchmarks/README.md quotes them in.

``~`` marks a figure extrapolated from a smaller corpus (the plain way, beyond ``--plain-max``).
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

Step = dict[str, Any]
PAIRS = [  # (kzkg step, the plain way of doing the same work)
    ("build --no-validate", "plain build --no-validate"),
    ("validate", "plain validate"),
    ("load", "plain load"),
]


def estimated(step: Step) -> bool:
    return "extrapolated_from" in step or bool(step.get("extrapolated"))


def figure(step: Step | None, key: str, digits: int = 2) -> str:
    if not step or (key not in step and "error" not in step):
        return ""
    if "error" in step:
        return "timed out" if "timed out" in step["error"] else "error"
    return f"{'~' if estimated(step) else ''}{step[key]:.{digits}f}"


def query_total(queries: dict[str, Step]) -> Step | None:
    """Every canned query run once: the sum of their p50s, wall and CPU."""
    if not queries or any("error" in q for q in queries.values()):
        return None
    total = {"wall": sum(q["p50"] for q in queries.values())}
    total["cpu"] = sum(q["cpu_p50"] for q in queries.values())
    return total | {"extrapolated": any(estimated(q) for q in queries.values())}


def pipeline(found: dict[str, Any], side: str) -> Step | None:
    """Build, validate, load and every query once: the whole job, kzkg's or the plain way."""
    names = [fast if side == "fast" else plain for fast, plain in PAIRS]
    parts = [found["steps"].get(n) for n in names]
    parts.append(query_total(found["queries"].get(side, {})))
    if any(p is None or "error" in p for p in parts):
        return None
    total = {key: sum(p[key] for p in parts) for key in ("wall", "cpu")}  # type: ignore[index]
    return total | {"extrapolated": any(estimated(p) for p in parts)}  # type: ignore[arg-type]


def ratio(fast: Step | None, plain: Step | None) -> str:
    if not fast or not plain or "error" in fast or "error" in plain or not fast["cpu"]:
        return ""
    return f"{'~' if estimated(plain) else ''}{plain['cpu'] / fast['cpu']:.1f}×"


def steps_table(sizes: dict[str, Any]) -> Table:
    table = Table(title="Steps: seconds (wall, CPU) and peak MB; ratio = plain CPU ÷ kzkg CPU")
    for column in ("size", "triples", "step", "wall", "CPU", "MB"):
        table.add_column(column, justify="left" if column in ("size", "step") else "right")
    for column in ("plain wall", "plain CPU", "plain MB", "ratio"):
        table.add_column(column, justify="right")
    for size, found in sizes.items():
        steps, queries = found["steps"], found["queries"]
        rows = [("build", steps["build"], None)] if "build" in steps else []
        rows += [(fast, steps.get(fast), steps.get(plain)) for fast, plain in PAIRS]
        rows.append(
            (
                "queries (Σ p50)",
                query_total(queries.get("fast", {})),
                query_total(queries.get("plain", {})),
            )
        )
        rows.append(("whole pipeline", pipeline(found, "fast"), pipeline(found, "plain")))
        for n, (name, fast, plain) in enumerate(rows):
            table.add_row(
                size if n == 0 else "",
                f"{found.get('triples') or 0:,}" if n == 0 else "",
                name,
                figure(fast, "wall"),
                figure(fast, "cpu"),
                figure(fast, "peak_mb", 0),
                figure(plain, "wall"),
                figure(plain, "cpu"),
                figure(plain, "peak_mb", 0),
                ratio(fast, plain),
                end_section=n == len(rows) - 1,
            )
    return table


def queries_table(sizes: dict[str, Any], repeat: int) -> Table:
    table = Table(
        title="Canned queries: wall p50 / max ms, (CPU p50 ms), rows; plain: wall p50 / max"
    )
    table.add_column("query")
    for size in sizes:
        table.add_column(size, justify="right")
    plain_sizes = [size for size, found in sizes.items() if found["queries"].get("plain")]
    for size in plain_sizes:
        table.add_column(f"plain {size}", justify="right")

    def cell(query: Step | None, ours: Step | None = None) -> str:
        if not query or "error" in query:
            return figure(query, "p50")
        text = f"{'~' if estimated(query) else ''}{query['p50'] * 1000:.0f} / {query['max'] * 1000:.0f}"
        if ours is None:  # one of ours: add CPU, rows and fewer runs than asked for
            runs = f" ×{query['runs']}" if query.get("runs", repeat) < repeat else ""
            return f"{text} ({query['cpu_p50'] * 1000:.0f}) {query['rows']}r{runs}"
        differs = not estimated(query) and query["rows"] != ours.get("rows")
        return text + (f" ≠ {query['rows']}r" if differs else "")  # rdflib disagrees on rows

    names = sorted({name for found in sizes.values() for name in found["queries"].get("fast", {})})
    for name in names:
        cells = [cell(found["queries"].get("fast", {}).get(name)) for found in sizes.values()]
        for size in plain_sizes:
            queries = sizes[size]["queries"]
            ours = queries.get("fast", {}).get(name) or {}
            cells.append(cell(queries["plain"].get(name), ours))
        table.add_row(name, *cells)
    return table


Measured = tuple[float | None, float | None]  # (wall, CPU); a value not timed is in both


def targets(sizes: dict[str, Any]) -> list[tuple[str, Measured, float, str]]:
    """(target, (wall, CPU), limit, unit) for each target of issue 6 measurable here; a
    negative limit means "at least". The targets name a 2-core machine, so a step may use both
    cores: wall time is what a user waits, CPU time what a busy machine cannot inflate."""
    found: list[tuple[str, Measured, float, str]] = []
    if "seeds" in sizes:
        build = _both(sizes["seeds"]["steps"].get("build", {}))
        found.append(("seed corpus: kzkg build with validation ≤ 1.5 s", build, 1.5, "s"))
    synthetic = sorted((s for s in sizes if s != "seeds"), key=int)
    if not synthetic:
        return found
    size = synthetic[-1]
    steps, queries = sizes[size]["steps"], sizes[size]["queries"].get("fast", {})
    build, validate = (_both(steps.get(n, {})) for n in ("build --no-validate", "validate"))
    p50, longest = _slowest(queries, "p50", "cpu_p50"), _slowest(queries, "max", "cpu_max")
    own = ("build", *(fast for fast, _ in PAIRS))
    peaks = [steps[n].get("peak_mb", 0) for n in own if n in steps]
    peak = max(peaks + [q.get("peak_mb", 0) for q in queries.values()]) / 1024
    fast, plain = pipeline(sizes[size], "fast"), pipeline(sizes[size], "plain")
    speedups: Measured = (
        (plain["wall"] / fast["wall"], plain["cpu"] / fast["cpu"])
        if fast and plain
        else (None, None)
    )
    found += [
        (f"{size} articles: build ≤ 30 s", build, 30, "s"),
        (f"{size} articles: full validation ≤ 30 s", validate, 30, "s"),
        (f"{size} articles: every query p50 ≤ 50 ms", p50, 50, "ms"),
        (f"{size} articles: every query max ≤ 500 ms", longest, 500, "ms"),
        (f"{size} articles: peak memory ≤ 2 GB", (peak, peak), 2, "GB"),
        (f"{size} articles: whole pipeline ≥ 10× faster than the plain way", speedups, -10, "×"),
    ]
    smallest = next((s for s in synthetic if int(s) >= 100), size)
    for step in ("build --no-validate", "validate") if smallest != size else ():
        cost = [
            sizes[s]["steps"].get(step, {}).get("cpu", 0) / sizes[s]["triples"]
            for s in (smallest, size)
        ]
        growth = cost[1] / cost[0] if cost[0] else None
        found.append(
            (
                f"linear: {step} CPU per triple, {size} ÷ {smallest} ≤ 1.5",
                (growth, growth),
                1.5,
                "×",
            )
        )
    return found


def _both(step: dict[str, float]) -> Measured:
    return step.get("wall"), step.get("cpu")


def _slowest(queries: dict[str, Any], wall: str, cpu: str) -> Measured:
    """The slowest query's figure in ms, wall and CPU; infinite for one that did not finish."""
    worst = [
        max((q.get(key, math.inf) for q in queries.values()), default=None) for key in (wall, cpu)
    ]
    return worst[0] and 1000 * worst[0], worst[1] and 1000 * worst[1]


def targets_table(sizes: dict[str, Any]) -> Table:
    table = Table(title="Targets of issue 6: wall seconds on 2 cores, and CPU seconds (user + sys)")
    for column in ("target", "wall", "met", "CPU", "met"):
        table.add_column(column)
    for target, values, limit, unit in targets(sizes):
        cells: list[str] = []
        for value in values:
            if value is None:
                cells += ["not measured", ""]
                continue
            met = value >= -limit if limit < 0 else value <= limit
            shown = "did not finish" if math.isinf(value) else f"{value:.2f} {unit}"
            cells += [shown, "yes" if met else "NO"]
        table.add_row(target, *cells)
    return table


def header(report: dict[str, Any]) -> str:
    machine = report["machine"]
    return (
        f"{report['command']}\n{report['date']}; kzkg {machine.get('commit', '?')}; "
        f"{machine['cpus']} CPUs, {machine['platform']}, Python {machine['python']}, pyoxigraph "
        f"{machine['pyoxigraph']}, rdflib {machine['rdflib']}, pyshacl {machine['pyshacl']}; "
        f"load average {machine['load_average']:.1f} at the start, "
        f"{machine.get('load_average_end', 0):.1f} at the end"
    )


def tables(report: dict[str, Any]) -> list[Table]:
    sizes = report["sizes"]
    return [steps_table(sizes), queries_table(sizes, report.get("repeat", 5)), targets_table(sizes)]


def print_report(report: dict[str, Any], console: Console) -> None:
    console.print(header(report))
    for table in tables(report):
        console.print(table)


def markdown(report: dict[str, Any]) -> str:
    """The report as Markdown: each table under its title as a bold line."""
    parts = ["```", header(report), "```"]
    for table in tables(report):
        columns = table.columns
        rows = zip(*(list(column.cells) for column in columns), strict=True)
        right = ["---:" if column.justify == "right" else "---" for column in columns]
        parts += [
            "",
            f"**{table.title}**",
            "",
            "| " + " | ".join(str(column.header) for column in columns) + " |",
            "| " + " | ".join(right) + " |",
            *("| " + " | ".join(str(cell) for cell in row) + " |" for row in rows),
        ]
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    loaded = json.loads(Path(sys.argv[1]).read_text())
    if "--markdown" in sys.argv[2:]:
        print(markdown(loaded), end="")
    else:
        out = Console()
        print_report(loaded, out if out.is_terminal else Console(width=160))
