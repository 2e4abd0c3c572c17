"""`pecgov compliance [--trust CODE] [--json] [--on DATE]`: the PEC compliance findings (POL-4).

For each trust: each PEC's composition (POL-2), then function coverage (POL-3) under its own
"Functions (POL-3)" heading. Coverage is checked once the trust keeps a functions catalogue, as on
the pages. Exits 1 when any rule fails, so a scheduled job or CI can act on it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pecgov.delegation.queries import catalogue_started, coverage_findings, framework
from pecgov.policy.engine import Finding, Status, worst
from pecgov.policy.services import EffectivePolicy, committee_findings, effective_policy
from pecgov.trust.enums import CommitteeKind, OrganisationKind
from pecgov.trust.models import Committee, Organisation

SYMBOLS = {Status.PASS: "PASS", Status.WARN: "WARN", Status.FAIL: "FAIL"}


class Command(BaseCommand):
    help = (
        "Check each PEC's composition and the trust's function coverage against its policy; "
        "exit 1 if any rule fails."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--trust", help="The trust's ODS code (default: every trust)")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text")
        parser.add_argument("--on", help="Check as at this date (YYYY-MM-DD); default today")

    def handle(self, *args: Any, **options: Any) -> None:
        trusts = Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("name")
        if options["trust"]:
            trusts = trusts.filter(ods_code=options["trust"].strip().upper())
            if not trusts.exists():
                raise CommandError(f"No trust has the ODS code {options['trust']!r}")
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--on must be a date like 2007-10-01, not {options['on']!r}") from error
        report = [item for trust in trusts for item in trust_report(trust, on)]
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            self.print_text(report)
        if any(item["worst"] == Status.FAIL for item in report):
            raise SystemExit(1)

    def print_text(self, report: list[dict[str, Any]]) -> None:
        for item in report:
            heading = item["committee"] if item["check"] == "composition" else "Functions (POL-3)"
            self.stdout.write(
                f"{item['trust']} – {heading} ({item['pack']}, {item['on']}): {item['worst'].upper()}"
            )
            for f in item["findings"]:
                line = f"  [{SYMBOLS[Status(f['status'])]}] {f['title']}: {f['facts']}"
                if f["source"]:
                    line += f" ({f['source']})"
                self.stdout.write(line)
                if f["status"] != "pass" and f["action"]:
                    self.stdout.write(f"         What to do: {f['action']}")
        if not report:
            self.stdout.write("No PEC found to check.")


def trust_report(trust: Organisation, on: dt.date) -> list[dict[str, Any]]:
    """One trust's entries: each PEC's composition, then function coverage once the trust keeps
    a functions catalogue (POL-2, POL-3)."""
    policy = effective_policy(trust)
    report = [
        entry(
            "composition", trust, committee, policy, on, committee_findings(committee, on=on, policy=policy)
        )
        for committee in Committee.objects.filter(trust=trust, kind=CommitteeKind.PEC).order_by("name")
    ]
    if catalogue_started(trust.pk):
        coverage = coverage_findings(trust, on=on, policy=policy)
        report.append(entry("functions", trust, None, policy, on, coverage, framework=framework(policy)))
    return report


def entry(
    check: str,
    trust: Organisation,
    committee: Committee | None,
    policy: EffectivePolicy,
    on: dt.date,
    findings: list[Finding],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "check": check,
        "trust": trust.name,
        "trust_code": trust.ods_code,
        "committee": committee.name if committee else None,
        "committee_id": committee.pk if committee else None,
        "pack": policy.pack.key,
        **extra,
        "on": on.isoformat(),
        "worst": str(worst(findings)),
        "findings": [f.as_dict() for f in findings],
    }
