"""One generated trust's organisations, links, people, committees and memberships (ORG-1 to ORG-4).

Shaped like the demo trust, Avonmere PCT, at scale: localities, PBC groups with their member
practices, the provider arm, foundation trusts and contractors; GPs, nurses and managers at
every practice; a Board, a PEC the DH pack passes, a PBC approvals committee, an Area
Commissioning Forum per locality, a committee of PBC leads and a clinical reference group.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pecgov.actors import SYSTEM
from pecgov.demo.generate import shape
from pecgov.demo.generate.writers import Writer
from pecgov.trust import services as ts
from pecgov.trust.enums import (
    CommitteeKind,
    EndReason,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
    ProviderKind,
)
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person


@dataclass
class World:
    """What the later steps of one trust need, in creation order (never in id order)."""

    trust: Organisation
    code: str
    place: str
    on: dt.date
    rng: random.Random
    orgs: list[Organisation] = field(default_factory=list)
    localities: list[Organisation] = field(default_factory=list)
    groups: list[Organisation] = field(default_factory=list)
    practices: list[Organisation] = field(default_factory=list)
    practice_group: list[int] = field(default_factory=list)  # group index of each practice
    providers: list[Organisation] = field(default_factory=list)
    contractors: list[Organisation] = field(default_factory=list)
    links: list[OrganisationLink] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    gps: list[list[Person]] = field(default_factory=list)  # GPs of each practice
    roles: dict[str, Person] = field(default_factory=dict)  # named posts: "chief_executive"...
    pools: dict[str, list[Person]] = field(default_factory=dict)  # "nurses", "ahps", "lay"...
    committees: dict[str, Committee] = field(default_factory=dict)  # kind -> committee (ACFs by "acf0")
    memberships: list[Membership] = field(default_factory=list)

    @property
    def start(self) -> dt.date:
        """When the trust's records begin: ten years before the generation date."""
        return dt.date(self.on.year - 10, 4, 1)

    def years_ago(self, years: float) -> dt.date:
        return self.on - dt.timedelta(days=round(years * 365.25))


def build(world: World, writer: Writer) -> None:
    _organisations(world, writer)
    _links(world, writer)
    _people(world, writer)
    _committees(world)
    _memberships(world, writer)


def _organisations(world: World, writer: Writer) -> None:
    trust, code, place, rng = world.trust, world.code, world.place, world.rng

    def org(kind: str, name: str, ods: str = "", **kw: Any) -> Organisation:
        made = Organisation(trust=trust, kind=kind, name=name, ods_code=ods, **kw)
        world.orgs.append(made)
        return made

    org(OrganisationKind.SHA, f"{place} and District Strategic Health Authority", f"{code}Q")
    org(OrganisationKind.LOCAL_AUTHORITY, f"{place} County Council", f"{code}LA")
    org(OrganisationKind.VOLUNTARY, f"{place} Council for Voluntary Service")
    org(OrganisationKind.VOLUNTARY, f"{place} Carers' Centre")
    arm = org(
        OrganisationKind.PROVIDER,
        f"{place} Community Services",
        f"{code}01",
        provider_kind=ProviderKind.PROVIDER_ARM,
        parent=trust,
    )
    world.providers = [
        arm,
        org(
            OrganisationKind.PROVIDER,
            f"{place} Hospitals NHS Foundation Trust",
            f"{code}R1",
            provider_kind=ProviderKind.FOUNDATION_TRUST,
        ),
        org(
            OrganisationKind.PROVIDER,
            f"{place} Mental Health NHS Foundation Trust",
            f"{code}R2",
            provider_kind=ProviderKind.FOUNDATION_TRUST,
        ),
        org(OrganisationKind.PROVIDER, f"{place} Diagnostics Ltd", provider_kind=ProviderKind.PRIVATE),
        org(OrganisationKind.PROVIDER, f"{place} Day Surgery Ltd", provider_kind=ProviderKind.PRIVATE),
        org(OrganisationKind.PROVIDER, f"{place} Hospice", provider_kind=ProviderKind.THIRD_SECTOR),
        org(
            OrganisationKind.PROVIDER,
            f"{place} Commissioning Support Ltd",
            provider_kind=ProviderKind.COMMISSIONING_SUPPORT,
        ),
    ]
    world.localities = [
        org(OrganisationKind.LOCALITY, f"{place} {shape.COMPASS[i]} Locality")
        for i in range(shape.LOCALITIES)
    ]
    world.groups = [
        org(OrganisationKind.PBC_GROUP, f"{shape.COMPASS[i]} {place} PBC Group")
        for i in range(shape.PBC_GROUPS)
    ]
    streets = rng.sample(shape.STREETS, shape.TARGETS["practices"])
    for i in range(shape.TARGETS["practices"]):
        word = shape.pick(rng, shape.PRACTICE_WORDS)
        world.practices.append(org(OrganisationKind.PRACTICE, f"{streets[i]} {word}", f"{code}P{i + 1:03d}"))
        world.practice_group.append(_group_of_locality(i % shape.LOCALITIES))
    for i, street in enumerate(rng.sample(shape.STREETS, shape.CONTRACTORS)):
        word = ["Pharmacy", "Dental Practice", "Opticians"][0 if i < 5 else 1 if i < 8 else 2]
        world.contractors.append(org(OrganisationKind.CONTRACTOR, f"{street} {word}", f"{code}C{i + 1:02d}"))
    writer.add(Organisation, world.orgs)


def _group_of_locality(locality: int) -> int:
    """Group 0 spans the first two localities; each other group covers one."""
    return max(0, locality - 1)


def _links(world: World, writer: Writer) -> None:
    start, rng = world.start, world.rng

    def link(a: Organisation, b: Organisation, kind: str, begin: dt.date = start, end: Any = None) -> None:
        world.links.append(
            OrganisationLink(
                from_organisation=a, to_organisation=b, kind=kind, start_date=begin, end_date=end
            )
        )

    link(world.providers[0], world.trust, LinkKind.PROVIDER_ARM_OF)
    for locality_index, locality in enumerate(world.localities):
        link(world.groups[_group_of_locality(locality_index)], locality, LinkKind.IN_LOCALITY)
    # A few practices changed group two years ago: the old link ended, the new one began.
    movers = set(rng.sample(range(len(world.practices)), 3))
    moved_on = world.years_ago(2)
    for i, practice in enumerate(world.practices):
        link(practice, world.localities[i % shape.LOCALITIES], LinkKind.IN_LOCALITY)
        group = world.practice_group[i]
        if i in movers:
            old = (group + 1) % shape.PBC_GROUPS
            link(
                practice, world.groups[old], LinkKind.MEMBER_OF_PBC_GROUP, end=moved_on - dt.timedelta(days=1)
            )
            link(practice, world.groups[group], LinkKind.MEMBER_OF_PBC_GROUP, begin=moved_on)
        else:
            link(practice, world.groups[group], LinkKind.MEMBER_OF_PBC_GROUP)
    for i, contractor in enumerate(world.contractors):
        link(contractor, world.localities[i % shape.LOCALITIES], LinkKind.IN_LOCALITY)
    writer.add(OrganisationLink, world.links, noun="organisation links")


def _people(world: World, writer: Writer) -> None:
    person = _person_maker(world)
    world.pools = _clinical_staff(world, person) | _trust_staff(world, person)
    writer.add(Person, world.people, noun="people")


def _person_maker(world: World) -> Callable[..., Person]:
    """A function that makes the next person (unsaved) with a name not used before in the trust."""
    rng = world.rng
    names = iter(
        rng.sample(
            [(first, last) for first in shape.FIRST_NAMES for last in shape.SURNAMES],
            shape.TARGETS["people"] + 40,
        )
    )
    domain = f"{world.place.lower().replace(' ', '')}.example.nhs.uk"

    def person(
        profession: str, title: str, at: Organisation | None, *, doctor: bool = False, **kw: Any
    ) -> Person:
        first, last = next(names)
        clinician = profession in Profession.clinical()
        body = {"gp": "GMC", "public_health": "GMC", "secondary_care": "GMC", "nurse": "NMC"}.get(
            profession, "GPhC" if profession == "pharmacist" else "GDC" if profession == "dentist" else ""
        )
        body = body or ("GOC" if profession == "optometrist" else "HCPC" if profession == "ahp" else "")
        made = Person(
            trust=world.trust,
            name=f"{'Dr ' if doctor else ''}{first} {last}",
            profession=profession,
            job_title=title,
            organisation=at,
            practising=kw.pop("practising", clinician),
            has_caseload=kw.pop("has_caseload", clinician),
            registration_body=body,
            registration_number=f"{rng.randrange(1_000_000, 9_999_999)}" if body else "",
            email=f"{first}.{last}".lower().replace("'", "") + f"@{domain}",
        )
        world.people.append(made)
        return made

    return person


def _clinical_staff(world: World, person: Callable[..., Person]) -> dict[str, list[Person]]:
    """Practices' GPs, nurses and managers; the provider arm's nurses and therapists; consultants
    at the foundation trust; the independent contractors."""
    rng = world.rng
    pools: dict[str, list[Person]] = {
        key: [] for key in ("nurses", "ahps", "lay", "pharmacists", "consultants")
    }
    for practice in world.practices:
        count = rng.randint(*shape.GPS_PER_PRACTICE)
        gps = [
            person(Profession.GP, "GP partner" if n < count - 1 else "Salaried GP", practice, doctor=True)
            for n in range(count)
        ]
        world.gps.append(gps)
        person(Profession.NURSE, "Practice nurse", practice)
        person(Profession.MANAGER, "Practice manager", practice)
    arm, ft = world.providers[0], world.providers[1]
    for n in range(shape.PROVIDER_ARM_STAFF // 2):
        title = ["Community matron", "District nurse", "Health visitor"][n % 3]
        pools["nurses"].append(person(Profession.NURSE, title, arm))
        title = [
            "Physiotherapy lead",
            "Podiatrist",
            "Occupational therapist",
            "Speech and language therapist",
        ][n % 4]
        pools["ahps"].append(person(Profession.AHP, title, arm))
    for _ in range(shape.SECONDARY_CARE):
        pools["consultants"].append(
            person(Profession.SECONDARY_CARE, "Consultant physician", ft, doctor=True)
        )
    for i, contractor in enumerate(world.contractors):
        profession = (
            Profession.PHARMACIST if i < 5 else Profession.DENTIST if i < 8 else Profession.OPTOMETRIST
        )
        made = person(profession, "Contractor", contractor, doctor=profession == Profession.DENTIST)
        if profession == Profession.PHARMACIST:
            pools["pharmacists"].append(made)
    return pools


def _trust_staff(world: World, person: Callable[..., Person]) -> dict[str, list[Person]]:
    """The trust's directors and managers, the PCT chair, non-executives, patients' and the
    council's representatives, and retired GPs."""
    pools: dict[str, list[Person]] = {}
    trust = world.trust
    roles = world.roles
    roles["chief_executive"] = person(Profession.MANAGER, "Chief executive", trust)
    roles["finance"] = person(Profession.MANAGER, "Director of finance", trust)
    roles["commissioning"] = person(Profession.MANAGER, "Director of commissioning", trust)
    roles["public_health"] = person(
        Profession.PUBLIC_HEALTH, "Director of public health", trust, doctor=True, has_caseload=False
    )
    roles["governance"] = person(Profession.MANAGER, "Board secretary and governance lead", trust)
    roles["primary_care"] = person(Profession.MANAGER, "Head of primary care", trust)
    pools["locality_managers"] = [
        person(Profession.MANAGER, f"Locality manager, {loc.name}", trust) for loc in world.localities
    ]
    pools["public_health"] = [
        person(Profession.PUBLIC_HEALTH, "Consultant in public health", trust, doctor=True) for _ in range(2)
    ]
    person(Profession.MANAGER, "Head of contracting", trust)
    person(Profession.PHARMACIST, "Prescribing adviser", trust, has_caseload=False)
    roles["chair"] = person(Profession.LAY, "Chair of the PCT", None)
    pools["lay"] = [person(Profession.LAY, "Non-executive director", None) for _ in range(4)]
    pools["lay"] += [person(Profession.LAY, "Patient representative", None) for _ in range(2)]
    roles["councillor"] = person(Profession.LAY, "Director of adult social care", world.orgs[1])
    pools["retired"] = [
        person(Profession.GP, "Retired GP", None, doctor=True, practising=False, has_caseload=False)
        for _ in range(3)
    ]
    return pools


def _committees(world: World) -> None:
    """A handful per trust: through the services, which check the Board is unique and each
    committee reports to one in the same trust."""
    trust, place = world.trust, world.place

    def committee(kind: str, name: str, parent: Committee | None, **kw: Any) -> Committee:
        return ts.committee_create(actor=SYSTEM, trust=trust, kind=kind, name=name, parent=parent, **kw)

    board = committee(CommitteeKind.BOARD, f"{place} PCT Board", None, purpose="Statutory duties (DH 5.1).")
    pec = committee(
        CommitteeKind.PEC, "Professional Executive Committee", board, purpose="Clinical leadership."
    )
    world.committees = {
        "board": board,
        "pec": pec,
        "pbc_approvals": committee(CommitteeKind.PBC_APPROVALS, "PBC Approvals Committee", pec),
        "pbc_leads": committee(CommitteeKind.PBC_LEADS, "PBC Lead Commissioners' Forum", pec),
        "reference_group": committee(
            CommitteeKind.REFERENCE_GROUP, "Urgent Care Clinical Reference Group", pec
        ),
    }
    for i, locality in enumerate(world.localities):
        name = locality.name.removesuffix(" Locality")
        world.committees[f"acf{i}"] = committee(
            CommitteeKind.ACF, f"{name} Area Commissioning Forum", pec, locality=locality
        )


class _Seats:
    """Memberships made unsaved, in order, for the bulk writer."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.made: list[Membership] = []

    def __call__(
        self, person: Person, key: str, role: str, start: dt.date, end: dt.date | None = None, **kw: Any
    ) -> None:
        self.made.append(
            Membership(
                person=person,
                committee=self.world.committees[key],
                role=role,
                start_date=start,
                end_date=end,
                **kw,
            )
        )

    def joined(self) -> dt.date:
        """Seated 1.1 to 7 years ago: in post before the lead areas of a year ago."""
        return self.world.years_ago(self.world.rng.uniform(1.1, 7))


def _memberships(world: World, writer: Writer) -> None:
    seat = _Seats(world)
    _board_and_pec(world, seat)
    _other_committees(world, seat)
    world.memberships = writer.add(Membership, seat.made, noun="memberships")


def _board_and_pec(world: World, seat: _Seats) -> None:
    """The Board (DH 6.2) and the PEC, with a past chair of each and a member who left."""
    rng, on, roles, pools, joined = world.rng, world.on, world.roles, world.pools, seat.joined
    gp = world.gps
    chair_gp, vice_gp, clinical_gp = gp[0][0], gp[1][0], gp[2][0]
    chair_start = world.years_ago(3)
    # The Board: the PCT chair, executives, non-executives and the PEC chair (DH 6.2).
    board_chair_start = world.years_ago(6)
    seat(roles["chair"], "board", MembershipRole.CHAIR, board_chair_start)
    seat(
        pools["lay"][5],
        "board",
        MembershipRole.CHAIR,
        world.years_ago(10),
        board_chair_start - dt.timedelta(days=1),
        end_reason=EndReason.TERM_ENDED,
    )
    seat(roles["chief_executive"], "board", MembershipRole.CHIEF_EXECUTIVE, joined())
    for key in ("finance", "commissioning", "public_health"):
        seat(roles[key], "board", MembershipRole.EXECUTIVE_DIRECTOR, joined())
    for ned in pools["lay"][:4]:
        seat(ned, "board", MembershipRole.NON_EXECUTIVE, joined())
    seat(chair_gp, "board", MembershipRole.BOARD_DIRECTOR, chair_start)
    # The PEC: seven members the DH pack passes, one co-opted member, two who left.
    seat(chair_gp, "pec", MembershipRole.CHAIR, chair_start)
    seat(
        pools["retired"][0],
        "pec",
        MembershipRole.CHAIR,
        world.years_ago(8),
        chair_start - dt.timedelta(days=1),
        end_reason=EndReason.STOOD_DOWN,
        end_note="Retired from practice",
    )
    seat(
        pools["retired"][1],
        "pec",
        MembershipRole.CLINICAL,
        world.years_ago(6),
        world.years_ago(3.5),
        end_reason=EndReason.TERM_ENDED,
    )
    seat(vice_gp, "pec", MembershipRole.VICE_CHAIR, joined())
    seat(clinical_gp, "pec", MembershipRole.CLINICAL, joined())
    seat(pools["nurses"][0], "pec", MembershipRole.CLINICAL, joined())
    seat(pools["ahps"][0], "pec", MembershipRole.CLINICAL, joined())
    seat(pools["pharmacists"][0], "pec", MembershipRole.CLINICAL, joined())
    seat(roles["commissioning"], "pec", MembershipRole.MANAGEMENT, joined())
    seat(
        roles["councillor"],
        "pec",
        MembershipRole.CO_OPTED,
        on - dt.timedelta(days=rng.randint(20, 200)),
        on + dt.timedelta(days=rng.randint(60, 200)),
        co_opted_scope="Joint strategic needs assessment for older people's services",
    )


def _other_committees(world: World, seat: _Seats) -> None:
    """The PBC approvals committee, an Area Commissioning Forum per locality, the PBC leads'
    committee and a clinical reference group."""
    rng, roles, pools, joined, gp = world.rng, world.roles, world.pools, seat.joined, world.gps
    vice_gp = gp[1][0]
    # The PBC approvals committee (DH 5.8).
    seat(roles["finance"], "pbc_approvals", MembershipRole.CHAIR, joined())
    seat(gp[3][0], "pbc_approvals", MembershipRole.CLINICAL, joined())
    seat(gp[10][0], "pbc_approvals", MembershipRole.CLINICAL, joined())
    seat(gp[16][0], "pbc_approvals", MembershipRole.CLINICAL, joined())
    seat(pools["nurses"][1], "pbc_approvals", MembershipRole.CLINICAL, joined())
    seat(roles["primary_care"], "pbc_approvals", MembershipRole.MANAGEMENT, joined())
    # An Area Commissioning Forum per locality: a GP from each of its practices.
    for loc in range(shape.LOCALITIES):
        key = f"acf{loc}"
        members = [i for i in range(len(world.practices)) if i % shape.LOCALITIES == loc]
        seat(gp[members[0]][0], key, MembershipRole.CHAIR, joined())
        for i in members[1:]:
            seat(gp[i][0], key, MembershipRole.CLINICAL, joined())
        seat(pools["locality_managers"][loc], key, MembershipRole.MANAGEMENT, joined())
        # One GP who left the forum.
        left = gp[members[1]][-1]
        began = world.years_ago(rng.uniform(4, 8))
        ended = began + dt.timedelta(days=rng.randint(200, 700))
        seat(left, key, MembershipRole.CLINICAL, began, ended, end_reason=EndReason.OTHER_ROLE)
    # The committee of PBC lead commissioners: a lead GP per group, chaired by the PEC vice-chair.
    seat(vice_gp, "pbc_leads", MembershipRole.CHAIR, joined())
    for group in range(shape.PBC_GROUPS):
        lead = gp[world.practice_group.index(group)][-1]
        if lead is not vice_gp:
            seat(lead, "pbc_leads", MembershipRole.CLINICAL, joined())
    seat(pools["public_health"][0], "reference_group", MembershipRole.CHAIR, joined())
    for person in [
        gp[20][1],
        gp[21][1],
        gp[22][1],
        pools["consultants"][0],
        pools["ahps"][1],
        pools["nurses"][2],
    ]:
        seat(person, "reference_group", MembershipRole.CLINICAL, joined())
