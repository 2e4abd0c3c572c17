"""Journey (EFF-2, X-3): the governance lead creates an effectiveness survey, asks a partner by
email address and opens it; the partner answers from the emailed link (read from the outbox)
without an account; the link then says it has been used; the lead sees the results with the
partner's group hidden (one answer, under the minimum of 5). axe-core on every page."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from django.utils import timezone
from playwright.sync_api import expect

from pecgov.surveys.models import Response, Survey
from tests.surveys.helpers import link_in_outbox

PARTNER = "provider.lead@avonmere-community.example.org"


def test_lead_opens_a_survey_and_a_partner_answers_without_an_account(journey: Any, demo: None) -> None:
    page = journey.page
    journey.sign_in("lead")
    journey.goto("/surveys/")
    page.get_by_role("button", name="New survey").click()
    page.wait_for_url("**/surveys/new/")
    journey.check()
    page.get_by_label("Survey name").fill("Partners' view of the PEC")
    for field, (day, month, year) in {
        "period_start": ("1", "4", "2007"),
        "period_end": ("31", "3", "2008"),
    }.items():
        page.locator(f"#id_{field}-day").fill(day)
        page.locator(f"#id_{field}-month").fill(month)
        page.locator(f"#id_{field}-year").fill(year)
    page.get_by_role("button", name="Create survey").click()
    page.wait_for_url("**/surveys/*/")
    journey.check()
    survey = Survey.objects.get(name="Partners' view of the PEC")
    page.get_by_role("link", name="Ask partners by email address").click()
    journey.check()
    page.get_by_label("Provider arm").check()
    page.get_by_label("Email addresses").fill(PARTNER)
    page.get_by_role("button", name="Add partners").click()
    page.wait_for_url(f"**/surveys/{survey.pk}/")
    expect(page.locator("main")).to_contain_text(PARTNER)
    journey.check()
    page.get_by_role("button", name="Open and send").click()
    page.wait_for_url(f"**/surveys/{survey.pk}/open/")
    journey.check()
    closes = timezone.localdate().replace(year=timezone.localdate().year + 1)
    page.locator("#id_closes_on-day").fill(str(closes.day))
    page.locator("#id_closes_on-month").fill(str(closes.month))
    page.locator("#id_closes_on-year").fill(str(closes.year))
    page.get_by_role("button", name="Open and send").click()
    page.wait_for_url(f"**/surveys/{survey.pk}/")
    expect(page.locator("main")).to_contain_text("is open")
    journey.check()
    journey.sign_out()

    # The partner, with no account, follows the link in the email.
    link = link_in_outbox(PARTNER)
    journey.goto(link)
    answer_page = urlparse(page.url).path
    assert answer_page.startswith(
        "/surveys/answer/survey/"
    )  # the link's token is exchanged, not kept in the address
    for question in survey.questions.order_by("position", "id"):
        if question.kind == "likert":
            page.locator(f'input[name="{question.key}"][value="4"]').check()
        else:
            page.locator(f'textarea[name="{question.key}"]').fill("Involve the provider arm earlier.")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url("**/surveys/answer/thanks/")
    journey.check()
    journey.goto(answer_page)
    expect(page.locator("#survey-link-problem")).to_contain_text("already been answered")
    journey.check()
    assert Response.objects.filter(survey=survey).count() == 1

    journey.sign_in("lead")
    journey.goto(f"/surveys/{survey.pk}/results/")
    expect(page.locator("main")).to_contain_text("Not shown: fewer than 5 answers")
    expect(page.locator("main")).not_to_contain_text("Involve the provider arm earlier.")
    # The demo's closed survey: groups shown with their numbers and texts, practices hidden.
    demo_survey = Survey.objects.get(name="PEC effectiveness survey: members and partners")
    journey.goto(f"/surveys/{demo_survey.pk}/results/")
    expect(page.locator("#response-rates")).to_contain_text("PEC members")
    expect(page.locator("main")).to_contain_text("Clinical debate on business cases is strong.")
    journey.goto("/surveys/mine/")  # a signed-in person's surveys to answer (none for the lead)
    expect(page.locator("main")).to_contain_text("There are no surveys waiting for your answers.")
