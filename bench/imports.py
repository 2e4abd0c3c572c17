"""The import benchmark (ADM-2): 50,000 declarations into one trust on SQLite, timed.

    .venv/bin/python bench/imports.py [--rows 50000] [--people 1000]

Builds a throwaway SQLite database in a temporary directory (migrated, one trust, its people
imported through `pecgov import people`), writes a declarations file of --rows rows, and times
`import_file` on it twice: the first run imports every row through the interests services with
history and one audit event; the second (the same file again) must change nothing. Then it
checks the ledger with `pecgov audit verify`. Target: the first run under 60 s on this machine.
Nothing leaves the machine; nothing outside the temporary directory is touched.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60.0


def _people_file(path: Path, people: int) -> None:
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["email", "name", "profession"])
        for n in range(people):
            writer.writerow([f"person{n}@example.org", f"Person {n}", "gp" if n % 3 else "manager"])


def _declarations_file(path: Path, rows: int, people: int) -> None:
    categories = ["financial", "non_financial_professional", "non_financial_personal", "indirect"]
    with path.open("w", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["person", "category", "organisation", "description", "start_date", "end_date"])
        for n in range(rows):
            year = 2000 + n % 25
            writer.writerow(
                [
                    f"person{n % people}@example.org",
                    categories[n % 4],
                    f"Company {n}",
                    f"Interest number {n}",
                    f"{year}-{1 + n % 12:02d}-{1 + n % 28:02d}",
                    "" if n % 5 else f"{year + 1}-01-01",
                ]
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--people", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pecgov-bench-imports-") as tmp:
        os.environ.update(
            {
                "PECGOV_VAR_DIR": tmp,
                "DATABASE_URL": f"sqlite:///{tmp}/bench.sqlite3",
                "PECGOV_DEMO": "1",
                "DJANGO_SETTINGS_MODULE": "pecgov.settings",
            }
        )
        sys.path.insert(0, str(ROOT / "src"))
        subprocess.run([sys.executable, "-m", "pecgov", "migrate", "-v", "0"], check=True, cwd=ROOT)
        import django

        django.setup()
        from django.core.management import call_command

        from pecgov.actors import SYSTEM
        from pecgov.imports.running import import_file
        from pecgov.trust.services import trust_create

        trust = trust_create(actor=SYSTEM, name="Bench PCT", ods_code="BEN")
        people, declarations = Path(tmp) / "people.csv", Path(tmp) / "declarations.csv"
        _people_file(people, args.people)
        _declarations_file(declarations, args.rows, args.people)
        call_command("import", "people", str(people), "--trust", "BEN")
        content = declarations.read_bytes()
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            outcome = import_file(
                actor=SYSTEM, trust=trust, kind="declarations", content=content, filename=declarations.name
            )
            timings.append(time.perf_counter() - started)
            print(f"{args.rows} declarations: {outcome.counts} in {timings[-1]:.1f} s", flush=True)
            assert outcome.ok, outcome.problems[:5]
        call_command("audit", "verify")
        verdict = "PASS" if timings[0] < TARGET_SECONDS else "FAIL"
        print(
            f"{verdict}: first import {timings[0]:.1f} s (target < {TARGET_SECONDS:.0f} s); again {timings[1]:.1f} s"
        )
        return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
