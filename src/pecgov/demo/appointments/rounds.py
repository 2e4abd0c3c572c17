"""The demo's GP member round (closed, appointed, one offer waiting) and the nurse member round (open now, its panel short of DH's three): APP-3 to APP-5."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model

from pecgov.actors import SYSTEM
from pecgov.appointments import framework
from pecgov.appointments import services as aps
from pecgov.appointments.enums import ConflictHandling, PanelRole, PostKind
from pecgov.appointments.models import Application, AppointmentPlan, Campaign, Post
from pecgov.demo.appointments.people import (
    apply,
    close,
    interview,
    panel_users,
    seat_panel,
    sift,
    user,
)
from pecgov.interests import services as isv
from pecgov.interests.enums import Category
from pecgov.trust.enums import MembershipRole, Profession
from pecgov.trust.models import Committee, Organisation, Person

# The two GP member posts ------------------------------------------------------------------


def member_post(trust: Organisation, pec: Committee, title: str, spec: str, role_text: str) -> Post:
    return aps.post_create(
        actor=SYSTEM,
        trust=trust,
        committee=pec,
        title=title,
        kind=PostKind.MEMBER,
        membership_role=MembershipRole.CLINICAL,
        job_description=(
            f"A {role_text} on the Professional Executive Committee: clinical leadership of commissioning "
            "across Avonmere, scrutiny of practice-based commissioning plans and business cases, and a lead "
            "area agreed with the PEC chair (DH 3, 5)."
        ),
        person_specification=spec,
        time_commitment="2 sessions a week (about 8 hours), with PEC meetings monthly",
        tenure_terms="Three years from the start date, renewable once, subject to annual appraisal (DH 7.2)",
    )


def member_round(
    trust: Organisation,
    plan: AppointmentPlan,
    pec: Committee,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    today: dt.date,
    target: dt.date,
) -> None:
    post = member_post(
        trust,
        pec,
        "Clinical member (GP)",
        "A GP on the PCT's performers list, practising with a caseload in Avonmere\n"
        "Experience of commissioning, practice-based commissioning or service redesign\n"
        "Able to work across professions and organisations, and to challenge constructively\n"
        "Commitment to reducing health inequalities across the PCT's population",
        "GP member",
    )
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=post,
        plan=plan,
        vacancies=2,
        advert=(
            "Avonmere PCT is appointing two GPs to its Professional Executive Committee from "
            f"{target:%-d %B %Y}. You will lead commissioning for our population alongside nurses, "
            "pharmacists, allied health professionals and managers. Sessions are paid at the PCT's rate."
        ),
        opens_on=today - dt.timedelta(days=70),
        closes_on=today,
    )
    aps.campaign_advertise(actor=SYSTEM, campaign=campaign)

    price = people["Dr Owen Price"]
    riverside = orgs["Riverside PBC Group"]
    # The former PEC member's interest in the Riverside group: a candidate from a Riverside
    # practice is flagged, and he takes no part in assessing them (APP-4, COI-2, COI-3).
    isv.declaration_create(
        actor=SYSTEM,
        person=price,
        category=Category.NON_FINANCIAL_PERSONAL,
        organisation=riverside,
        description="Chairs the patient reference group of Riverside PBC Group",
        start_date=today - dt.timedelta(days=400),
    )
    users = panel_users(trust, people)
    panel = seat_panel(
        campaign,
        [
            (people["David Okafor"], PanelRole.CHIEF_EXECUTIVE),
            (people["Margaret Ellery"], PanelRole.PCT_CHAIR),
            (price, PanelRole.FORMER_PEC_MEMBER),
        ],
        users,
    )
    chief = users["David Okafor"]

    mercer, morgan, garside, blake, tate = _gp_applications(campaign, orgs)
    close(campaign, today - dt.timedelta(days=42), today - dt.timedelta(days=21))
    _gp_assessment(campaign, panel, chief, people, (mercer, morgan, garside, blake, tate))
    _gp_offers(post, chief, mercer, morgan, target)


def _gp_applications(campaign: Campaign, orgs: dict[str, Organisation]) -> tuple[Application, ...]:
    """Six GPs apply; Dr Leah Wong withdraws before the closing date (APP-3)."""
    User = get_user_model()
    mercer_user = user("hannah.mercer", "Dr Hannah Mercer")
    mercer = apply(
        campaign,
        mercer_user,
        "Dr Hannah Mercer",
        orgs["Tanner Street Surgery"],
        title="GP partner, Tanner Street Surgery",
        registration=("GMC", "6234518"),
        statement=(
            "Clinical lead of the Westdown Commissioning Collaborative for two years; I led the redesign "
            "of the West locality's urgent care pathway and our group's first commissioning plan."
        ),
        interests=[
            aps.DeclaredInterest(
                Category.NON_FINANCIAL_PROFESSIONAL,
                "Clinical lead of the Westdown Commissioning Collaborative",
                orgs["Westdown Commissioning Collaborative"],
            )
        ],
    )
    morgan = apply(
        campaign,
        User.objects.get(username="applicant"),
        "Dr Alex Morgan",
        orgs["Chapel Hill Surgery"],
        title="GP partner, Chapel Hill Surgery",
        registration=("GMC", "7120984"),
        statement=(
            "Prescribing lead for my practice and a member of the PCT's medicines management group; "
            "I want to help the PEC use prescribing data to improve care."
        ),
    )
    garside = apply(
        campaign,
        user("neil.garside", "Dr Neil Garside"),
        "Dr Neil Garside",
        orgs["Willow Brook Surgery"],
        title="Senior partner, Willow Brook Surgery",
        registration=("GMC", "3381207"),
        statement="Senior partner for twelve years; I run a well-managed practice with strong QOF results.",
    )
    blake = apply(
        campaign,
        user("fiona.blake", "Dr Fiona Blake"),
        "Dr Fiona Blake",
        orgs["Northgate Surgery"],
        title="GP partner, Northgate Surgery",
        registration=("GMC", "6650321"),
        statement=(
            "Diabetes lead for the South locality; I set up the Riverside group's community diabetes "
            "clinics with the practice nurses."
        ),
    )
    tate = apply(
        campaign,
        user("simon.tate", "Dr Simon Tate"),
        "Dr Simon Tate",
        orgs["Harbour View Surgery"],
        title="Salaried GP, Harbour View Surgery",
        registration=("GMC", "7712046"),
        statement="Two years qualified as a GP; keen to learn about commissioning.",
    )
    wong_user = user("leah.wong", "Dr Leah Wong")
    wong = apply(
        campaign,
        wong_user,
        "Dr Leah Wong",
        orgs["Greenway Medical Centre"],
        title="GP partner, Greenway Medical Centre",
        registration=("GMC", "7018832"),
        statement="GP trainer and clinical governance lead for my practice.",
    )
    aps.application_withdraw(actor=wong_user, application=wong)

    return mercer, morgan, garside, blake, tate


def _gp_assessment(
    campaign: Campaign,
    panel: Any,
    chief: Any,
    people: dict[str, Person],
    applications: tuple[Application, ...],
) -> None:
    """The sift, the shortlist with reasons and the interview scores, with the wide
    disagreements the demo means to show; Dr Price steps aside from Dr Blake (APP-3 to APP-5)."""
    mercer, morgan, garside, blake, tate = applications
    price = people["Dr Owen Price"]
    # Dr Owen Price's interest touches Dr Fiona Blake's practice: he steps aside from her.
    price_seat = next(seat for _, seat in panel if seat.person == price)
    aps.conflict_handle(
        actor=chief,
        seat=price_seat,
        application=blake,
        handling=ConflictHandling.STEPS_ASIDE,
        reason="Dr Price chairs Riverside PBC Group's patient reference group; Northgate Surgery is in the group.",
    )

    # The sift: every panel member scores every application on the person specification.
    sift(panel, mercer, [5, 4, 4, 4])
    sift(panel, morgan, [4, 3, 4, 4])
    sift(panel, garside, [4, 3, 3, 3])
    sift(panel, blake, [4, 4, 3, 4], skip=[price])
    sift(panel, tate, [3, 1, 2, 3])
    aps.shortlist_record(
        actor=chief,
        campaign=campaign,
        decisions={
            mercer.pk: (True, "Meets every criterion; strong commissioning experience."),
            morgan.pk: (True, "Meets every criterion; prescribing experience the PEC needs."),
            garside.pk: (
                True,
                "Meets the criteria; little commissioning experience to explore at interview.",
            ),
            blake.pk: (True, "Meets every criterion; service redesign in diabetes."),
            tate.pk: (
                False,
                "No experience of commissioning or service redesign yet (criterion 2); "
                "encouraged to join the Westdown group's work and apply again.",
            ),
        },
        note="Four of five shortlisted; Dr Leah Wong withdrew before the closing date.",
    )
    for application in (mercer, morgan, garside, blake):
        application.refresh_from_db()

    okafor, ellery = people["David Okafor"], people["Margaret Ellery"]
    interview(panel, mercer, {framework.CORE: (4, 3), framework.ADDED_VALUE: (4, 2)})
    interview(
        panel,
        morgan,
        {framework.CORE: (3, 2), framework.ADDED_VALUE: (4, 4)},
        wide={
            okafor: {"negotiation": (2, "No example of negotiating with a provider.")},
            ellery: {"negotiation": (4, "Good account of agreeing the prescribing incentive scheme.")},
        },
    )
    # Strong under core management, but shows too little under added value (DH Annex B).
    interview(
        panel,
        garside,
        {framework.CORE: (4, 4), framework.ADDED_VALUE: (2, 3)},
        wide={
            okafor: {"leadership": (2, "Leads his practice well but not beyond it.")},
            price: {"leadership": (4, "Has led the locality's GP forum informally.")},
        },
    )
    interview(panel, blake, {framework.CORE: (3, 3), framework.ADDED_VALUE: (3, 3)}, skip=[price])


def _gp_offers(post: Post, chief: Any, mercer: Application, morgan: Application, target: dt.date) -> None:
    """Dr Mercer is appointed and accepts; Dr Morgan's offer waits for the `applicant` sign-in."""
    offer = aps.appoint(
        actor=chief,
        application=mercer,
        reason="Ranked first: strongest under both headings, with the most commissioning experience.",
        start_date=target,
        tenure_terms=post.tenure_terms,
        time_commitment=post.time_commitment,
    )
    aps.offer_respond(actor=mercer.applicant, offer=offer, accept=True)
    # The `applicant` sign-in sees this offer and can accept or decline it.
    aps.appoint(
        actor=chief,
        application=morgan,
        reason="Ranked second: shows skills under both headings; brings prescribing expertise.",
        start_date=target,
        tenure_terms=post.tenure_terms,
        time_commitment=post.time_commitment,
    )


# The nurse member post: open now, its panel short of DH's three -----------------------------


def nurse_round(
    trust: Organisation,
    plan: AppointmentPlan,
    pec: Committee,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    today: dt.date,
) -> None:
    post = member_post(
        trust,
        pec,
        "Nurse member",
        "A registered nurse practising in Avonmere, in primary or community care\n"
        "Experience of improving services with patients and other professions\n"
        "Able to represent nursing across the PCT, not only their own service\n"
        "Commitment to reducing health inequalities across the PCT's population",
        "nurse member",
    )
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=post,
        plan=plan,
        vacancies=1,
        advert=(
            "Avonmere PCT is appointing a nurse to its Professional Executive Committee. You will bring "
            "nursing leadership to commissioning decisions across primary and community care."
        ),
        opens_on=today - dt.timedelta(days=5),
        closes_on=today + dt.timedelta(days=21),
        interview_date=today + dt.timedelta(days=35),
    )
    aps.campaign_advertise(actor=SYSTEM, campaign=campaign)
    # Two people: DH Annex B suggests three or four, so the panel findings fail until the lead
    # adds a member (for example a former PEC member or another professional).
    for index, (name, role) in enumerate(
        [("David Okafor", PanelRole.CHIEF_EXECUTIVE), ("Margaret Ellery", PanelRole.PCT_CHAIR)]
    ):
        aps.seat_add(actor=SYSTEM, campaign=campaign, person=people[name], role=role, is_chair=index == 0)
    apply(
        campaign,
        user("karen.doyle", "Karen Doyle"),
        "Karen Doyle",
        orgs["Beech Grove Surgery"],
        title="Practice nurse, Beech Grove Surgery",
        profession=Profession.NURSE,
        registration=("NMC", "01B2345E"),
        statement="Lead practice nurse; I run the practice's chronic disease clinics and mentor student nurses.",
    )
