"""A would-be applicant finds the open posts from the signed-out home page; each person's home
shows the work waiting for them (COI-1, COI-3, PBC-2, APP-3, X-3). Every page is checked by axe."""

from __future__ import annotations

from playwright.sync_api import expect


def test_signed_out_visitor_finds_the_open_posts_and_the_public_register(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    journey.goto("/")
    journey.page.get_by_role("link", name="See the posts open for applications").click()
    journey.page.wait_for_url("**/posts/")
    journey.check()
    journey.goto("/")
    journey.page.get_by_role("link", name="create an account").click()
    journey.page.wait_for_url("**/account/register/")
    journey.check()
    journey.goto("/")
    journey.page.get_by_role(
        "link", name="published membership, register of interests, minutes and decisions"
    ).click()
    journey.page.wait_for_url("**/public/")
    journey.check()


def test_each_person_sees_what_waits_for_them(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    journey.sign_in("pecchair")
    journey.check()
    expect(journey.page.locator("#awaiting-ruling")).to_contain_text("Conflicts waiting for your ruling")
    journey.page.locator("#my-declarations").get_by_role("link").click()
    journey.page.wait_for_url("**/interests/mine/")
    journey.sign_out()
    journey.sign_in("director")
    journey.check()
    expect(journey.page.locator("#director-cases")).to_contain_text(
        "Business cases waiting for your decision"
    )
    journey.sign_out()
    journey.sign_in("applicant")
    journey.check()
    expect(journey.page.locator("#open-posts-link")).to_be_visible()
