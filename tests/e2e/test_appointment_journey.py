"""Journey (APP-3, APP-4, APP-5, APP-7, ORG-4, POL-1, X-3): a nurse is appointed to the
PEC through a fair, documented round, and the PEC's composition findings change.

The demo's "Nurse member" post is open. The `applicant` account applies: a CV of a forbidden type
is refused and nothing is saved, then the application goes in. The governance lead sees the panel
break DH's size rule and adds Dr Anika Rahman as another professional, which puts it right, then
brings the closing date forward. The lead shortlists with reasons. A panel member (the PCT chair)
scores the candidate in the browser; the other two panel members' scores go in through the same
service. The panel's chair (the chief executive) appoints from the results page; the applicant
accepts; the PEC page now counts one more member. axe-core: zero violations on every page.
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import Application, Campaign
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Person
from pecgov.trust.roles import roles_of
from tests.appointment_factories import PDF

NAME = "Nia Roberts"
STATEMENT = "District nurse team leader for eight years; I led our leg-ulcer pathway redesign."


def current_members(pec: Committee) -> int:
    today = timezone.localdate()
    return (
        Membership.objects.filter(committee=pec, start_date__lte=today)
        .exclude(end_date__lt=today)
        .exclude(role="co_opted")
        .count()
    )


def score_in_browser(journey, application: Application, score: int) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    journey.goto(f"/appointments/applications/{application.pk}/interview/")
    for key in application.campaign.post.competency_keys:
        page.locator(f"input[name=score_{key}][value='{score}']").check()
    page.get_by_role("button", name="Save interview scores").click()
    page.wait_for_load_state("load")
    journey.check()


def test_an_applicant_is_appointed_and_the_pec_changes(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    campaign = Campaign.objects.get(post__title="Nurse member")
    pec = Committee.objects.get(kind=CommitteeKind.PEC, trust=campaign.trust)
    members_before = current_members(pec)

    # 1. The applicant finds the post and applies; a forbidden CV type is refused, nothing saved.
    journey.sign_in("applicant")
    journey.goto("/posts/")
    page.get_by_role("link", name=re.compile("Nurse member")).first.click()
    page.wait_for_load_state("load")
    journey.check()
    page.locator("#apply").click()
    page.wait_for_load_state("load")
    journey.check()
    page.locator("#id_name").fill(NAME)
    page.locator("#id_email").fill("nia.roberts@example.org")
    page.locator("#id_profession").select_option(label="Nurse")
    page.locator("#id_practising").check()
    page.locator("#id_has_caseload").check()
    page.locator("#id_statement").fill(STATEMENT)
    page.locator("#id_nil_interests").check()
    page.locator("input[name=cv]").set_input_files(
        files=[{"name": "cv.exe", "mimeType": "application/octet-stream", "buffer": b"MZ not a cv"}]
    )
    before = Application.objects.count()
    page.get_by_role("button", name="Send application").click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("The CV must be one of these file types")
    assert Application.objects.count() == before

    page.locator("input[name=cv]").set_input_files(
        files=[{"name": "cv.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    if not page.locator("#id_nil_interests").is_checked():
        page.locator("#id_nil_interests").check()
    page.get_by_role("button", name="Send application").click()
    page.wait_for_load_state("load")
    journey.check()
    application = Application.objects.get(campaign=campaign, name=NAME)
    assert application.status == ApplicationStatus.SUBMITTED
    journey.goto("/applications/")
    expect(page.locator("main")).to_contain_text("Nurse member")
    journey.sign_out()

    # 2. The lead puts the panel right (DH Annex B: 3 to 4 people) and closes applications.
    journey.sign_in("lead")
    journey.goto(f"/appointments/campaigns/{campaign.pk}/panel/")
    expect(page.locator("main")).to_contain_text("2 panel members")
    page.get_by_role("link", name="Add a panel member").click()
    page.wait_for_load_state("load")
    journey.check()
    rahman = Person.objects.get(trust=campaign.trust, name="Dr Anika Rahman")
    page.locator("#id_person").select_option(value=str(rahman.pk))
    page.locator("#id_role").select_option(label="Another professional representative")
    page.get_by_role("button", name=re.compile("Add")).click()
    page.wait_for_load_state("load")
    journey.check()
    expect(page.locator("main")).to_contain_text("3 panel members")
    assert all(f.status != "fail" for f in aps.panel_findings(campaign))

    yesterday = timezone.localdate() - dt.timedelta(days=1)
    journey.goto(f"/appointments/campaigns/{campaign.pk}/edit/")
    page.locator("#id_closes_on-day").fill(str(yesterday.day))
    page.locator("#id_closes_on-month").fill(str(yesterday.month))
    page.locator("#id_closes_on-year").fill(str(yesterday.year))
    page.locator("#id_interview_date-day").fill("")
    page.locator("#id_interview_date-month").fill("")
    page.locator("#id_interview_date-year").fill("")
    page.get_by_role("button", name=re.compile("Save")).click()
    page.wait_for_load_state("load")
    journey.check()
    campaign.refresh_from_db()
    assert campaign.closes_on == yesterday

    # 3. The lead shortlists, with a reason for every applicant (APP-3).
    journey.goto(f"/appointments/campaigns/{campaign.pk}/sift/")
    for other in campaign.applications.exclude(status=ApplicationStatus.WITHDRAWN):
        chosen = "yes" if other.pk == application.pk else "no"
        page.locator(f"input[name=decision_{other.pk}][value={chosen}]").check()
        page.locator(f"[name=reason_{other.pk}]").fill(
            "Meets every essential criterion" if chosen == "yes" else "Less community experience"
        )
    page.get_by_role("button", name="Record the shortlist").click()
    page.wait_for_load_state("load")
    journey.check()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SHORTLISTED
    journey.sign_out()

    # 4. A panel member scores the candidate on every competency (APP-5); a score sheet is
    # confidential to the panel and the lead (APP-7).
    journey.sign_in("pctchair")
    score_in_browser(journey, application, 4)
    journey.sign_out()
    keys = campaign.post.competency_keys
    for seat in campaign.seats.select_related("person__user"):
        user = seat.person.user
        if user is None or roles_of(user).is_pct_chair:
            continue
        aps.interview_record(actor=user, application=application, scores={k: (4, "") for k in keys})

    # 5. The panel's chair appoints from the results page and makes the offer.
    journey.sign_in("chiefexec")
    journey.goto(f"/appointments/campaigns/{campaign.pk}/results/")
    expect(page.locator("main")).to_contain_text(NAME)
    page.get_by_role("link", name=f"Appoint {NAME}").click()
    page.wait_for_load_state("load")
    journey.check()
    today = timezone.localdate()
    page.locator("#id_reason").fill("Strong under both headings; no conflicts")
    page.locator("#id_start_date-day").fill(str(today.day))
    page.locator("#id_start_date-month").fill(str(today.month))
    page.locator("#id_start_date-year").fill(str(today.year))
    page.get_by_role("button", name="Appoint and make the offer").click()
    page.wait_for_load_state("load")
    journey.check()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.OFFERED
    journey.sign_out()

    # 6. The applicant accepts; the membership starts today (ORG-4).
    journey.sign_in("applicant")
    journey.goto(f"/applications/{application.pk}/")
    expect(page.locator("main")).to_contain_text("offered you the post")
    page.locator("#accept-offer").click()
    page.wait_for_load_state("load")
    journey.check()
    application.refresh_from_db()
    assert application.status == ApplicationStatus.ACCEPTED
    journey.sign_out()

    # 7. The PEC's composition findings now count the new member (POL-1).
    assert current_members(pec) == members_before + 1
    journey.sign_in("lead")
    journey.goto(f"/committees/{pec.pk}/")
    expect(page.locator("main")).to_contain_text(f"{members_before + 1} members")
    expect(page.locator("main")).to_contain_text(NAME)
