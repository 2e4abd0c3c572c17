"""The bench's report: the table `make bench` prints, and the facts about the machine it ran on."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from contextlib import suppress
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
GRANIAN = str(Path(sys.executable).parent / "granian")

# Wide enough for the table when the output is a file or a CI log rather than a terminal.
console = Console(width=None if sys.stdout.isatty() else 160)


def machine() -> dict[str, Any]:
    cpu = ""
    with suppress(OSError):
        cpu = next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            "",
        )

    def version(cmd: list[str]) -> str:
        try:
            out = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=10)
        except OSError:
            return ""
        return (out.stdout or out.stderr).splitlines()[0] if (out.stdout or out.stderr) else ""

    commit = version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"])
    dirty = bool(version(["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"]))
    return {
        "host": platform.node(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "granian": version([GRANIAN, "--version"]),
        "wrk": version(["wrk", "--version"]),
        "commit": commit + ("+changes" if dirty else ""),
    }


def fmt(value: Any, digits: int = 1) -> str:
    if value is None:
        return "–"
    return f"{value:,.{digits}f}" if isinstance(value, float) else str(value)


def show(doc: dict[str, Any]) -> None:
    rows = doc["rows"]
    scaled = doc["scale"] != "demo"
    table = Table(
        title=f"make bench: {doc['db']}, {doc['scale']} dataset, trust {doc['trust']['ods_code']}, "
        f"{doc['connections']} connections x {doc['duration_s']:g} s each",
        title_justify="left",
    )
    table.add_column("Page or endpoint")
    table.add_column("Path", overflow="fold", style="dim")
    table.add_column("Queries", justify="right")
    if scaled:
        table.add_column("At demo", justify="right")
    for name in ("1 req ms", "p50 ms", "p95 ms", "p99 ms", "req/s", "x floor", "CPU ms"):
        table.add_column(name, justify="right")
    table.add_column("Result")
    for row in rows:
        failed = [name for name, ok in row.get("checks", {}).items() if not ok]
        result = "[green]PASS[/]" if row["result"] == "PASS" else "[red]FAIL[/]: " + "; ".join(failed)
        if row["kind"] == "floor":
            result = "[dim]floor[/]"
        elif row.get("mode") == "render":  # not a target: the first view after a write
            result = "[dim]render: " + ("met" if row["result"] == "PASS" else "not met") + "[/]"
        cells = [row["label"], row.get("path", ""), fmt(row.get("queries"))]
        if scaled:
            cells.append(fmt(row.get("queries_demo")))
        if row["kind"] == "engine":
            cells[1] = f"pytest-benchmark, mean of {row.get('rounds', 0)} rounds"
            cells += [fmt(row.get("mean_ms"), 2), fmt(row.get("p50_ms"), 2), "–", "–", "–", "–", "–"]
        else:
            cells += [fmt(row.get("alone_ms")), fmt(row.get("p50_ms")), fmt(row.get("p95_ms"))]
            cells += [fmt(row.get("p99_ms"))]
            cells += [fmt(row.get("rps")), fmt(row.get("floor_ratio"), 2), fmt(row.get("cpu_ms"), 2)]
        table.add_row(*cells, result)
    console.print(table)
    show_notes(doc)


def show_notes(doc: dict[str, Any]) -> None:
    """Under the table: the machine and its load, the dataset, and whether query counts stayed flat."""
    rows = doc["rows"]
    scaled = doc["scale"] != "demo"
    m = doc["machine"]
    console.print(
        f"Machine: {m['cores']} cores, {m['cpu']}; load average {doc['load_before'][0]:.2f} before, "
        f"{doc['load_after'][0]:.2f} after; granian {doc['workers']} workers x {doc.get('blocking_threads', '?')} threads; commit {m['commit']}",
        highlight=False,
    )
    floors = [r["rps"] for r in rows if r["kind"] == "floor" and r.get("rps")]
    if len(floors) == 2 and abs(floors[0] - floors[1]) > 0.25 * max(floors):
        console.print(
            f"[yellow]The floor moved from {floors[0]:,.0f} to {floors[1]:,.0f} req/s during the run: "
            "the machine was busy with other work, so these figures are provisional.[/]"
        )
    console.print(f"Dataset: {doc['dataset']}", highlight=False)
    counts = {r["key"]: r.get("queries") for r in rows if r["kind"] not in {"floor", "engine"}}
    if scaled:
        differ = [
            f"{r['key']} {r.get('queries_demo')} -> {r.get('queries')}"
            for r in rows
            if r.get("flat") is False
        ]
        console.print(
            "Query counts equal at demo and this scale: "
            + ("yes" if not differ else "NO: " + ", ".join(differ))
        )
    else:
        console.print(
            f"Query counts at demo scale (run SCALE=national to compare): {counts}", highlight=False
        )
    failed = [r for r in rows if r["result"] == "FAIL"]
    console.print(f"{len(failed)} of {sum(1 for r in rows if r['kind'] != 'floor')} rows fail a target.")
