"""The demo trust's implementation checklist (EFF-1) and its log of SHA engagement (ORG-7),
through the services as the system recording what the trust agreed.

The checklist: the trust's own target date two months ahead, owners on every action, two actions
overdue against their own earlier dates, and the rest shown by the record where the demo's
appointments, delegation and members' year prove them. The SHA log over the last year: regular
meetings of the PEC chair with senior SHA staff with one gap longer than the policy allows, two
high-level meetings held without the PEC chair (the third pin), one with them, a communication
and an entry of the PEC's part in performance management."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.checklist import services as cs
from pecgov.checklist.enums import ActionStatus
from pecgov.checklist.queries import checklist_state
from pecgov.engagement import services as es
from pecgov.engagement.enums import EntryKind
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership, Organisation, Person

# action key: (owner's role, days from today it is due (None: the target date), status, evidence)
ACTIONS: dict[str, tuple[str, int | None, str, str]] = {
    "roles": ("chief_executive", -120, ActionStatus.DONE, "Board paper 2026/14 agreed the PEC's functions"),
    "competencies": ("chief_executive", -100, ActionStatus.DONE, "Person specifications agreed by the Board"),
    "panel": ("board_chair", -80, ActionStatus.IN_PROGRESS, ""),
    "advertise": ("chief_executive", -70, ActionStatus.IN_PROGRESS, ""),
    "shortlist": ("board_chair", -40, ActionStatus.IN_PROGRESS, ""),
    "offers": ("board_chair", None, ActionStatus.NOT_STARTED, ""),
    "notice": ("chief_executive", 20, ActionStatus.IN_PROGRESS, ""),
    "induction": ("pec_chair", None, ActionStatus.IN_PROGRESS, ""),
    "effectiveness": ("pec_chair", 30, ActionStatus.NOT_STARTED, ""),
}
# The demo shows two actions overdue: the first two the record does not prove get these dates.
OVERDUE_DAYS = (-14, -7)


def _leaders(trust: Organisation, today: dt.date) -> dict[str, Person]:
    seats = Membership.objects.filter(committee__trust=trust, start_date__lte=today).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=today)
    )
    found: dict[str, Person] = {}
    for m in seats.select_related("person", "committee"):
        if m.committee.kind == CommitteeKind.PEC and m.role == MembershipRole.CHAIR:
            found["pec_chair"] = m.person
        elif m.committee.kind == CommitteeKind.BOARD and m.role == MembershipRole.CHAIR:
            found["board_chair"] = m.person
        elif m.committee.kind == CommitteeKind.BOARD and m.role == MembershipRole.CHIEF_EXECUTIVE:
            found["chief_executive"] = m.person
    return found


def build(trust: Organisation) -> None:
    today = timezone.localdate()
    leaders = _leaders(trust, today)
    _checklist(trust, leaders, today)
    _sha_log(trust, leaders, today)


def _checklist(trust: Organisation, leaders: dict[str, Person], today: dt.date) -> None:
    checklist = cs.checklist_setup(actor=SYSTEM, trust=trust)
    cs.checklist_update(actor=SYSTEM, checklist=checklist, target_date=today + dt.timedelta(days=60))
    unproven = [a.key for a in checklist_state(trust, as_of=today).actions if not a.proven]
    late = dict(zip(unproven, OVERDUE_DAYS, strict=False))
    for action in checklist.actions.all():
        role, days, status, evidence = ACTIONS[action.key]
        if action.key in late:
            days, status, evidence = late[action.key], ActionStatus.IN_PROGRESS, ""
        cs.action_update(
            actor=SYSTEM,
            action=action,
            owner=leaders.get(role),
            due_date=today + dt.timedelta(days=days) if days is not None else None,
            status=status,
            evidence=evidence,
        )


def _sha_log(trust: Organisation, leaders: dict[str, Person], today: dt.date) -> None:
    chair, pct_chair, chief = leaders.get("pec_chair"), leaders["board_chair"], leaders["chief_executive"]
    with_chair: list[Person | None] = [pct_chair, chief, chair]
    sha = "Dr Helen Marsh, SHA director of commissioning\nPeter Quinn, SHA director of finance"
    entries: list[tuple[int, str, str, list[Person | None], str]] = [
        # Regular meetings every three months, then a gap of five (ORG-7: the policy asks for three).
        (-350, EntryKind.REGULAR, "PEC chair and SHA: commissioning priorities", [chair], sha),
        (-260, EntryKind.REGULAR, "PEC chair and SHA: practice based commissioning", [chair], sha),
        (-170, EntryKind.REGULAR, "PEC chair and SHA: urgent care review", [chair], sha),
        (-20, EntryKind.REGULAR, "PEC chair and SHA: winter pressures", [chair], sha),
        # The third pin: two high-level meetings without the PEC chair, one with them.
        (-200, EntryKind.HIGH_LEVEL, "Financial recovery plan", [pct_chair, chief], sha),
        (-100, EntryKind.HIGH_LEVEL, "Local delivery plan", with_chair, sha),
        (-60, EntryKind.HIGH_LEVEL, "Reconfiguration of community hospitals", [pct_chair, chief], sha),
        (-40, EntryKind.COMMUNICATION, "Letter on the operating framework", with_chair, ""),
        (
            -90,
            EntryKind.PERFORMANCE,
            "Quarterly performance review: the PEC's report on clinical quality",
            with_chair,
            sha,
        ),
    ]
    for days, kind, subject, people, sha_people in entries:
        es.entry_create(
            actor=SYSTEM,
            trust=trust,
            held_on=today + dt.timedelta(days=days),
            kind=kind,
            subject=subject,
            attendees=[p for p in people if p is not None],
            sha_attendees=sha_people,
        )
