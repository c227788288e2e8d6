"""The tables run.py prints from its results: steps, queries, growth and issue 6's targets.

Apart from run.py so that a saved results.json can be printed again without re-running:

    python benchmarks/report.py benchmarks/results.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

PAIRS = [  # (kzkg step, the plain way of doing the same work)
    ("build --no-validate", "plain build --no-validate"),
    ("validate", "plain validate"),
    ("load", "plain load"),
    ("queries", "plain queries"),
]


def seconds(step: dict[str, Any] | None, key: str) -> str:
    if not step:
        return ""
    if "error" in step:
        return "error"
    mark = "~" if "extrapolated_from" in step or step.get("extrapolated") else ""
    return f"{mark}{step[key]:.2f}" if key != "peak_mb" else f"{mark}{step[key]:.0f}"


def query_totals(queries: dict[str, Any]) -> dict[str, Any] | None:
    """All canned queries run once each: the sum of their p50s (wall and CPU)."""
    if not queries or any("error" in q for q in queries.values()):
        return None
    total = {
        "wall": sum(q["p50"] for q in queries.values()),
        "cpu": sum(q["cpu_p50"] for q in queries.values()),
    }
    return total | (
        {"extrapolated": True} if any(q.get("extrapolated") for q in queries.values()) else {}
    )


def pipeline(found: dict[str, Any], side: str) -> dict[str, Any] | None:
    """Build, validate, load and every query once: the whole job, kzkg's or the plain way."""
    parts = []
    for fast, plain in PAIRS:
        name = fast if side == "fast" else plain
        if name.endswith("queries"):
            parts.append(query_totals(found["queries"].get(side, {})))
        else:
            parts.append(found["steps"].get(name))
    if any(p is None or "error" in p for p in parts):
        return None
    total = {k: sum(p[k] for p in parts) for k in ("wall", "cpu")}
    return total | (
        {"extrapolated": True}
        if any(p.get("extrapolated") or "extrapolated_from" in p for p in parts)
        else {}
    )


def ratio(fast: dict[str, Any] | None, plain: dict[str, Any] | None) -> str:
    if not fast or not plain or "error" in fast or "error" in plain or not fast["cpu"]:
        return ""
    mark = "~" if "extrapolated_from" in plain or plain.get("extrapolated") else ""
    return f"{mark}{plain['cpu'] / fast['cpu']:.1f}×"


def steps_table(sizes: dict[str, Any]) -> Table:
    table = Table(title="Steps: seconds (wall / CPU) and peak MB; ratio = plain CPU ÷ kzkg CPU")
    for column in (
        "size",
        "triples",
        "step",
        "wall",
        "CPU",
        "MB",
        "plain wall",
        "plain CPU",
        "plain MB",
        "ratio",
    ):
        table.add_column(column, justify="left" if column in ("size", "step") else "right")
    for size, found in sizes.items():
        rows = [("build", found["steps"].get("build"), None)]
        rows += [
            (fast, found["steps"].get(fast), found["steps"].get(plain)) for fast, plain in PAIRS[:3]
        ]
        rows.append(
            (
                "queries (Σ p50)",
                query_totals(found["queries"].get("fast", {})),
                query_totals(found["queries"].get("plain", {})),
            )
        )
        rows.append(("whole pipeline", pipeline(found, "fast"), pipeline(found, "plain")))
        for n, (name, fast, plain) in enumerate(rows):
            table.add_row(
                size if n == 0 else "",
                f"{found.get('triples') or 0:,}" if n == 0 else "",
                name,
                seconds(fast, "wall"),
                seconds(fast, "cpu"),
                seconds(fast, "peak_mb") if fast and "peak_mb" in fast else "",
                seconds(plain, "wall"),
                seconds(plain, "cpu"),
                seconds(plain, "peak_mb") if plain and "peak_mb" in plain else "",
                ratio(fast, plain),
                end_section=n == len(rows) - 1,
            )
    return table


def queries_table(sizes: dict[str, Any], repeat: int) -> Table:
    table = Table(
        title="Canned queries: p50 / max ms (wall; CPU p50 in brackets); ~ = extrapolated"
    )
    table.add_column("query")
    for size in sizes:
        table.add_column(f"{size}", justify="right")
    plain_sizes = [s for s, f in sizes.items() if f["queries"].get("plain")]
    for size in plain_sizes:
        table.add_column(f"plain {size}", justify="right")
    names = sorted({n for f in sizes.values() for n in f["queries"].get("fast", {})})

    def cell(query: dict[str, Any] | None, full: bool) -> str:
        if not query:
            return ""
        if "error" in query:
            return "error"
        mark = "~" if query.get("extrapolated") else ""
        text = f"{mark}{query['p50'] * 1000:.0f} / {query['max'] * 1000:.0f}"
        runs = f" ×{query['runs']}" if query.get("runs", repeat) < repeat else ""
        return f"{text} ({query['cpu_p50'] * 1000:.0f}) {query['rows']}r{runs}" if full else text

    for name in names:
        fast = [cell(f["queries"].get("fast", {}).get(name), True) for f in sizes.values()]
        plain = []
        for size in plain_sizes:
            query = sizes[size]["queries"]["plain"].get(name)
            ours = sizes[size]["queries"].get("fast", {}).get(name, {})
            measured = query and "rows" in query and not query.get("extrapolated")
            differs = measured and query["rows"] != ours.get("rows")
            plain.append(cell(query, False) + (f" ≠ {query['rows']}r" if differs else ""))
        table.add_row(name, *fast, *plain)
    return table


def targets_table(sizes: dict[str, Any]) -> Table:
    """Issue 6's targets, judged on CPU seconds: the load of the machine cannot inflate them."""
    table = Table(title="Targets of issue 6 (judged on CPU time, user + sys)")
    for column in ("target", "measured", "met"):
        table.add_column(column)

    def row(
        target: str, value: float | None, limit: float, unit: str, higher: bool = False
    ) -> None:
        if value is None:
            table.add_row(target, "not measured", "")
            return
        met = value >= limit if higher else value <= limit
        table.add_row(target, f"{value:.2f}{unit}", "yes" if met else "NO")

    if "seeds" in sizes:
        row(
            "seed corpus: kzkg build incl. validation ≤ 1.5 s",
            sizes["seeds"]["steps"].get("build", {}).get("cpu"),
            1.5,
            " s",
        )
    synthetic = [s for s in sizes if s != "seeds"]
    if synthetic:
        largest = max(synthetic, key=int)
        found = sizes[largest]
        steps = found["steps"]
        row(
            f"{largest} articles: build ≤ 30 s",
            steps.get("build --no-validate", {}).get("cpu"),
            30,
            " s",
        )
        row(
            f"{largest} articles: full validation ≤ 30 s",
            steps.get("validate", {}).get("cpu"),
            30,
            " s",
        )
        fast = found["queries"].get("fast", {})
        ok = [q for q in fast.values() if "error" not in q]
        row(
            f"{largest} articles: worst query p50 ≤ 50 ms (CPU)",
            max((q["cpu_p50"] for q in ok), default=None) and max(q["cpu_p50"] for q in ok) * 1000,
            50,
            " ms",
        )
        row(
            f"{largest} articles: worst query max ≤ 500 ms (CPU)",
            max((q["cpu_max"] for q in ok), default=None) and max(q["cpu_max"] for q in ok) * 1000,
            500,
            " ms",
        )
        peaks = [
            s["peak_mb"] for n, s in steps.items() if not n.startswith("plain") and "peak_mb" in s
        ]
        row(f"{largest} articles: peak memory ≤ 2 GB", max(peaks, default=0) / 1024, 2, " GB")
        whole_fast, whole_plain = pipeline(found, "fast"), pipeline(found, "plain")
        speedup = whole_plain["cpu"] / whole_fast["cpu"] if whole_fast and whole_plain else None
        row(
            f"{largest} articles: whole pipeline ≥ 10× the plain way", speedup, 10, "×", higher=True
        )
        smallest = min((s for s in synthetic if int(s) >= 100), key=int, default=None)
        if smallest and smallest != largest and sizes[smallest].get("triples"):
            per = [
                sizes[s]["steps"].get("build", {}).get("cpu", 0) / sizes[s]["triples"]
                for s in (smallest, largest)
            ]
            row(
                f"linear growth: build CPU per triple, {largest} ÷ {smallest} ≤ 1.5",
                per[1] / per[0] if per[0] else None,
                1.5,
                "×",
            )
    table.add_row(
        "one touched article re-validates ≤ 2 s at 10 000", "no incremental path to measure yet", ""
    )
    return table


def print_report(report: dict[str, Any], console: Console) -> None:
    machine = report["machine"]
    console.print(
        f"{report['command']}  ({report['date']}; kzkg {machine.get('commit', '?')}; "
        f"{machine['cpus']} CPUs, {machine['platform']}, "
        f"Python {machine['python']}, pyoxigraph {machine['pyoxigraph']}, rdflib {machine['rdflib']}, "
        f"pyshacl {machine['pyshacl']}; load average {machine['load_average']:.1f} → "
        f"{machine.get('load_average_end', 0):.1f})"
    )
    sizes = report["sizes"]
    console.print(steps_table(sizes))
    console.print(queries_table(sizes, report.get("repeat", 5)))
    console.print(targets_table(sizes))


if __name__ == "__main__":
    out = Console()
    print_report(
        json.loads(Path(sys.argv[1]).read_text()), out if out.is_terminal else Console(width=160)
    )
