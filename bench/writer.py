"""The mixed run's writer (bench/mixed.py): committed writes at a fixed rate, spread over all trusts,
through the services as `pecgov generate` makes its governance rows (the system actor).

Each write is one of three, in turn, in the next trust of a shuffled round of every trust:

* a declaration: `interests.services.declaration_create` for one of the trust's people (COI-1);
* attendance: `meetings.services.attendance_set`, moving one past meeting's absent member to
  "sent apologies" and back (MTG-2), so nobody's presence and no decision changes;
* a case stage: `commissioning.services.case_return` or `case_resubmit` on a case that is
  submitted or returned (PBC-2).

A trust without the objects for one kind gets the next kind. Bounded: at most `--seconds` and
`--max-writes`. Prints "ready" once it has found its objects (the driver starts its load then),
and one JSON line with what it did at the end. Run by the driver with DATABASE_URL and
PECGOV_BENCH=1; nothing leaves the database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any

KINDS = ("declaration", "attendance", "case")


@dataclass
class Targets:
    """One trust's objects the writer changes."""

    trust_id: int
    people: list[Any]
    attendance: Any | None  # an Attendance row with status absent or apologies, on a past meeting
    case: Any | None  # a BusinessCase that is submitted or returned


def find_targets(seed: int) -> list[Targets]:
    from django.utils import timezone

    from pecgov.commissioning.enums import CaseStatus
    from pecgov.commissioning.models import BusinessCase
    from pecgov.meetings.enums import AttendanceStatus
    from pecgov.meetings.models import Attendance
    from pecgov.trust.enums import OrganisationKind
    from pecgov.trust.models import Organisation, Person

    now = timezone.now()
    out = []
    for trust in Organisation.objects.filter(kind=OrganisationKind.TRUST).order_by("id"):
        people = list(Person.objects.filter(trust=trust).order_by("id")[:20])
        attendance = (
            Attendance.objects.filter(
                meeting__committee__trust=trust,
                meeting__starts_at__lt=now,
                status__in=[AttendanceStatus.ABSENT, AttendanceStatus.APOLOGIES],
            )
            .select_related("meeting__committee", "person")
            .order_by("id")
            .first()
        )
        case = (
            BusinessCase.objects.filter(trust=trust, status__in=[CaseStatus.SUBMITTED, CaseStatus.RETURNED])
            .order_by("id")
            .first()
        )
        out.append(Targets(trust.pk, people, attendance, case))
    random.Random(seed).shuffle(out)
    return out


def _declaration(target: Targets, n: int) -> bool:
    from pecgov.actors import SYSTEM
    from pecgov.interests import services as interests
    from pecgov.interests.enums import Category

    if not target.people:
        return False
    person = target.people[n % len(target.people)]
    interests.declaration_create(
        actor=SYSTEM,
        person=person,
        category=Category.NON_FINANCIAL_PERSONAL,
        organisation_name=f"Bench charity {n}",
        description="Trustee (written by the bench's writer)",
        start_date=dt.date.today() - dt.timedelta(days=30),
    )
    return True


def _attendance(target: Targets, n: int) -> bool:
    from pecgov.actors import SYSTEM
    from pecgov.meetings.enums import AttendanceStatus
    from pecgov.meetings.services.decisions import attendance_set

    record = target.attendance
    if record is None:
        return False
    flip = {
        AttendanceStatus.ABSENT: AttendanceStatus.APOLOGIES,
        AttendanceStatus.APOLOGIES: AttendanceStatus.ABSENT,
    }
    status = flip[AttendanceStatus(record.status)]
    target.attendance = attendance_set(
        actor=SYSTEM, meeting=record.meeting, person=record.person, status=status, kind=record.kind
    )
    return True


def _case(target: Targets, n: int) -> bool:
    from pecgov.actors import SYSTEM
    from pecgov.commissioning import services as cs
    from pecgov.commissioning.enums import CaseStatus

    case = target.case
    if case is None:
        return False
    if case.status == CaseStatus.SUBMITTED:
        cs.case_return(actor=SYSTEM, case=case, reason="More detail on the costs, please (bench writer)")
    else:
        cs.case_resubmit(actor=SYSTEM, case=case, note="Costs added (bench writer)")
    return True


WRITES = {"declaration": _declaration, "attendance": _attendance, "case": _case}


def write_one(target: Targets, n: int) -> str:
    """One committed write in `target`'s trust: the n-th kind in turn, or the next one it has."""
    for step in range(len(KINDS)):
        kind = KINDS[(n + step) % len(KINDS)]
        if WRITES[kind](target, n):
            return kind
    return "none"


def run(rate: float, seconds: float, max_writes: int, seed: int) -> dict[str, Any]:
    from pecgov.errors import DomainError

    targets = find_targets(seed)
    print("ready", flush=True)
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    done: Counter[str] = Counter()
    refused: list[str] = []
    started = time.monotonic()
    n = 0
    while not stop["now"] and n < max_writes and time.monotonic() - started < seconds:
        due = started + n / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(min(pause, 0.5))
            continue
        target = targets[n % len(targets)]
        try:
            done[write_one(target, n)] += 1
        except DomainError as problem:  # the dataset refused it: count it, go on
            refused.append(str(problem)[:200])
        n += 1
    elapsed = time.monotonic() - started
    return {
        "rate": rate,
        "writes": sum(v for k, v in done.items() if k != "none"),
        "by_kind": dict(done),
        "refused": len(refused),
        "refused_examples": refused[:3],
        "seconds": round(elapsed, 2),
        "achieved_rate": round(sum(done.values()) / elapsed, 2) if elapsed else 0.0,
        "trusts": len(targets),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, required=True, help="committed writes per second (0-50)")
    parser.add_argument("--seconds", type=float, required=True, help="at most this long (1-300)")
    parser.add_argument("--max-writes", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=2007)
    args = parser.parse_args()
    if not 0 < args.rate <= 50 or not 0 < args.seconds <= 300:
        raise SystemExit("--rate must be 0-50 writes/s and --seconds 1-300: the writer stays bounded")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pecgov.settings")
    os.environ["PECGOV_BENCH"] = "1"
    import django

    django.setup()
    result = run(args.rate, args.seconds, args.max_writes, args.seed)
    sys.stdout.write("WRITER_RESULT " + json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
