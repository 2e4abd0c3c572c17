"""Test data for a member's year, made through the services as the people who would act."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from pecgov.members.enums import Outcome, PayBasis
from pecgov.members.models import Appraisal, Objective
from pecgov.members.services import appraisals as aps
from pecgov.members.services import objectives as obs
from pecgov.members.services import pay
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership
from tests.factories import SYSTEM, World

TODAY = timezone.localdate


def pec_seat(world: World, key: str = "member") -> Membership:
    return Membership.objects.select_related("person", "committee").get(
        person=world.people[key], committee__kind=CommitteeKind.PEC
    )


def agreed_objective(world: World, key: str = "member", title: str = "Cut waits") -> Objective:
    """Proposed by the line of accountability, signed off by the member."""
    membership = pec_seat(world, key)
    proposer = world.users["pct_chair" if key == "pec_chair" else "pec_chair"]
    objective = obs.objective_propose(
        actor=proposer,
        membership=membership,
        title=title,
        measure="Waits under 18 weeks",
        due_date=TODAY() + dt.timedelta(days=90),
    )
    return obs.objective_sign(actor=world.users[key], objective=objective)


def signed_appraisal(world: World, key: str = "member") -> Appraisal:
    membership = pec_seat(world, key)
    chair, member = world.users["pec_chair"], world.users[key]
    appraisal = aps.appraisal_start(actor=chair, membership=membership)
    aps.appraisal_self_assess(
        actor=member, appraisal=appraisal, self_assessment="Met most goals", competency_assessment="Grew"
    )
    aps.appraisal_assess(
        actor=chair,
        appraisal=appraisal,
        appraiser_assessment="A good year",
        outcome=Outcome.MEETS,
        held_on=TODAY(),
    )
    aps.pdp_add(
        actor=member,
        appraisal=appraisal,
        need="Finance",
        action="Course",
        by_when=TODAY() + dt.timedelta(days=60),
    )
    aps.appraisal_sign(actor=member, appraisal=appraisal)
    return aps.appraisal_sign(actor=chair, appraisal=appraisal)


def framework(world: World, rate: str = "300") -> None:
    pay.pay_rate_set(
        actor=SYSTEM,
        trust=world.trust,
        role=MembershipRole.CLINICAL,
        basis=PayBasis.SESSIONAL,
        sessions_per_week=Decimal("2"),
        rate_per_session=Decimal(rate),
        locum_rate_per_session=Decimal("250"),
    )
