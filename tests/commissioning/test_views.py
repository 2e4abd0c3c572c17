"""PBC pages over HTTP: submitting a case, seeing it routed, who sees which case, the list and the
pipeline (PBC-1, PBC-2, PBC-4, MTG-6, X-1, X-4).

A refused post answers 400 with the NHS.UK error summary and the specific message, and saves
nothing: no case, no document, no file. Tests of the actions on a case are in test_views_actions.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import services as cs
from pecgov.commissioning.models import BusinessCase, CaseDocument
from pecgov.trust import services as ts
from pecgov.trust.enums import GrantRole, OrganisationKind, Profession
from tests.commissioning.pdfs import real_pdf
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World, make_org, make_person, make_user
from tests.meeting_factories import make_meeting
from tests.trust.helpers import text


@pytest.fixture
def comm(world: World) -> Commissioning:
    return make_commissioning(world)


def pdf(name: str = "case.pdf", body: bytes = real_pdf()) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def case_data(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "kind": "business_case",
        "submitter": str(world.practice.pk),
        "title": "Community diabetes clinic",
        "service": "A nurse-led diabetes clinic for the group's patients",
        "value": "120,000",
        "patient_focus": "Care closer to home for the most deprived wards",
        "evidence": "Audit of 2006 referrals: 340 attendances could move",
    }
    return data | changes


def flat(page: str) -> str:
    """The page with runs of white space made one space, to match text across template lines."""
    return " ".join(page.split())


def summary_of(page: str) -> str:
    assert "There is a problem" in page
    return page.split("There is a problem", 1)[1].split("</div>", 1)[0]


def stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def other_practice_lead(world: World) -> Client:
    """The lead of a second practice in the same trust: they must not see world.practice's cases."""
    practice = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Surgery")
    user = make_user("riverside-lead")
    make_person(world.trust, Profession.MANAGER, user=user, organisation=practice)
    ts.role_grant(
        actor=SYSTEM, user=user, trust=world.trust, role=GrantRole.PRACTICE_LEAD, organisation=practice
    )
    client = Client()
    client.force_login(user)
    return client


# Submitting (PBC-1, PBC-2) ------------------------------------------------------------------


def test_case_submit_by_practice_lead_routes_case(world: World, comm: Commissioning, client_for: Any) -> None:
    """A practice lead submits with two documents; the case page shows who decides it and why."""
    client = client_for("practice_lead")
    data = case_data(world, documents=[pdf("plan.pdf"), pdf("costs.pdf")])

    response = client.post(reverse("commissioning:case_submit"), data)

    case = BusinessCase.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("commissioning:case_detail", args=[case.pk])
    assert (case.submitter, case.value, case.decider, case.committee) == (
        world.practice,
        120_000,
        "pbc_approvals",
        comm.approvals,
    )
    assert sorted(CaseDocument.objects.filter(case=case).values_list("title", flat=True)) == ["costs", "plan"]
    page = text(client.get(response["Location"]))
    assert "which the scheme of delegation gives to the PBC approvals committee" in page
    assert f"{case.reference} submitted." in page
    assert "£120,000" in page


def test_case_submit_small_case_goes_to_a_director(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    client = client_for("practice_lead")

    response = client.post(
        reverse("commissioning:case_submit"), case_data(world, value="£20000"), follow=True
    )

    assert BusinessCase.objects.get().decider == "executive_director"
    assert "which the scheme of delegation gives to an executive director" in text(response)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": ""}, "Enter the value of the case in pounds"),
        ({"value": "-5"}, "The value must be more than £0: enter the value in whole pounds, like 45000"),
        ({"value": "forty thousand"}, "Enter the value in whole pounds, like 45000"),
        ({"value": "45000.50"}, "Enter the value in whole pounds, like 45000"),
        (
            {
                "documents": [
                    pdf(),
                    SimpleUploadedFile("setup.exe", b"MZ\x90\x00", "application/octet-stream"),
                ]
            },
            "The document must be one of these file types: pdf",
        ),
        (
            {"documents": [SimpleUploadedFile("fake.pdf", b"not a pdf", "application/pdf")]},
            "The document is not a real PDF",
        ),
        ({"title": "  "}, "Enter a short title for the case"),
        ({"kind": ""}, "Select whether this is a business case or a commissioning plan"),
    ],
    ids=[
        "missing value",
        "negative",
        "not a number",
        "pence",
        "exe document",
        "fake pdf",
        "no title",
        "no kind",
    ],
)
def test_case_submit_bad_input_saves_nothing(
    world: World, comm: Commissioning, client_for: Any, changes: dict[str, Any], message: str
) -> None:
    client = client_for("practice_lead")

    response = client.post(reverse("commissioning:case_submit"), case_data(world, **changes))

    assert response.status_code == 400
    assert message in summary_of(text(response))
    assert BusinessCase.objects.count() == 0
    assert CaseDocument.objects.count() == 0
    assert stored_files() == []


def test_case_submit_shows_every_problem_at_once(world: World, comm: Commissioning, client_for: Any) -> None:
    response = client_for("practice_lead").post(
        reverse("commissioning:case_submit"), case_data(world, value="lots", evidence="", title="")
    )

    summary = summary_of(text(response))
    assert response.status_code == 400
    for message in [
        "Enter the value in whole pounds, like 45000",
        "Give the supporting data and evidence",
        "Enter a short title for the case",
    ]:
        assert message in summary


def test_case_submit_offers_a_practice_lead_only_their_own_practice(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    """The submitter select holds only the organisations the lead leads; another is refused."""
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Hillside Surgery")
    client = client_for("practice_lead")

    form_page = text(client.get(reverse("commissioning:case_submit")))
    response = client.post(reverse("commissioning:case_submit"), case_data(world, submitter=str(other.pk)))

    assert world.practice.name in form_page
    assert "Hillside Surgery" not in form_page
    assert 'inputmode="numeric"' in form_page
    assert response.status_code == 400
    assert "Select the practice or PBC group submitting the case" in summary_of(text(response))
    assert BusinessCase.objects.count() == 0


def test_case_submit_by_lead_offers_every_practice_and_group(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Hillside Surgery")
    provider = make_org(world.trust, OrganisationKind.PROVIDER, "Acute Hospital Trust")

    page = text(lead_client.get(reverse("commissioning:case_submit")))
    response = lead_client.post(
        reverse("commissioning:case_submit"), case_data(world, submitter=str(comm.group.pk)), follow=True
    )

    assert other.name in page and comm.group.name in page
    assert provider.name not in page
    assert response.status_code == 200
    assert BusinessCase.objects.get().submitter == comm.group


# Who sees which case (X-1) ----------------------------------------------------------------------


def test_case_of_another_practice_is_hidden_from_its_lead(world: World, comm: Commissioning) -> None:
    """Another practice's lead gets 404 on the case, its document and its actions, and no list row."""
    case = submit_case(world, documents=[pdf()])
    document = case.documents.get()
    outsider = other_practice_lead(world)

    statuses = {
        name: outsider.get(reverse(f"commissioning:{name}", args=[case.pk])).status_code
        for name in ["case_detail", "case_resubmit", "case_withdraw", "document_add"]
    }
    download = outsider.get(reverse("commissioning:document_download", args=[document.pk]))
    listing = text(outsider.get(reverse("commissioning:case_list")))

    assert statuses == dict.fromkeys(statuses, 404)
    assert download.status_code == 404
    assert case.reference not in listing
    assert "No cases" in listing


def test_case_list_shows_a_practice_lead_only_their_own_cases(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Hillside Surgery")
    mine = submit_case(world, title="Our own clinic")
    theirs = submit_case(world, title="Their clinic", submitter=other)

    own_list = text(client_for("practice_lead").get(reverse("commissioning:case_list")))
    lead_list = text(client_for("governance_lead").get(reverse("commissioning:case_list")))

    assert mine.reference in own_list and theirs.reference not in own_list
    assert mine.reference in lead_list and theirs.reference in lead_list


def test_case_list_columns_and_submit_button(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world, value=1_250_000)

    lead_page = text(client_for("practice_lead").get(reverse("commissioning:case_list")))
    member_page = text(client_for("member").get(reverse("commissioning:case_list")))

    row = lead_page.split(f'data-case="{case.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "£1,250,000" in row
    assert world.practice.name in row
    assert "Submitted" in row
    assert world.board.name in row  # over £1m the Board decides
    assert "Submit a plan or business case" in lead_page
    assert "Submit a plan or business case" not in member_page


def test_case_list_filters_open_closed_and_search(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    open_case = submit_case(world, title="Diabetes clinic")
    closed = submit_case(world, title="Podiatry service")
    cs.case_withdraw(actor=SYSTEM, case=closed, reason="No longer needed")
    url = reverse("commissioning:case_list")

    open_page = text(lead_client.get(url, {"status": "open"}))
    closed_page = text(lead_client.get(url, {"status": "closed"}))
    searched = text(lead_client.get(url, {"q": "podiatry"}))

    assert open_case.reference in open_page and closed.reference not in open_page
    assert closed.reference in closed_page and open_case.reference not in closed_page
    assert closed.reference in searched and open_case.reference not in searched


def test_case_detail_shows_summary_route_and_timeliness(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    case = submit_case(world, documents=[pdf("business plan.pdf")])
    meeting = make_meeting(comm.approvals, days=10)

    page = text(client_for("member").get(reverse("commissioning:case_detail", args=[case.pk])))

    assert case.route_reason in page
    assert "The PBC approvals committee" in page
    assert "version 1" in page
    assert (
        f"0 days since submission, against a target of {(case.target_date - case.submitted_on).days}" in page
    )
    assert (
        reverse("meetings:meeting_detail", args=[meeting.pk]) in page
    )  # MTG-6: the next meeting able to decide
    assert reverse("commissioning:document_download", args=[case.documents.get().pk]) in page
    assert "Submitted" in page  # the timeline


def test_case_detail_warns_when_no_meeting_before_target(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    case = submit_case(world)

    page = text(lead_client.get(reverse("commissioning:case_detail", args=[case.pk])))

    assert "nhsuk-card--warning" in page
    assert f"No meeting of {comm.approvals.name} is scheduled" in page


def test_case_detail_late_case_is_tagged(world: World, comm: Commissioning, lead_client: Client) -> None:
    long_ago = timezone.localdate() - dt.timedelta(days=200)
    case = submit_case(world, submitted_on=long_ago)

    page = text(lead_client.get(reverse("commissioning:case_detail", args=[case.pk])))

    assert "200 days since submission" in page
    assert re.search(r'<strong class="nhsuk-tag nhsuk-tag--red"\s*>\s*Late\s*</strong>', page)


def test_case_detail_actions_follow_role_and_lifecycle(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    """Buttons appear only for those allowed, and only when the lifecycle allows the move."""
    case = submit_case(world)

    def actions(role: str) -> str:
        page = text(client_for(role).get(reverse("commissioning:case_detail", args=[case.pk])))
        return (
            page.split('id="case-actions"', 1)[1].split("</ul>", 1)[0] if 'id="case-actions"' in page else ""
        )

    member, submitter, lead = actions("member"), actions("practice_lead"), actions("governance_lead")

    assert "Record clinical scrutiny" in member and "Withdraw the case" not in member
    assert "Withdraw the case" in submitter and "Record clinical scrutiny" not in submitter
    assert "Resubmit the case" not in submitter  # only once returned
    assert "Return it for more information" in lead
    assert "Put it on a meeting's agenda" not in lead  # scrutiny is not finished
    scrutinise(case, world)
    assert "Put it on a meeting's agenda" in actions("governance_lead")


# The pipeline (PBC-4, MTG-6) --------------------------------------------------------------------


def test_pipeline_summary_and_rows(world: World, comm: Commissioning, client_for: Any) -> None:
    late = submit_case(world, title="Late clinic", submitted_on=timezone.localdate() - dt.timedelta(days=90))
    fresh = submit_case(world, title="Fresh clinic")
    small = submit_case(world, title="Small clinic", value=10_000)
    closed = submit_case(world, title="Closed clinic")
    cs.case_withdraw(actor=SYSTEM, case=closed, reason="Not needed")

    page = flat(text(client_for("member").get(reverse("commissioning:pipeline"))))

    # No approvals meeting is scheduled: both committee cases have a warning; the director's does not.
    assert "3 open cases, 1 late, 2 with no meeting able to decide them before the target date." in page
    assert closed.reference not in page
    late_row = page.split(f'data-case="{late.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "Late" in late_row
    assert "No meeting of PBC Approvals Committee is scheduled" in late_row
    assert "Governance lead and scrutineers" in late_row
    small_row = page.split(f'data-case="{small.pk}"', 1)[1].split("</tr>", 1)[0]
    assert "an executive director decides it" in small_row
    assert fresh.reference in page


def test_pipeline_filters(world: World, comm: Commissioning, lead_client: Client) -> None:
    late = submit_case(world, submitted_on=timezone.localdate() - dt.timedelta(days=90))
    fresh = submit_case(world)
    small = submit_case(world, value=10_000)
    url = reverse("commissioning:pipeline")

    late_page = flat(text(lead_client.get(url, {"late": "yes"})))
    director_page = text(lead_client.get(url, {"decider": "executive_director"}))

    assert late.reference in late_page and fresh.reference not in late_page
    assert small.reference in director_page and late.reference not in director_page
    assert "3 open cases" in late_page  # the summary counts every open case


def test_pipeline_is_not_for_a_practice_lead(world: World, comm: Commissioning, client_for: Any) -> None:
    assert client_for("practice_lead").get(reverse("commissioning:pipeline")).status_code == 403


def test_case_detail_after_resubmission_asks_for_scrutiny_again(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    """A returned case comes back changed: earlier scrutiny is shown but no longer counts (PBC-3)."""
    case = submit_case(world)
    scrutinise(case, world)
    cs.case_return(actor=SYSTEM, case=case, reason="Add the costs")
    cs.case_resubmit(actor=SYSTEM, case=case, note="Costs added")

    page = flat(text(lead_client.get(reverse("commissioning:case_detail", args=[case.pk]))))

    assert "before the case was resubmitted: to assess again" in page
    assert "Put it on a meeting's agenda" not in page
    assert "Record clinical scrutiny" in page
