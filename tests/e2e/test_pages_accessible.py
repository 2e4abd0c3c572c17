"""Every main page of the trust, policy and API-token areas passes axe-core with zero violations (X-3).

Also checks the forms' error summaries, which the design system requires to be accessible.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Organisation, Person


@pytest.fixture
def demo(demo: None) -> dict[str, int]:
    """The demo trust, and the PEC, a person, a practice and a membership to visit."""
    pec = Committee.objects.get(kind=CommitteeKind.PEC)
    return {
        "pec": pec.pk,
        "person": Person.objects.get(name="Dr Tom Hollis").pk,
        "practice": Organisation.objects.filter(kind="practice").order_by("pk").first().pk,  # type: ignore[union-attr]
        "membership": Membership.objects.filter(committee=pec).order_by("pk").first().pk,  # type: ignore[union-attr]
    }


def test_lead_pages_have_no_accessibility_violations(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("lead")
    paths = [
        "/",
        "/committees/",
        f"/committees/{demo['pec']}/",
        f"/committees/{demo['pec']}/history/",
        f"/committees/{demo['pec']}/members/new/",
        f"/memberships/{demo['membership']}/edit/",
        f"/memberships/{demo['membership']}/history/",
        "/people/",
        "/people/?profession=gp",
        f"/people/{demo['person']}/",
        f"/people/{demo['person']}/edit/",
        f"/people/{demo['person']}/history/",
        "/people/new/",
        "/organisations/",
        "/organisations/?kind=practice&q=Surgery",
        "/organisations/?page=2",
        f"/organisations/{demo['practice']}/",
        f"/organisations/{demo['practice']}/edit/",
        f"/organisations/{demo['practice']}/links/new/",
        "/organisations/new/",
        "/committees/new/",
        "/policy/",
        "/policy/pack/",
        "/policy/overrides/new/",
        "/audit/",
        "/account/tokens/",
        "/accessibility/",
        "/sign-out/",
    ]
    for path in paths:
        journey.goto(path)
    assert len(journey.checked) == len(paths) + 1  # and the sign-in page


def test_form_error_summaries_are_accessible(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("lead")
    page = journey.page
    journey.goto(f"/committees/{demo['pec']}/members/new/")
    page.get_by_role("button", name="Add member").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select person")
    journey.check()
    journey.goto("/policy/overrides/new/")
    page.get_by_role("button", name="Record override").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Select the parameter to override")
    journey.check()


def test_member_sees_pages_without_edit_links(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("member")
    journey.goto(f"/committees/{demo['pec']}/")
    expect(journey.page.get_by_role("link", name="Add a member")).to_have_count(0)
    expect(journey.page.locator("#findings")).to_contain_text("Size")
    journey.goto("/")
