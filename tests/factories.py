"""Test data made through the services, so every invariant holds (no fixture files).

`make_trust()` builds a small trust with a Board and a PEC; `make_person`,
`make_org`, `seat` add to it. Personas are users holding each role.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model

from pecgov.trust import services as ts
from pecgov.trust.enums import (
    CommitteeKind,
    GrantRole,
    MembershipRole,
    OrganisationKind,
    Profession,
)
from pecgov.trust.models import Committee, Membership, Organisation, Person

SYSTEM = ts.SYSTEM
START = dt.date(2020, 4, 1)
_seq = itertools.count(1)


def make_user(username: str | None = None, **extra: Any) -> Any:
    name = username or f"user{next(_seq)}"
    return get_user_model().objects.create_user(name, password="a-long-test-password-1", **extra)


def make_org(
    trust: Organisation, kind: str = OrganisationKind.PRACTICE, name: str | None = None, **kw: Any
) -> Organisation:
    return ts.organisation_create(
        actor=SYSTEM, trust=trust, kind=kind, name=name or f"Organisation {next(_seq)}", **kw
    )


def make_person(
    trust: Organisation, profession: str = Profession.GP, name: str | None = None, **kw: Any
) -> Person:
    clinician = profession in Profession.clinical()
    kw.setdefault("practising", clinician)
    kw.setdefault("has_caseload", clinician)
    return ts.person_create(
        actor=SYSTEM, trust=trust, name=name or f"Person {next(_seq)}", profession=profession, **kw
    )


def seat(
    person: Person,
    committee: Committee,
    role: str = MembershipRole.CLINICAL,
    start: dt.date = START,
    **kw: Any,
) -> Membership:
    return ts.membership_create(
        actor=SYSTEM, person=person, committee=committee, role=role, start_date=start, **kw
    )


@dataclass
class World:
    """A trust with a Board and a PEC, and a user for every role."""

    trust: Organisation
    board: Committee
    pec: Committee
    practice: Organisation
    users: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)


def make_trust(name: str = "Testshire PCT", code: str | None = None, pec_size: int = 6) -> World:
    trust = ts.trust_create(actor=SYSTEM, name=name, ods_code=code or f"T{next(_seq):02d}")
    board = ts.committee_create(actor=SYSTEM, trust=trust, kind=CommitteeKind.BOARD, name=f"{name} Board")
    pec = ts.committee_create(
        actor=SYSTEM,
        trust=trust,
        kind=CommitteeKind.PEC,
        name="Professional Executive Committee",
        parent=board,
    )
    practice = make_org(trust, OrganisationKind.PRACTICE, f"{name} Surgery")
    world = World(trust, board, pec, practice)

    def person_with_user(key: str, profession: str, **kw: Any) -> Person:
        user = make_user(f"{key}-{trust.ods_code.lower()}")
        person = make_person(trust, profession, name=f"{key.title()} {name}", user=user, **kw)
        world.users[key] = user
        world.people[key] = person
        return person

    pct_chair = person_with_user("pct_chair", Profession.LAY)
    chief = person_with_user("chief_executive", Profession.MANAGER)
    director = person_with_user("executive_director", Profession.MANAGER)
    chair = person_with_user("pec_chair", Profession.GP, organisation=practice)
    member = person_with_user("member", Profession.NURSE)
    seat(pct_chair, board, MembershipRole.CHAIR)
    seat(chief, board, MembershipRole.CHIEF_EXECUTIVE)
    seat(director, board, MembershipRole.EXECUTIVE_DIRECTOR)
    seat(chair, board, MembershipRole.BOARD_DIRECTOR)
    seat(chair, pec, MembershipRole.CHAIR)
    seat(member, pec, MembershipRole.CLINICAL)
    seat(director, pec, MembershipRole.MANAGEMENT)
    for i in range(max(0, pec_size - 3)):
        profession = [Profession.PHARMACIST, Profession.GP, Profession.AHP][i % 3]
        seat(make_person(trust, profession), pec, MembershipRole.CLINICAL)
    lead = make_user(f"lead-{trust.ods_code.lower()}")
    ts.role_grant(actor=SYSTEM, user=lead, trust=trust, role=GrantRole.GOVERNANCE_LEAD)
    world.users["governance_lead"] = lead
    practice_lead = make_user(f"practicelead-{trust.ods_code.lower()}")
    make_person(trust, Profession.MANAGER, user=practice_lead, organisation=practice)
    ts.role_grant(
        actor=SYSTEM,
        user=practice_lead,
        trust=trust,
        role=GrantRole.PRACTICE_LEAD,
        organisation=practice,
    )
    world.users["practice_lead"] = practice_lead
    world.users["applicant"] = make_user(f"applicant-{trust.ods_code.lower()}")
    return world
