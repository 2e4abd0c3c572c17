"""Test data for delegation and PBC (TOR-1, PBC-1): a PBC group, an approvals committee, the
starting scheme of delegation, and cases at each stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Aspect, Criterion
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation import services as ds
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, LinkKind, MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Committee, Organisation
from tests.factories import START, SYSTEM, World, make_org, make_person, seat


@dataclass
class Commissioning:
    group: Organisation
    approvals: Committee


def make_commissioning(world: World) -> Commissioning:
    """World's practice joins a PBC group; a PBC approvals committee with three members
    (none from the practice); the starting scheme (ED up to the policy's £50,000)."""
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, f"{world.trust.name} PBC Group")
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )
    approvals = ts.committee_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=CommitteeKind.PBC_APPROVALS,
        name="PBC Approvals Committee",
        parent=world.board,
    )
    seat(world.people["member"], approvals, MembershipRole.CHAIR)
    seat(world.people["executive_director"], approvals, MembershipRole.BOARD_DIRECTOR)
    seat(make_person(world.trust, Profession.PHARMACIST), approvals, MembershipRole.CLINICAL)
    ds.scheme_adopt_default(actor=SYSTEM, trust=world.trust)
    return Commissioning(group=group, approvals=approvals)


def submit_case(world: World, value: int = 120_000, **extra: Any) -> BusinessCase:
    fields: dict[str, Any] = {
        "kind": "business_case",
        "title": "Community diabetes clinic",
        "service": "A nurse-led diabetes clinic in the practice for patients of the group",
        "value": value,
        "patient_focus": "Care closer to home; targets the most deprived wards",
        "evidence": "Audit of 2006 referrals: 340 outpatient attendances could move",
        "submitter": world.practice,
    } | extra
    return cs.case_submit(actor=SYSTEM, trust=world.trust, **fields)


def scrutinise(case: BusinessCase, world: World, assessor_key: str = "member") -> None:
    """Both aspects, every criterion met, by a member without an interest."""
    for aspect in Aspect:
        cs.scrutiny_record(
            actor=SYSTEM,
            case=case,
            aspect=aspect.value,
            assessor=world.people[assessor_key],
            assessments={c.value: ("met", f"{c.label} is sound") for c in Criterion},
        )


def future(days: int = 14) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=days)
