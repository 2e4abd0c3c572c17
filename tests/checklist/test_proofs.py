"""Actions the record proves tick themselves, exactly when the proof exists, with its link (EFF-1).

The record is built step by step through the services, as a trust would: after each step the
checklist shows exactly the actions proven so far, each linking to the page that proves it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import StepKey
from pecgov.checklist.queries import checklist_state
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, FunctionGroup
from pecgov.members.services import development
from pecgov.surveys.models import Survey
from pecgov.trust.models import Membership
from tests.appointment_factories import appoint_args, interviewed_round, make_campaign, make_post
from tests.factories import START, SYSTEM, World
from tests.surveys.helpers import draft, opened


def proven(world: World) -> dict[str, str]:
    return {a.key: a.proof.url for a in checklist_state(world.trust).actions if a.proof is not None}


def test_nothing_is_proven_in_an_empty_record(world: World) -> None:
    """EFF-1: no proof, no tick: every action waits on the lead."""
    state = checklist_state(world.trust)
    assert proven(world) == {}
    assert [a.status for a in state.actions] == ["not_started"] * 9


def test_functions_delegated_to_the_pec_tick_roles(world: World) -> None:
    """EFF-1, TOR-1: a function the Board delegated to the PEC proves "roles and functions"."""
    function = ds.function_create(
        actor=SYSTEM, trust=world.trust, group=FunctionGroup.VISION, name="Set the commissioning strategy"
    )
    assert "roles" not in proven(world)
    ds.delegation_create(
        actor=SYSTEM, function=function, committee=world.pec, authority=Authority.RECOMMEND, start_date=START
    )
    state = checklist_state(world.trust)
    roles = next(a for a in state.actions if a.key == "roles")
    assert (roles.status, roles.proof and roles.proof.url) == ("done", reverse("delegation:catalogue"))
    assert roles.proof is not None and roles.proof.text == "1 function delegated to the PEC"
    assert not roles.overdue


def test_a_board_delegation_elsewhere_does_not_tick_roles(world: World) -> None:
    """EFF-1: only functions delegated to the PEC count, not the Board's own."""
    ds.function_create(actor=SYSTEM, trust=world.trust, group=FunctionGroup.VISION, name="Unassigned")
    assert "roles" not in proven(world)


def test_the_appointment_round_ticks_its_actions_as_it_goes(world: World) -> None:
    """EFF-1, APP-2 to APP-4: competencies with a post, the advert, the panel and dates, the
    shortlist, then an accepted offer, each with a link to its page."""
    post = make_post(world)
    assert proven(world) == {"competencies": reverse("appointments:post_detail", args=[post.pk])}

    rnd = interviewed_round(world)
    campaign = rnd.campaign
    found = proven(world)
    assert set(found) == {"competencies", "advertise", "panel", "shortlist"}
    assert found["panel"] == reverse("appointments:panel", args=[campaign.pk])
    assert found["shortlist"] == reverse("appointments:sift_overview", args=[campaign.pk])

    offer = aps.appoint(actor=SYSTEM, application=rnd.applications[0], **appoint_args())
    assert "offers" not in proven(world)  # made, not yet accepted
    aps.offer_respond(actor=SYSTEM, offer=offer, accept=True)
    assert proven(world)["offers"] == reverse("appointments:results", args=[campaign.pk])
    second = aps.appoint(actor=SYSTEM, application=rnd.applications[1], **appoint_args())
    assert "offers" not in proven(world)  # an offer waiting for an answer: not finished
    aps.offer_respond(actor=SYSTEM, offer=second, accept=False)
    assert "offers" in proven(world)


def test_a_draft_campaign_proves_no_advert(world: World) -> None:
    """EFF-1: a campaign still in draft is not an advert."""
    today = timezone.localdate()
    aps.campaign_create(
        actor=SYSTEM,
        post=make_post(world),
        vacancies=1,
        advert="Draft",
        opens_on=today,
        closes_on=today + dt.timedelta(days=10),
        interview_date=None,
    )
    assert "advertise" not in proven(world)
    make_campaign(world)
    assert "advertise" in proven(world)


def test_notice_given_ticks_notice(world: World) -> None:
    """EFF-1, APP-3: notice recorded on the appointment plan's notice step."""
    today = timezone.localdate()
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="New PEC", target_date=today)
    step = plan.steps.get(key=StepKey.NOTICE)
    assert "notice" not in proven(world)
    aps.notice_give(
        actor=SYSTEM,
        step=step,
        membership=Membership.objects.get(committee=world.pec, person=world.people["member"]),
        given_on=today,
        end_date=today + dt.timedelta(days=90),
    )
    assert proven(world)["notice"] == reverse("appointments:plan_detail", args=[plan.pk])


def test_induction_needs_a_mentor_and_training_needs(world: World) -> None:
    """EFF-1, PERF-4: a named mentor alone is not enough; with training recorded, it ticks."""
    membership = Membership.objects.get(committee=world.pec, person=world.people["member"])
    development.mentor_name(actor=SYSTEM, membership=membership, mentor=world.people["pec_chair"])
    assert "induction" not in proven(world)
    today = timezone.localdate()
    development.training_record(
        actor=SYSTEM,
        membership=membership,
        course="Leading change",
        provider="NHS Institute",
        start_date=today - dt.timedelta(days=3),
        end_date=today - dt.timedelta(days=1),
        hours=Decimal(6),
    )
    assert proven(world)["induction"] == reverse("members:member_year", args=[membership.pk])


def test_another_trusts_record_proves_nothing_here(world: World, other_world: World) -> None:
    """EFF-1: proofs are read within the trust."""
    make_post(other_world)
    assert proven(world) == {}
    assert "competencies" in proven(other_world)


def test_a_survey_sent_ticks_effectiveness(world: World) -> None:
    """EFF-1, EFF-2: a drafted survey is not a mechanism yet; once sent, the action ticks."""
    survey = draft(world)
    assert "effectiveness" not in proven(world)
    opened(world, name="PEC effectiveness, sent")
    sent = Survey.objects.get(name="PEC effectiveness, sent")
    assert proven(world)["effectiveness"] == reverse("surveys:detail", args=[sent.pk])
    assert survey.pk != sent.pk
