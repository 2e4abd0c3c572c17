"""A year of the demo PEC's members (PERF-1 to PERF-5, REM-1, REM-2), through the services as the
system recording what was agreed and signed: objectives with progress, two reviews each, last
year's appraisals with plans (one overdue), induction for the two newest members (one not yet
complete), mentors, training, a succession plan with a seat that has no successor, the framework
with a GP and a nurse paid differently for the same role, and claims in each state."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.delegation.models import LeadArea
from pecgov.members import queries
from pecgov.members.enums import Outcome, PayBasis, Rag, Readiness
from pecgov.members.services import appraisals as aps
from pecgov.members.services import development as dev
from pecgov.members.services import objectives as obs
from pecgov.members.services import pay
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership, Organisation, Person

OBJECTIVES = [
    (
        "Lead the urgent care review to a recommendation to the Board",
        "A recommendation agreed by the PEC",
        Rag.GREEN,
    ),
    ("Bring practices' referral rates within 10% of the trust average", "Quarterly referral data", Rag.AMBER),
    ("Present the prescribing budget to every PBC group", "Every group has met", Rag.RED),
]
RATES = [
    (MembershipRole.CHAIR, PayBasis.ALLOWANCE, "0", "0", "30000", "0"),
    (MembershipRole.VICE_CHAIR, PayBasis.SESSIONAL, "3", "320", "0", "250"),
    (MembershipRole.CLINICAL, PayBasis.SESSIONAL, "2", "300", "0", "250"),
    (MembershipRole.MANAGEMENT, PayBasis.ALLOWANCE, "0", "0", "2000", "0"),
    (MembershipRole.CO_OPTED, PayBasis.SESSIONAL, "1", "200", "0", "0"),
]


def build(trust: Organisation) -> None:
    today = timezone.localdate()
    seats = sorted(queries.pec_seats(trust.pk), key=lambda m: m.start_date)
    by_name = {m.person.name: m for m in seats}
    for index, membership in enumerate(seats):
        _objectives(membership, index, today)
        _reviews(membership, today, overdue=membership.person.name == "Imran Shah")
        _appraisal(membership, today, overdue=membership.person.name == "Carys Lewis")
    _development(trust, seats[-2:], today)
    _succession(trust, by_name)
    _pay(trust, seats, today)


def _objectives(membership: Membership, index: int, today: dt.date) -> None:
    area = LeadArea.objects.filter(person_id=membership.person_id).first()
    for offset, (title, measure, rag) in enumerate((OBJECTIVES * 2)[index % 3 :][:2]):
        objective = obs.objective_propose(
            actor=SYSTEM,
            membership=membership,
            title=title,
            measure=measure,
            due_date=today + dt.timedelta(days=60 + 90 * offset),
            lead_area=area if offset == 0 else None,
            workstream="" if offset == 0 else "PBC development",
        )
        obs.objective_sign(actor=SYSTEM, objective=objective)
        obs.progress_note(actor=SYSTEM, objective=objective, rag=rag, note="Progress reported to the PEC")


def _reviews(membership: Membership, today: dt.date, *, overdue: bool) -> None:
    """Two reviews, the last two months ago (four and a half months for the overdue one)."""
    objectives = list(membership.objectives.all())
    for days in (200, 135) if overdue else (150, 60):
        held = today - dt.timedelta(days=days)
        if held < membership.start_date:
            continue
        obs.review_hold(
            actor=SYSTEM,
            membership=membership,
            held_on=held,
            actions="Agree the next quarter's milestones",
            progress={o.pk: (o.rag, "Discussed at the review") for o in objectives},
        )


def _appraisal(membership: Membership, today: dt.date, *, overdue: bool) -> None:
    """Last year's appraisal, signed with its plan; the overdue one met over a year ago."""
    held = today - dt.timedelta(days=400 if overdue else 330)
    if held < membership.start_date:
        return
    appraisal = aps.appraisal_start(actor=SYSTEM, membership=membership, on=held)
    aps.appraisal_self_assess(
        actor=SYSTEM,
        appraisal=appraisal,
        self_assessment="Delivered most of what was agreed; the prescribing work slipped.",
        competency_assessment="Stronger on partnership working; financial skills to develop.",
    )
    aps.appraisal_assess(
        actor=SYSTEM,
        appraisal=appraisal,
        appraiser_assessment="A good year's leadership; build financial confidence.",
        outcome=Outcome.MEETS,
        held_on=held,
    )
    aps.pdp_add(
        actor=SYSTEM,
        appraisal=appraisal,
        need="Commissioning finance",
        action="Attend the finance for clinicians course",
        support="Time from the practice; the director of finance",
        by_when=held + dt.timedelta(days=180),
    )
    aps.appraisal_sign(actor=SYSTEM, appraisal=appraisal)


def _development(trust: Organisation, newest: list[Membership], today: dt.date) -> None:
    """Induction and a mentor for the two newest members: the earlier complete, the later not."""
    checklist = [entry["key"] for entry in dev.induction_checklist(trust)]
    mentors = list(Person.objects.filter(trust=trust, name__in=["Dr Grace Okonkwo", "Dr Tom Hollis"]))
    for position, membership in enumerate(newest):
        mentor = mentors[position % len(mentors)] if mentors else None
        if mentor is not None and mentor.pk != membership.person_id:
            dev.mentor_name(actor=SYSTEM, membership=membership, mentor=mentor)
        done = checklist if position == 0 else checklist[:2]
        for item in done:
            dev.induction_tick(
                actor=SYSTEM,
                membership=membership,
                item=item,
                done_on=max(membership.start_date, today - dt.timedelta(days=1)),
            )
        dev.training_record(
            actor=SYSTEM,
            membership=membership,
            course="Leading transformational change",
            provider="NHS Institute for Innovation and Improvement",
            start_date=today - dt.timedelta(days=30),
            end_date=today - dt.timedelta(days=29),
            hours=Decimal("12"),
            leadership=True,
        )


def _succession(trust: Organisation, by_name: dict[str, Membership]) -> None:
    """Successors for the chair and vice-chair; one GP named alone for two seats (a warning); the
    co-opted seat, ending within the horizon, has no one (a warning)."""
    people = {p.name: p for p in Person.objects.filter(trust=trust)}
    plan = [
        ("Dr Anika Rahman", "Dr Tom Hollis", Readiness.NOW, "Chair the PEC in the chair's absence"),
        ("Dr Anika Rahman", "Dr Grace Okonkwo", Readiness.WITHIN_YEAR, "Lead a Board seminar"),
        ("Dr Tom Hollis", "Dr Grace Okonkwo", Readiness.WITHIN_YEAR, "Deputise at the Board"),
        ("Dr Martin Bennett", "Dr Grace Okonkwo", Readiness.LONGER, "Shadow the urgent care lead"),
    ]
    for holder, successor, readiness, development in plan:
        if holder in by_name and successor in people:
            dev.successor_add(
                actor=SYSTEM,
                trust=trust,
                person=people[successor],
                readiness=readiness,
                membership=by_name[holder],
                development=development,
            )


def _pay(trust: Organisation, seats: list[Membership], today: dt.date) -> None:
    for role, basis, sessions, rate, allowance, locum in RATES:
        pay.pay_rate_set(
            actor=SYSTEM,
            trust=trust,
            role=role,
            basis=basis,
            sessions_per_week=Decimal(sessions),
            rate_per_session=Decimal(rate),
            annual_allowance=Decimal(allowance),
            locum_rate_per_session=Decimal(locum),
        )
    for membership in seats:
        if membership.role != MembershipRole.CLINICAL:
            continue
        nurse = membership.person.name == "Julie Fraser"  # paid less for the same role (REM-2)
        pay.commitment_set(
            actor=SYSTEM,
            membership=membership,
            sessions_per_week=Decimal(2),
            pattern="Tuesday mornings and the monthly PEC meeting",
            rate_per_session=Decimal(250 if nurse else 300),
        )
    _claims(seats, today)


def _claims(seats: list[Membership], today: dt.date) -> None:
    """Claims submitted, approved and returned."""
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    clinical = [m for m in seats if m.role == MembershipRole.CLINICAL and m.start_date <= last_month][:3]
    for position, membership in enumerate(clinical):
        locum = membership.person.profession == "gp"
        claim = pay.claim_submit(
            actor=SYSTEM,
            membership=membership,
            month=last_month,
            sessions=Decimal(8),
            locum_sessions=Decimal(8 if locum else 0),
            locum_cost=Decimal(2000 if locum else 0),
        )
        if position == 0:
            pay.claim_decide(actor=SYSTEM, claim=claim, approve=True)
        elif position == 1:
            pay.claim_decide(actor=SYSTEM, claim=claim, approve=False, reason="Attach the locum's invoice")
