"""Build the demo trust, Avonmere PCT, through the services (idempotent).

About 40 practices in 4 localities and 3 PBC groups, providers, the SHA, the
local authority and a voluntary body; a Board; a PEC of nine that the DH pack
finds one too large (end one membership and it passes); a PBC approvals
committee; two Area Commissioning Forums; one co-opted member.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.demo import annual_report as demo_annual_report
from pecgov.demo import appointments as demo_appointments
from pecgov.demo import checklist as demo_checklist
from pecgov.demo import commissioning as demo_commissioning
from pecgov.demo import documents as demo_documents
from pecgov.demo import effectiveness as demo_effectiveness
from pecgov.demo import meetings as demo_meetings
from pecgov.demo import members as demo_members
from pecgov.demo import surveys as demo_surveys
from pecgov.demo.accounts import DEMO_ACCOUNTS
from pecgov.policy.services import policy_choose_pack
from pecgov.trust import services as ts
from pecgov.trust.enums import (
    CommitteeKind,
    GrantRole,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
    ProviderKind,
)
from pecgov.trust.models import Committee, Membership, Organisation, Person

TRUST_CODE = "5ZZ"
TRUST_NAME = "Avonmere Primary Care Trust"
START = dt.date(2019, 4, 1)

LOCALITIES = ["Avonmere North", "Avonmere South", "Avonmere East", "Avonmere West"]
PBC_GROUPS = [
    "North and East Avonmere PBC Consortium",
    "Riverside PBC Group",
    "Westdown Commissioning Collaborative",
]
STREETS = [
    "Abbey Road",
    "Beech Grove",
    "Castle Street",
    "Dover Lane",
    "Elm Park",
    "Fairfield",
    "Granary Wharf",
    "Hill Top",
    "Ivy Bank",
    "Juniper Close",
    "Kingsway",
    "Larkfield",
    "Market Place",
    "Northgate",
    "Orchard Way",
    "Priory Lane",
    "Quayside",
    "Riverside",
    "St Mary's",
    "Tanner Street",
    "Upton Road",
    "Victoria Road",
    "Willow Brook",
    "Yew Tree",
    "Ashdown",
    "Bridge Street",
    "Chapel Hill",
    "Deer Park",
    "Eastfield",
    "Foxhill",
    "Greenway",
    "Harbour View",
    "Ironbridge",
    "Jubilee",
    "Kestrel Way",
    "Long Lane",
    "Millbrook",
    "New Street",
    "Old Forge",
    "Park View",
]

# Providers other than the trust's own provider arm: (name, ODS code, kind).
PROVIDERS = [
    ("Avonmere Hospitals NHS Foundation Trust", "RZ9", ProviderKind.FOUNDATION_TRUST),
    ("Clearpath Healthcare Ltd", "", ProviderKind.PRIVATE),
    ("Meridian Commissioning Support Ltd", "", ProviderKind.COMMISSIONING_SUPPORT),
]

_GP = {"registration_body": "GMC"}
# The named people: (key, name, profession, job title, where they work, more fields). Where: a
# practice by its number, "arm" (the provider arm), "trust", or None.
PEOPLE: list[tuple[str, str, str, str, str | int | None, dict[str, Any]]] = [
    (
        "rahman",
        "Dr Anika Rahman",
        Profession.GP,
        "GP partner and PEC chair",
        0,
        _GP | {"registration_number": "4512876"},
    ),
    ("hollis", "Dr Tom Hollis", Profession.GP, "GP partner", 5, _GP | {"registration_number": "6120443"}),
    (
        "okonkwo",
        "Dr Grace Okonkwo",
        Profession.GP,
        "GP partner",
        10,
        _GP | {"registration_number": "5833190"},
    ),
    (
        "bennett",
        "Dr Martin Bennett",
        Profession.GP,
        "Salaried GP",
        17,
        _GP | {"registration_number": "7004921"},
    ),
    (
        "fraser",
        "Julie Fraser",
        Profession.NURSE,
        "Community matron",
        "arm",
        {"registration_body": "NMC", "registration_number": "98A1234E"},
    ),
    (
        "shah",
        "Imran Shah",
        Profession.PHARMACIST,
        "Community pharmacist",
        None,
        {"registration_body": "GPhC", "registration_number": "2045561"},
    ),
    (
        "lewis",
        "Carys Lewis",
        Profession.AHP,
        "Physiotherapy lead",
        "arm",
        {"registration_body": "HCPC", "registration_number": "PH81234"},
    ),
    (
        "adeyemi",
        "Dr Folake Adeyemi",
        Profession.PUBLIC_HEALTH,
        "Consultant in public health",
        "trust",
        {"registration_body": "GMC", "registration_number": "6677120"},
    ),
    ("pryce", "Gareth Pryce", Profession.MANAGER, "Director of commissioning", "trust", {}),
    ("natarajan", "Priya Natarajan", Profession.MANAGER, "Director of finance", "trust", {}),
    ("ellery", "Margaret Ellery", Profession.LAY, "Chair of the PCT", None, {}),
    ("okafor", "David Okafor", Profession.MANAGER, "Chief executive", "trust", {}),
    ("whitlock", "Rosemary Whitlock", Profession.LAY, "Non-executive director", None, {}),
    ("barnes", "Colin Barnes", Profession.LAY, "Non-executive director", None, {}),
    ("marsh", "Helen Marsh", Profession.MANAGER, "Board secretary and governance lead", "trust", {}),
    ("councillor", "Cllr Anne Tiverton", Profession.LAY, "Director of adult social care", None, {}),
    ("lowe", "Sandra Lowe", Profession.MANAGER, "Practice manager", 5, {}),
    (
        "price",
        "Dr Owen Price",
        Profession.GP,
        "Retired GP",
        None,
        _GP | {"practising": False, "has_caseload": False},
    ),
]
GP_FIRST_NAMES = ["Amy", "Ben", "Chloe", "Dev", "Ella", "Femi", "Gita", "Hugo", "Isla", "Jon", "Kemi", "Liam"]
GP_SURNAMES = [
    "Archer",
    "Boyd",
    "Carter",
    "Dale",
    "Evans",
    "Ford",
    "Gill",
    "Hart",
    "Irwin",
    "Jones",
    "Khan",
    "Lamb",
]

# Seats: (person, committee, role, (years ago, month) the seat began).
BOARD_AND_PEC_SEATS = [
    ("ellery", "board", MembershipRole.CHAIR, (6, 4)),
    ("okafor", "board", MembershipRole.CHIEF_EXECUTIVE, (5, 4)),
    ("natarajan", "board", MembershipRole.EXECUTIVE_DIRECTOR, (4, 4)),
    ("pryce", "board", MembershipRole.EXECUTIVE_DIRECTOR, (4, 4)),
    ("adeyemi", "board", MembershipRole.EXECUTIVE_DIRECTOR, (3, 4)),
    ("whitlock", "board", MembershipRole.NON_EXECUTIVE, (6, 4)),
    ("barnes", "board", MembershipRole.NON_EXECUTIVE, (2, 4)),
    ("rahman", "board", MembershipRole.BOARD_DIRECTOR, (3, 4)),
    # The PEC: nine members, one more than DH's "no greater than eight" (DH 6.2).
    ("rahman", "pec", MembershipRole.CHAIR, (3, 4)),
    ("hollis", "pec", MembershipRole.VICE_CHAIR, (5, 4)),
    ("okonkwo", "pec", MembershipRole.CLINICAL, (4, 4)),
    ("bennett", "pec", MembershipRole.CLINICAL, (1, 9)),
    ("fraser", "pec", MembershipRole.CLINICAL, (4, 4)),
    ("shah", "pec", MembershipRole.CLINICAL, (2, 4)),
    ("lewis", "pec", MembershipRole.CLINICAL, (2, 4)),
    ("adeyemi", "pec", MembershipRole.CLINICAL, (3, 4)),
    ("pryce", "pec", MembershipRole.MANAGEMENT, (4, 4)),
]
OTHER_SEATS = [
    ("natarajan", "approvals", MembershipRole.CHAIR, (3, 4)),
    ("hollis", "approvals", MembershipRole.CLINICAL, (3, 4)),
    ("fraser", "approvals", MembershipRole.CLINICAL, (3, 4)),
    # A third clinician keeps the committee quorate when a GP member steps out of a case (MTG-2).
    ("shah", "approvals", MembershipRole.CLINICAL, (3, 4)),
    ("pryce", "approvals", MembershipRole.MANAGEMENT, (3, 4)),
    ("okonkwo", "acf_north", MembershipRole.CHAIR, (2, 4)),
    ("rahman", "acf_north", MembershipRole.CLINICAL, (2, 4)),
    ("bennett", "acf_south", MembershipRole.CHAIR, (2, 4)),
    ("hollis", "acf_south", MembershipRole.CLINICAL, (2, 4)),
]


def _date(years_ago: int, month: int = 4, day: int = 1) -> dt.date:
    return dt.date(timezone.localdate().year - years_ago, month, day)


def load_demo(*, stdout: Any = None) -> bool:
    """Create the demo trust if it is not there. Returns False when it already exists."""
    if Organisation.objects.filter(kind=OrganisationKind.TRUST, ods_code=TRUST_CODE).exists():
        return False
    with transaction.atomic():
        _build()
    return True


def _build() -> None:
    trust = ts.trust_create(actor=SYSTEM, name=TRUST_NAME, ods_code=TRUST_CODE)
    policy_choose_pack(actor=SYSTEM, trust=trust, pack="dh2007", reason="Default policy")
    orgs = _organisations(trust)
    people = _people(trust, orgs)
    committees = _committees(trust, orgs["localities"])
    _seats(people, committees)
    _accounts(
        trust,
        {p.name: p for p in Person.objects.filter(trust=trust)},
        orgs["practices"][5],
        people["marsh"],
        people["lowe"],
    )
    demo_meetings.build(trust)
    demo_effectiveness.build(trust)  # EFF-2: the rubber-stamp trend
    demo_commissioning.build(trust)
    demo_appointments.build(trust)
    demo_documents.build(trust)  # COI-5, PUB-2: statement PDFs, agenda packs
    demo_members.build(trust)
    demo_surveys.build(trust)  # EFF-2
    demo_checklist.build(trust)  # EFF-1, ORG-7
    demo_annual_report.build(trust)  # EFF-2, EFF-3


def _organisations(trust: Organisation) -> dict[str, Any]:
    """The SHA, the council, providers, 4 localities, 3 PBC groups and 40 practices, linked."""

    def org(kind: str, name: str, ods: str = "", **kw: Any) -> Organisation:
        return ts.organisation_create(actor=SYSTEM, trust=trust, kind=kind, name=name, ods_code=ods, **kw)

    def link(a: Organisation, b: Organisation, kind: str, start: dt.date = START) -> None:
        ts.organisation_link_create(
            actor=SYSTEM, from_organisation=a, to_organisation=b, kind=kind, start_date=start
        )

    org(OrganisationKind.SHA, "Southmoor Strategic Health Authority", "Q99")
    org(OrganisationKind.LOCAL_AUTHORITY, "Avonmere County Council", "Z00A1")
    org(OrganisationKind.VOLUNTARY, "Avonmere Council for Voluntary Service")
    arm = org(
        OrganisationKind.PROVIDER,
        "Avonmere Community Services",
        "5ZZ01",
        provider_kind=ProviderKind.PROVIDER_ARM,
        parent=trust,
    )
    link(arm, trust, LinkKind.PROVIDER_ARM_OF)
    for name, ods, kind in PROVIDERS:
        org(OrganisationKind.PROVIDER, name, ods, provider_kind=kind)
    localities = [org(OrganisationKind.LOCALITY, f"{name} Locality") for name in LOCALITIES]
    groups = [org(OrganisationKind.PBC_GROUP, name) for name in PBC_GROUPS]
    # Groups span localities: group 0 covers North and East, group 1 South, group 2 West.
    for group, locs in zip(groups, [(0, 2), (1,), (3,)], strict=True):
        for i in locs:
            link(group, localities[i], LinkKind.IN_LOCALITY)
    practices: list[Organisation] = []
    for i, street in enumerate(STREETS):
        kind_word = "Surgery" if i % 3 else "Medical Centre"
        practice = org(
            OrganisationKind.PRACTICE,
            f"{street} {kind_word}",
            f"Z8{i + 1:04d}",
            # ORG-1: where it is and since when, as the ODS practice file gives them.
            address=f"{i + 1} {street}\nAvonmere",
            postcode=f"AV{1 + i % 9} {i % 9}AB",
            open_date=dt.date(1974 + i % 30, 4, 1),
        )
        locality_no = i % 4
        link(practice, localities[locality_no], LinkKind.IN_LOCALITY)
        group_no = {0: 0, 2: 0, 1: 1, 3: 2}[locality_no]
        link(practice, groups[group_no], LinkKind.MEMBER_OF_PBC_GROUP)
        practices.append(practice)
    return {"trust": trust, "arm": arm, "localities": localities, "practices": practices}


def _people(trust: Organisation, orgs: dict[str, Any]) -> dict[str, Person]:
    """The named people of PEOPLE, then twelve more GP partners, one per practice."""

    def person(name: str, profession: str, title: str, at: Organisation | None, **kw: Any) -> Person:
        clinician = profession in Profession.clinical()
        fields: dict[str, Any] = {
            "name": name,
            "profession": profession,
            "job_title": title,
            "organisation": at,
            "practising": kw.pop("practising", clinician),
            "has_caseload": kw.pop("has_caseload", clinician),
            "email": name.lower().replace("dr ", "").replace(" ", ".").replace("'", "")
            + "@avonmere.example.nhs.uk",
        }
        fields.update(kw)
        return ts.person_create(actor=SYSTEM, trust=trust, **fields)

    def where(at: str | int | None) -> Organisation | None:
        return orgs["practices"][at] if isinstance(at, int) else orgs[at] if at else None

    people = {
        key: person(name, profession, title, where(at), **extra)
        for key, name, profession, title, at, extra in PEOPLE
    }
    for i, practice in enumerate(orgs["practices"][1:13], start=1):
        person(
            f"Dr {GP_FIRST_NAMES[i - 1]} {GP_SURNAMES[i - 1]}",
            Profession.GP,
            "GP partner",
            practice,
            registration_number=f"70{i:05d}",
            registration_body="GMC",
        )
    return people


def _committees(trust: Organisation, localities: list[Organisation]) -> dict[str, Committee]:
    def committee(kind: str, name: str, parent: Committee | None = None, **kw: Any) -> Committee:
        return ts.committee_create(actor=SYSTEM, trust=trust, kind=kind, name=name, parent=parent, **kw)

    board = committee(
        CommitteeKind.BOARD,
        "Avonmere PCT Board",
        purpose="Overall responsibility for discharging the PCT's statutory duties (DH 5.1).",
    )
    pec = committee(
        CommitteeKind.PEC,
        "Professional Executive Committee",
        board,
        purpose="Clinical leadership of commissioning, with authority delegated by the Board (DH 3, 5).",
    )
    approvals = committee(
        CommitteeKind.PBC_APPROVALS,
        "PBC Approvals Committee",
        pec,
        purpose="Approves practice-based commissioning business cases within delegated limits (DH 5.8).",
    )
    forum = "Coordinates practices and PBC plans across the locality (Alliance)."
    acf_north = committee(
        CommitteeKind.ACF,
        "Avonmere North Area Commissioning Forum",
        pec,
        locality=localities[0],
        purpose=forum,
    )
    acf_south = committee(
        CommitteeKind.ACF,
        "Avonmere South Area Commissioning Forum",
        pec,
        locality=localities[1],
        purpose=forum,
    )
    return {
        "board": board,
        "pec": pec,
        "approvals": approvals,
        "acf_north": acf_north,
        "acf_south": acf_south,
    }


def _seats(people: dict[str, Person], committees: dict[str, Committee]) -> None:
    """The Board and the PEC, the co-opted member and a past member who stood down, then the
    other committees: in that order, as the record shows them."""
    today = timezone.localdate()

    def seat(key: str, committee: str, role: str, start: dt.date, **kw: Any) -> Membership:
        return ts.membership_create(
            actor=SYSTEM,
            person=people[key],
            committee=committees[committee],
            role=role,
            start_date=start,
            **kw,
        )

    for key, committee, role, (years_ago, month) in BOARD_AND_PEC_SEATS:
        seat(key, committee, role, _date(years_ago, month))
    seat(
        "councillor",
        "pec",
        MembershipRole.CO_OPTED,
        _date(0, today.month, 1) if today.day > 1 else today,
        end_date=today + dt.timedelta(days=120),
        co_opted_scope="Joint strategic needs assessment for older people's services",
    )
    # A past member who stood down (DH 7.2), so history shows a tenure ending.
    ts.membership_end(
        actor=SYSTEM,
        membership=seat("price", "pec", MembershipRole.CLINICAL, _date(6)),
        end_date=_date(4, 3, 31),
        end_reason="stood_down",
        end_note="Retired from practice",
    )
    for key, committee, role, (years_ago, month) in OTHER_SEATS:
        seat(key, committee, role, _date(years_ago, month))


def _accounts(
    trust: Organisation,
    people: dict[str, Person],
    practice: Organisation,
    lead: Person,
    practice_lead: Person,
) -> None:
    User = get_user_model()
    for account in DEMO_ACCOUNTS:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            first, _, last = (account.person or account.role).replace("Dr ", "").partition(" ")
            user = User.objects.create_user(
                account.username, password=account.password, first_name=first, last_name=last
            )
        if account.person:
            ts.person_update(actor=SYSTEM, person=people[account.person], user=user)
    lead_user = User.objects.get(username="lead")
    ts.role_grant(actor=SYSTEM, user=lead_user, trust=trust, role=GrantRole.GOVERNANCE_LEAD)
    ts.role_grant(
        actor=SYSTEM,
        user=User.objects.get(username="practicelead"),
        trust=trust,
        role=GrantRole.PRACTICE_LEAD,
        organisation=practice,
    )
