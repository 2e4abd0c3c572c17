"""One generated trust's terms of reference and PBC, made through the services (TOR-1 to TOR-3,
PBC-1 to PBC-6, ORG-6): a few dozen rows per trust, where the services' own checks are worth
more than the speed of a bulk write.

The functions catalogue with a delegation and a lead member in each DH key group (so POL-3
passes); the scheme of delegation; PBC groups' maturity, support and links to the PEC; and
business cases along every route, scheduled on the generated meetings and decided there.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Aspect, CaseKind, Criterion, LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.pbc import services as pbc
from pecgov.commissioning.routing import affected_organisations
from pecgov.delegation import scheme as engine
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, DecisionKind, FunctionGroup
from pecgov.delegation.models import Function
from pecgov.demo.generate import shape
from pecgov.demo.generate.meetings import Planned, screening_links
from pecgov.demo.generate.structure import World
from pecgov.demo.generate.writers import Writer
from pecgov.errors import DomainError
from pecgov.interests import screening
from pecgov.interests.enums import Handling
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.enums import BoardOutcome, Contribution, MeetingStatus, Outcome
from pecgov.meetings.models import AgendaItem
from pecgov.meetings.queries import item_row
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation, Person

KEY_GROUPS = [
    (FunctionGroup.VISION, "chair", Authority.RECOMMEND),
    (FunctionGroup.COMMISSIONING, "vice", Authority.DECIDE),
    (FunctionGroup.CLINICAL_EFFECTIVENESS, "nurse", Authority.DECIDE),
    (FunctionGroup.COMMUNICATIONS, "commissioning", Authority.ADVISE),
]
ASSESSMENTS = {
    Criterion.EVIDENCE.value: (
        "met",
        "Activity and referral data for two years support the volumes claimed.",
    ),
    Criterion.PATIENT_FOCUS.value: ("met", "Moves care closer to home; the patient survey supports it."),
    Criterion.INEQUALITIES.value: ("partly", "Reaches deprived wards; ask for uptake monitoring by ward."),
    Criterion.QUALITY.value: ("met", "Meets NICE guidance and the trust's clinical governance standards."),
    # PBC-7 (DH 1.7, 5.3): assessed when the trust's policy pack has them in force.
    Criterion.HEALTH_PROMOTION.value: ("met", "Includes lifestyle advice and screening at each visit."),
    Criterion.INVOLVEMENT.value: (
        "met",
        "Designed with the practice's patient group; a survey of 200 patients.",
    ),
    Criterion.PLURALITY.value: ("partly", "One local provider bid; ask how patients can choose another."),
    Criterion.STRATEGY_FIT.value: ("met", "Delivers the strategy's aim of care closer to home."),
}


@dataclass(frozen=True)
class _Interests:
    """Who holds which interest, and the trust's links: to pick an assessor with no interest in
    a case without reading the trust's links and each candidate's declarations again."""

    held: dict[int, tuple[screening.Interest, ...]]
    links: list[screening.Link]


def build(
    world: World, writer: Writer, plans: list[Planned], interests: dict[int, tuple[screening.Interest, ...]]
) -> None:
    _delegation(world, writer)
    _pbc(world)
    _cases(world, plans, _Interests(interests, screening_links(world)))


def _delegation(world: World, writer: Writer) -> None:
    trust, on = world.trust, world.on
    # The published catalogue as `catalogue_seed` adds it, in one bulk write: sixty rows a trust.
    functions = [
        Function(trust=trust, group=entry["group"], name=entry["name"], source=entry["source"])
        for entry in ds.catalogue_entries()
    ]
    writer.add(Function, functions, noun="functions")
    writer.step("delegations, scheme, PBC and business cases (through the services)")
    first: dict[str, Function] = {}
    for function in sorted(functions, key=lambda f: (f.group, f.name)):
        first.setdefault(function.group, function)
    start = on - dt.timedelta(days=400)
    pec = world.committees["pec"]
    leads = {
        "chair": world.gps[0][0],
        "vice": world.gps[1][0],
        "nurse": world.pools["nurses"][0],
        "commissioning": world.roles["commissioning"],
    }
    for group, lead, authority in KEY_GROUPS:
        function = first[group]
        ds.delegation_create(
            actor=SYSTEM,
            function=function,
            committee=pec,
            authority=authority,
            start_date=start,
            board_reference=f"Board minute {start.year}/{40 + len(group)}",
        )
        ds.lead_area_create(
            actor=SYSTEM,
            person=leads[lead],
            area=function.name,
            function=function,
            tasks="Report progress to the PEC each quarter",
            start_date=on - dt.timedelta(days=200),
        )
    limit = effective_policy(trust)["pbc.executive_director_limit"]
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=trust,
        decision_kind=DecisionKind.BUSINESS_CASE,
        bands=engine.default_bands(limit if isinstance(limit, int) else 0),
        reason="Adopted by the Board with the PEC's terms of reference",
        adopted_on=start,
    )
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=trust,
        decision_kind=DecisionKind.COMMISSIONING_PLAN,
        bands=[engine.Band(0, None, "pec_recommends")],
        reason="The PEC scrutinises every PBC plan and recommends it to the Board (DH 5.3)",
        adopted_on=start,
    )


def _pbc(world: World) -> None:
    on = world.on
    levels = [Maturity.ESTABLISHED, Maturity.DEVELOPING, Maturity.STARTING, Maturity.DEVELOPING]
    for i, group in enumerate(world.groups):
        pbc.maturity_record(
            actor=SYSTEM,
            group=group,
            level=levels[i % len(levels)],
            assessed_on=on - dt.timedelta(days=30 * (i + 1)),
            note="Annual PBC review",
        )
        if levels[i % len(levels)] != Maturity.ESTABLISHED:
            pbc.support_add(
                actor=SYSTEM,
                group=group,
                description="Budget setting and monthly activity reports",
                intensity=SupportIntensity.INTENSIVE if i % 2 else SupportIntensity.REGULAR,
                provided_by="PCT finance team",
                start_date=on - dt.timedelta(days=90),
            )
        pbc.link_create(
            actor=SYSTEM,
            trust=world.trust,
            model=LinkModel.LEADS_COMMITTEE,
            group=group,
            committee=world.committees["pbc_leads"],
            arrangements="The group's lead commissioner sits on the forum.",
            start_date=on - dt.timedelta(days=365),
        )
    pbc.link_create(
        actor=SYSTEM,
        trust=world.trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=world.groups[0],
        arrangements="The group's board meets the PEC formally each quarter and informally monthly.",
        start_date=on - dt.timedelta(days=365),
    )


def _assessor(world: World, case: BusinessCase, aspect: str, known: _Interests) -> Person | None:
    """The first of the trust's usual assessors with no interest in the case (PBC-3), screened
    as `routing.conflicted_with` screens them (the same engine, affected organisations, links
    and interests); `scrutiny_record` screens the one chosen again and refuses a conflicted one."""
    pools, roles = world.pools, world.roles
    if aspect == Aspect.CLINICAL:
        candidates = [
            pools["public_health"][1],
            pools["ahps"][2],
            pools["nurses"][3],
            pools["consultants"][1],
        ]
    else:
        candidates = [roles["primary_care"], roles["governance"], roles["finance"], roles["commissioning"]]
    today = timezone.localdate()
    affected = [o.pk for o in affected_organisations(case.submitter, today)]
    return next(
        (
            p
            for p in candidates
            if not screening.screen(
                affected=affected,
                attendees=[screening.Attendee(p.pk, p.name, known.held.get(p.pk, ()))],
                links=known.links,
                on=today,
            )
        ),
        None,
    )


def _scrutinise(
    world: World, known: _Interests, case: BusinessCase, aspects: tuple[str, ...] = tuple(Aspect.values)
) -> bool:
    for aspect in aspects:
        assessor = _assessor(world, case, aspect, known)
        if assessor is None:
            return False
        cs.scrutiny_record(actor=SYSTEM, case=case, aspect=aspect, assessor=assessor, assessments=ASSESSMENTS)
    return True


def _handle_and_decide(item: AgendaItem) -> bool:
    """The chair handles each screened conflict, then the meeting decides; False if the item is
    not quorate once the conflicted members step out (it then waits on the agenda)."""
    row = item_row(item)
    default = conflict_services.financial_default(item.meeting.committee.trust)
    for person_id, conflicts in row.people.items():
        handling = conflict_services.proposed_handling(
            financial=any(c.financial for c in conflicts), default_for_financial=default
        )
        conflict_services.conflict_record(
            actor=SYSTEM,
            item=item,
            person=Person.objects.get(pk=person_id),
            handling=handling,
            interest=conflicts[0].explanation,
            reason="Answered questions, then left before the decision."
            if handling != Handling.NO_ACTION
            else "Not a financial interest in this case.",
        )
    try:
        ms.item_decide(
            actor=SYSTEM,
            item=item,
            outcome=Outcome.APPROVED,
            contribution=Contribution.DEBATED_AGREED,
            reasons="Good evidence of demand; fits the pathway; affordable within the budget.",
            evidence="Scrutiny report; referral and activity data; patient survey.",
        )
    except DomainError:
        return False
    return True


def _submit(
    world: World, org: Organisation, subject: str, value: int, ago: int, kind: str = CaseKind.BUSINESS_CASE
) -> BusinessCase:
    title = subject[:1].upper() + subject[1:]
    return cs.case_submit(
        actor=SYSTEM,
        trust=world.trust,
        submitter=org,
        kind=kind,
        title=title,
        service=f"{title} for registered patients of {org.name} and its neighbours.",
        value=value,
        patient_focus="Care closer to home with shorter waits; designed with the practice's patient group.",
        evidence="Two years of referral and activity data; a patient survey; NICE guidance; costing.",
        submitted_on=world.on - dt.timedelta(days=ago),
    )


def _meetings(plans: list[Planned], key: str, held: bool, after: dt.date) -> list[Planned]:
    return [
        p
        for p in plans
        if p.key == key and p.held == held and p.day >= after and p.meeting.status == MeetingStatus.SCHEDULED
    ]


def _cases(world: World, plans: list[Planned], known: _Interests) -> None:
    """A case at each stage: decided by the director, waiting for scrutiny, approved at a past
    meeting, on a coming agenda, part-scrutinised, returned, recommended to the Board, and a plan."""
    on, rng = world.on, world.rng

    def submit(
        org: Organisation, subject: str, value: int, ago: int, kind: str = CaseKind.BUSINESS_CASE
    ) -> BusinessCase:
        return _submit(world, org, subject, value, ago, kind)

    def meetings(key: str, held: bool, after: dt.date) -> list[Planned]:
        return _meetings(plans, key, held, after)

    practices = rng.sample(world.practices, 6)
    subjects = rng.sample(shape.SUBJECTS, 8)
    small = submit(practices[0], subjects[0], rng.randrange(20_000, 48_000, 500), 70)
    if _scrutinise(world, known, small):
        cs.director_decide(
            actor=SYSTEM,
            case=small,
            outcome="approved",
            reasons="Within the director's limit.",
            decided_on=on - dt.timedelta(days=50),
        )
    _scrutinise(world, known, submit(practices[1], subjects[1], rng.randrange(20_000, 48_000, 500), 12))
    approved = submit(practices[2], subjects[2], rng.randrange(60_000, 240_000, 500), 80)
    past = meetings("pbc_approvals", True, approved.submitted_on)
    if _scrutinise(world, known, approved) and past:
        _handle_and_decide(
            cs.case_schedule(actor=SYSTEM, case=approved, meeting=past[-1].meeting, recording_past=True)
        )
    upcoming_case = submit(practices[3], subjects[3], rng.randrange(60_000, 240_000, 500), 15)
    upcoming = meetings("pbc_approvals", False, on)
    if _scrutinise(world, known, upcoming_case) and upcoming:
        cs.case_schedule(actor=SYSTEM, case=upcoming_case, meeting=upcoming[0].meeting, recording_past=True)
    _scrutinise(
        world,
        known,
        submit(world.groups[1], subjects[4], rng.randrange(60_000, 240_000, 500), 9),
        (Aspect.CLINICAL,),
    )
    returned = submit(practices[4], subjects[5], rng.randrange(60_000, 240_000, 500), 20)
    cs.case_return(
        actor=SYSTEM, case=returned, reason="Add referral data for the last 12 months and the expected waits."
    )
    _recommended(
        world, plans, submit(world.groups[0], subjects[6], rng.randrange(260_000, 990_000, 1000), 45), known
    )
    plan = submit(
        world.groups[2],
        f"commissioning plan {on.year}/{(on.year + 1) % 100:02d}",
        2_400_000,
        100,
        CaseKind.COMMISSIONING_PLAN,
    )
    _scrutinise(world, known, plan, (Aspect.CLINICAL,))


def _recommended(world: World, plans: list[Planned], large: BusinessCase, known: _Interests) -> None:
    """A large case the PEC recommended at a past meeting, and the Board's decision on it (MTG-3)."""
    pec_past = _meetings(plans, "pec", True, large.submitted_on)
    if _scrutinise(world, known, large) and pec_past:
        item = cs.case_schedule(actor=SYSTEM, case=large, meeting=pec_past[-1].meeting, recording_past=True)
        boards = _meetings(plans, "board", True, pec_past[-1].day + dt.timedelta(days=1))
        if _handle_and_decide(item) and boards:
            ms.board_decision_record(
                actor=SYSTEM,
                item=item,
                decided_on=boards[0].day,
                outcome=BoardOutcome.ACCEPTED,
                conflicts_considered=True,
                note="The Board read the PEC's statement of conflicts with the recommendation.",
            )
