"""Setting up an appointment round over HTTP (APP-1 to APP-4, APP-7, EFF-1, X-1, X-4): the
appointments home, the plan and its steps, competencies, posts, campaigns and the panel with its
findings and conflicts.

Personas: the governance lead runs the round; in `make_round` the chief executive chairs the panel
and the PCT chair sits on it; the PEC member sits on no panel. A refused post answers 400 with
the NHS.UK error summary and the service's message, and saves nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import (
    ApplicationStatus,
    CampaignStatus,
    ConflictHandling,
    PanelRole,
    PostKind,
)
from pecgov.appointments.models import (
    AppointmentPlan,
    Campaign,
    PanelConflict,
    PanelSeat,
    PlanStep,
    Post,
    TrustCompetency,
)
from pecgov.policy.services import policy_override
from pecgov.trust.enums import MembershipRole, Profession
from tests.appointment_factories import (
    Round,
    apply,
    make_campaign,
    make_post,
    make_round,
    panel_user,
    shortlist,
    sift_all,
)
from tests.factories import SYSTEM, World, make_person
from tests.trust.helpers import date_of, text


def flat(response: Any) -> str:
    """The page's words as a reader sees them: tags dropped, runs of white space made one space."""
    return " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())


def markup(response: Any) -> str:
    """The page's HTML, runs of white space made one space, to check links and data attributes."""
    return " ".join(text(response).split())


def summary_of(response: Any) -> str:
    page = flat(response)
    assert "There is a problem" in page
    return page.split("There is a problem", 1)[1]


def client_of(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def rnd(world: World) -> Round:
    """A closed campaign with three applicants and a DH panel: chief executive (chair), PCT chair
    and a former PEC member."""
    return make_round(world, applicants=3)


@pytest.fixture
def other_round(world: World) -> Round:
    """A second campaign in the same trust on whose panel the chief executive and PCT chair do not sit."""
    campaign = make_campaign(world, make_post(world))
    person = make_person(world.trust, Profession.GP, name="Dr Other Panel")
    seat = aps.seat_add(actor=SYSTEM, campaign=campaign, person=person, role=PanelRole.CLINICIAN)
    applications = [apply(campaign, name="Dr Elsewhere Candidate")]
    return Round(world, campaign.post, campaign, [seat], applications)


def url(name: str, *args: Any) -> str:
    return reverse(f"appointments:{name}", args=args)


# The home page (APP-1 to APP-3) ----------------------------------------------------------------


def test_index_for_lead_shows_plans_posts_and_every_campaign(
    world: World, rnd: Round, other_round: Round, lead_client: Client
) -> None:
    aps.plan_create(
        actor=SYSTEM, trust=world.trust, title="Appointing the new PEC", target_date=dt.date(2030, 1, 1)
    )

    page = markup(lead_client.get(url("index")))

    assert "Appointing the new PEC" in page
    assert "0 of 9 steps done" in page
    assert rnd.campaign.reference in page and other_round.campaign.reference in page
    assert "Create an appointment plan" in page and "Create a post" in page
    assert "View the competency framework" in page
    assert 'href="/appointments/"' in page  # the nav item (APP-1)


def test_index_for_panel_member_shows_only_their_campaigns_app7(
    world: World, rnd: Round, other_round: Round, client_for: Any
) -> None:
    response = client_for("pct_chair").get(url("index"))

    page = flat(response)
    assert response.status_code == 200
    assert rnd.campaign.reference in page
    assert other_round.campaign.reference not in page
    assert "Create a post" not in page
    assert "Appointment plans" not in page


def test_index_plan_progress_marks_overdue_steps_eff1(world: World, lead_client: Client) -> None:
    plan = aps.plan_create(
        actor=SYSTEM, trust=world.trust, title="Round 2007", target_date=dt.date(2030, 1, 1)
    )
    first, second = plan.steps.order_by("position")[:2]
    today = timezone.localdate()
    aps.step_update(actor=SYSTEM, step=first, owner=None, due_date=today, done_on=today)
    aps.step_update(
        actor=SYSTEM, step=second, owner=None, due_date=today - dt.timedelta(days=3), done_on=None
    )

    page = flat(lead_client.get(url("index")))

    assert "1 of 9 steps done" in page
    assert "Overdue 1 step overdue" in page
    assert f"{second.get_key_display()} Due {today - dt.timedelta(days=3):%-d %B %Y}" in page


@pytest.mark.parametrize(("role", "status"), [("member", 403), ("practice_lead", 403), ("applicant", 403)])
def test_index_refuses_those_on_no_panel(rnd: Round, client_for: Any, role: str, status: int) -> None:
    assert client_for(role).get(url("index")).status_code == status


def test_index_sends_anonymous_to_sign_in(client_for: Any) -> None:
    assert client_for("anonymous").get(url("index")).status_code == 302


# The plan (APP-1, EFF-1) -----------------------------------------------------------------------


def test_plan_create_makes_the_nine_annex_c_steps(world: World, lead_client: Client) -> None:
    response = lead_client.post(
        url("plan_create"),
        {"title": "Appointing the new PEC 2007", **date_of("target_date", dt.date(2030, 10, 1))},
    )

    plan = AppointmentPlan.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("plan_detail", plan.pk)
    assert plan.steps.count() == 9
    page = flat(lead_client.get(response["Location"]))
    assert "Constitute the interview panel and set the dates" in page
    assert "Plan created" in page


def test_plan_create_without_date_is_refused_and_saves_nothing(lead_client: Client) -> None:
    response = lead_client.post(url("plan_create"), {"title": "A plan"})

    assert response.status_code == 400
    assert "Enter the date the new PEC should be in place" in summary_of(response)
    assert AppointmentPlan.objects.count() == 0


def test_plan_pages_are_for_the_lead_only(world: World, rnd: Round, client_for: Any) -> None:
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2030, 1, 1))
    panel_member = client_for("pct_chair")

    assert panel_member.get(url("plan_create")).status_code == 403
    assert panel_member.get(url("plan_detail", plan.pk)).status_code == 403
    assert panel_member.get(url("step_edit", plan.steps.first().pk)).status_code == 403


def test_plan_detail_lists_steps_with_owner_and_overdue_tag(world: World, lead_client: Client) -> None:
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2030, 1, 1))
    step = plan.steps.get(key="advertise")
    aps.step_update(
        actor=SYSTEM,
        step=step,
        owner=world.people["chief_executive"],
        due_date=timezone.localdate() - dt.timedelta(days=1),
        done_on=None,
        note="Local press and NHS Jobs",
    )

    page = flat(lead_client.get(url("plan_detail", plan.pk)))

    row = page.split("4. Advertise the posts", 1)[1].split("5. Sift", 1)[0]
    assert world.people["chief_executive"].name in row
    assert "Overdue" in row and "Local press and NHS Jobs" in row


def test_step_edit_records_owner_and_dates(world: World, lead_client: Client) -> None:
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2030, 1, 1))
    step = plan.steps.get(key="roles")
    today = timezone.localdate()

    response = lead_client.post(
        url("step_edit", step.pk),
        {
            "owner": str(world.people["pct_chair"].pk),
            **date_of("due_date", today),
            **date_of("done_on", today),
            "note": "Agreed at the Board",
        },
    )

    step.refresh_from_db()
    assert response.status_code == 302
    assert (step.owner, step.due_date, step.done_on, step.note) == (
        world.people["pct_chair"],
        today,
        today,
        "Agreed at the Board",
    )


def test_step_edit_done_in_the_future_is_refused(world: World, lead_client: Client) -> None:
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2030, 1, 1))
    step = plan.steps.get(key="roles")

    response = lead_client.post(
        url("step_edit", step.pk), date_of("done_on", timezone.localdate() + dt.timedelta(days=5))
    )

    assert response.status_code == 400
    assert "The date the step was done must be today or in the past" in summary_of(response)
    step.refresh_from_db()
    assert step.done_on is None


def test_step_edit_owner_from_another_trust_is_refused(
    world: World, other_world: World, lead_client: Client
) -> None:
    plan = aps.plan_create(actor=SYSTEM, trust=world.trust, title="Plan", target_date=dt.date(2030, 1, 1))
    step = plan.steps.get(key="roles")

    response = lead_client.post(url("step_edit", step.pk), {"owner": str(other_world.people["pct_chair"].pk)})

    assert response.status_code == 400
    assert "Select a person in this trust" in summary_of(response)
    assert PlanStep.objects.get(pk=step.pk).owner is None


def test_plan_of_another_trust_is_404(world: World, other_world: World, lead_client: Client) -> None:
    plan = aps.plan_create(
        actor=SYSTEM, trust=other_world.trust, title="Theirs", target_date=dt.date(2030, 1, 1)
    )

    assert lead_client.get(url("plan_detail", plan.pk)).status_code == 404
    assert lead_client.get(url("step_edit", plan.steps.first().pk)).status_code == 404


# Competencies (APP-2) --------------------------------------------------------------------------


def test_competencies_shows_the_framework_by_heading_with_source(world: World, lead_client: Client) -> None:
    aps.competency_add(
        actor=SYSTEM, trust=world.trust, heading="core", title="Knowledge of local health needs"
    )

    page = flat(lead_client.get(url("competencies")))

    assert "Core management competencies" in page
    assert "Added value competencies" in page
    assert "Person specification for PEC chair" in page
    assert "DH Annex B" in page
    assert "Knowledge of local health needs Added by the trust" in page


def test_competency_add_saves_and_duplicate_is_refused(world: World, lead_client: Client) -> None:
    data = {"heading": "added_value", "title": "Links with the local authority", "description": "Joint work"}

    first = lead_client.post(url("competency_add"), data)
    second = lead_client.post(url("competency_add"), data)

    assert first.status_code == 302
    assert second.status_code == 400
    assert "The framework already has a competency with this name" in summary_of(second)
    assert TrustCompetency.objects.filter(trust=world.trust).count() == 1


def test_competency_add_without_heading_is_refused(lead_client: Client) -> None:
    response = lead_client.post(url("competency_add"), {"title": "Something"})

    assert response.status_code == 400
    assert "Select the heading the competency comes under" in summary_of(response)
    assert TrustCompetency.objects.count() == 0


def test_competency_pages_are_for_the_lead_only(rnd: Round, client_for: Any) -> None:
    assert client_for("chief_executive").get(url("competencies")).status_code == 403
    assert client_for("chief_executive").get(url("competency_add")).status_code == 403


# Posts (APP-2) ---------------------------------------------------------------------------------


def post_data(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "committee": str(world.pec.pk),
        "title": "Clinical member (nurse)",
        "kind": PostKind.MEMBER,
        "membership_role": MembershipRole.CLINICAL,
        "job_description": "Lead on clinical governance.\nWork with practices.",
        "person_specification": "Registered nurse\nExperience of service redesign",
        "competency_keys": aps.default_competency_keys(PostKind.MEMBER),
        "time_commitment": "1 session a week",
        "tenure_terms": "No fixed term",
    } | changes


def test_post_create_offers_default_competencies_by_heading(world: World, lead_client: Client) -> None:
    """APP-2: a member post starts with DH Annex B's core and added value competencies ticked."""
    page = markup(lead_client.get(url("post_create")))

    defaults = aps.default_competency_keys(PostKind.MEMBER)
    chair_keys = [c.key for c in aps.trust_competencies(world.trust.pk) if c.heading == "chair"]
    assert all(f'value="{key}" checked' in page for key in defaults)
    assert chair_keys and not any(f'value="{key}" checked' in page for key in chair_keys)
    assert "Core management competencies" in page and "Person specification for PEC chair" in page
    assert 'id="id_competency_keys"' in page  # the error summary's anchor


def test_post_create_saves_and_shows_the_post(world: World, lead_client: Client) -> None:
    response = lead_client.post(url("post_create"), post_data(world))

    post = Post.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("post_detail", post.pk)
    assert post.criteria == ["Registered nurse", "Experience of service redesign"]
    page = markup(lead_client.get(response["Location"]))
    assert "Lead on clinical governance." in page
    assert "<li>Registered nurse</li>" in page
    assert "Core management competencies" in page and "Added value competencies" in page
    assert "Start a campaign" in page


def test_post_without_added_value_competency_is_refused_app5(world: World, lead_client: Client) -> None:
    core_only = [c.key for c in aps.trust_competencies(world.trust.pk) if c.heading == "core"]

    response = lead_client.post(url("post_create"), post_data(world, competency_keys=core_only))

    assert response.status_code == 400
    assert "Select at least one competency under each heading: Added value competencies" in summary_of(
        response
    )
    assert Post.objects.count() == 0


def test_post_without_committee_or_specification_is_refused(world: World, lead_client: Client) -> None:
    response = lead_client.post(url("post_create"), post_data(world, committee="", person_specification=""))

    assert response.status_code == 400
    assert "Select the committee the post is on" in summary_of(response)
    assert Post.objects.count() == 0


def test_post_edit_changes_the_title(world: World, rnd: Round, lead_client: Client) -> None:
    data = post_data(
        world,
        title="Clinical member (GP), renamed",
        person_specification=rnd.post.person_specification,
        competency_keys=rnd.post.competency_keys,
    )

    response = lead_client.post(url("post_edit", rnd.post.pk), data)

    rnd.post.refresh_from_db()
    assert response.status_code == 302
    assert rnd.post.title == "Clinical member (GP), renamed"


def test_post_edit_of_a_sifted_specification_is_refused(
    world: World, rnd: Round, lead_client: Client
) -> None:
    sift_all(rnd)
    data = post_data(world, person_specification="A new line", competency_keys=rnd.post.competency_keys)

    response = lead_client.post(url("post_edit", rnd.post.pk), data)

    assert response.status_code == 400
    assert "cannot change now" in summary_of(response)
    rnd.post.refresh_from_db()
    assert rnd.post.person_specification.startswith("Practising clinician")


def test_post_detail_lists_its_campaigns(world: World, rnd: Round, lead_client: Client) -> None:
    page = markup(lead_client.get(url("post_detail", rnd.post.pk)))

    assert rnd.campaign.reference in page
    assert "<li>Practising clinician</li>" in page


def test_post_pages_are_for_the_lead_only(rnd: Round, client_for: Any) -> None:
    ce = client_for("chief_executive")
    for name, args in [("post_create", ()), ("post_detail", (rnd.post.pk,)), ("post_edit", (rnd.post.pk,))]:
        assert ce.get(url(name, *args)).status_code == 403


def test_post_of_another_trust_is_404(other_world: World, lead_client: Client) -> None:
    theirs = make_post(other_world)

    for name in ["post_detail", "post_edit", "campaign_create"]:
        assert lead_client.get(url(name, theirs.pk)).status_code == 404


# Campaigns (APP-3) -----------------------------------------------------------------------------


def campaign_data(opens: dt.date, closes: dt.date, **changes: Any) -> dict[str, Any]:
    return {
        "vacancies": "2",
        "advert": "We are looking for two clinicians.",
        **date_of("opens_on", opens),
        **date_of("closes_on", closes),
    } | changes


def test_campaign_create_from_a_post_is_a_draft_in_the_plan(world: World, lead_client: Client) -> None:
    post = make_post(world)
    plan = aps.plan_create(
        actor=SYSTEM, trust=world.trust, title="Round 2030", target_date=dt.date(2030, 1, 1)
    )
    today = timezone.localdate()

    response = lead_client.post(
        url("campaign_create", post.pk),
        campaign_data(today, today + dt.timedelta(days=28), plan=str(plan.pk), first_appointment="on"),
    )

    campaign = Campaign.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("campaign_detail", campaign.pk)
    assert (campaign.status, campaign.vacancies, campaign.plan, campaign.first_appointment) == (
        CampaignStatus.DRAFT,
        2,
        plan,
        True,
    )
    page = flat(lead_client.get(response["Location"]))
    assert "Round 2030" in page and "Not advertised yet" in page
    assert "Advertise the post" in page


def test_campaign_closing_before_it_opens_is_refused_x4(world: World, lead_client: Client) -> None:
    post = make_post(world)
    today = timezone.localdate()

    response = lead_client.post(
        url("campaign_create", post.pk), campaign_data(today, today - dt.timedelta(days=1))
    )

    assert response.status_code == 400
    assert "The closing date must be on or after the opening date" in summary_of(response)
    assert Campaign.objects.count() == 0


def test_campaign_with_no_vacancies_is_refused(world: World, lead_client: Client) -> None:
    post = make_post(world)
    today = timezone.localdate()

    response = lead_client.post(
        url("campaign_create", post.pk), campaign_data(today, today, vacancies="none")
    )

    assert response.status_code == 400
    assert "Enter how many posts this round fills" in summary_of(response)
    assert Campaign.objects.count() == 0


def test_campaign_detail_for_lead_shows_stage_counts_panel_and_links(
    world: World, rnd: Round, lead_client: Client
) -> None:
    response = lead_client.get(url("campaign_detail", rnd.campaign.pk))
    page, html = flat(response), markup(response)

    assert rnd.campaign.reference in page
    assert "Advertised" in page
    assert "3 applications received" in page
    assert "Received 3" in page
    assert "3 people on the panel" in page
    assert "The panel meets every rule of the trust's policy." in page
    for name in ["panel", "applications", "sift_overview", "results"]:
        assert f'href="{url(name, rnd.campaign.pk)}"' in html
    assert f'href="{url("recommend", rnd.campaign.pk)}"' not in html
    assert "Edit the campaign" in page and "Complete the campaign" in page


def test_campaign_detail_shows_the_worst_panel_finding(world: World, rnd: Round, lead_client: Client) -> None:
    aps.seat_remove(actor=SYSTEM, seat=rnd.seats[2])

    page = flat(lead_client.get(url("campaign_detail", rnd.campaign.pk)))

    assert "Fail 1 panel rule not met. Panel size: 2 panel members" in page


def test_campaign_detail_links_recommend_under_the_alliance_model_app6(
    world: World, lead_client: Client
) -> None:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="Alliance",
    )
    chair_round = make_round(world, applicants=1, kind=PostKind.CHAIR)

    page = text(lead_client.get(url("campaign_detail", chair_round.campaign.pk)))

    assert f'href="{url("recommend", chair_round.campaign.pk)}"' in page


def test_campaign_detail_for_panel_member_has_no_lead_actions(rnd: Round, client_for: Any) -> None:
    response = client_for("pct_chair").get(url("campaign_detail", rnd.campaign.pk))

    page = flat(response)
    assert response.status_code == 200
    assert "Edit the campaign" not in page and "Complete the campaign" not in page


def test_panel_member_of_one_campaign_gets_404_on_another_app7(
    rnd: Round, other_round: Round, client_for: Any
) -> None:
    """Isolation: the chief executive sits on rnd's panel only."""
    client = client_for("chief_executive")

    for name in ["campaign_detail", "panel", "conflict_declare"]:
        assert client.get(url(name, other_round.campaign.pk)).status_code == 404
        assert client.get(url(name, rnd.campaign.pk)).status_code == 200
    seat = other_round.seats[0]
    application = other_round.applications[0]
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=application, description="Partners")
    assert client.get(url("conflict_handle", seat.pk, application.pk)).status_code == 404


def test_campaign_pages_of_another_trust_are_404(rnd: Round, other_world: World) -> None:
    client = client_of(other_world.users["governance_lead"])

    for name in ["campaign_detail", "campaign_edit", "campaign_complete", "panel", "seat_add"]:
        assert client.get(url(name, rnd.campaign.pk)).status_code == 404


def test_campaign_edit_changes_the_advert(rnd: Round, lead_client: Client) -> None:
    c = rnd.campaign
    response = lead_client.post(
        url("campaign_edit", c.pk),
        campaign_data(c.opens_on, c.closes_on, vacancies=str(c.vacancies), advert="A new advert"),
    )

    c.refresh_from_db()
    assert response.status_code == 302
    assert c.advert == "A new advert"


def test_campaign_edit_closing_before_opening_is_refused(rnd: Round, lead_client: Client) -> None:
    c = rnd.campaign
    response = lead_client.post(
        url("campaign_edit", c.pk),
        campaign_data(c.opens_on, c.opens_on - dt.timedelta(days=1), vacancies=str(c.vacancies)),
    )

    assert response.status_code == 400
    assert "The closing date must be on or after the opening date" in summary_of(response)
    assert Campaign.objects.get(pk=c.pk).closes_on == c.closes_on


def test_campaign_lead_pages_refuse_panel_members(rnd: Round, client_for: Any) -> None:
    ce = client_for("chief_executive")

    assert ce.get(url("campaign_edit", rnd.campaign.pk)).status_code == 403
    assert ce.get(url("campaign_complete", rnd.campaign.pk)).status_code == 403
    assert ce.get(url("campaign_create", rnd.post.pk)).status_code == 403
    assert ce.post(url("campaign_advertise", rnd.campaign.pk)).status_code == 403


def test_campaign_advertise_publishes_a_draft(world: World, lead_client: Client) -> None:
    today = timezone.localdate()
    campaign = aps.campaign_create(
        actor=SYSTEM,
        post=make_post(world),
        vacancies=1,
        advert="Join us",
        opens_on=today,
        closes_on=today + dt.timedelta(days=14),
    )

    assert lead_client.get(url("campaign_advertise", campaign.pk)).status_code == 405
    response = lead_client.post(url("campaign_advertise", campaign.pk), follow=True)

    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.ADVERTISED
    assert "advertised: the post is listed publicly until" in flat(response)


def test_campaign_advertise_twice_shows_the_reason_and_changes_nothing(
    rnd: Round, lead_client: Client
) -> None:
    response = lead_client.post(url("campaign_advertise", rnd.campaign.pk), follow=True)

    assert response.status_code == 200
    assert "The campaign has already been advertised." in flat(response)
    assert Campaign.objects.get(pk=rnd.campaign.pk).status == CampaignStatus.ADVERTISED


def test_campaign_complete_confirms_then_closes_the_round(rnd: Round, lead_client: Client) -> None:
    confirm = flat(lead_client.get(url("campaign_complete", rnd.campaign.pk)))
    response = lead_client.post(url("campaign_complete", rnd.campaign.pk), {"note": "No suitable candidates"})

    rnd.campaign.refresh_from_db()
    assert "not appointed" in confirm
    assert response.status_code == 302
    assert rnd.campaign.status == CampaignStatus.COMPLETE
    assert "No suitable candidates" in rnd.campaign.shortlist_note
    assert set(rnd.campaign.applications.values_list("status", flat=True)) == {
        ApplicationStatus.NOT_APPOINTED
    }


def test_campaign_complete_twice_is_refused(rnd: Round, lead_client: Client) -> None:
    aps.campaign_complete(actor=SYSTEM, campaign=rnd.campaign)

    response = lead_client.post(url("campaign_complete", rnd.campaign.pk), {"note": ""})

    assert response.status_code == 400
    assert "The campaign is already complete." in summary_of(response)


# The panel (APP-4) -----------------------------------------------------------------------------


def test_panel_page_shows_findings_seats_and_candidates(rnd: Round, lead_client: Client) -> None:
    response = lead_client.get(url("panel", rnd.campaign.pk))

    page = flat(response)
    assert response.status_code == 200
    assert "Every rule is met." in page
    assert 'data-status="fail"' not in markup(response)
    assert rnd.world.people["chief_executive"].name in page
    assert "Chief executive Yes" in page
    assert "3 candidates." in page
    assert "No conflicts found or declared." in page
    assert "Add a panel member" in page


def test_panel_page_for_panel_member_has_no_lead_actions(rnd: Round, client_for: Any) -> None:
    page = flat(client_for("pct_chair").get(url("panel", rnd.campaign.pk)))

    assert "Every rule is met." in page
    assert "Add a panel member" not in page
    assert "Remove" not in page
    assert "Declare a conflict" in page


@pytest.mark.parametrize("size", [2, 5])
def test_panel_of_two_or_five_shows_fail_findings_not_errors(
    world: World, rnd: Round, lead_client: Client, size: int
) -> None:
    if size == 2:
        aps.seat_remove(actor=SYSTEM, seat=rnd.seats[2])
    else:
        for name in ["Dr Extra One", "Dr Extra Two"]:
            person = make_person(world.trust, Profession.GP, name=name)
            aps.seat_add(actor=SYSTEM, campaign=rnd.campaign, person=person, role=PanelRole.CLINICIAN)

    response = lead_client.get(url("panel", rnd.campaign.pk))

    assert response.status_code == 200
    assert f"{size} panel members" in flat(response)
    assert 'data-rule="panel.size" data-status="fail"' in markup(response)


def test_seat_add_puts_a_person_on_the_panel(world: World, rnd: Round, lead_client: Client) -> None:
    person = make_person(world.trust, Profession.NURSE, name="Sister Added")

    response = lead_client.post(
        url("seat_add", rnd.campaign.pk), {"person": str(person.pk), "role": PanelRole.CLINICIAN}
    )

    assert response.status_code == 302
    assert PanelSeat.objects.filter(campaign=rnd.campaign, person=person, role=PanelRole.CLINICIAN).exists()


def test_seat_add_same_person_twice_is_refused(world: World, rnd: Round, lead_client: Client) -> None:
    before = PanelSeat.objects.count()

    response = lead_client.post(
        url("seat_add", rnd.campaign.pk),
        {"person": str(world.people["pct_chair"].pk), "role": PanelRole.PCT_CHAIR},
    )

    assert response.status_code == 400
    assert "is already on the panel as pct chair" in summary_of(response)
    assert PanelSeat.objects.count() == before


def test_seat_add_second_chair_is_refused(world: World, rnd: Round, lead_client: Client) -> None:
    person = make_person(world.trust, Profession.GP)

    response = lead_client.post(
        url("seat_add", rnd.campaign.pk),
        {"person": str(person.pk), "role": PanelRole.CLINICIAN, "is_chair": "on"},
    )

    assert response.status_code == 400
    assert "already chairs the panel" in summary_of(response)
    assert not PanelSeat.objects.filter(person=person).exists()


def test_seat_add_person_of_another_trust_is_refused(
    other_world: World, rnd: Round, lead_client: Client
) -> None:
    response = lead_client.post(
        url("seat_add", rnd.campaign.pk),
        {"person": str(other_world.people["member"].pk), "role": PanelRole.CLINICIAN},
    )

    assert response.status_code == 400
    assert "Select a person in this trust" in summary_of(response)


def test_seat_add_is_for_the_lead_only(rnd: Round, client_for: Any) -> None:
    assert client_for("chief_executive").get(url("seat_add", rnd.campaign.pk)).status_code == 403


def test_seat_remove_takes_a_person_off(rnd: Round, lead_client: Client) -> None:
    seat = rnd.seats[2]

    assert lead_client.get(url("seat_remove", seat.pk)).status_code == 405
    response = lead_client.post(url("seat_remove", seat.pk))

    assert response.status_code == 302
    assert not PanelSeat.objects.filter(pk=seat.pk).exists()


def test_seat_remove_of_a_scorer_shows_why_and_keeps_them(rnd: Round, lead_client: Client) -> None:
    sift_all(rnd)
    seat = rnd.seats[1]

    response = lead_client.post(url("seat_remove", seat.pk), follow=True)

    assert "has scored candidates: they stay on the panel" in flat(response)
    assert PanelSeat.objects.filter(pk=seat.pk).exists()


def test_seat_remove_refuses_panel_members(rnd: Round, client_for: Any) -> None:
    assert client_for("chief_executive").post(url("seat_remove", rnd.seats[1].pk)).status_code == 403
    assert PanelSeat.objects.filter(pk=rnd.seats[1].pk).exists()


# Panel conflicts (APP-4, COI-2, COI-3) ---------------------------------------------------------


def test_conflict_declare_by_a_panel_member_for_their_own_seat(rnd: Round, client_for: Any) -> None:
    client = client_for("pct_chair")
    own = rnd.seats[1]
    application = rnd.applications[0]

    form = text(client.get(url("conflict_declare", rnd.campaign.pk)))
    response = client.post(
        url("conflict_declare", rnd.campaign.pk),
        {"seat": str(own.pk), "application": str(application.pk), "description": "My neighbour"},
    )

    assert rnd.world.people["chief_executive"].name not in form.split("<form", 1)[1]
    assert response.status_code == 302
    record = PanelConflict.objects.get()
    assert (record.seat, record.application, record.declared) == (own, application, True)
    page = flat(client.get(url("panel", rnd.campaign.pk)))
    assert "Declared: My neighbour" in page
    assert "Not yet handled" in page


def test_conflict_declare_for_someone_elses_seat_is_refused(rnd: Round, client_for: Any) -> None:
    response = client_for("pct_chair").post(
        url("conflict_declare", rnd.campaign.pk),
        {"seat": str(rnd.seats[0].pk), "application": str(rnd.applications[0].pk), "description": "X"},
    )

    assert response.status_code == 400
    assert "Select a member of this panel" in summary_of(response)
    assert PanelConflict.objects.count() == 0


def test_conflict_declare_without_description_is_refused(rnd: Round, lead_client: Client) -> None:
    response = lead_client.post(
        url("conflict_declare", rnd.campaign.pk),
        {"seat": str(rnd.seats[2].pk), "application": str(rnd.applications[0].pk), "description": ""},
    )

    assert response.status_code == 400
    assert "Describe the conflict" in summary_of(response)
    assert PanelConflict.objects.count() == 0


def test_conflict_declare_without_candidate_is_refused(rnd: Round, lead_client: Client) -> None:
    response = lead_client.post(
        url("conflict_declare", rnd.campaign.pk), {"seat": str(rnd.seats[2].pk), "description": "Y"}
    )

    assert response.status_code == 400
    assert "Select the candidate the conflict is with" in summary_of(response)


def declared(rnd: Round, seat_index: int = 1) -> tuple[PanelSeat, Any]:
    seat, application = rnd.seats[seat_index], rnd.applications[0]
    aps.conflict_declare(actor=SYSTEM, seat=seat, application=application, description="Old colleagues")
    return seat, application


def test_conflict_handle_by_the_panel_chair_coi3(rnd: Round, client_for: Any) -> None:
    seat, application = declared(rnd)
    client = client_for("chief_executive")

    page = flat(client.get(url("conflict_handle", seat.pk, application.pk)))
    response = client.post(
        url("conflict_handle", seat.pk, application.pk), {"handling": ConflictHandling.STEPS_ASIDE}
    )

    assert "Declared: Old colleagues" in page
    assert response.status_code == 302
    assert PanelConflict.objects.get().handling == ConflictHandling.STEPS_ASIDE
    panel_page = flat(client.get(url("panel", rnd.campaign.pk)))
    assert "Takes no part in sifting, interviewing or scoring this candidate" in panel_page


def test_conflict_handle_never_by_the_conflicted_member(rnd: Round, client_for: Any) -> None:
    seat, application = declared(rnd)

    client = client_for("pct_chair")
    assert client.get(url("conflict_handle", seat.pk, application.pk)).status_code == 403
    assert (
        client.post(
            url("conflict_handle", seat.pk, application.pk),
            {"handling": ConflictHandling.NO_ACTION, "reason": "Fine"},
        ).status_code
        == 403
    )
    assert PanelConflict.objects.get().handling == ""


def test_conflict_handle_not_by_a_panel_member_who_does_not_chair(rnd: Round) -> None:
    seat, application = declared(rnd, seat_index=0)  # the chief executive's conflict
    former = client_of(panel_user(rnd.seats[2]))

    assert former.get(url("conflict_handle", seat.pk, application.pk)).status_code == 403


def test_conflict_handle_no_action_needs_a_reason(rnd: Round, lead_client: Client) -> None:
    seat, application = declared(rnd)

    response = lead_client.post(
        url("conflict_handle", seat.pk, application.pk), {"handling": ConflictHandling.NO_ACTION}
    )

    assert response.status_code == 400
    assert "Enter why no action is needed" in summary_of(response)
    assert PanelConflict.objects.get().handling == ""


def test_conflict_handle_without_a_conflict_is_404(rnd: Round, lead_client: Client) -> None:
    assert lead_client.get(url("conflict_handle", rnd.seats[1].pk, rnd.applications[0].pk)).status_code == 404


def test_screened_conflict_shows_its_reasons_coi2(world: World, rnd: Round, lead_client: Client) -> None:
    """The PEC chair works at world.practice; a candidate from the same practice is flagged."""
    campaign = make_campaign(world, make_post(world))
    aps.seat_add(actor=SYSTEM, campaign=campaign, person=world.people["pec_chair"], role=PanelRole.CLINICIAN)
    apply(campaign, name="Dr Same Practice", organisation=world.practice)

    page = flat(lead_client.get(url("panel", campaign.pk)))

    assert "Dr Same Practice" in page
    assert "1 conflict found or declared, 1 not yet handled." in page
    assert "(Dr Same Practice's practice, employer or declared interest)" in page


def test_panel_page_hides_withdrawn_candidates(rnd: Round, lead_client: Client) -> None:
    withdrawn = rnd.applications[0]
    aps.application_withdraw(actor=withdrawn.applicant, application=withdrawn)

    page = flat(lead_client.get(url("panel", rnd.campaign.pk)))

    assert "2 candidates." in page


def test_shortlisted_round_pages_still_render(rnd: Round, lead_client: Client) -> None:
    shortlist(rnd, chosen=2)

    assert lead_client.get(url("campaign_detail", rnd.campaign.pk)).status_code == 200
    page = flat(lead_client.get(url("campaign_detail", rnd.campaign.pk)))
    assert "Shortlisted for interview 2" in page and "Not shortlisted 1" in page
