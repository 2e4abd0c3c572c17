"""The annual report's cost alone (EFF-2): build its content (measures, surveys, checklist,
scorecard) for the biggest trust in a dataset, then print it as a PDF with its charts, each
`--runs` times after one warm-up (WeasyPrint's import and fonts are paid once per process).

    PECGOV_BENCH=1 DATABASE_URL=sqlite:///var/bench-national.sqlite3 .venv/bin/python bench/annual_report.py
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import django


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    django.setup()
    from django.db.models import Count
    from django.utils import timezone

    from pecgov.effectiveness.report import content
    from pecgov.effectiveness.report.pdf import render_pdf
    from pecgov.effectiveness.report.services import last_twelve_months
    from pecgov.trust.enums import OrganisationKind
    from pecgov.trust.models import Organisation

    trust = (
        Organisation.objects.filter(kind=OrganisationKind.TRUST)
        .annotate(staff_count=Count("people"))
        .order_by("-staff_count")
        .first()
    )
    assert trust is not None, "no trust in this dataset"
    start, end = last_twelve_months(timezone.localdate())

    def build() -> content.Content:
        return content.build(trust=trust, start=start, end=end, title="Bench", narrative="")

    render_pdf(build())  # warm-up
    builds, prints = [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        found = build()
        t1 = time.perf_counter()
        pdf = render_pdf(found)
        t2 = time.perf_counter()
        builds.append(t1 - t0)
        prints.append(t2 - t1)
    print(
        f"{trust.name}: content median {statistics.median(builds):.2f} s, "
        f"PDF median {statistics.median(prints):.2f} s ({len(pdf)} bytes), "
        f"total median {statistics.median(b + p for b, p in zip(builds, prints, strict=True)):.2f} s "
        f"over {args.runs} runs"
    )


if __name__ == "__main__":
    main()
