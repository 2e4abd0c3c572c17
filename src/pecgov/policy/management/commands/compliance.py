"""`pecgov check [--trust CODE] [--json]`: the PEC compliance findings (POL-4).

Exits 1 when any rule fails, so a scheduled job or CI can act on it.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from pecgov.policy.engine import Status, worst
from pecgov.policy.services import committee_findings, effective_policy
from pecgov.trust.enums import CommitteeKind, OrganisationKind
from pecgov.trust.models import Committee, Organisation

SYMBOLS = {Status.PASS: "PASS", Status.WARN: "WARN", Status.FAIL: "FAIL"}


class Command(BaseCommand):
    help = "Check each PEC's composition against the trust's policy; exit 1 if any rule fails."

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
        report: list[dict[str, Any]] = []
        failed = False
        for trust in trusts:
            policy = effective_policy(trust)
            for committee in Committee.objects.filter(trust=trust, kind=CommitteeKind.PEC).order_by("name"):
                findings = committee_findings(committee, on=on, policy=policy)
                overall = worst(findings)
                failed = failed or overall == Status.FAIL
                report.append(
                    {
                        "trust": trust.name,
                        "trust_code": trust.ods_code,
                        "committee": committee.name,
                        "committee_id": committee.pk,
                        "pack": policy.pack.key,
                        "on": on.isoformat(),
                        "worst": str(overall),
                        "findings": [f.as_dict() for f in findings],
                    }
                )
        if options["json"]:
            self.stdout.write(json.dumps(report, indent=2))
        else:
            for item in report:
                self.stdout.write(
                    f"{item['trust']} – {item['committee']} ({item['pack']}, {item['on']}): {item['worst'].upper()}"
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
        if failed:
            raise SystemExit(1)
