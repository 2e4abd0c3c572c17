"""Demo appointments for Avonmere PCT (APP-1 to APP-7), made through the services.

- The plan "Appointing the PEC for <year>" with DH Annex C's nine steps: five done, the
  interviews in progress, the rest owned and dated (the offers step overdue) (APP-1, EFF-1).
- "Clinical member (GP)": two posts, advertised and closed, six applicants. One withdrew, one
  was not shortlisted (with the reason), four were interviewed and scored by every panel member
  on every competency. One was appointed and accepted (a PEC member from the plan's target
  date), one has an offer waiting (the `applicant` sign-in), one fails the added value heading,
  one is appointable but ranked lower. The panel (chief executive chairing, PCT chair, a former
  PEC member) passes DH Annex B; the former member declared an interest in a candidate's PBC
  group and takes no part in assessing that candidate. Sift and interview scores include wide
  disagreements (APP-3, APP-4, APP-5, APP-7, ORG-4).
- "Nurse member": open for applications for about three weeks, on the public list of posts;
  its panel of two breaks DH's size rule until the lead adds a member (APP-3, APP-4).
- "PEC chair" under the Alliance model, a recorded policy override: two shortlisted candidates
  fully scored, recommended by current PEC members, waiting for the PCT chair to appoint (APP-6).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.appointments import services as aps
from pecgov.appointments.enums import StepKey
from pecgov.appointments.models import AppointmentPlan
from pecgov.demo.appointments.chair import CHAIR_MODEL_REASON, chair_round
from pecgov.demo.appointments.rounds import member_round, nurse_round
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Organisation, Person

__all__ = ["CHAIR_MODEL_REASON", "build"]


def build(trust: Organisation) -> None:
    if AppointmentPlan.objects.filter(trust=trust).exists():
        return
    today = timezone.localdate()
    people = {p.name: p for p in Person.objects.filter(trust=trust)}
    orgs = {o.name: o for o in Organisation.objects.filter(trust=trust)}
    pec = Committee.objects.get(trust=trust, kind=CommitteeKind.PEC)
    target = _target_date(today)
    plan = aps.plan_create(
        actor=SYSTEM, trust=trust, title=f"Appointing the PEC for {target.year}", target_date=target
    )
    _steps(plan, people, today, target)
    member_round(trust, plan, pec, people, orgs, today, target)
    nurse_round(trust, plan, pec, people, orgs, today)
    chair_round(trust, plan, pec, people, orgs, today, target)


def _target_date(today: dt.date) -> dt.date:
    """The first of the month about four months ahead: when the new PEC takes office."""
    ahead = today + dt.timedelta(days=120)
    return dt.date(ahead.year + ahead.month // 12, ahead.month % 12 + 1, 1)


def _steps(plan: AppointmentPlan, people: dict[str, Person], today: dt.date, target: dt.date) -> None:
    def ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    plan_steps = {step.key: step for step in plan.steps.all()}
    rows: list[tuple[str, str, dt.date, dt.date | None, str]] = [
        (
            StepKey.ROLES,
            "David Okafor",
            ago(110),
            ago(105),
            "Roles agreed by the Board with the PEC's terms of reference.",
        ),
        (
            StepKey.COMPETENCIES,
            "Helen Marsh",
            ago(95),
            ago(92),
            "DH Annex B competencies adopted for every post; job descriptions agreed.",
        ),
        (
            StepKey.PANEL,
            "David Okafor",
            ago(80),
            ago(78),
            "Panels for the GP and chair posts agreed; the nurse member panel still needs a third member.",
        ),
        (
            StepKey.ADVERTISE,
            "Helen Marsh",
            ago(72),
            ago(70),
            "Advertised on the trust's website and by letter to practices.",
        ),
        (StepKey.SIFT, "David Okafor", ago(28), ago(26), "GP and chair applications sifted and shortlisted."),
        (
            StepKey.INTERVIEW,
            "David Okafor",
            today + dt.timedelta(days=35),
            None,
            "GP and chair interviews held; nurse member interviews to follow after the closing date.",
        ),
        (
            StepKey.OFFER,
            "Helen Marsh",
            ago(3),
            None,
            "One GP offer accepted, one awaiting an answer; the chair waits for the PCT chair's decision.",
        ),
        (
            StepKey.NOTICE,
            "Margaret Ellery",
            target - dt.timedelta(days=60),
            None,
            "Dr Anika Rahman's term as PEC chair ends the day before the new PEC takes office.",
        ),
        (
            StepKey.INDUCTION,
            "Dr Anika Rahman",
            target,
            None,
            "Induction day and a mentor from the current PEC for each new member.",
        ),
    ]
    for key, owner, due, done, note in rows:
        aps.step_update(
            actor=SYSTEM, step=plan_steps[key], owner=people[owner], due_date=due, done_on=done, note=note
        )
