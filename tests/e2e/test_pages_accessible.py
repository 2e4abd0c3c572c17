"""Every main page of the trust, policy and API-token areas passes axe-core with zero violations (X-3).

Also checks the forms' error summaries, which the design system requires to be accessible.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pecgov.interests.models import Declaration
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
        "/effectiveness/",
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


def test_register_of_interests_pages_have_no_accessibility_violations(journey, demo: dict[str, int]) -> None:  # type: ignore[no-untyped-def]
    """The register's pages, its forms and the published register (COI-1, PUB-1, X-3)."""
    declaration = Declaration.objects.filter(person_id=demo["person"]).order_by("pk").first()
    journey.sign_in("lead")
    paths = [
        "/interests/mine/",
        "/interests/register/",
        "/interests/register/?on-day=1&on-month=4&on-year=2007",
        "/interests/overdue/",
        f"/interests/people/{demo['person']}/",
        f"/interests/people/{demo['person']}/declare/",
    ]
    if declaration is not None:
        paths += [
            f"/interests/declarations/{declaration.pk}/edit/",
            f"/interests/declarations/{declaration.pk}/publication/",
        ]
    for path in paths:
        journey.goto(path)
    # Every problem at once in the error summary.
    page = journey.page
    journey.goto(f"/interests/people/{demo['person']}/declare/")
    page.get_by_role("button", name="Declare interest").click()
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Select the kind of interest")
    expect(summary).to_contain_text("Describe the interest")
    expect(summary).to_contain_text("Enter the date the interest began")
    journey.check()
    journey.sign_out()
    journey.goto("/public/")
    journey.goto("/public/register/")
