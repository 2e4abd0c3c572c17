"""Rules of an appointment round written once (APP-3 to APP-6): the pass mark and disagreement
spread from the policy pack, the round's stage derived from the record, the services' answers
the pages show, a stepped-aside member's score sheet, notice to outgoing members (DH Annex C),
and two identical submissions at once."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.appointments import queries
from pecgov.appointments import services as aps
from pecgov.appointments.applicants.forms import RegisterForm
from pecgov.appointments.enums import (
    CampaignStatus,
    ConflictHandling,
    RoundStage,
    StepKey,
    round_stage,
)
from pecgov.appointments.models import Application, MemberNotice, PlanStep
from pecgov.appointments.services import applications as application_services
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import policy_override
from pecgov.trust.models import Membership
from tests.appointment_factories import (
    appoint_first,
    close,
    interviewed_round,
    make_campaign,
    make_round,
    panel_user,
    score_all,
    shortlist,
    sift_all,
)
from tests.appointments.test_services_applications import submit
from tests.factories import SYSTEM, World, make_user


def override(world: World, key: str, value: Any) -> None:
    policy_override(actor=SYSTEM, trust=world.trust, key=key, value=value, reason="Local choice")


def login(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


# The pass mark and the disagreement spread come from the policy pack (APP-5) ----------------------


def test_pass_mark_and_spread_default_to_the_packs_local_defaults(world: World) -> None:
    campaign = make_campaign(world)
    assert aps.scoring_marks(campaign) == (3, 2)


def test_a_higher_pass_mark_in_the_policy_makes_a_candidate_not_appointable(world: World) -> None:
    rnd = make_round(world, 2)
    sift_all(rnd)
    shortlist(rnd)
    score_all(rnd, score=3)
    assert all(r.appointable for r in aps.results(rnd.campaign))

    override(world, "appointment.pass_mark", 4)

    results = aps.results(rnd.campaign)
    assert results and not any(r.appointable for r in results)
    with pytest.raises(DomainError, match="did not show skills or development potential"):
        appoint_first(rnd)


def test_the_disagreement_spread_follows_the_policy(world: World) -> None:
    rnd = make_round(world, 1)
    sift_all(rnd)
    shortlist(rnd)
    key = rnd.post.competency_keys[0]
    for number, seat in enumerate(rnd.seats):
        aps.interview_record(
            actor=panel_user(seat),
            application=rnd.applications[0],
            scores={k: (4 if k != key else 3 + number % 2, "") for k in rnd.post.competency_keys},
        )
    assert not aps.results(rnd.campaign)[0].disagreements  # a gap of 1 is under the default 2

    override(world, "appointment.disagreement_spread", 1)

    assert [d.competency for d in aps.results(rnd.campaign)[0].disagreements] == [key]


# The round's stage is derived from the record (APP-3) ----------------------------------------------


@pytest.mark.parametrize(
    ("status", "pending", "accepted", "vacancies", "stage"),
    [
        (CampaignStatus.DRAFT, 0, 0, 1, RoundStage.DRAFT),
        (CampaignStatus.ADVERTISED, 0, 0, 1, RoundStage.ADVERTISED),
        (CampaignStatus.SHORTLISTED, 0, 0, 1, RoundStage.SHORTLISTED),
        (CampaignStatus.SHORTLISTED, 1, 0, 1, RoundStage.OFFER_MADE),
        (CampaignStatus.SHORTLISTED, 1, 1, 2, RoundStage.OFFER_MADE),
        (CampaignStatus.SHORTLISTED, 0, 1, 2, RoundStage.OFFER_ACCEPTED),
        (CampaignStatus.SHORTLISTED, 0, 2, 2, RoundStage.APPOINTED),
        (CampaignStatus.COMPLETE, 0, 1, 1, RoundStage.CLOSED),
    ],
)
def test_round_stage_table(
    status: str, pending: int, accepted: int, vacancies: int, stage: RoundStage
) -> None:
    assert round_stage(status, pending=pending, accepted=accepted, vacancies=vacancies) == stage


def test_round_stage_moves_on_after_the_appointment_on_every_page(world: World) -> None:
    rnd = interviewed_round(world, 2)
    lead = login(world.users["governance_lead"])
    detail = reverse("appointments:campaign_detail", args=[rnd.campaign.pk])
    index = reverse("appointments:index")
    assert "Shortlisted, interviews to hold" in lead.get(detail).content.decode()

    offer = appoint_first(rnd)
    rnd.campaign.refresh_from_db()

    assert Application.objects.get(pk=rnd.applications[0].pk).campaign.stage == RoundStage.OFFER_MADE
    for target in (detail, index):
        text = lead.get(target).content.decode()
        assert "Offer made, waiting for an answer" in text
        assert "Shortlisted, interviews to hold" not in text

    aps.offer_respond(actor=SYSTEM, offer=offer, accept=True)

    text = lead.get(detail).content.decode()
    assert "Offer accepted, posts still to fill" in text  # two vacancies, one filled


# The services answer why an action cannot be taken; the pages show it (APP-3, APP-5) -------------


def test_sift_problems_are_the_services_and_the_page_shows_them(world: World) -> None:
    rnd = make_round(world, 1, closed=False)
    application = rnd.applications[0]

    problems = aps.sift_problems(application)

    assert problems and problems[0].startswith("Applications are open until")
    assert aps.interview_problems(application)[0].startswith("Interview scores are recorded")
    chair = login(panel_user(rnd.seats[0]))
    page = chair.get(reverse("appointments:sift", args=[application.pk])).content.decode()
    assert problems[0] in page
    close(rnd.campaign)
    application.refresh_from_db()
    assert aps.sift_problems(application) == []


def test_conflict_problems_name_the_stepped_aside_member(world: World) -> None:
    rnd = make_round(world, 1)
    application, seat = rnd.applications[0], rnd.seats[1]
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=application, description="My niece")
    assert "has not been handled yet" in aps.sift_problems(application, seat)[0]
    aps.conflict_handle(
        actor=SYSTEM, seat=seat, application=application, handling=ConflictHandling.STEPS_ASIDE
    )
    assert aps.sift_problems(application, seat) == [
        f"You stepped aside from assessing {application.name} because of a conflict."
    ]
    assert aps.sift_problems(application, rnd.seats[0]) == []


def test_score_sheet_of_a_stepped_aside_member_says_so_and_why(world: World) -> None:
    rnd = make_round(world, 2)
    application, seat = rnd.applications[0], rnd.seats[1]
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=application, description="My niece")
    aps.conflict_handle(
        actor=SYSTEM, seat=seat, application=application, handling=ConflictHandling.STEPS_ASIDE
    )

    response = login(world.users["governance_lead"]).get(
        reverse("appointments:score_sheet", args=[application.pk, seat.person_id])
    )
    text = response.content.decode()

    assert response.status_code == 200
    assert "stepped aside from assessing" in text and "My niece" in text
    assert "Stepped aside" in text
    assert "Not scored" not in text


# Permissions come from appointments/rules.py (X-1) --------------------------------------------------


def test_only_the_panel_chair_or_lead_may_chair_the_panel(world: World) -> None:
    rnd = make_round(world, 1)
    chair, member = panel_user(rnd.seats[0]), panel_user(rnd.seats[1])
    assert chair.has_perm("appointments.chair_panel", rnd.campaign)
    assert not member.has_perm("appointments.chair_panel", rnd.campaign)
    assert world.users["governance_lead"].has_perm("appointments.chair_panel", rnd.campaign)
    assert member.has_perm("appointments.score", rnd.campaign)
    assert not world.users["member"].has_perm("appointments.score", rnd.campaign)
    with pytest.raises(NotPermitted, match="Only the chair of the panel or the governance lead can draw up"):
        aps.shortlist_record(actor=member, campaign=rnd.campaign, decisions={})


def test_the_conflicted_member_never_handles_their_own_conflict(world: World) -> None:
    rnd = make_round(world, 1)
    seat = rnd.seats[0]  # the chair of the panel
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=rnd.applications[0], description="Partner")
    user = panel_user(seat)
    assert user.has_perm("appointments.declare_conflict", seat)
    assert not user.has_perm("appointments.handle_conflict", seat)
    with pytest.raises(NotPermitted, match="Someone other than the conflicted panel member"):
        aps.conflict_handle(
            actor=user, seat=seat, application=rnd.applications[0], handling=ConflictHandling.STEPS_ASIDE
        )


# Notice to outgoing members (APP-3, DH Annex C) ----------------------------------------------------


@pytest.fixture
def notice_step(world: World) -> PlanStep:
    plan = aps.plan_create(
        actor=SYSTEM,
        trust=world.trust,
        title="New PEC 2027",
        target_date=timezone.localdate() + dt.timedelta(days=200),
    )
    return plan.steps.get(key=StepKey.NOTICE)


def outgoing(world: World) -> Membership:
    return Membership.objects.get(committee=world.pec, person=world.people["member"])


def test_notice_is_recorded_against_the_outgoing_membership(world: World, notice_step: PlanStep) -> None:
    membership = outgoing(world)
    today = timezone.localdate()
    assert membership in aps.outgoing_memberships(notice_step)

    notice = aps.notice_give(
        actor=world.users["governance_lead"],
        step=notice_step,
        membership=membership,
        given_on=today,
        end_date=today + dt.timedelta(days=90),
        note=" By letter ",
    )

    assert (notice.membership, notice.given_by, notice.note) == (
        membership,
        world.users["governance_lead"],
        "By letter",
    )
    assert membership not in aps.outgoing_memberships(notice_step)
    assert list(queries.notices_of([membership.pk])) == [notice]
    assert AuditEvent.objects.filter(action="plan.notice").count() == 1


@pytest.mark.parametrize(
    ("given", "ends", "field", "message"),
    [
        (None, 30, "given_on", "Enter the date notice was given"),
        (0, None, "end_date", "Enter the end date the member was told"),
        (10, 5, "end_date", "The end date must be on or after the date notice was given"),
    ],
)
def test_notice_with_bad_dates_is_refused_and_nothing_saved(
    world: World, notice_step: PlanStep, given: int | None, ends: int | None, field: str, message: str
) -> None:
    today = timezone.localdate()
    with pytest.raises(DomainError) as error:
        aps.notice_give(
            actor=SYSTEM,
            step=notice_step,
            membership=outgoing(world),
            given_on=None if given is None else today + dt.timedelta(days=given),
            end_date=None if ends is None else today + dt.timedelta(days=ends),
        )
    assert error.value.errors[field] == [message]
    assert not MemberNotice.objects.exists()


def test_notice_twice_and_by_someone_else_is_refused(world: World, notice_step: PlanStep) -> None:
    today = timezone.localdate()
    args = {"step": notice_step, "membership": outgoing(world), "given_on": today, "end_date": today}
    with pytest.raises(NotPermitted):
        aps.notice_give(actor=world.users["pec_chair"], **args)
    aps.notice_give(actor=SYSTEM, **args)
    with pytest.raises(DomainError, match="already been given notice"):
        aps.notice_give(actor=SYSTEM, **args)
    other = notice_step.plan.steps.get(key=StepKey.INDUCTION)
    with pytest.raises(DomainError, match="notice step"):
        aps.notice_give(actor=SYSTEM, **(args | {"step": other}))
    assert MemberNotice.objects.count() == 1


def test_notice_page_records_and_the_plan_shows_it(world: World, notice_step: PlanStep) -> None:
    lead = login(world.users["governance_lead"])
    target = reverse("appointments:notice_give", args=[notice_step.pk])
    membership = outgoing(world)
    assert lead.get(target).status_code == 200

    bad = lead.post(target, {"membership": membership.pk, "given_on": "", "end_date": ""})
    assert bad.status_code == 400 and not MemberNotice.objects.exists()

    today = timezone.localdate()
    end = today + dt.timedelta(days=60)
    response = lead.post(
        target,
        {
            "membership": membership.pk,
            "given_on-day": today.day,
            "given_on-month": today.month,
            "given_on-year": today.year,
            "end_date-day": end.day,
            "end_date-month": end.month,
            "end_date-year": end.year,
            "note": "Told at the PEC meeting",
        },
    )
    assert response.status_code == 302, re.findall(
        r"error-message[^>]*>(.*?)</span>\s*(.*?)<", response.content.decode(), re.S
    )
    plan_page = lead.get(reverse("appointments:plan_detail", args=[notice_step.plan_id])).content.decode()
    assert membership.person.name in plan_page and "Told at the PEC meeting" in plan_page
    assert login(world.users["pec_chair"]).get(target).status_code == 403


# Two identical submissions at once get a clear answer, never a server error (X-5) ------------------


def test_two_identical_applications_at_once_are_refused_by_the_service(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    campaign = make_campaign(world)
    user = make_user()
    first = submit(campaign, user)
    # The second request passed the duplicate check before the first was saved.
    monkeypatch.setattr(application_services, "_already_applied", lambda campaign, actor: False)

    with pytest.raises(DomainError, match="You have already applied for this post"):
        submit(campaign, user)
    assert list(Application.objects.filter(applicant=user)) == [first]


def test_two_identical_registrations_at_once_answer_with_a_form_message(
    db: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = {
        "username": "ada.okafor",
        "email": "ada@example.org",
        "password1": "violet-harbour-lantern-41",
        "password2": "violet-harbour-lantern-41",
    }
    assert Client().post(reverse("applicants:register"), data).status_code == 302
    # The second request passed the form's check before the first was saved.
    monkeypatch.setattr(RegisterForm, "clean_username", lambda form: form.cleaned_data["username"])
    monkeypatch.setattr(RegisterForm, "validate_unique", lambda form: None)

    response = Client().post(reverse("applicants:register"), data)

    assert response.status_code == 400
    assert "That username is taken: choose another" in response.content.decode()
    assert get_user_model().objects.filter(username="ada.okafor").count() == 1


def test_account_create_refuses_a_taken_username_on_the_field(db: Any) -> None:
    aps.account_create(username="sam", email="sam@example.org", password="violet-harbour-lantern-41")
    with pytest.raises(DomainError) as error:
        aps.account_create(username="sam", email="sam@example.org", password="violet-harbour-lantern-41")
    assert error.value.errors == {"username": ["That username is taken: choose another"]}
