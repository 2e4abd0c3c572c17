"""Journey (PERF-1, PERF-2, PERF-3, X-1, X-3): the PEC chair agrees an objective with a member,
holds a review, and completes an appraisal with a development plan the member signs off; the
member downloads the signed appraisal as a PDF; another member gets 404 on it. axe-core: zero
violations on every page visited."""

from __future__ import annotations

from typing import Any

from pecgov.members.models import Appraisal, Objective
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Membership


def _date(page: Any, field: str, day: str, month: str, year: str) -> None:
    page.locator(f"#id_{field}-day").fill(day)
    page.locator(f"#id_{field}-month").fill(month)
    page.locator(f"#id_{field}-year").fill(year)


def test_chair_agrees_objectives_reviews_and_appraises_a_member(journey: Any, demo: None) -> None:
    seat = Membership.objects.get(person__name="Dr Tom Hollis", committee__kind=CommitteeKind.PEC)
    page = journey.page

    # The PEC chair proposes an objective and records a review.
    journey.sign_in("pecchair")
    journey.goto("/members/")
    page.get_by_role("link", name="Dr Tom Hollis").click()
    page.wait_for_url(f"**/members/{seat.pk}/")
    journey.check()
    page.get_by_role("link", name="Propose an objective").click()
    journey.check()
    page.get_by_role("button", name="Propose objective").click()  # empty: errors, nothing saved
    journey.check()
    assert page.locator(".nhsuk-error-summary").count() == 1
    page.get_by_label("Objective", exact=True).fill("Launch the minor surgery hub")
    page.get_by_label("Measure of success").fill("Hub open with three practices referring")
    _date(page, "due_date", "1", "3", "2030")
    page.get_by_role("button", name="Propose objective").click()
    page.wait_for_url(f"**/members/{seat.pk}/")
    journey.check()
    objective = Objective.objects.get(membership=seat, title="Launch the minor surgery hub")
    assert objective.agreed is False
    journey.sign_out()

    # The member signs it off: agreed.
    journey.sign_in("member")
    journey.goto(f"/members/{seat.pk}/")
    page.locator(f"#objective-{objective.pk}").get_by_role("button", name="Sign off this objective").click()
    page.wait_for_url(f"**/members/{seat.pk}/**")
    journey.check()
    objective.refresh_from_db()
    assert objective.agreed is True
    journey.sign_out()

    # The chair holds a review, then opens this year's appraisal and writes the assessment.
    journey.sign_in("pecchair")
    journey.goto(f"/members/{seat.pk}/reviews/new/")
    page.get_by_label("Actions agreed").fill("Meet the practices in March")
    page.get_by_label("Progress on: Launch the minor surgery hub").fill("Premises found")
    page.locator("#id_held_on-day").fill(str(objective.member_signed_on.day))
    page.locator("#id_held_on-month").fill(str(objective.member_signed_on.month))
    page.locator("#id_held_on-year").fill(str(objective.member_signed_on.year))
    page.get_by_role("button", name="Save review").click()
    page.wait_for_url(f"**/members/{seat.pk}/**")
    journey.check()
    assert page.locator("#reviews").get_by_text("Premises found").count() == 1
    journey.goto(f"/members/{seat.pk}/appraisals/new/")
    page.get_by_role("button", name="Start appraisal").click()
    page.wait_for_url("**/members/appraisals/*/")
    journey.check()
    appraisal = Appraisal.objects.filter(membership=seat).order_by("-year_start").first()
    assert appraisal is not None and not appraisal.signed
    page.get_by_role("link", name="Write the appraiser's assessment").click()
    journey.check()
    today = objective.member_signed_on
    _date(page, "held_on", str(today.day), str(today.month), str(today.year))
    page.get_by_label("Appraiser's assessment").fill("Strong clinical leadership")
    page.get_by_label("Meets expectations", exact=True).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/members/appraisals/{appraisal.pk}/")
    page.get_by_role("link", name="Add to the development plan").click()
    page.get_by_label("Development need").fill("Board-level finance")
    page.get_by_label("Action").fill("Finance for clinicians course")
    _date(page, "by_when", "1", "6", "2030")
    page.get_by_role("button", name="Add to plan").click()
    page.wait_for_url(f"**/members/appraisals/{appraisal.pk}/**")
    journey.check()
    page.get_by_role("button", name="Sign the appraisal and plan").click()  # incomplete: refused
    page.wait_for_url(f"**/members/appraisals/{appraisal.pk}/")
    assert page.get_by_text("Before signing, complete the member's self-assessment").count() == 1
    journey.sign_out()

    # The member writes the self-assessment and signs; the chair signs.
    journey.sign_in("member")
    journey.goto(f"/members/appraisals/{appraisal.pk}/self/")
    page.get_by_label("Your self-assessment against your objectives").fill("The hub is on track")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(f"**/members/appraisals/{appraisal.pk}/")
    page.get_by_role("button", name="Sign the appraisal and plan").click()
    page.wait_for_url(f"**/members/appraisals/{appraisal.pk}/")
    journey.check()
    journey.sign_out()
    journey.sign_in("pecchair")
    journey.goto(f"/members/appraisals/{appraisal.pk}/")
    page.get_by_role("button", name="Sign the appraisal and plan").click()
    page.wait_for_url(f"**/members/appraisals/{appraisal.pk}/")
    journey.check()
    appraisal.refresh_from_db()
    assert appraisal.signed is True
    journey.sign_out()

    # The member downloads the signed appraisal; another member gets 404.
    journey.sign_in("member")
    response = page.request.get(journey.base_url + f"/members/appraisals/{appraisal.pk}/pdf/")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    journey.sign_out()
    journey.sign_in("manager")
    assert page.goto(journey.base_url + f"/members/appraisals/{appraisal.pk}/").status == 404
    assert page.request.get(journey.base_url + f"/members/appraisals/{appraisal.pk}/pdf/").status == 404
