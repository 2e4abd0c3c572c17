"""An appointment round built through the services (APP-1 to APP-7), for tests of every layer.

`make_round(world)` gives a member post on the PEC with a campaign that was advertised, took
`applicants` applications and has now closed, and a DH-compliant panel of three (chief
executive chairing, PCT chair, a former PEC member). `shortlist`, `score_all` and `appoint_first`
move it on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import PanelRole, PostKind
from pecgov.appointments.models import Application, Campaign, PanelSeat, Post
from pecgov.trust import services as ts
from pecgov.trust.enums import MembershipRole, Profession
from pecgov.trust.models import Person
from tests.factories import SYSTEM, World, make_person, make_user

# A small but real PDF: the upload check (pecgov.uploads) looks for its objects and end marker.
PDF = (
    b"%PDF-1.4\n% a CV\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
)


def cv(name: str = "cv.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Round:
    world: World
    post: Post
    campaign: Campaign
    seats: list[PanelSeat]
    applications: list[Application] = field(default_factory=list)
    former: Person | None = None

    @property
    def chair_user(self) -> Any:
        return self.world.users["chief_executive"]


def make_post(world: World, kind: str = PostKind.MEMBER) -> Post:
    return aps.post_create(
        actor=SYSTEM,
        trust=world.trust,
        committee=world.pec,
        title="Clinical member (GP)" if kind == PostKind.MEMBER else "PEC chair",
        kind=kind,
        membership_role=MembershipRole.CLINICAL if kind == PostKind.MEMBER else MembershipRole.CHAIR,
        job_description="Lead commissioning for the trust's population.",
        person_specification="Practising clinician\nExperience of commissioning\nWorks well in a team",
        time_commitment="2 sessions a week",
        tenure_terms="No fixed term; reviewed each year",
    )


def make_campaign(world: World, post: Post | None = None, *, vacancies: int = 2) -> Campaign:
    today = timezone.localdate()
    post = post or make_post(world)
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=post,
        vacancies=vacancies,
        advert="We are looking for clinicians to lead commissioning.",
        opens_on=today - dt.timedelta(days=30),
        closes_on=today + dt.timedelta(days=10),
        interview_date=today + dt.timedelta(days=20),
    )
    return aps.campaign_advertise(actor=SYSTEM, campaign=campaign)


def apply(campaign: Campaign, name: str | None = None, user: Any = None, **kw: Any) -> Application:
    user = user or make_user()
    fields: dict[str, Any] = {
        "name": name or f"Dr {user.username.title()}",
        "email": f"{user.username}@example.org",
        "profession": Profession.GP,
        "registration_body": "GMC",
        "registration_number": "1234567",
        "practising": True,
        "has_caseload": True,
        "statement": "I have led our practice's commissioning for five years.",
        "nil_interests": True,
    } | kw
    return aps.application_submit(actor=user, campaign=campaign, cv=cv(), **fields)


def close(campaign: Campaign) -> Campaign:
    return aps.campaign_update(
        actor=SYSTEM,
        campaign=campaign,
        closes_on=timezone.localdate() - dt.timedelta(days=1),
        interview_date=None,
    )


def dh_panel(world: World, campaign: Campaign) -> tuple[list[PanelSeat], Person]:
    former = make_person(world.trust, Profession.GP, name="Dr Former Member")
    seats = [
        aps.seat_add(
            actor=SYSTEM,
            campaign=campaign,
            person=world.people["chief_executive"],
            role=PanelRole.CHIEF_EXECUTIVE,
            is_chair=True,
        ),
        aps.seat_add(
            actor=SYSTEM, campaign=campaign, person=world.people["pct_chair"], role=PanelRole.PCT_CHAIR
        ),
        aps.seat_add(actor=SYSTEM, campaign=campaign, person=former, role=PanelRole.FORMER_PEC_MEMBER),
    ]
    return seats, former


def make_round(
    world: World, applicants: int = 3, *, closed: bool = True, kind: str = PostKind.MEMBER
) -> Round:
    campaign = make_campaign(world, make_post(world, kind))
    seats, former = dh_panel(world, campaign)
    applications = [apply(campaign, name=f"Dr Applicant {i + 1:02d}") for i in range(applicants)]
    if closed:
        close(campaign)
    return Round(world, campaign.post, campaign, seats, applications, former)


def sift_all(rnd: Round, score: int = 4) -> None:
    """Every panel member scores every application on every criterion (needs a user per seat)."""
    for seat in rnd.seats:
        user = panel_user(seat)
        for application in rnd.applications:
            aps.sift_record(
                actor=user,
                application=application,
                scores={i: (score, "") for i in range(1, len(rnd.post.criteria) + 1)},
            )


def panel_user(seat: PanelSeat) -> Any:
    """The seat's person's user, made if they have none."""
    person = seat.person
    if person.user_id is None:
        ts.person_update(actor=SYSTEM, person=person, user=make_user())
    return person.user


def shortlist(rnd: Round, chosen: int | None = None) -> None:
    chosen = len(rnd.applications) if chosen is None else chosen
    aps.shortlist_record(
        actor=SYSTEM,
        campaign=rnd.campaign,
        decisions={
            a.pk: (i < chosen, "Meets the specification" if i < chosen else "Too little experience")
            for i, a in enumerate(rnd.applications)
        },
    )
    for application in rnd.applications:
        application.refresh_from_db()
    rnd.campaign.refresh_from_db()


def score_all(rnd: Round, score: int = 4, *, overrides: dict[tuple[int, str], int] | None = None) -> None:
    """Every panel member scores every shortlisted candidate on every competency;
    `overrides[(application id, competency key)]` changes one competency's score for everyone."""
    overrides = overrides or {}
    keys = rnd.post.competency_keys
    for seat in rnd.seats:
        user = panel_user(seat)
        for application in rnd.applications:
            if application.status != "shortlisted":
                continue
            aps.interview_record(
                actor=user,
                application=application,
                scores={k: (overrides.get((application.pk, k), score), "") for k in keys},
            )


def appoint_first(rnd: Round) -> Any:
    return aps.appoint(
        actor=SYSTEM,
        application=rnd.applications[0],
        reason="Strongest under both headings",
        start_date=timezone.localdate() + dt.timedelta(days=30),
        tenure_terms="No fixed term",
        time_commitment="2 sessions a week",
    )


# Added for the service tests (additive: the helpers above are unchanged) -----------------------


def counts(*tracked: Any) -> dict[str, int]:
    """Row counts of the models, their history tables and the audit ledger: equal before and
    after a refused action means nothing was saved."""
    from pecgov.audit.models import AuditEvent

    snapshot = {m.__name__: m.objects.count() for m in tracked}
    snapshot |= {f"{m.__name__}.history": m.history.model.objects.count() for m in tracked}
    snapshot["AuditEvent"] = AuditEvent.objects.count()
    return snapshot


def score_as(seat: PanelSeat, application: Application, score: int = 4, **by_key: int) -> list[Any]:
    """One panel member's interview scores of one candidate: `score` on every competency of the
    post, except those named in `by_key`."""
    keys = application.campaign.post.competency_keys
    return aps.interview_record(
        actor=panel_user(seat),
        application=application,
        scores={k: (by_key.get(k, score), "") for k in keys},
    )


def link_panel_users(rnd: Round) -> None:
    """Give every panel member without an account one, through the services, so the audit
    chain stays whole."""
    for seat in rnd.seats:
        if seat.person.user_id is None:
            ts.person_update(actor=SYSTEM, person=seat.person, user=make_user())


def interviewed_round(world: World, applicants: int = 3, **kw: Any) -> Round:
    """A round shortlisted in full and scored 4 on everything by every panel member."""
    rnd = make_round(world, applicants, **kw)
    link_panel_users(rnd)
    shortlist(rnd)
    score_all(rnd)
    return rnd


def appoint_args(**kw: Any) -> dict[str, Any]:
    return {
        "reason": "Strongest under both headings",
        "start_date": timezone.localdate() + dt.timedelta(days=30),
        "tenure_terms": "No fixed term",
        "time_commitment": "2 sessions a week",
    } | kw
