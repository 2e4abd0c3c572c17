"""`make bench`'s datasets: the demo trust or `pecgov generate --scale N`, each in its own database,
and the pages to measure in it (bench/pages.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from report import BENCH, ROOT, console

VAR = ROOT / "var"
PY = sys.executable
NATIONAL = 152  # PCTs in England in 2007: the "national" preset of `pecgov generate`


@dataclass(frozen=True)
class Dataset:
    name: str  # "demo", "national" or "scale-N": names the database
    scale: int | None  # None for the demo trust alone
    url: str


def parse_scale(value: str) -> int | None:
    if value == "demo":
        return None
    if value == "national":
        return NATIONAL
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise SystemExit(f"SCALE must be demo, national or a number of trusts, not {value!r}")


def scale_name(scale: int | None) -> str:
    return "demo" if scale is None else "national" if scale == NATIONAL else f"scale-{scale}"


def dataset_for(db: str, scale: int | None) -> Dataset:
    name = scale_name(scale)
    if db == "sqlite":
        return Dataset(name, scale, f"sqlite:///{VAR / f'bench-{name}.sqlite3'}")
    base = os.environ.get("DATABASE_URL", "")
    if not base.startswith(("postgres://", "postgresql://")):
        raise SystemExit(
            "DB=postgres needs DATABASE_URL (make bench DB=postgres runs scripts/with-postgres.sh)"
        )
    parts = urlsplit(base)
    return Dataset(name, scale, urlunsplit(parts._replace(path=f"/pecgov_bench_{name.replace('-', '_')}")))


def django_env(url: str) -> dict[str, str]:
    env = dict(os.environ, DATABASE_URL=url, PECGOV_BENCH="1")
    # The server keeps its connections as the settings' default does (with-postgres.sh sets 0 for tests).
    env.pop("DB_CONN_MAX_AGE", None)
    return env


def pecgov(args: list[str], url: str) -> None:
    subprocess.run([PY, "-m", "pecgov", *args], env=django_env(url), cwd=ROOT, check=True)


def ensure_pg_database(url: str) -> bool:
    """Create the bench database on the server if it is missing; True if it was created."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            return False
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return True


def database_bytes(url: str) -> int:
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite://"))
        return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def prepare(ds: Dataset, db: str, seed: int) -> dict[str, Any]:
    """Migrate and fill the dataset's database; a generated dataset is made only if missing."""
    VAR.mkdir(exist_ok=True)
    marker = VAR / f"bench-{ds.name}.json"
    if db == "sqlite":
        # No marker: none made yet, or a run was interrupted (the generator skips the trusts it
        # has made, so running it again finishes the job).
        fresh = ds.scale is not None and not marker.exists()
    else:
        # The generator skips the trusts already there: on PostgreSQL, run it every time.
        ensure_pg_database(ds.url)
        fresh = ds.scale is not None
    console.print(f"[bold]Dataset {ds.name}[/] ({db}): migrating")
    pecgov(["migrate", "--noinput", "-v0"], ds.url)
    if ds.scale is None:
        pecgov(["load_demo"], ds.url)
        return {"generated": False}
    if not fresh:
        info = json.loads(marker.read_text()) if marker.exists() else {}
        console.print(f"Dataset {ds.name}: using the existing one {info or ''}")
        return {"generated": False, **info}
    console.print(f"Dataset {ds.name}: pecgov generate --scale {ds.scale} --seed {seed}")
    started, cpu = time.monotonic(), _children_cpu()
    pecgov(["generate", "--scale", str(ds.scale), "--seed", str(seed)], ds.url)
    info = {
        "scale": ds.scale,
        "seed": seed,
        "generate_seconds": round(time.monotonic() - started, 1),
        # The generator's own CPU (not the database server's): steadier than the wall clock on a
        # shared machine.
        "generate_cpu_seconds": round(_children_cpu() - cpu, 1),
        "database_bytes": database_bytes(ds.url),
        "made_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    if db == "sqlite":
        marker.write_text(json.dumps(info, indent=2) + "\n")
    console.print(
        f"Dataset {ds.name}: generated in {info['generate_seconds']} s "
        f"({info['generate_cpu_seconds']} s CPU), {info['database_bytes']:,} bytes"
    )
    return {"generated": True, **info}


def _children_cpu() -> float:
    """User and system CPU of the finished child processes so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def discover(ds: Dataset) -> dict[str, Any]:
    """The trust, the objects and the URLs to measure, and a signed-in session (bench/pages.py)."""
    out = subprocess.run(
        [PY, str(BENCH / "pages.py")],
        env=django_env(ds.url),
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]
