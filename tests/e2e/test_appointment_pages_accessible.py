"""Every appointments page passes axe-core (X-3) on the demo's three rounds: for the governance
lead, the panel's chair, a PEC member recommending a chair (APP-6), the applicant and the public;
and a form with bad input shows its error summary (APP-3)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import Application, AppointmentPlan, Campaign, PanelConflict


@pytest.fixture
def demo(demo: None) -> dict[str, Any]:
    """The demo trust with ids of each round, a candidate in each state and the plan."""
    member = Campaign.objects.get(post__title="Clinical member (GP)")
    apps = {a.status: a for a in member.applications.order_by("pk")}
    conflict = PanelConflict.objects.select_related("seat").order_by("pk").first()
    assert conflict is not None
    plan = AppointmentPlan.objects.get()
    return {
        "member": member.pk,
        "nurse": Campaign.objects.get(post__title="Nurse member").pk,
        "chair": Campaign.objects.get(post__title="PEC chair").pk,
        "post": member.post_id,
        "plan": plan.pk,
        "step": plan.steps.order_by("position").first().pk,  # type: ignore[union-attr]
        "accepted": apps[ApplicationStatus.ACCEPTED],
        "offered": apps[ApplicationStatus.OFFERED],
        "conflict": conflict,
    }


def visit_all(journey: Any, paths: list[str]) -> None:
    for path in paths:
        journey.goto(path)
        assert journey.page.locator("h1").count() >= 1, path
    assert len(journey.checked) >= len(paths)


def test_lead_pages(journey, demo: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("lead")
    accepted: Application = demo["accepted"]
    offered: Application = demo["offered"]
    conflict: PanelConflict = demo["conflict"]
    visit_all(
        journey,
        [
            "/appointments/",
            "/appointments/plans/new/",
            f"/appointments/plans/{demo['plan']}/",
            f"/appointments/plans/steps/{demo['step']}/",
            "/appointments/competencies/",
            "/appointments/competencies/new/",
            "/appointments/posts/new/",
            f"/appointments/posts/{demo['post']}/",
            f"/appointments/posts/{demo['post']}/edit/",
            f"/appointments/posts/{demo['post']}/campaigns/new/",
            f"/appointments/campaigns/{demo['member']}/",
            f"/appointments/campaigns/{demo['member']}/edit/",
            f"/appointments/campaigns/{demo['member']}/panel/",
            f"/appointments/campaigns/{demo['nurse']}/panel/",
            f"/appointments/campaigns/{demo['nurse']}/panel/add/",
            f"/appointments/campaigns/{demo['member']}/panel/conflicts/new/",
            f"/appointments/panel-seats/{conflict.seat_id}/conflicts/{conflict.application_id}/",
            f"/appointments/campaigns/{demo['member']}/applications/",
            f"/appointments/applications/{accepted.pk}/",
            f"/appointments/campaigns/{demo['member']}/sift/",
            f"/appointments/campaigns/{demo['member']}/results/",
            f"/appointments/applications/{offered.pk}/offer/",
            f"/appointments/campaigns/{demo['chair']}/",
            f"/appointments/campaigns/{demo['chair']}/results/",
            f"/appointments/campaigns/{demo['chair']}/recommend/",
            f"/appointments/campaigns/{demo['member']}/complete/",
        ],
    )
    # Bad input: a campaign that closes before it opens is refused with the reason.
    journey.goto(f"/appointments/posts/{demo['post']}/campaigns/new/")
    page = journey.page
    page.locator("#id_advert").fill("We are appointing a GP member.")
    page.locator("#id_opens_on-day").fill("10")
    page.locator("#id_opens_on-month").fill("3")
    page.locator("#id_opens_on-year").fill("2027")
    page.locator("#id_closes_on-day").fill("1")
    page.locator("#id_closes_on-month").fill("3")
    page.locator("#id_closes_on-year").fill("2027")
    page.get_by_role("button", name="Create campaign").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("closing date must be on or after")


def test_panel_chair_pages(journey, demo: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("chiefexec")
    accepted: Application = demo["accepted"]
    scorer = accepted.interview_scores.order_by("scorer__name").first()
    assert scorer is not None
    visit_all(
        journey,
        [
            "/appointments/",
            f"/appointments/campaigns/{demo['member']}/",
            f"/appointments/campaigns/{demo['member']}/panel/",
            f"/appointments/campaigns/{demo['member']}/results/",
            f"/appointments/applications/{accepted.pk}/",
            f"/appointments/applications/{accepted.pk}/scores/{scorer.scorer_id}/",
            f"/appointments/campaigns/{demo['nurse']}/sift/",
        ],
    )


def test_pec_member_recommends_and_pct_chair_sees_it(journey, demo: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("manager")
    journey.goto(f"/appointments/campaigns/{demo['chair']}/recommend/")
    expect(journey.page.locator("main")).to_contain_text("recommend")
    journey.sign_out()
    journey.sign_in("pctchair")
    journey.goto(f"/appointments/campaigns/{demo['chair']}/results/")
    expect(journey.page.locator("main")).to_contain_text("Recommend")


def test_applicant_and_public_pages(journey, demo: dict[str, Any]) -> None:  # type: ignore[no-untyped-def]
    offered: Application = demo["offered"]
    visit_all(
        journey,
        ["/posts/", f"/posts/{demo['nurse']}/", f"/posts/{demo['nurse']}/apply/", "/account/register/"],
    )
    journey.sign_in("applicant")
    visit_all(
        journey,
        [
            "/",
            "/applications/",
            f"/applications/{offered.pk}/",
            f"/posts/{demo['nurse']}/apply/",
        ],
    )
    expect(journey.page.locator("main")).to_contain_text("Send application")
