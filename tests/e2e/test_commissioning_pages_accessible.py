"""Every page of delegation, the scheme, business cases and PBC groups passes axe-core (X-3),
for the governance lead, the executive director and a practice lead, and the scheme editor's
error summary lists every problem (TOR-2)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pecgov.commissioning.models import BusinessCase
from pecgov.delegation.models import Delegation, Function
from pecgov.trust.models import Organisation


@pytest.fixture
def demo(demo: None) -> dict[str, int]:
    """The demo trust, and a case in each state, the PBC group, a function and a delegation."""
    cases = {c.status: c.pk for c in BusinessCase.objects.order_by("pk")}
    return {
        **cases,
        "group": Organisation.objects.get(name="Riverside PBC Group").pk,
        "function": Function.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
        "delegation": Delegation.objects.order_by("pk").first().pk,  # type: ignore[union-attr]
    }


def test_lead_pages(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("lead")
    paths = [
        "/",
        "/meetings/",
        "/delegation/",
        "/delegation/leads/",
        "/delegation/leads/new/",
        "/delegation/scheme/",
        "/delegation/scheme/?kind=business_case&value=60000",
        "/delegation/scheme/business_case/edit/",
        "/delegation/functions/new/",
        f"/delegation/functions/{demo['function']}/edit/",
        f"/delegation/functions/{demo['function']}/delegate/",
        f"/delegation/delegations/{demo['delegation']}/end/",
        "/commissioning/cases/",
        "/commissioning/cases/?status=closed",
        "/commissioning/pipeline/",
        "/commissioning/pipeline/?late=1",
        "/commissioning/pipeline/?state=decided",
        "/commissioning/decisions/",
        "/commissioning/cases/new/",
        f"/commissioning/cases/{demo['scrutiny']}/",
        f"/commissioning/cases/{demo['scrutiny']}/scrutiny/organisational/",
        f"/commissioning/cases/{demo['on_agenda']}/",
        f"/commissioning/cases/{demo['recommended']}/",
        f"/commissioning/cases/{demo['approved']}/",
        f"/commissioning/cases/{demo['returned']}/",
        f"/commissioning/cases/{demo['with_director']}/return/",
        "/commissioning/pbc/",
        "/commissioning/pbc/plans/",
        f"/commissioning/pbc/{demo['group']}/",
        f"/commissioning/pbc/{demo['group']}/maturity/new/",
        f"/commissioning/pbc/{demo['group']}/support/new/",
        f"/commissioning/pbc/links/new/?group={demo['group']}",
    ]
    for path in paths:
        journey.goto(path)
    assert len(journey.checked) == len(paths) + 1  # and the sign-in page


def test_director_and_practice_lead_pages(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("director")
    journey.goto(f"/commissioning/cases/{demo['with_director']}/")
    journey.goto(f"/commissioning/cases/{demo['with_director']}/decide/")
    journey.sign_out()
    journey.sign_in("practicelead")
    for path in ("/", "/commissioning/cases/", "/commissioning/cases/new/", "/commissioning/pbc/"):
        journey.goto(path)
    expect(journey.page.locator("main")).to_contain_text("Riverside PBC Group")


def test_scheme_error_summary_lists_every_problem(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("lead")
    page = journey.page
    journey.goto("/delegation/scheme/business_case/edit/")
    # Make the second band start inside the first: an overlap.
    page.locator("input[name=lower_1]").fill("40000")
    page.locator("textarea[name=reason]").fill("Testing a broken scheme")
    page.get_by_role("button", name="Adopt the new version").click()
    page.wait_for_load_state("load")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("overlap")
    journey.check()
