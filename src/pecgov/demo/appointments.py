"""Demo appointments for Avonmere PCT (issue 5; APP-1 to APP-7), made through the services.

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
from collections.abc import Mapping, Sequence
from typing import Any

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.appointments import framework
from pecgov.appointments import services as aps
from pecgov.appointments.enums import ConflictHandling, PanelRole, PostKind, StepKey
from pecgov.appointments.models import Application, AppointmentPlan, Campaign, PanelSeat, Post
from pecgov.interests import services as isv
from pecgov.interests.enums import Category
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, MembershipRole, Profession
from pecgov.trust.models import Committee, Membership, Organisation, Person

CHAIR_MODEL_REASON = (
    "Following the NHS Alliance model, the new PEC recommends its chair and the PCT chair appoints; "
    "agreed by the Board."
)


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
    _member_round(trust, plan, pec, people, orgs, today, target)
    _nurse_round(trust, plan, pec, people, orgs, today)
    _chair_round(trust, plan, pec, people, orgs, today, target)


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


# Applicants ---------------------------------------------------------------------------


def _pdf(lines: Sequence[str]) -> bytes:
    """A one-page PDF with the given lines of text, so a demo CV opens in a browser."""
    text = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(
        "({}) '".format(line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")) for line in lines
    )
    text += " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("latin-1")),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _cv(name: str, role: str) -> SimpleUploadedFile:
    content = _pdf(
        [
            f"Curriculum vitae: {name}",
            role,
            "Demonstration data for PEC Governance: not a real person.",
        ]
    )
    slug = name.lower().replace("dr ", "").replace(" ", "-")
    return SimpleUploadedFile(f"cv-{slug}.pdf", content, content_type="application/pdf")


def _user(username: str, name: str) -> Any:
    """A plain account for a demo applicant or panel member: it cannot sign in (no password)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        first, _, last = name.replace("Dr ", "").partition(" ")
        user = User.objects.create_user(username, password=None, first_name=first, last_name=last)
    return user


def _apply(
    campaign: Campaign,
    user: Any,
    name: str,
    practice: Organisation | None,
    *,
    title: str,
    statement: str,
    profession: str = Profession.GP,
    registration: tuple[str, str] = ("GMC", ""),
    interests: Sequence[aps.DeclaredInterest] = (),
) -> Application:
    body, number = registration
    return aps.application_submit(
        actor=user,
        campaign=campaign,
        cv=_cv(name, title),
        interests=interests,
        name=name,
        email=name.lower().replace("dr ", "").replace(" ", ".") + "@example.nhs.uk",
        profession=profession,
        registration_body=body,
        registration_number=number,
        practising=True,
        has_caseload=True,
        organisation=practice,
        statement=statement,
        nil_interests=not interests,
    )


def _close(campaign: Campaign, closes_on: dt.date, interview_date: dt.date) -> Campaign:
    """Applications were taken while open; the closing date has now passed (as in the demo's past)."""
    return aps.campaign_update(
        actor=SYSTEM, campaign=campaign, closes_on=closes_on, interview_date=interview_date
    )


# Scores ---------------------------------------------------------------------------------

# A candidate's profile: per heading, a base score and how often (every nth competency, shifted
# by the scorer) a panel member gives one point more. Spreads stay within one point except
# where `wide` sets a score, so the wide disagreements are the ones the demo means to show.
Profile = Mapping[str, tuple[int, int]]


def _scores(
    keys: Sequence[str],
    profile: Profile,
    scorer: int,
    wide: Mapping[str, tuple[int, str]] | None = None,
) -> dict[str, tuple[int, str]]:
    headings = {c.key: c.heading for c in framework.competencies()}
    wide = wide or {}
    out: dict[str, tuple[int, str]] = {}
    for index, key in enumerate(keys):
        if key in wide:
            out[key] = wide[key]
            continue
        base, every = profile[headings[key]]
        bump = 1 if every and (index + scorer) % every == 0 else 0
        out[key] = (max(1, min(5, base + bump)), "")
    return out


def _sift(
    users: Sequence[tuple[Any, PanelSeat]],
    application: Application,
    base: Sequence[int],
    skip: Sequence[Person] = (),
) -> None:
    for number, (user, seat) in enumerate(users):
        if seat.person in skip:
            continue
        scores = {
            criterion: (max(1, min(5, score + (1 if (criterion + number) % 4 == 0 else 0))), "")
            for criterion, score in enumerate(base, start=1)
        }
        aps.sift_record(actor=user, application=application, scores=scores)


def _interview(
    users: Sequence[tuple[Any, PanelSeat]],
    application: Application,
    profile: Profile,
    wide: Mapping[Person, Mapping[str, tuple[int, str]]] | None = None,
    skip: Sequence[Person] = (),
) -> None:
    keys = application.campaign.post.competency_keys
    wide = wide or {}
    for number, (user, seat) in enumerate(users):
        if seat.person in skip:
            continue
        aps.interview_record(
            actor=user,
            application=application,
            scores=_scores(keys, profile, number, wide.get(seat.person)),
        )


def _panel(
    campaign: Campaign, members: Sequence[tuple[Person, str]], users: Mapping[str, Any]
) -> list[tuple[Any, PanelSeat]]:
    """Seat the panel (the first member chairs) and pair each seat with the member's account."""
    seated = []
    for index, (person, role) in enumerate(members):
        seat = aps.seat_add(actor=SYSTEM, campaign=campaign, person=person, role=role, is_chair=index == 0)
        seated.append((users[person.name], seat))
    return seated


def _panel_users(trust: Organisation, people: dict[str, Person]) -> dict[str, Any]:
    """Panel members and recommenders act as themselves: the demo sign-ins, and a plain account
    for Dr Owen Price, the former PEC member."""
    price = people["Dr Owen Price"]
    if price.user_id is None:
        ts.person_update(actor=SYSTEM, person=price, user=_user("owen.price", price.name))
    return {
        p.name: p.user for p in Person.objects.filter(trust=trust, user__isnull=False).select_related("user")
    }


# The two GP member posts ------------------------------------------------------------------


def _member_post(trust: Organisation, pec: Committee, title: str, spec: str, role_text: str) -> Post:
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


def _member_round(
    trust: Organisation,
    plan: AppointmentPlan,
    pec: Committee,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    today: dt.date,
    target: dt.date,
) -> None:
    post = _member_post(
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
    users = _panel_users(trust, people)
    panel = _panel(
        campaign,
        [
            (people["David Okafor"], PanelRole.CHIEF_EXECUTIVE),
            (people["Margaret Ellery"], PanelRole.PCT_CHAIR),
            (price, PanelRole.FORMER_PEC_MEMBER),
        ],
        users,
    )
    chief = users["David Okafor"]

    User = get_user_model()
    mercer_user = _user("hannah.mercer", "Dr Hannah Mercer")
    mercer = _apply(
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
    morgan = _apply(
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
    garside = _apply(
        campaign,
        _user("neil.garside", "Dr Neil Garside"),
        "Dr Neil Garside",
        orgs["Willow Brook Surgery"],
        title="Senior partner, Willow Brook Surgery",
        registration=("GMC", "3381207"),
        statement="Senior partner for twelve years; I run a well-managed practice with strong QOF results.",
    )
    blake = _apply(
        campaign,
        _user("fiona.blake", "Dr Fiona Blake"),
        "Dr Fiona Blake",
        orgs["Northgate Surgery"],
        title="GP partner, Northgate Surgery",
        registration=("GMC", "6650321"),
        statement=(
            "Diabetes lead for the South locality; I set up the Riverside group's community diabetes "
            "clinics with the practice nurses."
        ),
    )
    tate = _apply(
        campaign,
        _user("simon.tate", "Dr Simon Tate"),
        "Dr Simon Tate",
        orgs["Harbour View Surgery"],
        title="Salaried GP, Harbour View Surgery",
        registration=("GMC", "7712046"),
        statement="Two years qualified as a GP; keen to learn about commissioning.",
    )
    wong_user = _user("leah.wong", "Dr Leah Wong")
    wong = _apply(
        campaign,
        wong_user,
        "Dr Leah Wong",
        orgs["Greenway Medical Centre"],
        title="GP partner, Greenway Medical Centre",
        registration=("GMC", "7018832"),
        statement="GP trainer and clinical governance lead for my practice.",
    )
    aps.application_withdraw(actor=wong_user, application=wong)
    _close(campaign, today - dt.timedelta(days=42), today - dt.timedelta(days=21))

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
    _sift(panel, mercer, [5, 4, 4, 4])
    _sift(panel, morgan, [4, 3, 4, 4])
    _sift(panel, garside, [4, 3, 3, 3])
    _sift(panel, blake, [4, 4, 3, 4], skip=[price])
    _sift(panel, tate, [3, 1, 2, 3])
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
    _interview(panel, mercer, {framework.CORE: (4, 3), framework.ADDED_VALUE: (4, 2)})
    _interview(
        panel,
        morgan,
        {framework.CORE: (3, 2), framework.ADDED_VALUE: (4, 4)},
        wide={
            okafor: {"negotiation": (2, "No example of negotiating with a provider.")},
            ellery: {"negotiation": (4, "Good account of agreeing the prescribing incentive scheme.")},
        },
    )
    # Strong under core management, but shows too little under added value (DH Annex B).
    _interview(
        panel,
        garside,
        {framework.CORE: (4, 4), framework.ADDED_VALUE: (2, 3)},
        wide={
            okafor: {"leadership": (2, "Leads his practice well but not beyond it.")},
            price: {"leadership": (4, "Has led the locality's GP forum informally.")},
        },
    )
    _interview(panel, blake, {framework.CORE: (3, 3), framework.ADDED_VALUE: (3, 3)}, skip=[price])

    terms = {"tenure_terms": post.tenure_terms, "time_commitment": post.time_commitment}
    offer = aps.appoint(
        actor=chief,
        application=mercer,
        reason="Ranked first: strongest under both headings, with the most commissioning experience.",
        start_date=target,
        **terms,
    )
    aps.offer_respond(actor=mercer.applicant, offer=offer, accept=True)
    # The `applicant` sign-in sees this offer and can accept or decline it.
    aps.appoint(
        actor=chief,
        application=morgan,
        reason="Ranked second: shows skills under both headings; brings prescribing expertise.",
        start_date=target,
        **terms,
    )


# The nurse member post: open now, its panel short of DH's three -----------------------------


def _nurse_round(
    trust: Organisation,
    plan: AppointmentPlan,
    pec: Committee,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    today: dt.date,
) -> None:
    post = _member_post(
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
    _apply(
        campaign,
        _user("karen.doyle", "Karen Doyle"),
        "Karen Doyle",
        orgs["Beech Grove Surgery"],
        title="Practice nurse, Beech Grove Surgery",
        profession=Profession.NURSE,
        registration=("NMC", "01B2345E"),
        statement="Lead practice nurse; I run the practice's chronic disease clinics and mentor student nurses.",
    )


# The PEC chair under the Alliance model ------------------------------------------------------


def _chair_round(
    trust: Organisation,
    plan: AppointmentPlan,
    pec: Committee,
    people: dict[str, Person],
    orgs: dict[str, Organisation],
    today: dt.date,
    target: dt.date,
) -> None:
    # APP-6: the documented switch. The trust keeps DH's pack but records, with its reason, that
    # the new PEC recommends its chair and the PCT chair appoints.
    policy_override(
        actor=SYSTEM,
        trust=trust,
        key="appointment.chair_model",
        value=aps.MEMBERSHIP_RECOMMENDS,
        reason=CHAIR_MODEL_REASON,
    )
    rahman = people["Dr Anika Rahman"]
    # The outgoing chair's term ends the day before the new PEC takes office.
    chair_seat = Membership.objects.get(person=rahman, committee=pec, role=MembershipRole.CHAIR)
    ts.membership_update(actor=SYSTEM, membership=chair_seat, end_date=target - dt.timedelta(days=1))

    post = aps.post_create(
        actor=SYSTEM,
        trust=trust,
        committee=pec,
        title="PEC chair",
        kind=PostKind.CHAIR,
        membership_role=MembershipRole.CHAIR,
        job_description=(
            "Chair of the Professional Executive Committee and a member of the PCT Board: with the PCT chair "
            "and the chief executive, one of the three at the centre of the PCT's leadership (DH 3, 7.1)."
        ),
        person_specification=(
            "A practising clinician in Avonmere with the respect of clinical colleagues\n"
            "Experience of leading commissioning or service change across organisations\n"
            "Able to chair a committee of many professions and hold it to its purpose"
        ),
        time_commitment="4 sessions a week (about 16 hours), with Board and PEC meetings monthly",
        tenure_terms="Three years from the start date, renewable once, subject to annual appraisal (DH 7.2)",
    )
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=post,
        plan=plan,
        vacancies=1,
        advert=(
            "Avonmere PCT is appointing the chair of its Professional Executive Committee from "
            f"{target:%-d %B %Y}. Following the NHS Alliance model, the members of the new PEC recommend "
            "their chair and the PCT chair makes the appointment."
        ),
        opens_on=today - dt.timedelta(days=60),
        closes_on=today,
    )
    aps.campaign_advertise(actor=SYSTEM, campaign=campaign)
    users = _panel_users(trust, people)
    panel = _panel(
        campaign,
        [
            (people["David Okafor"], PanelRole.CHIEF_EXECUTIVE),
            (people["Margaret Ellery"], PanelRole.PCT_CHAIR),
            (rahman, PanelRole.OUTGOING_PEC_CHAIR),
        ],
        users,
    )
    osei = _apply(
        campaign,
        _user("richard.osei", "Dr Richard Osei"),
        "Dr Richard Osei",
        orgs["Hill Top Surgery"],
        title="GP partner, Hill Top Surgery",
        registration=("GMC", "4409712"),
        statement=(
            "Chaired the West locality's GP forum for four years and led its move into practice-based "
            "commissioning; I want the PEC to be the clinical engine of the PCT."
        ),
    )
    kemp = _apply(
        campaign,
        _user("laura.kemp", "Dr Laura Kemp"),
        "Dr Laura Kemp",
        orgs["Victoria Road Medical Centre"],
        title="GP partner, Victoria Road Medical Centre",
        registration=("GMC", "5127763"),
        statement="Medical director of the out-of-hours co-operative; experienced in urgent care redesign.",
    )
    _close(campaign, today - dt.timedelta(days=30), today - dt.timedelta(days=10))
    chief = users["David Okafor"]
    _sift(panel, osei, [5, 4, 4])
    _sift(panel, kemp, [4, 4, 3])
    aps.shortlist_record(
        actor=chief,
        campaign=campaign,
        decisions={
            osei.pk: (True, "Meets every criterion; long experience of chairing clinicians."),
            kemp.pk: (True, "Meets every criterion; leads change across organisations."),
        },
    )
    for application in (osei, kemp):
        application.refresh_from_db()
    chair_profile = {framework.CORE: (4, 3), framework.ADDED_VALUE: (4, 2), framework.CHAIR: (4, 3)}
    _interview(panel, osei, chair_profile)
    _interview(
        panel,
        kemp,
        {framework.CORE: (3, 2), framework.ADDED_VALUE: (4, 4), framework.CHAIR: (3, 2)},
        wide={
            rahman: {
                "chairing_meetings": (2, "Little experience of chairing a committee of many professions.")
            },
            people["Margaret Ellery"]: {"chairing_meetings": (4, "Chairs the co-operative's board well.")},
        },
    )
    # Current PEC members recommend (the demo sign-ins pecchair, member and manager).
    for name, application, reason in (
        ("Dr Anika Rahman", osei, "Has the confidence of GPs across all three PBC groups."),
        ("Dr Tom Hollis", kemp, "Her urgent care work is what the PEC must lead next."),
        ("Gareth Pryce", osei, "Chairs well and works easily with managers and the Board."),
    ):
        aps.chair_recommend(actor=users[name], campaign=campaign, application=application, reason=reason)
