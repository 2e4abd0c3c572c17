"""Search (PUB-1, X-1): a member searches their trust from one box, narrows by kind and opens a
result; a visitor searches the public site, which never finds the item taken in private. Every
page is checked by axe; the search is a plain GET form, no JavaScript needed."""

from __future__ import annotations

from playwright.sync_api import expect

from pecgov.demo.public import PRIVATE_TITLE
from pecgov.public.queries import trust_key
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def test_member_searches_the_trust_and_opens_a_result(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    journey.sign_in("member")
    journey.goto("/search/")
    journey.check()
    page.locator("#maincontent").get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")
    journey.check()  # the error summary
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter what to search for")
    page.get_by_label("Search for").fill("Fairfield")
    page.locator("#maincontent").get_by_role("button", name="Search").click()
    page.wait_for_url("**/search/?q=Fairfield")
    journey.check()
    expect(page.locator("#results li").first).to_be_visible()
    page.get_by_role("link", name="Organisation (").click()
    page.wait_for_url("**kind=organisation**")
    journey.check()
    page.locator("#results a").first.click()
    page.wait_for_url("**/organisations/*/")
    expect(page.locator("h1")).to_contain_text("Fairfield")


def test_visitor_searches_the_public_site_without_private_items(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    key = trust_key(Organisation.objects.get(kind=OrganisationKind.TRUST))
    journey.goto(f"/public/{key}/search/")
    journey.check()
    page.get_by_label("Search for").fill(f'"{PRIVATE_TITLE}"')
    page.locator("#maincontent").get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("main")).to_contain_text("No results")
    page.get_by_label("Search for").fill("diabetes")
    page.locator("#maincontent").get_by_role("button", name="Search").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("#results")).to_contain_text("Decision")
    expect(page.locator("main")).not_to_contain_text(PRIVATE_TITLE)
