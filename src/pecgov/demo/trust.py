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
from pecgov.trust.models import Committee, Organisation, Person

TRUST_CODE = "5ZZ"
TRUST_NAME = "Avonmere Primary Care Trust"
SYSTEM = ts.SYSTEM
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
    today = timezone.localdate()
    trust = ts.trust_create(actor=SYSTEM, name=TRUST_NAME, ods_code=TRUST_CODE)
    policy_choose_pack(actor=SYSTEM, trust=trust, pack="dh2007", reason="Default policy")

    def org(kind: str, name: str, ods: str = "", **kw: Any) -> Organisation:
        return ts.organisation_create(actor=SYSTEM, trust=trust, kind=kind, name=name, ods_code=ods, **kw)

    def link(a: Organisation, b: Organisation, kind: str, start: dt.date = START) -> None:
        ts.organisation_link_create(
            actor=SYSTEM, from_organisation=a, to_organisation=b, kind=kind, start_date=start
        )

    sha = org(OrganisationKind.SHA, "Southmoor Strategic Health Authority", "Q99")
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
    org(
        OrganisationKind.PROVIDER,
        "Avonmere Hospitals NHS Foundation Trust",
        "RZ9",
        provider_kind=ProviderKind.FOUNDATION_TRUST,
    )
    org(OrganisationKind.PROVIDER, "Clearpath Healthcare Ltd", provider_kind=ProviderKind.PRIVATE)
    org(
        OrganisationKind.PROVIDER,
        "Meridian Commissioning Support Ltd",
        provider_kind=ProviderKind.COMMISSIONING_SUPPORT,
    )
    del sha

    localities = [org(OrganisationKind.LOCALITY, f"{name} Locality") for name in LOCALITIES]
    groups = [org(OrganisationKind.PBC_GROUP, name) for name in PBC_GROUPS]
    # Groups span localities: group 0 covers North and East, group 1 South, group 2 West.
    for group, locs in zip(groups, [(0, 2), (1,), (3,)], strict=True):
        for i in locs:
            link(group, localities[i], LinkKind.IN_LOCALITY)
    practices: list[Organisation] = []
    for i, street in enumerate(STREETS):
        kind_word = "Surgery" if i % 3 else "Medical Centre"
        practice = org(OrganisationKind.PRACTICE, f"{street} {kind_word}", f"Z8{i + 1:04d}")
        locality_no = i % 4
        link(practice, localities[locality_no], LinkKind.IN_LOCALITY)
        group_no = {0: 0, 2: 0, 1: 1, 3: 2}[locality_no]
        link(practice, groups[group_no], LinkKind.MEMBER_OF_PBC_GROUP)
        practices.append(practice)

    def person(
        name: str, profession: str, title: str = "", at: Organisation | None = None, **kw: Any
    ) -> Person:
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

    gp = {"registration_body": "GMC"}
    rahman = person(
        "Dr Anika Rahman",
        Profession.GP,
        "GP partner and PEC chair",
        practices[0],
        registration_number="4512876",
        **gp,
    )
    hollis = person(
        "Dr Tom Hollis",
        Profession.GP,
        "GP partner",
        practices[5],
        registration_number="6120443",
        **gp,
    )
    okonkwo = person(
        "Dr Grace Okonkwo",
        Profession.GP,
        "GP partner",
        practices[10],
        registration_number="5833190",
        **gp,
    )
    bennett = person(
        "Dr Martin Bennett",
        Profession.GP,
        "Salaried GP",
        practices[17],
        registration_number="7004921",
        **gp,
    )
    fraser = person(
        "Julie Fraser",
        Profession.NURSE,
        "Community matron",
        arm,
        registration_body="NMC",
        registration_number="98A1234E",
    )
    shah = person(
        "Imran Shah",
        Profession.PHARMACIST,
        "Community pharmacist",
        None,
        registration_body="GPhC",
        registration_number="2045561",
    )
    lewis = person(
        "Carys Lewis",
        Profession.AHP,
        "Physiotherapy lead",
        arm,
        registration_body="HCPC",
        registration_number="PH81234",
    )
    adeyemi = person(
        "Dr Folake Adeyemi",
        Profession.PUBLIC_HEALTH,
        "Consultant in public health",
        trust,
        registration_body="GMC",
        registration_number="6677120",
    )
    pryce = person("Gareth Pryce", Profession.MANAGER, "Director of commissioning", trust)
    natarajan = person("Priya Natarajan", Profession.MANAGER, "Director of finance", trust)
    ellery = person("Margaret Ellery", Profession.LAY, "Chair of the PCT", None)
    okafor = person("David Okafor", Profession.MANAGER, "Chief executive", trust)
    whitlock = person("Rosemary Whitlock", Profession.LAY, "Non-executive director", None)
    barnes = person("Colin Barnes", Profession.LAY, "Non-executive director", None)
    marsh = person("Helen Marsh", Profession.MANAGER, "Board secretary and governance lead", trust)
    councillor = person("Cllr Anne Tiverton", Profession.LAY, "Director of adult social care", None)
    lowe = person("Sandra Lowe", Profession.MANAGER, "Practice manager", practices[5])
    person(
        "Dr Owen Price",
        Profession.GP,
        "Retired GP",
        None,
        practising=False,
        has_caseload=False,
        **gp,
    )
    for i, practice in enumerate(practices[1:13], start=1):
        person(
            f"Dr {['Amy', 'Ben', 'Chloe', 'Dev', 'Ella', 'Femi', 'Gita', 'Hugo', 'Isla', 'Jon', 'Kemi', 'Liam'][i - 1]} "
            f"{['Archer', 'Boyd', 'Carter', 'Dale', 'Evans', 'Ford', 'Gill', 'Hart', 'Irwin', 'Jones', 'Khan', 'Lamb'][i - 1]}",
            Profession.GP,
            "GP partner",
            practice,
            registration_number=f"70{i:05d}",
            **gp,
        )

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
    acf_north = committee(
        CommitteeKind.ACF,
        "Avonmere North Area Commissioning Forum",
        pec,
        locality=localities[0],
        purpose="Coordinates practices and PBC plans across the locality (Alliance).",
    )
    acf_south = committee(
        CommitteeKind.ACF,
        "Avonmere South Area Commissioning Forum",
        pec,
        locality=localities[1],
        purpose="Coordinates practices and PBC plans across the locality (Alliance).",
    )

    def seat(p: Person, c: Committee, role: str, start: dt.date = START, **kw: Any) -> None:
        ts.membership_create(actor=SYSTEM, person=p, committee=c, role=role, start_date=start, **kw)

    seat(ellery, board, MembershipRole.CHAIR, _date(6))
    seat(okafor, board, MembershipRole.CHIEF_EXECUTIVE, _date(5))
    seat(natarajan, board, MembershipRole.EXECUTIVE_DIRECTOR, _date(4))
    seat(pryce, board, MembershipRole.EXECUTIVE_DIRECTOR, _date(4))
    seat(adeyemi, board, MembershipRole.EXECUTIVE_DIRECTOR, _date(3))
    seat(whitlock, board, MembershipRole.NON_EXECUTIVE, _date(6))
    seat(barnes, board, MembershipRole.NON_EXECUTIVE, _date(2))
    seat(rahman, board, MembershipRole.BOARD_DIRECTOR, _date(3))

    # The PEC: nine members, one more than DH's "no greater than eight" (DH 6.2).
    seat(rahman, pec, MembershipRole.CHAIR, _date(3))
    seat(hollis, pec, MembershipRole.VICE_CHAIR, _date(5))
    seat(okonkwo, pec, MembershipRole.CLINICAL, _date(4))
    seat(bennett, pec, MembershipRole.CLINICAL, _date(1, 9))
    seat(fraser, pec, MembershipRole.CLINICAL, _date(4))
    seat(shah, pec, MembershipRole.CLINICAL, _date(2))
    seat(lewis, pec, MembershipRole.CLINICAL, _date(2))
    seat(adeyemi, pec, MembershipRole.CLINICAL, _date(3))
    seat(pryce, pec, MembershipRole.MANAGEMENT, _date(4))
    seat(
        councillor,
        pec,
        MembershipRole.CO_OPTED,
        _date(0, today.month, 1) if today.day > 1 else today,
        end_date=today + dt.timedelta(days=120),
        co_opted_scope="Joint strategic needs assessment for older people's services",
    )
    # A past member who stood down (DH 7.2), so history shows a tenure ending.
    price = Person.objects.get(trust=trust, name="Dr Owen Price")
    seat(price, pec, MembershipRole.CLINICAL, _date(6))
    ts.membership_end(
        actor=SYSTEM,
        membership=price.memberships.get(),
        end_date=_date(4, 3, 31),
        end_reason="stood_down",
        end_note="Retired from practice",
    )

    seat(natarajan, approvals, MembershipRole.CHAIR, _date(3))
    seat(hollis, approvals, MembershipRole.CLINICAL, _date(3))
    seat(fraser, approvals, MembershipRole.CLINICAL, _date(3))
    # A third clinician keeps the committee quorate when a GP member steps out of a case (MTG-2).
    seat(shah, approvals, MembershipRole.CLINICAL, _date(3))
    seat(pryce, approvals, MembershipRole.MANAGEMENT, _date(3))
    seat(okonkwo, acf_north, MembershipRole.CHAIR, _date(2))
    seat(rahman, acf_north, MembershipRole.CLINICAL, _date(2))
    seat(bennett, acf_south, MembershipRole.CHAIR, _date(2))
    seat(hollis, acf_south, MembershipRole.CLINICAL, _date(2))

    _accounts(trust, {p.name: p for p in Person.objects.filter(trust=trust)}, practices[5], marsh, lowe)

    from pecgov.demo.meetings import build as build_meetings

    build_meetings(trust)

    from pecgov.demo.commissioning import build as build_commissioning

    build_commissioning(trust)

    from pecgov.demo.appointments import build as build_appointments

    build_appointments(trust)


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
