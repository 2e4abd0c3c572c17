"""The case pages' forms over the API (PUB-2; PBC-1 to PBC-3, MTG-6, X-1, X-4): documents,
scrutiny, scheduling, the director's decision, returning, resubmitting and withdrawing.

Each write is the page's service with the page's permission: the right role succeeds, another
is 403 and nothing changes; bad input is 422 with a field map named as the body names it and
nothing changes; a case the caller may not see is 404.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Criterion
from pecgov.commissioning.models import BusinessCase, CaseDocument, Scrutiny
from pecgov.meetings.models import AgendaItem
from tests.commissioning.pdfs import real_pdf
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World
from tests.meeting_factories import declare, make_meeting


def post(client: Any, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, body, content_type="application/json")


def every_criterion(**changes: dict[str, str]) -> dict[str, dict[str, str]]:
    return {c.value: {"assessment": "met", "comment": f"{c.label}: sound"} for c in Criterion} | changes


@pytest.fixture
def comm(world: World) -> Commissioning:
    return make_commissioning(world)


@pytest.fixture
def case(world: World, comm: Commissioning) -> BusinessCase:
    return submit_case(world)


def status_of(case: BusinessCase) -> str:
    case.refresh_from_db()
    return case.status


# Scrutiny (PBC-3) -----------------------------------------------------------------------------


def test_a_member_records_their_own_scrutiny(client_for: Any, world: World, case: BusinessCase) -> None:
    """PBC-3: every criterion, the assessor is the caller when left out; the case moves on."""
    response = post(
        client_for("member"), f"/api/cases/{case.pk}/scrutiny/clinical", {"assessments": every_criterion()}
    )

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "scrutiny"
    assert {s["assessor"] for s in response.json()["scrutiny"]} == {world.people["member"].name}
    assert Scrutiny.objects.filter(case=case, aspect="clinical").count() == len(Criterion)


def test_scrutiny_is_refused_to_a_practice_lead_and_for_someone_else(
    client_for: Any, world: World, case: BusinessCase
) -> None:
    """X-1: the page's permission; a member records only their own assessment (403)."""
    body = {"assessments": every_criterion()}
    practice = post(client_for("practice_lead"), f"/api/cases/{case.pk}/scrutiny/clinical", body)
    for_other = post(
        client_for("member"),
        f"/api/cases/{case.pk}/scrutiny/clinical",
        body | {"assessor_id": world.people["pec_chair"].pk},
    )

    assert practice.status_code == for_other.status_code == 403
    assert not Scrutiny.objects.exists() and status_of(case) == "submitted"


def test_scrutiny_with_a_missing_comment_names_the_criterion(client_for: Any, case: BusinessCase) -> None:
    """X-4, PBC-3: the service's messages, under the body's own names; nothing saved."""
    body = {"assessments": every_criterion(evidence={"assessment": "met", "comment": " "}, quality={})}

    response = post(client_for("member"), f"/api/cases/{case.pk}/scrutiny/organisational", body)

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {
        "assessments.evidence.comment",
        "assessments.quality.assessment",
    }
    assert not Scrutiny.objects.exists() and status_of(case) == "submitted"


def test_scrutiny_of_an_unknown_aspect_is_422(client_for: Any, case: BusinessCase) -> None:
    """X-4: the service names the aspect."""
    response = post(client_for("member"), f"/api/cases/{case.pk}/scrutiny/financial", {})

    assert response.status_code == 422
    assert response.json()["errors"] == {"aspect": ["Select clinical or organisational scrutiny"]}


def test_scrutiny_of_another_trusts_case_is_not_found(
    client_for: Any, other_world: World, comm: Commissioning
) -> None:
    """X-1: another trust's case is never revealed."""
    make_commissioning(other_world)
    theirs = submit_case(other_world)

    response = post(client_for("member"), f"/api/cases/{theirs.pk}/scrutiny/clinical", {})

    assert response.status_code == 404


# Scheduling (MTG-6) ---------------------------------------------------------------------------


def test_the_lead_puts_a_scrutinised_case_on_an_agenda(
    lead_client: Any, world: World, comm: Commissioning, case: BusinessCase
) -> None:
    """MTG-6: the case becomes an item of the deciding committee's meeting."""
    scrutinise(case, world)
    case.refresh_from_db()
    assert case.committee is not None
    meeting = make_meeting(case.committee, days=10)

    response = post(lead_client, f"/api/cases/{case.pk}/schedule", {"meeting_id": meeting.pk})

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "on_agenda" and response.json()["meeting_id"] == meeting.pk
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


def test_scheduling_is_refused_to_a_member_and_needs_a_meeting_of_the_committee(
    client_for: Any, world: World, comm: Commissioning, case: BusinessCase
) -> None:
    """X-1, X-4: a member is 403; a meeting of another committee is 422 on meeting_id."""
    scrutinise(case, world)
    case.refresh_from_db()
    elsewhere = make_meeting(world.board, days=10)

    member = post(client_for("member"), f"/api/cases/{case.pk}/schedule", {"meeting_id": elsewhere.pk})
    wrong = post(
        client_for("governance_lead"), f"/api/cases/{case.pk}/schedule", {"meeting_id": elsewhere.pk}
    )

    assert member.status_code == 403
    assert wrong.status_code == 422 and list(wrong.json()["errors"]) == ["meeting_id"]
    assert status_of(case) == "scrutiny" and not AgendaItem.objects.exists()


def test_scheduling_before_scrutiny_says_what_is_missing(lead_client: Any, case: BusinessCase) -> None:
    """PBC-3: the service's own reason, nothing saved."""
    assert case.committee is not None
    meeting = make_meeting(case.committee, days=10)

    response = post(lead_client, f"/api/cases/{case.pk}/schedule", {"meeting_id": meeting.pk})

    assert response.status_code == 422 and "not been scrutinised" in response.json()["detail"][0]
    assert status_of(case) == "submitted"


# The director's decision (PBC-2) --------------------------------------------------------------


@pytest.fixture
def small(world: World, comm: Commissioning) -> BusinessCase:
    case = submit_case(world, value=20_000)
    scrutinise(case, world)
    return case


def test_a_director_decides_a_small_case(client_for: Any, small: BusinessCase) -> None:
    """PBC-2, DH 5.8: approved with reasons."""
    body = {"outcome": "approved", "reasons": "Good value"}

    response = post(client_for("executive_director"), f"/api/cases/{small.pk}/decide", body)

    assert response.status_code == 200, response.json()
    assert response.json()["status"] == "approved"
    assert response.json()["decision"]["reasons"] == "Good value"


def test_a_decision_is_refused_to_a_member_and_without_reasons(client_for: Any, small: BusinessCase) -> None:
    """X-1, X-4: a member is 403; no reasons is 422 on reasons; nothing saved."""
    member = post(
        client_for("member"), f"/api/cases/{small.pk}/decide", {"outcome": "approved", "reasons": "x"}
    )
    bare = post(client_for("executive_director"), f"/api/cases/{small.pk}/decide", {"outcome": "rejected"})

    assert member.status_code == 403
    assert bare.status_code == 422 and bare.json()["errors"] == {
        "reasons": ["Enter the reasons for the decision"]
    }
    assert status_of(small) == "with_director"


def test_a_conflicted_director_is_told_why_not(client_for: Any, world: World, small: BusinessCase) -> None:
    """COI-3, PBC-2: as on the page, a conflict is 422 saying why, not a bare 403."""
    declare(world.people["executive_director"], world.practice)
    body = {"outcome": "approved", "reasons": "Good value"}

    response = post(client_for("executive_director"), f"/api/cases/{small.pk}/decide", body)

    assert response.status_code == 422 and "another director must decide it" in response.json()["detail"][0]
    assert status_of(small) == "with_director"


# Returning, resubmitting, withdrawing (PBC-2) -------------------------------------------------


def test_the_lead_returns_and_the_practice_resubmits(
    lead_client: Any, client_for: Any, case: BusinessCase
) -> None:
    """PBC-2: returned with a reason, resubmitted by the submitting practice's lead."""
    returned = post(lead_client, f"/api/cases/{case.pk}/return", {"reason": "Add the audit figures"})
    resubmitted = post(client_for("practice_lead"), f"/api/cases/{case.pk}/resubmit", {"note": "Added"})

    assert returned.status_code == 200 and returned.json()["status"] == "returned"
    assert resubmitted.status_code == 200 and resubmitted.json()["status"] == "submitted"


def test_returning_is_refused_to_a_member_and_without_a_reason(
    client_for: Any, lead_client: Any, case: BusinessCase
) -> None:
    """X-1, X-4: a member is 403; a blank reason is 422 on reason; nothing changes."""
    member = post(client_for("member"), f"/api/cases/{case.pk}/return", {"reason": "No"})
    blank = post(lead_client, f"/api/cases/{case.pk}/return", {"reason": ""})

    assert member.status_code == 403
    assert blank.status_code == 422
    assert blank.json()["errors"] == {"reason": ["Say what more the submitter needs to provide"]}
    assert status_of(case) == "submitted"


def test_a_resubmission_of_a_case_not_returned_is_422(client_for: Any, case: BusinessCase) -> None:
    """PBC-2: the lifecycle's own sentence; nothing changes."""
    response = post(client_for("practice_lead"), f"/api/cases/{case.pk}/resubmit", {})

    assert response.status_code == 422 and response.json()["detail"]
    assert status_of(case) == "submitted"


def test_the_practice_withdraws_its_case(client_for: Any, case: BusinessCase) -> None:
    """PBC-2: withdrawn with a reason; a member may not (403); a blank reason is 422."""
    member = post(client_for("member"), f"/api/cases/{case.pk}/withdraw", {"reason": "No longer needed"})
    blank = post(client_for("practice_lead"), f"/api/cases/{case.pk}/withdraw", {"reason": " "})
    assert status_of(case) == "submitted"

    done = post(client_for("practice_lead"), f"/api/cases/{case.pk}/withdraw", {"reason": "No longer needed"})

    assert member.status_code == 403
    assert blank.status_code == 422 and blank.json()["errors"] == {
        "reason": ["Say why the case is withdrawn"]
    }
    assert done.status_code == 200 and done.json()["status"] == "withdrawn"


# Documents (PBC-1) ----------------------------------------------------------------------------


def send_document(client: Any, case: BusinessCase, name: str, content: bytes, title: str = "") -> Any:
    upload = SimpleUploadedFile(name, content, "application/pdf")
    return client.post(f"/api/cases/{case.pk}/documents", {"upload": upload, "title": title})


def test_the_practice_adds_a_document(client_for: Any, case: BusinessCase) -> None:
    """PBC-1: multipart upload with the page's checks; the case lists it."""
    response = send_document(client_for("practice_lead"), case, "audit.pdf", real_pdf(b"Audit"), "Audit")

    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "Audit"
    assert list(case.documents.values_list("title", flat=True)) == ["Audit"]


def test_a_document_is_refused_to_a_member_and_when_not_allowed(client_for: Any, case: BusinessCase) -> None:
    """X-1, X-4: a member is 403; a type the policy refuses is 422 on upload; nothing saved."""
    member = send_document(client_for("member"), case, "a.pdf", real_pdf(b"A"))
    wrong = send_document(client_for("practice_lead"), case, "a.exe", b"MZ")

    assert member.status_code == 403
    assert wrong.status_code == 422 and list(wrong.json()["errors"]) == ["upload"]
    assert not CaseDocument.objects.exists()


def test_a_document_for_a_closed_case_is_422(client_for: Any, case: BusinessCase) -> None:
    """PBC-1: a withdrawn case takes no more documents."""
    cs.case_withdraw(actor=SYSTEM, case=case, reason="Not needed")

    response = send_document(client_for("practice_lead"), case, "a.pdf", real_pdf(b"A"))

    assert response.status_code == 422 and not CaseDocument.objects.exists()
