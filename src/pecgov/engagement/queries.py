"""Reads of SHA engagement (ORG-7), shared by the page, the API, the committee page, the annual
report and the scorecard: the log, and the "third pin" finding over a period, in a fixed number
of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from pecgov.engagement import third_pin
from pecgov.engagement.enums import EntryKind
from pecgov.engagement.models import ShaAttendee, ShaEntry
from pecgov.policy.engine import Finding, Status
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership, Organisation

RULE = "ORG-7"
TITLE = "The PEC chair is at the SHA's table (the third pin)"
SOURCE = 'DH 4.3; Alliance "Links to SHAs"'


@dataclass(frozen=True)
class EntryRow:
    id: int
    held_on: dt.date
    kind: str
    kind_label: str
    subject: str
    attendees: tuple[str, ...]
    sha_attendees: str
    chair_name: str  # who chaired the PEC that day; "" when nobody did
    chair_present: bool
    missed_chair: bool  # a high-level meeting or communication without the PEC chair


@dataclass(frozen=True)
class ShaSummary:
    trust_id: int
    start: dt.date
    end: dt.date
    months: int  # the pack's most months between regular meetings
    entries: tuple[EntryRow, ...]
    without_chair: tuple[EntryRow, ...]
    gaps: tuple[third_pin.Gap, ...]
    performance: tuple[EntryRow, ...]
    regular_held: int
    finding: Finding


def entries(trust_id: int) -> QuerySet[ShaEntry]:
    """The trust's log, newest first, with the people who attended (two queries)."""
    people = ShaAttendee.objects.select_related("person").order_by("person__name")
    return (
        ShaEntry.objects.filter(trust_id=trust_id)
        .prefetch_related(Prefetch("attendance", queryset=people))
        .order_by("-held_on", "-id")
    )


def chair_spells(trust_id: int) -> list[third_pin.ChairSpell]:
    """Every spell in the chair of the trust's PEC, from the memberships (one query)."""
    rows = (
        Membership.objects.filter(
            committee__trust_id=trust_id, committee__kind=CommitteeKind.PEC, role=MembershipRole.CHAIR
        )
        .select_related("person")
        .order_by("start_date", "pk")
    )
    return [third_pin.ChairSpell(m.person_id, m.person.name, m.start_date, m.end_date) for m in rows]


def as_entry(row: ShaEntry) -> third_pin.Entry:
    return third_pin.Entry(
        id=row.pk,
        held_on=row.held_on,
        kind=row.kind,
        subject=row.subject,
        attendee_ids=frozenset(a.person_id for a in row.attendance.all()),
    )


def entry_row(row: ShaEntry, spells: list[third_pin.ChairSpell]) -> EntryRow:
    judged = third_pin.judge(as_entry(row), spells)
    return EntryRow(
        id=row.pk,
        held_on=row.held_on,
        kind=row.kind,
        kind_label=str(EntryKind(row.kind).label),
        subject=row.subject,
        attendees=tuple(a.person.name for a in row.attendance.all()),
        sha_attendees=row.sha_attendees,
        chair_name=judged.chair_name,
        chair_present=judged.chair_present,
        missed_chair=judged.missed_chair,
    )


def _regular_before(trust_id: int, start: dt.date, spells: list[third_pin.ChairSpell]) -> dt.date | None:
    earlier = entries(trust_id).filter(kind=EntryKind.REGULAR, held_on__lt=start)[:12]
    for row in earlier:
        if third_pin.judge(as_entry(row), spells).chair_present:
            return row.held_on
    return None


def _months(trust: Organisation) -> int:
    value = effective_policy(trust)["engagement.sha_meeting_months"]
    return int(value) if isinstance(value, int) else 3


def sha_summary(*, trust: Organisation, start: dt.date, end: dt.date) -> ShaSummary:
    """ORG-7 over [start, end]: every entry with whether the PEC chair of the day was there; each
    high-level meeting or communication without them, named; gaps in the regular meetings longer
    than the pack's frequency (counted up to today when the period runs on); the entries of the
    PEC's part in performance management."""
    spells = chair_spells(trust.pk)
    months = _months(trust)
    rows = list(entries(trust.pk).filter(held_on__gte=start, held_on__lte=end))
    by_id = {row.pk: entry_row(row, spells) for row in rows}
    outcome = third_pin.assess(
        [as_entry(r) for r in rows],
        spells,
        start=start,
        end=min(end, timezone.localdate()),
        months=months,
        regular_before=_regular_before(trust.pk, start, spells),
    )
    summary_rows = tuple(by_id[j.entry.id] for j in outcome.judged)
    without = tuple(by_id[j.entry.id] for j in outcome.without_chair)
    return ShaSummary(
        trust_id=trust.pk,
        start=start,
        end=end,
        months=months,
        entries=tuple(sorted(summary_rows, key=lambda r: (r.held_on, r.id), reverse=True)),
        without_chair=without,
        gaps=outcome.gaps,
        performance=tuple(by_id[j.entry.id] for j in outcome.performance),
        regular_held=outcome.regular_held,
        finding=finding(without, outcome.gaps, months),
    )


def finding(without: tuple[EntryRow, ...], gaps: tuple[third_pin.Gap, ...], months: int) -> Finding:
    """The third-pin finding as the committee page, the report and the scorecard show it."""
    if not without and not gaps:
        return Finding(
            RULE,
            TITLE,
            Status.PASS,
            f"The PEC chair was at every high-level meeting and communication with the SHA, and met "
            f"senior SHA staff at least every {months} months.",
            SOURCE,
        )
    facts = [f"{r.held_on:%-d %B %Y}, {r.subject}: without the PEC chair" for r in without]
    facts += [
        f"No regular meeting of the PEC chair with the SHA from {g.start:%-d %B %Y} to "
        f"{g.end:%-d %B %Y} ({g.days} days; the policy asks for one at least every {months} months)"
        for g in gaps
    ]
    return Finding(
        RULE,
        TITLE,
        Status.FAIL,
        "; ".join(facts),
        SOURCE,
        action="Include the PEC chair in every high-level meeting and communication with the SHA, "
        "and keep the regular meetings with senior SHA staff.",
        names=tuple(r.subject for r in without),
    )
