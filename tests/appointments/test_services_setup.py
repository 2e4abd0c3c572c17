"""Appointment services, setting up a round: the plan (APP-1, EFF-1), competencies and posts
(APP-2) and campaigns (APP-3). Refused actions save nothing; every write is audited (X-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.appointments import framework
from pecgov.appointments import services as aps
from pecgov.appointments.enums import STEP_ORDER, CampaignStatus, PostKind, StepKey
from pecgov.appointments.models import AppointmentPlan, Campaign, PlanStep, Post, TrustCompetency
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.trust.enums import MembershipRole
from tests.appointment_factories import (
    close,
    counts,
    make_campaign,
    make_post,
    make_round,
    sift_all,
)
from tests.factories import SYSTEM, World, make_person

TODAY = timezone.localdate

NOT_LEADS = ["member", "pec_chair", "pct_chair", "chief_executive", "practice_lead", "applicant"]


def make_plan(world: World, actor: Any = SYSTEM) -> AppointmentPlan:
    return aps.plan_create(
        actor=actor, trust=world.trust, title="Appointing the new PEC 2007", target_date=dt.date(2007, 10, 1)
    )


def post_args(world: World, **kw: Any) -> dict[str, Any]:
    return {
        "committee": world.pec,
        "title": "Clinical member (nurse)",
        "kind": PostKind.MEMBER,
        "membership_role": MembershipRole.CLINICAL,
        "job_description": "Lead the nursing contribution to commissioning.",
        "person_specification": "Registered nurse\nCommissioning experience",
    } | kw


# The plan (APP-1, EFF-1) -----------------------------------------------------------------------


def test_plan_create_makes_the_nine_annex_c_steps_in_order(world: World) -> None:
    """APP-1, EFF-1: DH Annex C's appointment steps, in the checklist's order, ready for owners."""
    plan = make_plan(world, world.users["governance_lead"])
    steps = list(plan.steps.order_by("position"))
    assert [s.key for s in steps] == [
        "roles",
        "competencies",
        "panel",
        "advertise",
        "sift",
        "interview",
        "offer",
        "notice",
        "induction",
    ]
    assert [s.key for s in steps] == STEP_ORDER
    assert [s.position for s in steps] == list(range(1, 10))
    assert {s.owner_id for s in steps} == {None}
    assert str(steps[0]) == StepKey.ROLES.label
    event = AuditEvent.objects.get(action="appointment_plan.create")
    assert len(event.history_refs) == 10  # the plan and its nine steps
    assert plan.history.count() == 1


def test_plan_default_target_date_is_the_policy_date(world: World) -> None:
    """EFF-1: the checklist's target date is 1 October 2007 unless the trust overrides it."""
    assert aps.plan_default_target_date(world.trust) == dt.date(2007, 10, 1)


@pytest.mark.parametrize(
    ("title", "target", "field"),
    [("  ", dt.date(2007, 10, 1), "title"), ("Appointing", None, "target_date")],
)
def test_plan_create_refuses_missing_details(world: World, title: str, target: Any, field: str) -> None:
    before = counts(AppointmentPlan, PlanStep)
    with pytest.raises(DomainError) as error:
        aps.plan_create(actor=SYSTEM, trust=world.trust, title=title, target_date=target)
    assert list(error.value.errors) == [field]
    assert counts(AppointmentPlan, PlanStep) == before


@pytest.mark.parametrize("role", NOT_LEADS)
def test_plan_create_refused_for_anyone_but_the_lead(world: World, role: str) -> None:
    """APP-1: only the governance lead plans the round."""
    with pytest.raises(NotPermitted):
        make_plan(world, world.users[role])
    assert AppointmentPlan.objects.count() == 0


def test_plan_create_refused_for_another_trusts_lead(world: World, other_world: World) -> None:
    with pytest.raises(NotPermitted):
        make_plan(world, other_world.users["governance_lead"])


def test_step_update_records_owner_dates_and_note(world: World) -> None:
    """EFF-1: a tracked step with an owner, a due date and the date it was done."""
    step = make_plan(world).steps.get(key=StepKey.PANEL)
    aps.step_update(
        actor=world.users["governance_lead"],
        step=step,
        owner=world.people["chief_executive"],
        due_date=TODAY() + dt.timedelta(days=7),
        done_on=TODAY(),
        note="  Panel agreed  ",
    )
    step.refresh_from_db()
    assert (step.owner, step.done_on, step.note) == (world.people["chief_executive"], TODAY(), "Panel agreed")
    assert step.history.count() == 2
    assert AuditEvent.objects.filter(action="appointment_plan.step").count() == 1


def test_step_update_refuses_an_owner_in_another_trust(world: World, other_world: World) -> None:
    step = make_plan(world).steps.first()
    assert step is not None
    before = counts(PlanStep)
    with pytest.raises(DomainError) as error:
        aps.step_update(
            actor=SYSTEM, step=step, owner=other_world.people["member"], due_date=None, done_on=None
        )
    assert error.value.errors == {"owner": ["Select a person in this trust"]}
    assert counts(PlanStep) == before


def test_step_update_refuses_a_done_date_in_the_future(world: World) -> None:
    step = make_plan(world).steps.first()
    assert step is not None
    with pytest.raises(DomainError) as error:
        aps.step_update(
            actor=SYSTEM, step=step, owner=None, due_date=None, done_on=TODAY() + dt.timedelta(days=1)
        )
    assert list(error.value.errors) == ["done_on"]
    step.refresh_from_db()
    assert step.done_on is None


def test_step_update_refused_for_a_pec_member(world: World) -> None:
    step = make_plan(world).steps.first()
    assert step is not None
    with pytest.raises(NotPermitted):
        aps.step_update(actor=world.users["member"], step=step, owner=None, due_date=None, done_on=None)


# Competencies and posts (APP-2) ----------------------------------------------------------------


def test_post_create_scores_members_on_core_and_added_value_and_the_chair_on_more(world: World) -> None:
    """APP-2: DH Annex B's framework ships as data and is the default for each kind of post."""
    member = make_post(world)
    chair = make_post(world, PostKind.CHAIR)
    headings = {c.key: c.heading for c in framework.competencies()}
    assert {headings[k] for k in member.competency_keys} == {"core", "added_value"}
    assert {headings[k] for k in chair.competency_keys} == {"core", "added_value", "chair"}
    assert member.criteria == ["Practising clinician", "Experience of commissioning", "Works well in a team"]
    assert AuditEvent.objects.filter(action="post.create").count() == 2


def test_post_without_an_added_value_competency_refused(world: World) -> None:
    """APP-2, APP-5: candidates must show skills or potential under both headings."""
    core_only = [c.key for c in framework.competencies("core")]
    before = counts(Post)
    with pytest.raises(DomainError) as error:
        aps.post_create(actor=SYSTEM, trust=world.trust, **post_args(world, competency_keys=core_only))
    assert error.value.errors == {
        "competency_keys": ["Select at least one competency under each heading: Added value competencies"]
    }
    assert counts(Post) == before


def test_post_with_an_unknown_competency_refused(world: World) -> None:
    with pytest.raises(DomainError) as error:
        aps.post_create(
            actor=SYSTEM,
            trust=world.trust,
            **post_args(world, competency_keys=["communication", "leadership", "juggling"]),
        )
    assert error.value.errors == {"competency_keys": ["Unknown competencies: juggling"]}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"title": " "}, "title"),
        ({"kind": "deputy"}, "kind"),
        ({"membership_role": "mascot"}, "membership_role"),
        ({"job_description": ""}, "job_description"),
        ({"person_specification": "\n"}, "person_specification"),
        ({"competency_keys": []}, "competency_keys"),
    ],
)
def test_post_create_refuses_missing_or_bad_details(world: World, change: dict[str, Any], field: str) -> None:
    with pytest.raises(DomainError) as error:
        aps.post_create(actor=SYSTEM, trust=world.trust, **post_args(world, **change))
    assert list(error.value.errors) == [field]
    assert Post.objects.count() == 0


def test_post_competency_listed_twice_counts_once(world: World) -> None:
    """APP-5: a competency listed twice would weigh twice in its heading's mean."""
    keys = ["communication", "leadership", "communication"]
    post = aps.post_create(actor=SYSTEM, trust=world.trust, **post_args(world, competency_keys=keys))
    assert post.competency_keys == ["communication", "leadership"]
    aps.post_update(actor=SYSTEM, post=post, competency_keys=["leadership", "integrity", "leadership"])
    assert Post.objects.get().competency_keys == ["leadership", "integrity"]


def test_post_on_another_trusts_committee_refused(world: World, other_world: World) -> None:
    with pytest.raises(DomainError) as error:
        aps.post_create(actor=SYSTEM, trust=world.trust, **post_args(world, committee=other_world.pec))
    assert list(error.value.errors) == ["committee"]


def test_post_with_an_unknown_detail_refused(world: World) -> None:
    with pytest.raises(DomainError, match="Unknown details: salary"):
        aps.post_create(actor=SYSTEM, trust=world.trust, **post_args(world, salary=100))


def test_post_create_refused_for_a_panel_chair(world: World) -> None:
    with pytest.raises(NotPermitted):
        aps.post_create(actor=world.users["chief_executive"], trust=world.trust, **post_args(world))


def test_trust_added_competency_is_usable_on_a_post(world: World) -> None:
    """APP-2: a trust adds its own competency under a heading and scores candidates on it."""
    added = aps.competency_add(
        actor=world.users["governance_lead"],
        trust=world.trust,
        heading="added_value",
        title="Knowledge of local health needs",
    )
    post = aps.post_create(
        actor=SYSTEM, trust=world.trust, **post_args(world, competency_keys=["communication", added.key])
    )
    campaign = make_campaign(world, post)
    assert [(c.key, c.heading, c.source) for c in aps.campaign_competencies(campaign)] == [
        ("communication", "core", "DH Annex B"),
        (added.key, "added_value", "Added by the trust"),
    ]
    assert AuditEvent.objects.filter(action="competency.add").count() == 1


def test_trust_added_competency_belongs_to_its_trust_only(world: World, other_world: World) -> None:
    added = aps.competency_add(actor=SYSTEM, trust=other_world.trust, heading="core", title="Local knowledge")
    with pytest.raises(DomainError) as error:
        aps.post_create(
            actor=SYSTEM, trust=world.trust, **post_args(world, competency_keys=[added.key, "leadership"])
        )
    assert error.value.errors == {"competency_keys": [f"Unknown competencies: {added.key}"]}


@pytest.mark.parametrize(
    ("heading", "title", "field"),
    [("hobbies", "Juggling", "heading"), ("core", "  ", "title"), ("core", "Local knowledge", "title")],
)
def test_competency_add_refuses_bad_or_duplicate_entries(
    world: World, heading: str, title: str, field: str
) -> None:
    aps.competency_add(actor=SYSTEM, trust=world.trust, heading="core", title="Local knowledge")
    with pytest.raises(DomainError) as error:
        aps.competency_add(actor=SYSTEM, trust=world.trust, heading=heading, title=title)
    assert list(error.value.errors) == [field]
    assert TrustCompetency.objects.count() == 1


def test_competency_add_refused_for_a_pec_member(world: World) -> None:
    with pytest.raises(NotPermitted):
        aps.competency_add(actor=world.users["member"], trust=world.trust, heading="core", title="X")


def test_person_specification_cannot_change_after_sifting(world: World) -> None:
    """APP-2, APP-3: applications were sifted against the specification; it stays as it was."""
    rnd = make_round(world, 1)
    aps.post_update(actor=SYSTEM, post=rnd.post, person_specification="Practising clinician\nTeam player")
    sift_all(rnd)
    before = counts(Post)
    with pytest.raises(DomainError) as error:
        aps.post_update(actor=SYSTEM, post=rnd.post, person_specification="Anything else")
    assert list(error.value.errors) == ["person_specification"]
    assert counts(Post) == before
    assert Post.objects.get().person_specification == "Practising clinician\nTeam player"


def test_post_update_after_sifting_accepts_the_same_specification(world: World) -> None:
    """An edit form sends every field: an unchanged specification is not a change."""
    rnd = make_round(world, 1)
    sift_all(rnd)
    spec = rnd.post.person_specification
    aps.post_update(actor=SYSTEM, post=rnd.post, person_specification=spec, title="Clinical member")
    assert Post.objects.get().title == "Clinical member"


def test_competencies_cannot_change_once_candidates_are_scored(world: World) -> None:
    """APP-5: interview scores refer to the post's competencies; changing them would orphan scores."""
    from tests.appointment_factories import interviewed_round

    rnd = interviewed_round(world, 1)
    keys = rnd.post.competency_keys
    with pytest.raises(DomainError) as error:
        aps.post_update(actor=SYSTEM, post=rnd.post, competency_keys=keys[1:])
    assert list(error.value.errors) == ["competency_keys"]
    aps.post_update(actor=SYSTEM, post=rnd.post, competency_keys=list(keys))  # unchanged is fine


# Campaigns (APP-3) -----------------------------------------------------------------------------


def campaign_args(post: Post, **kw: Any) -> dict[str, Any]:
    return {
        "post": post,
        "vacancies": 1,
        "advert": "We are looking for a nurse to lead commissioning.",
        "opens_on": TODAY(),
        "closes_on": TODAY() + dt.timedelta(days=14),
        "interview_date": TODAY() + dt.timedelta(days=28),
    } | kw


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"closes_on": TODAY() - dt.timedelta(days=1)}, "closes_on", "on or after the opening date"),
        ({"interview_date": TODAY() + dt.timedelta(days=14)}, "interview_date", "after the closing date"),
        ({"opens_on": None}, "opens_on", "Enter the date applications open"),
        ({"closes_on": None}, "closes_on", "Enter the closing date"),
        ({"vacancies": 0}, "vacancies", "1 or more"),
        ({"vacancies": True}, "vacancies", "1 or more"),
        ({"advert": " "}, "advert", "Enter the advert"),
    ],
)
def test_campaign_create_refuses_bad_dates_and_details(
    world: World, change: dict[str, Any], field: str, words: str
) -> None:
    """APP-3: the dates run in order: opening, closing, interview."""
    post = make_post(world)
    before = counts(Campaign)
    with pytest.raises(DomainError) as error:
        aps.campaign_create(actor=SYSTEM, **campaign_args(post, **change))
    assert list(error.value.errors) == [field]
    assert words in error.value.errors[field][0]
    assert counts(Campaign) == before


def test_campaign_create_numbers_campaigns_by_year(world: World) -> None:
    post = make_post(world)
    first = aps.campaign_create(actor=world.users["governance_lead"], **campaign_args(post))
    second = aps.campaign_create(actor=SYSTEM, **campaign_args(post))
    year = TODAY().year
    assert (first.reference, second.reference) == (f"APP-{year}-001", f"APP-{year}-002")
    assert first.status == CampaignStatus.DRAFT


def test_campaign_create_refuses_a_plan_of_another_trust(world: World, other_world: World) -> None:
    plan = make_plan(other_world)
    with pytest.raises(DomainError) as error:
        aps.campaign_create(actor=SYSTEM, plan=plan, **campaign_args(make_post(world)))
    assert list(error.value.errors) == ["plan"]


def test_campaign_create_refused_for_the_pct_chair(world: World) -> None:
    post = make_post(world)
    with pytest.raises(NotPermitted):
        aps.campaign_create(actor=world.users["pct_chair"], **campaign_args(post))


def test_campaign_advertised_twice_refused(world: World) -> None:
    """APP-3: an advert is published once."""
    campaign = make_campaign(world)
    assert campaign.status == CampaignStatus.ADVERTISED
    before = counts(Campaign)
    with pytest.raises(DomainError, match="already been advertised"):
        aps.campaign_advertise(actor=SYSTEM, campaign=campaign)
    assert counts(Campaign) == before


def test_campaign_advertise_refused_after_the_closing_date(world: World) -> None:
    campaign = aps.campaign_create(
        actor=SYSTEM,
        **campaign_args(
            make_post(world),
            opens_on=TODAY() - dt.timedelta(days=10),
            closes_on=TODAY() - dt.timedelta(days=1),
            interview_date=None,
        ),
    )
    with pytest.raises(DomainError, match="closing date has passed"):
        aps.campaign_advertise(actor=SYSTEM, campaign=campaign)


def test_campaign_update_after_advertising_keeps_the_opening_date_and_vacancies(world: World) -> None:
    campaign = make_campaign(world)
    with pytest.raises(DomainError, match="Once advertised"):
        aps.campaign_update(actor=SYSTEM, campaign=campaign, opens_on=TODAY())
    with pytest.raises(DomainError, match="Once advertised"):
        aps.campaign_update(actor=SYSTEM, campaign=campaign, vacancies=3)
    aps.campaign_update(
        actor=SYSTEM,
        campaign=campaign,
        advert="New words",
        vacancies=campaign.vacancies,
        first_appointment=True,
    )
    campaign.refresh_from_db()
    assert (campaign.advert, campaign.first_appointment) == ("New words", True)


def test_campaign_update_refuses_dates_out_of_order(world: World) -> None:
    campaign = make_campaign(world)
    with pytest.raises(DomainError) as error:
        aps.campaign_update(
            actor=SYSTEM, campaign=campaign, closes_on=campaign.opens_on - dt.timedelta(days=1)
        )
    assert list(error.value.errors) == ["closes_on"]
    campaign.refresh_from_db()
    assert campaign.closes_on == TODAY() + dt.timedelta(days=10)


def test_campaign_update_refused_once_complete(world: World) -> None:
    campaign = close(make_campaign(world))
    aps.campaign_complete(actor=SYSTEM, campaign=campaign)
    with pytest.raises(DomainError, match="complete"):
        aps.campaign_update(actor=SYSTEM, campaign=campaign, advert="Too late")


def test_campaign_update_refuses_unknown_details(world: World) -> None:
    with pytest.raises(DomainError, match="These cannot be changed here: post"):
        aps.campaign_update(actor=SYSTEM, campaign=make_campaign(world), post=None)


def test_accepting_applications_runs_from_opening_to_closing_day(world: World) -> None:
    campaign = make_campaign(world)
    assert aps.accepting_applications(campaign, campaign.opens_on)
    assert aps.accepting_applications(campaign, campaign.closes_on)
    assert not aps.accepting_applications(campaign, campaign.closes_on + dt.timedelta(days=1))
    assert not aps.accepting_applications(campaign, campaign.opens_on - dt.timedelta(days=1))


def test_owner_of_a_step_can_be_any_person_in_the_trust(world: World) -> None:
    step = make_plan(world).steps.last()
    assert step is not None
    outsider = make_person(world.trust, name="Ms Organiser")
    aps.step_update(actor=SYSTEM, step=step, owner=outsider, due_date=None, done_on=None)
    assert PlanStep.objects.get(pk=step.pk).owner == outsider
