"""Appointment services, applications (APP-3, APP-7): an applicant applies with their own
account while the post is open, uploads an allowed CV, declares interests or confirms none, and
withdraws only their own application. A refused application saves nothing at all."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import ApplicantInterest, Application
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import policy_override
from pecgov.trust.enums import Profession
from tests.appointment_factories import (
    PDF,
    apply,
    close,
    counts,
    cv,
    make_campaign,
    make_post,
    make_round,
    panel_user,
    shortlist,
)
from tests.factories import SYSTEM, World, make_org, make_user

TODAY = timezone.localdate


def submit(campaign: Any, user: Any = None, **kw: Any) -> Application:
    """Apply with the factory's details, overriding any of them (cv included)."""
    user = user or make_user()
    fields: dict[str, Any] = {
        "name": "Dr Able Applicant",
        "email": "able@example.org",
        "profession": Profession.GP,
        "registration_body": "GMC",
        "registration_number": "1234567",
        "practising": True,
        "has_caseload": True,
        "statement": "I have led our practice's commissioning.",
        "nil_interests": True,
        "cv": cv(),
    } | kw
    return aps.application_submit(actor=user, campaign=campaign, **fields)


def nothing_saved(before: dict[str, int]) -> bool:
    uploads = list(Path(settings.MEDIA_ROOT).rglob("*.*"))
    return counts(Application, ApplicantInterest) == before and uploads == []


def test_application_submit_saves_the_application_its_cv_and_interests(world: World) -> None:
    """APP-3: an applicant applies with an account of their own, a CV, a statement and interests."""
    campaign = make_campaign(world)
    user = make_user()
    application = submit(
        campaign,
        user,
        nil_interests=False,
        organisation=world.practice,
        interests=[
            aps.DeclaredInterest("financial", "Partner at the surgery", world.practice),
            aps.DeclaredInterest("non_financial_personal", "My sister is a local councillor"),
        ],
    )
    assert (application.applicant, application.status) == (user, ApplicationStatus.SUBMITTED)
    assert (application.cv_content_type, application.cv_size) == ("application/pdf", len(PDF))
    assert Path(application.cv.path).read_bytes().startswith(b"%PDF-")
    assert [i.description for i in application.interests.all()] == [
        "Partner at the surgery",
        "My sister is a local councillor",
    ]
    event = AuditEvent.objects.get(action="application.submit")
    assert event.actor == user
    assert len(event.history_refs) == 3


def test_application_before_the_opening_date_refused(world: World) -> None:
    """APP-3: the post is not open yet."""
    post = make_post(world)
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=post,
        vacancies=1,
        advert="Soon",
        opens_on=TODAY() + dt.timedelta(days=3),
        closes_on=TODAY() + dt.timedelta(days=20),
    )
    aps.campaign_advertise(actor=SYSTEM, campaign=campaign)
    before = counts(Application, ApplicantInterest)
    with pytest.raises(DomainError, match="not open for applications"):
        submit(campaign)
    assert nothing_saved(before)


def test_application_to_a_draft_campaign_refused(world: World) -> None:
    post = make_post(world)
    campaign = aps.campaign_create(
        actor=SYSTEM, post=post, vacancies=1, advert="Draft", opens_on=TODAY(), closes_on=TODAY()
    )
    with pytest.raises(DomainError, match="not open for applications"):
        submit(campaign)


def test_application_after_the_closing_date_refused(world: World) -> None:
    """APP-3, bad input: "Applications closed on ..." and nothing saved."""
    campaign = close(make_campaign(world))
    before = counts(Application, ApplicantInterest)
    with pytest.raises(DomainError) as error:
        submit(campaign)
    closed = campaign.closes_on
    assert error.value.messages == [
        f"Applications closed on {closed:%-d %B %Y}: we cannot accept new applications."
    ]
    assert nothing_saved(before)


def test_application_after_shortlisting_says_applications_closed(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    with pytest.raises(DomainError, match="Applications closed on"):
        submit(rnd.campaign)


def test_application_on_the_closing_day_accepted(world: World) -> None:
    campaign = make_campaign(world)
    assert submit(campaign, on=campaign.closes_on).pk is not None


def test_second_application_by_the_same_applicant_refused(world: World) -> None:
    campaign = make_campaign(world)
    user = make_user()
    submit(campaign, user)
    before = counts(Application, ApplicantInterest)
    with pytest.raises(DomainError, match="already applied"):
        submit(campaign, user)
    assert counts(Application, ApplicantInterest) == before


def test_application_needs_a_signed_in_applicant(world: World) -> None:
    with pytest.raises(NotPermitted):
        submit(make_campaign(world), AnonymousUser())
    assert Application.objects.count() == 0


def test_panel_member_cannot_apply_to_their_own_campaign(world: World) -> None:
    """APP-7: a panel member sees every application, so they cannot also be a candidate."""
    rnd = make_round(world, 0, closed=False)
    with pytest.raises(DomainError, match="panel"):
        submit(rnd.campaign, panel_user(rnd.seats[1]))
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("upload", "words"),
    [
        (cv("cv.exe", b"MZ\x90\x00 not a CV"), "must be one of these file types"),
        (cv("cv.pdf", b"<html>a web page</html>"), "not a real PDF"),
        (cv("cv.pdf", b""), "empty"),
        (None, "Select a file to upload"),
    ],
    ids=["forbidden-type", "fake-pdf", "empty", "missing"],
)
def test_bad_cv_refused_with_nothing_saved(world: World, upload: Any, words: str) -> None:
    """APP-3, bad input: a CV of a forbidden type, a fake PDF, an empty file or none."""
    campaign = make_campaign(world)
    before = counts(Application, ApplicantInterest)
    with pytest.raises(DomainError) as error:
        submit(
            campaign,
            nil_interests=False,
            interests=[aps.DeclaredInterest("financial", "Partner", world.practice)],
            cv=upload,
        )
    assert list(error.value.errors) == ["cv"]
    assert words in error.value.errors["cv"][0]
    assert nothing_saved(before)


def test_cv_too_large_refused_with_nothing_saved(world: World) -> None:
    """APP-3, bad input: the size limit is the policy's (POL-1), here overridden to 1MB."""
    policy_override(actor=SYSTEM, trust=world.trust, key="papers.max_megabytes", value=1, reason="Small disk")
    campaign = make_campaign(world)
    big = SimpleUploadedFile("cv.pdf", b"%PDF-1.4\n" + b"x" * (1024 * 1024), content_type="application/pdf")
    before = counts(Application, ApplicantInterest)
    with pytest.raises(DomainError) as error:
        submit(campaign, cv=big)
    assert error.value.errors == {"cv": ["The CV must be smaller than 1MB"]}
    assert nothing_saved(before)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"nil_interests": False}, "nil_interests"),
        (
            {"interests": [aps.DeclaredInterest("financial", "Partner")], "nil_interests": True},
            "nil_interests",
        ),
        ({"interests": [aps.DeclaredInterest("gossip", "Rumour")], "nil_interests": False}, "interests"),
        ({"interests": [aps.DeclaredInterest("financial", "  ")], "nil_interests": False}, "interests"),
        ({"name": " "}, "name"),
        ({"email": "not-an-email"}, "email"),
        ({"profession": "astronaut"}, "profession"),
        ({"registration_body": ""}, "registration_body"),
        ({"practising": False}, "has_caseload"),
        ({"profession": Profession.MANAGER, "has_caseload": False}, "practising"),
        ({"statement": ""}, "statement"),
    ],
)
def test_application_with_bad_details_refused(world: World, change: dict[str, Any], field: str) -> None:
    """APP-3: interests are declared, or none confirmed, but not both; every detail is checked."""
    campaign = make_campaign(world)
    before = counts(Application, ApplicantInterest)
    with pytest.raises(DomainError) as error:
        submit(campaign, **change)
    assert list(error.value.errors) == [field]
    assert nothing_saved(before)


def test_application_refuses_organisations_of_another_trust(world: World, other_world: World) -> None:
    campaign = make_campaign(world)
    with pytest.raises(DomainError) as error:
        submit(campaign, organisation=other_world.practice)
    assert list(error.value.errors) == ["organisation"]
    with pytest.raises(DomainError) as error:
        submit(
            campaign,
            nil_interests=False,
            interests=[aps.DeclaredInterest("financial", "Partner", other_world.practice)],
        )
    assert list(error.value.errors) == ["interests"]


def test_application_refuses_unknown_details(world: World) -> None:
    with pytest.raises(DomainError, match="Unknown details: status"):
        submit(make_campaign(world), status="shortlisted")


def test_applicant_withdraws_their_own_application(world: World) -> None:
    """APP-3: only the applicant withdraws, once."""
    application = apply(make_campaign(world))
    aps.application_withdraw(actor=application.applicant, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    assert AuditEvent.objects.filter(action="application.withdraw").count() == 1
    with pytest.raises(DomainError, match="cannot be withdrawn now"):
        aps.application_withdraw(actor=application.applicant, application=application)


@pytest.mark.parametrize("who", ["governance_lead", "applicant", "chief_executive", "system"])
def test_only_the_applicant_may_withdraw(world: World, who: str) -> None:
    application = apply(make_campaign(world))
    actor = SYSTEM if who == "system" else world.users[who]
    with pytest.raises(NotPermitted):
        aps.application_withdraw(actor=actor, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_applicant_export_gives_their_own_data_and_no_scores(world: World) -> None:
    """APP-7: an applicant can download what they gave us and where it stands."""
    application = submit(
        make_campaign(world),
        nil_interests=False,
        interests=[aps.DeclaredInterest("financial", "Partner", world.practice)],
    )
    data = aps.applicant_export(application)
    assert data["name"] == "Dr Able Applicant"
    assert data["status"] == "Received"
    assert data["interests"] == [
        {"category": "Financial", "organisation": world.practice.name, "description": "Partner"}
    ]
    assert data["offer"] is None
    assert not any("score" in key for key in data)


def test_applicant_with_an_organisation_elsewhere_in_the_trust(world: World) -> None:
    practice = make_org(world.trust, name="Riverside Surgery")
    application = submit(make_campaign(world), organisation=practice)
    assert application.organisation == practice


@pytest.mark.django_db
def test_account_create_is_in_the_ledger() -> None:
    from pecgov.appointments.services.applications import account_create
    from pecgov.audit.models import AuditEvent

    user = account_create(username="newapplicant", email="new@example.org", password="a-long-pass-phrase-9")
    event = AuditEvent.objects.get(action="auth.register")
    assert (event.actor_id, event.summary) == (user.pk, "Applicant account newapplicant created")
    assert "a-long-pass-phrase-9" not in str(event.data)
