"""Demo delegation and practice-based commissioning for Avonmere PCT, made through
the services.

The functions catalogue with the Board's delegations and members' lead areas (one key group,
communications, has no lead, so the POL-3 finding shows); the scheme of delegation; the
three PBC groups' maturity, support and links to the PEC in all four models; commissioning
plans from all three groups; and business cases across every route: one with the executive
director, one the director approved, one the approvals committee approved, one from Fairfield
Surgery (where a PEC member is a partner) on the next approvals agenda with the conflict still
to handle, one in scrutiny, one late, one returned, one the PEC recommended to the Board, and
one that no PEC meeting can decide before its target date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Aspect, CaseKind, Criterion, LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.pbc import services as pbc
from pecgov.delegation import scheme as engine
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, DecisionKind, FunctionGroup
from pecgov.delegation.models import Function
from pecgov.meetings import services as ms
from pecgov.meetings.enums import BoardOutcome, Contribution, MeetingStatus, Outcome
from pecgov.meetings.models import Meeting
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Committee, Organisation, Person


def build(trust: Organisation) -> None:
    today = timezone.localdate()
    people = {p.name: p for p in Person.objects.filter(trust=trust)}
    orgs = {o.name: o for o in Organisation.objects.filter(trust=trust)}
    committees = {c.kind: c for c in Committee.objects.filter(trust=trust).exclude(kind=CommitteeKind.ACF)}
    _delegation(trust, people, committees, today)
    _pbc(trust, people, orgs, committees, today)
    _cases(trust, people, orgs, committees, today)


def _delegation(
    trust: Organisation, people: dict[str, Person], committees: dict[str, Committee], today: dt.date
) -> None:
    ds.catalogue_seed(actor=SYSTEM, trust=trust)
    local = ds.function_create(
        actor=SYSTEM,
        trust=trust,
        group=FunctionGroup.CLINICAL_EFFECTIVENESS,
        name="Medicines management and prescribing",
        description="Prescribing budgets, formulary and medicines safety across practices.",
        source="Local",
    )
    functions = {f.name: f for f in Function.objects.filter(trust=trust)}
    start = dt.date(today.year - 1, 10, 1)
    pec, approvals = committees[CommitteeKind.PEC], committees[CommitteeKind.PBC_APPROVALS]
    minute = f"Board minute {start.year}/112"
    for name, committee, authority in (
        ("Giving short, medium and long term direction and vision", pec, Authority.RECOMMEND),
        (
            "Making recommendations to the Board on PBC and other commissioning decisions",
            pec,
            Authority.RECOMMEND,
        ),
        (
            "Being directly involved in mechanisms to ensure delivery of PBC commissioning plans",
            approvals,
            Authority.DECIDE,
        ),
        ("Ensuring alignment and coordination across localities and PBC groupings", pec, Authority.DECIDE),
        (
            "Responsibility for clinical governance across the PCT, including commissioned and provider "
            "services and independent contractors",
            pec,
            Authority.DECIDE,
        ),
        ("Medicines management and prescribing", pec, Authority.DECIDE),
        ("Developing joint strategies with local authority partners for social care", pec, Authority.ADVISE),
    ):
        ds.delegation_create(
            actor=SYSTEM,
            function=functions[name],
            committee=committee,
            authority=authority,
            start_date=start,
            board_reference=minute,
        )
    del local
    for person, function, tasks in (
        (
            "Dr Anika Rahman",
            "Giving short, medium and long term direction and vision",
            "Lead the 5-year strategy refresh",
        ),
        (
            "Dr Tom Hollis",
            "Being directly involved in mechanisms to ensure delivery of PBC commissioning plans",
            "Quarterly review of PBC plan delivery with each group",
        ),
        (
            "Dr Grace Okonkwo",
            "Ensuring alignment and coordination across localities and PBC groupings",
            "Chair the North Area Commissioning Forum; align locality plans",
        ),
        (
            "Dr Folake Adeyemi",
            "Ensuring health inequalities remain a key focus",
            "Inequalities impact check on every business case",
        ),
        (
            "Julie Fraser",
            "Responsibility for clinical governance across the PCT, including commissioned and provider "
            "services and independent contractors",
            "Clinical governance report to each PEC meeting",
        ),
        (
            "Imran Shah",
            "Medicines management and prescribing",
            "Prescribing budget monitoring with practices",
        ),
        (
            "Carys Lewis",
            "Providing clinical scrutiny of service innovation: safety, quality and appropriateness",
            "Clinical scrutiny of new service models",
        ),
        (
            "Dr Martin Bennett",
            "Helping to tackle unscheduled care issues from a strategic focus",
            "Urgent care review",
        ),
        ("Gareth Pryce", "Supporting financial balance and better", "Financial scrutiny of business cases"),
    ):
        ds.lead_area_create(
            actor=SYSTEM,
            person=people[person],
            function=functions[function],
            area=function,
            tasks=tasks,
            start_date=start,
        )
    # The scheme of delegation (TOR-2): cases by value; plans go through the PEC to the Board.
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=trust,
        decision_kind=DecisionKind.BUSINESS_CASE,
        bands=engine.default_bands(50_000),
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


def _pbc(
    trust: Organisation,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    committees: dict[str, Committee],
    today: dt.date,
) -> None:
    north = orgs["North and East Avonmere PBC Consortium"]
    riverside = orgs["Riverside PBC Group"]
    westdown = orgs["Westdown Commissioning Collaborative"]
    year_ago = today - dt.timedelta(days=365)
    for group, levels in (
        (north, [(Maturity.DEVELOPING, year_ago), (Maturity.ESTABLISHED, today - dt.timedelta(days=30))]),
        (riverside, [(Maturity.STARTING, year_ago), (Maturity.DEVELOPING, today - dt.timedelta(days=60))]),
        (westdown, [(Maturity.STARTING, today - dt.timedelta(days=90))]),
    ):
        for level, on in levels:
            pbc.maturity_record(
                actor=SYSTEM, group=group, level=level, assessed_on=on, note="Annual PBC review"
            )
    for group, description, intensity, by, start in (
        (
            westdown,
            "Budget setting and monthly activity reports",
            SupportIntensity.INTENSIVE,
            "PCT finance team",
            90,
        ),
        (
            westdown,
            "Service redesign coaching from a PEC GP",
            SupportIntensity.REGULAR,
            "Dr Martin Bennett",
            60,
        ),
        (
            riverside,
            "Referral data analysis",
            SupportIntensity.REGULAR,
            "Meridian Commissioning Support Ltd",
            200,
        ),
        (
            north,
            "Data analyst seconded two days a week",
            SupportIntensity.INTENSIVE,
            "PCT information team",
            400,
        ),
    ):
        pbc.support_add(
            actor=SYSTEM,
            group=group,
            description=description,
            intensity=intensity,
            provided_by=by,
            start_date=today - dt.timedelta(days=start),
        )
    leads_forum = ts.committee_create(
        actor=SYSTEM,
        trust=trust,
        kind=CommitteeKind.PBC_LEADS,
        name="PBC Lead Commissioners' Forum",
        parent=committees[CommitteeKind.PEC],
        purpose="PBC lead commissioners from every group; reports to the PEC (DH 5.5).",
    )
    ts.membership_create(
        actor=SYSTEM,
        person=people["Dr Tom Hollis"],
        committee=leads_forum,
        role=MembershipRole.CHAIR,
        start_date=year_ago,
    )
    linked_from = year_ago
    pbc.link_create(
        actor=SYSTEM,
        trust=trust,
        model=LinkModel.GROUP_MEETS_PEC,
        group=north,
        arrangements="The consortium board meets the PEC formally each quarter and informally monthly.",
        start_date=linked_from,
    )
    pbc.link_create(
        actor=SYSTEM,
        trust=trust,
        model=LinkModel.LEAD_ON_PEC,
        group=riverside,
        person=people["Dr Tom Hollis"],
        arrangements="Riverside's lead commissioner is the PEC vice-chair.",
        start_date=linked_from,
    )
    pbc.link_create(
        actor=SYSTEM,
        trust=trust,
        model=LinkModel.PEC_MEMBER_LINKED,
        group=westdown,
        person=people["Dr Folake Adeyemi"],
        arrangements="Attends the collaborative's monthly meeting.",
        start_date=linked_from,
    )
    for group in (north, riverside, westdown):
        pbc.link_create(
            actor=SYSTEM,
            trust=trust,
            model=LinkModel.LEADS_COMMITTEE,
            group=group,
            committee=leads_forum,
            arrangements="Each group's lead commissioner sits on the forum.",
            start_date=linked_from,
        )


def _scrutinise(
    case: BusinessCase, people: dict[str, Person], aspects: tuple[str, ...] = tuple(Aspect.values)
) -> None:
    assessors = {Aspect.CLINICAL: people["Carys Lewis"], Aspect.ORGANISATIONAL: people["Gareth Pryce"]}
    notes = {
        Criterion.EVIDENCE: ("met", "Activity and referral data for two years support the volumes claimed."),
        Criterion.PATIENT_FOCUS: ("met", "Moves care closer to home; patient survey supports it."),
        Criterion.INEQUALITIES: ("partly", "Reaches deprived wards; ask for uptake monitoring by ward."),
        Criterion.QUALITY: ("met", "Meets NICE guidance and the trust's clinical governance standards."),
        # PBC-7 (DH 5.3, 1.7): the PEC's wider concerns.
        Criterion.HEALTH_PROMOTION: (
            "met",
            "Includes a structured education programme and smoking cessation.",
        ),
        Criterion.INVOLVEMENT: (
            "partly",
            "A patient panel shaped it; ask for a plan to involve the wider public.",
        ),
        Criterion.PLURALITY: (
            "met",
            "Any qualified provider may offer it; patients keep their choice of clinic.",
        ),
        Criterion.STRATEGY_FIT: (
            "met",
            "Delivers the PCT strategy's aim of moving long-term condition care closer to home.",
        ),
    }
    for aspect in aspects:
        cs.scrutiny_record(
            actor=SYSTEM,
            case=case,
            aspect=aspect,
            assessor=assessors[Aspect(aspect)],
            assessments={c.value: v for c, v in notes.items()},
        )


def _meetings(committee: Committee) -> tuple[list[Meeting], list[Meeting]]:
    now = timezone.now()
    meetings = list(
        Meeting.objects.filter(committee=committee, status=MeetingStatus.SCHEDULED).order_by("starts_at")
    )
    return [m for m in meetings if m.starts_at < now], [m for m in meetings if m.starts_at >= now]


def _decide(meeting_item: Any, outcome: str, reasons: str) -> None:
    from pecgov.demo.meetings import _handle_all

    _handle_all(
        meeting_item, "A financial interest in the case. Answered questions, then left before the decision."
    )
    ms.item_decide(
        actor=SYSTEM,
        item=meeting_item,
        outcome=outcome,
        contribution=Contribution.DEBATED_AGREED,
        reasons=reasons,
        evidence="Scrutiny report; referral and activity data; patient survey.",
    )


def _cases(
    trust: Organisation,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    committees: dict[str, Committee],
    today: dt.date,
) -> None:
    def days_ago(n: int) -> dt.date:
        return today - dt.timedelta(days=n)

    def submit(
        org: str, title: str, value: int, ago: int, kind: str = CaseKind.BUSINESS_CASE, **kw: Any
    ) -> BusinessCase:
        return cs.case_submit(
            actor=SYSTEM,
            trust=trust,
            submitter=orgs[org],
            kind=kind,
            title=title,
            service=kw.get(
                "service", f"{title}, for registered patients of {org} and neighbouring practices."
            ),
            value=value,
            patient_focus=kw.get(
                "patient_focus",
                "Care closer to home with shorter waits; designed with the practice's patient group; "
                "targets the two most deprived wards in the locality.",
            ),
            evidence=kw.get(
                "evidence",
                "Two years of referral and activity data; a patient survey; NICE guidance; costing from the "
                "PCT finance team.",
            ),
            submitted_on=days_ago(ago),
        )

    approvals_past, approvals_next = _meetings(committees[CommitteeKind.PBC_APPROVALS])
    pec_past, pec_next = _meetings(committees[CommitteeKind.PEC])

    # An executive director approved a small case (PBC-2).
    inr = submit("Larkfield Surgery", "Near-patient INR testing", 38_000, 70)
    _scrutinise(inr, people)
    cs.director_decide(
        actor=SYSTEM,
        case=inr,
        outcome="approved",
        reasons="Within the executive-director limit; saves hospital anticoagulation clinic visits.",
        decided_on=days_ago(52),
    )
    # A small case waiting for the executive director (sign in as `director`).
    phleb = submit("Hill Top Surgery", "Phlebotomy sessions in the practice", 24_500, 12)
    _scrutinise(phleb, people)
    # The approvals committee approved a case last month.
    derm = submit("Castle Street Surgery", "Community dermatology clinic", 140_000, 80)
    _scrutinise(derm, people)
    if approvals_past:
        cs.case_schedule(actor=SYSTEM, case=derm, meeting=approvals_past[-1], recording_past=True)
        derm.refresh_from_db()
        assert derm.agenda_item is not None
        _decide(derm.agenda_item, Outcome.APPROVED, "Good evidence of demand; fits the dermatology pathway.")
    # Fairfield Surgery, where PEC vice-chair Dr Tom Hollis is a partner: on the next approvals agenda,
    # his conflict still to be handled (COI-2, COI-3).
    fairfield = submit(
        "Fairfield Surgery",
        "Minor surgery hub for the South locality",
        85_000,
        15,
        service="A minor surgery hub at Fairfield Surgery taking referrals from every South locality practice.",
    )
    _scrutinise(fairfield, people)
    if approvals_next:
        cs.case_schedule(actor=SYSTEM, case=fairfield, meeting=approvals_next[0])
    # In scrutiny: clinical done, organisational to do.
    heart = submit("Riverside PBC Group", "Heart failure nurse clinics", 160_000, 9)
    _scrutinise(heart, people, (Aspect.CLINICAL,))
    # Late: past its target date and still in scrutiny (PBC-4).
    anticoag = submit("Dover Lane Medical Centre", "Anticoagulation service redesign", 95_000, 58)
    _scrutinise(anticoag, people, (Aspect.CLINICAL,))
    # Returned for more information.
    physio = submit("Juniper Close Medical Centre", "Practice-based physiotherapy", 60_000, 20)
    cs.case_return(
        actor=SYSTEM, case=physio, reason="Add referral data for the last 12 months and the expected waits."
    )
    # The PEC recommended a large case to the Board, which has not decided yet.
    beds = submit(
        "North and East Avonmere PBC Consortium",
        "Intermediate care beds at Avonmere Community Hospital",
        420_000,
        45,
    )
    _scrutinise(beds, people)
    if pec_past:
        cs.case_schedule(actor=SYSTEM, case=beds, meeting=pec_past[-1], recording_past=True)
        beds.refresh_from_db()
        assert beds.agenda_item is not None
        _decide(
            beds.agenda_item,
            Outcome.APPROVED,
            "Reduces delayed discharges; affordable within the consortium's budget.",
        )
    # No PEC meeting can decide this one before its target date (PBC-4, MTG-6).
    if pec_next:
        next_day = timezone.localtime(pec_next[0].starts_at).date()
        ago = max(0, (today - (next_day - dt.timedelta(days=45))).days)
        eyes = submit(
            "Westdown Commissioning Collaborative", "Diabetic eye screening in the community", 300_000, ago
        )
        _scrutinise(eyes, people, (Aspect.CLINICAL,))
    # Commissioning plans from all three groups (PBC-5): one approved through the PEC and the Board.
    plan = submit(
        "North and East Avonmere PBC Consortium",
        f"Commissioning plan {today.year}/{(today.year + 1) % 100:02d}",
        2_400_000,
        100,
        kind=CaseKind.COMMISSIONING_PLAN,
        service="The consortium's annual plan: elective referrals, urgent care, prescribing and community services.",
    )
    _scrutinise(plan, people)
    if len(pec_past) >= 3:
        meeting = pec_past[-3]
        cs.case_schedule(actor=SYSTEM, case=plan, meeting=meeting, recording_past=True)
        plan.refresh_from_db()
        assert plan.agenda_item is not None
        _decide(
            plan.agenda_item,
            Outcome.APPROVED,
            "Aligned with the PCT's strategic plan and the locality priorities.",
        )
        ms.board_decision_record(
            actor=SYSTEM,
            item=plan.agenda_item,
            decided_on=timezone.localtime(meeting.starts_at).date() + dt.timedelta(days=14),
            outcome=BoardOutcome.ACCEPTED,
            conflicts_considered=True,
            note="The Board read the PEC's statement of conflicts with the recommendation.",
        )
    riverside_plan = submit(
        "Riverside PBC Group",
        f"Commissioning plan {today.year}/{(today.year + 1) % 100:02d}",
        1_100_000,
        6,
        kind=CaseKind.COMMISSIONING_PLAN,
        service="Riverside's annual plan: diabetes, heart failure and musculoskeletal pathways.",
    )
    _scrutinise(riverside_plan, people, (Aspect.CLINICAL,))
    submit(
        "Westdown Commissioning Collaborative",
        f"Commissioning plan {today.year}/{(today.year + 1) % 100:02d}",
        650_000,
        3,
        kind=CaseKind.COMMISSIONING_PLAN,
        service="Westdown's first plan: prescribing and urgent care in the West locality.",
    )
