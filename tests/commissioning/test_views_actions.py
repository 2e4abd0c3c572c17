"""Actions on a case over HTTP: scrutiny, scheduling, the director's decision, returning,
resubmitting, withdrawing and documents (PBC-1 to PBC-3, MTG-6, COI-3, X-4).

A refused post answers 400 with the specific message and changes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Criterion
from pecgov.commissioning.models import BusinessCase, CaseDocument, Scrutiny
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import AgendaItem
from pecgov.meetings.queries import item_row
from pecgov.trust.enums import Profession
from pecgov.trust.models import Person
from tests.commissioning.pdfs import real_pdf
from tests.commissioning.test_views import case_data, flat, pdf, summary_of
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World, make_person
from tests.meeting_factories import attend_all, declare, make_meeting, pec_people
from tests.trust.helpers import date_of, text


@pytest.fixture
def comm(world: World) -> Commissioning:
    return make_commissioning(world)


def scrutiny_data(assessor: Person, **changes: str) -> dict[str, str]:
    data = {"assessor": str(assessor.pk)}
    for criterion in Criterion:
        data[f"{criterion.value}_assessment"] = "met"
        data[f"{criterion.value}_comment"] = f"{criterion.label}: sound"
    return data | changes


def url(name: str, case: BusinessCase, *extra: Any) -> str:
    return reverse(f"commissioning:{name}", args=[case.pk, *extra])


# Scrutiny (PBC-3) ----------------------------------------------------------------------------


def test_case_scrutiny_saves_every_criterion(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)
    member = world.people["member"]

    response = client_for("member").post(url("case_scrutiny", case, "clinical"), scrutiny_data(member))

    assert response.status_code == 302
    rows = Scrutiny.objects.filter(case=case)
    assert sorted(rows.values_list("aspect", "criterion", "assessment", "assessor")) == sorted(
        ("clinical", c.value, "met", member.pk) for c in Criterion
    )
    case.refresh_from_db()
    assert case.status == "scrutiny"


def test_case_scrutiny_form_defaults_to_the_signed_in_person(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    case = submit_case(world)
    other = make_person(world.trust, Profession.GP, name="Dr Someone Else")

    page = flat(text(client_for("member").get(url("case_scrutiny", case, "organisational"))))
    lead_page = text(client_for("governance_lead").get(url("case_scrutiny", case, "organisational")))

    assert f'<option value="{world.people["member"].pk}" selected>' in page
    assert other.name not in page  # only the lead records for someone else
    assert other.name in lead_page
    for criterion in Criterion:
        assert criterion.label in page


def test_case_scrutiny_both_aspects_send_small_case_to_director(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    case = submit_case(world, value=20_000)
    client = client_for("member")

    for aspect in ["clinical", "organisational"]:
        client.post(url("case_scrutiny", case, aspect), scrutiny_data(world.people["member"]))

    case.refresh_from_db()
    assert case.status == "with_director"
    assert Scrutiny.objects.filter(case=case).count() == 2 * len(Criterion)


def test_case_scrutiny_by_conflicted_assessor_refused(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    """The PEC chair works at the submitting practice: they may not assess its case (COI-3)."""
    case = submit_case(world)

    response = lead_client.post(
        url("case_scrutiny", case, "clinical"), scrutiny_data(world.people["pec_chair"])
    )

    assert response.status_code == 400
    assert "which the case would benefit: ask someone without an interest to assess it" in summary_of(
        text(response)
    )
    assert Scrutiny.objects.count() == 0
    case.refresh_from_db()
    assert case.status == "submitted"


def test_case_scrutiny_missing_comment_refused(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    response = client_for("member").post(
        url("case_scrutiny", case, "clinical"), scrutiny_data(world.people["member"], quality_comment=" ")
    )

    assert response.status_code == 400
    assert "Explain the assessment of 'Quality standards'" in summary_of(text(response))
    assert Scrutiny.objects.count() == 0


def test_case_scrutiny_for_someone_else_refused_unless_lead(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    case = submit_case(world)

    response = client_for("member").post(
        url("case_scrutiny", case, "clinical"), scrutiny_data(world.people["executive_director"])
    )

    assert response.status_code == 400
    assert "Select who made the assessment" in summary_of(text(response))
    assert Scrutiny.objects.count() == 0


def test_case_scrutiny_unknown_aspect_is_404(world: World, comm: Commissioning, lead_client: Client) -> None:
    case = submit_case(world)

    assert lead_client.get(url("case_scrutiny", case, "financial")).status_code == 404


def test_case_scrutiny_not_for_practice_lead(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    response = client_for("practice_lead").post(
        url("case_scrutiny", case, "clinical"), scrutiny_data(world.people["member"])
    )

    assert response.status_code == 403
    assert Scrutiny.objects.count() == 0


# Scheduling (MTG-6) ------------------------------------------------------------------------------


def test_case_schedule_puts_case_on_the_next_meeting(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    case = submit_case(world)
    scrutinise(case, world)
    later = make_meeting(comm.approvals, days=20)
    sooner = make_meeting(comm.approvals, days=6)

    page = text(lead_client.get(url("case_schedule", case)))
    response = lead_client.post(url("case_schedule", case), {"meeting": str(sooner.pk)})

    first = page.split('name="meeting"', 1)[1].split("</div>", 1)[0]
    assert f'value="{sooner.pk}" checked' in first
    assert "(next meeting)" in page.split(f'value="{later.pk}"', 1)[0]
    assert response.status_code == 302
    case.refresh_from_db()
    item = AgendaItem.objects.get(meeting=sooner)
    assert (case.status, case.agenda_item) == ("on_agenda", item)
    assert set(item.affected.all()) == {world.practice, comm.group}
    detail = text(lead_client.get(response["Location"]))
    assert reverse("conflicts:item_detail", args=[item.pk]) in detail


def test_case_schedule_says_when_the_meeting_is_after_the_target(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    case = submit_case(world)
    scrutinise(case, world)
    days = (case.target_date - timezone.localdate()).days + 5
    make_meeting(comm.approvals, days=days)

    page = text(lead_client.get(url("case_schedule", case)))

    assert "After the target date" in page


def test_case_schedule_with_no_meeting_links_to_scheduling_one(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    case = submit_case(world)
    scrutinise(case, world)

    page = text(lead_client.get(url("case_schedule", case)))

    assert f"No meeting of {comm.approvals.name} is scheduled" in page
    assert f"{reverse('meetings:meeting_create')}?committee={comm.approvals.pk}" in page


def test_case_schedule_before_scrutiny_finished_refused(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    case = submit_case(world)
    cs.scrutiny_record(
        actor=SYSTEM,
        case=case,
        aspect="clinical",
        assessor=world.people["member"],
        assessments={c.value: ("met", "Sound") for c in Criterion},
    )
    meeting = make_meeting(comm.approvals, days=6)

    response = lead_client.post(url("case_schedule", case), {"meeting": str(meeting.pk)})

    assert response.status_code == 400
    assert "Finish the scrutiny before the case goes to a meeting. Still to assess: Organisational" in flat(
        summary_of(text(response))
    )
    assert AgendaItem.objects.filter(meeting=meeting).count() == 0
    case.refresh_from_db()
    assert case.status == "scrutiny"


# The director's decision (PBC-2) --------------------------------------------------------------------


def director_case(world: World) -> BusinessCase:
    case = submit_case(world, value=20_000)
    scrutinise(case, world)
    case.refresh_from_db()
    assert case.status == "with_director"
    return case


def test_case_decide_by_director(world: World, comm: Commissioning, client_for: Any) -> None:
    case = director_case(world)
    client = client_for("executive_director")
    today = timezone.localdate()

    response = client.post(
        url("case_decide", case),
        {"outcome": "approved", "reasons": "Good value", **date_of("decided_on", today)},
    )

    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.status, case.director_outcome, case.decision_reasons, case.decided_on, case.decided_by) == (
        "approved",
        "approved",
        "Good value",
        today,
        world.users["executive_director"],
    )
    page = text(client.get(response["Location"]))
    assert "Executive director's decision" in page
    assert "Good value" in page


def test_case_decide_by_conflicted_director_refused(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    case = director_case(world)
    declare(world.people["executive_director"], world.practice)

    response = client_for("executive_director").post(
        url("case_decide", case), {"outcome": "approved", "reasons": "Good value"}
    )

    assert response.status_code == 400
    assert "has declared an interest in" in summary_of(text(response))
    assert "another director must decide it" in summary_of(text(response))
    case.refresh_from_db()
    assert (case.status, case.director_outcome) == ("with_director", "")


def test_case_decide_without_reasons_refused(world: World, comm: Commissioning, client_for: Any) -> None:
    case = director_case(world)

    response = client_for("executive_director").post(url("case_decide", case), {"outcome": "rejected"})

    assert response.status_code == 400
    assert "Enter the reasons for the decision" in summary_of(text(response))
    case.refresh_from_db()
    assert case.status == "with_director"


def test_case_decide_of_a_committee_case_refused(world: World, comm: Commissioning, client_for: Any) -> None:
    """A director cannot decide what the scheme gives a committee, even once it is on an agenda."""
    case = submit_case(world)
    scrutinise(case, world)
    cs.case_schedule(actor=SYSTEM, case=case, meeting=make_meeting(comm.approvals, days=5))

    response = client_for("executive_director").post(
        url("case_decide", case), {"outcome": "approved", "reasons": "Fine"}
    )

    assert response.status_code == 400
    assert "an executive director cannot decide it" in summary_of(text(response))
    case.refresh_from_db()
    assert case.status == "on_agenda"


def test_case_decide_not_for_members(world: World, comm: Commissioning, client_for: Any) -> None:
    case = director_case(world)

    assert client_for("member").post(url("case_decide", case), {"outcome": "approved"}).status_code == 403


# Return, resubmit, withdraw ---------------------------------------------------------------------------


def test_case_return_and_resubmit(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    returned = client_for("governance_lead").post(url("case_return", case), {"reason": "Add the costs"})
    case.refresh_from_db()
    status_after_return, note = case.status, case.status_note
    resubmitted = client_for("practice_lead").post(url("case_resubmit", case), {"note": "Costs added"})
    case.refresh_from_db()

    assert (returned.status_code, resubmitted.status_code) == (302, 302)
    assert (status_after_return, note) == ("returned", "Add the costs")
    assert (case.status, case.status_note) == ("submitted", "Costs added")


def test_case_return_without_reason_refused(world: World, comm: Commissioning, lead_client: Client) -> None:
    case = submit_case(world)

    response = lead_client.post(url("case_return", case), {"reason": " "})

    assert response.status_code == 400
    assert "Say what more the submitter needs to provide" in summary_of(text(response))
    case.refresh_from_db()
    assert case.status == "submitted"


def test_case_withdraw_on_agenda_refused(world: World, comm: Commissioning, client_for: Any) -> None:
    """A forbidden move shows the lifecycle's reason and changes nothing (PBC-2)."""
    case = submit_case(world)
    scrutinise(case, world)
    cs.case_schedule(actor=SYSTEM, case=case, meeting=make_meeting(comm.approvals, days=5))

    response = client_for("practice_lead").post(url("case_withdraw", case), {"reason": "Changed our minds"})

    assert response.status_code == 400
    assert (
        "The case cannot be withdrawn now because it is on a meeting's agenda: the meeting decides it."
        in summary_of(text(response))
    )
    case.refresh_from_db()
    assert (case.status, case.status_note) == ("on_agenda", "")


def test_case_withdraw_by_submitter(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    response = client_for("practice_lead").post(
        url("case_withdraw", case), {"reason": "Funded elsewhere"}, follow=True
    )

    case.refresh_from_db()
    assert (case.status, case.status_note) == ("withdrawn", "Funded elsewhere")
    assert "Why it was withdrawn" in text(response)


def test_case_resubmit_not_for_a_member(world: World, comm: Commissioning, client_for: Any) -> None:
    """A member sees the case but does not act for the submitter: 403, not 404."""
    case = submit_case(world)
    cs.case_return(actor=SYSTEM, case=case, reason="More please")

    response = client_for("member").post(url("case_resubmit", case), {"note": ""})

    assert response.status_code == 403
    case.refresh_from_db()
    assert case.status == "returned"


def test_case_resubmit_before_return_refused(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    response = client_for("practice_lead").post(url("case_resubmit", case), {"note": "Again"})

    assert response.status_code == 400
    assert "The case cannot be resubmitted now because it has not been scrutinised yet." in summary_of(
        text(response)
    )


# Documents ------------------------------------------------------------------------------------------------


def test_document_add_and_download(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)
    client = client_for("practice_lead")

    response = client.post(
        url("document_add", case), {"title": "Costings", "upload": pdf("costs.pdf", real_pdf(b"costs"))}
    )
    document = CaseDocument.objects.get()
    download = client_for("member").get(reverse("commissioning:document_download", args=[document.pk]))

    assert response.status_code == 302
    assert document.title == "Costings"
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content) == real_pdf(b"costs")


def test_document_add_forbidden_type_refused(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    response = client_for("practice_lead").post(
        url("document_add", case),
        {"upload": SimpleUploadedFile("run.exe", b"MZ", "application/octet-stream")},
    )

    assert response.status_code == 400
    assert "The document must be one of these file types" in summary_of(text(response))
    assert CaseDocument.objects.count() == 0


def test_document_add_not_for_a_member(world: World, comm: Commissioning, client_for: Any) -> None:
    case = submit_case(world)

    response = client_for("member").post(url("document_add", case), {"upload": pdf()})

    assert response.status_code == 403
    assert CaseDocument.objects.count() == 0


# After the meeting (PBC-2, MTG-3) ----------------------------------------------------------------------


def test_case_detail_shows_pec_recommendation_and_board_decision(
    world: World, comm: Commissioning, lead_client: Client
) -> None:
    """A case the PEC recommends: the outcome, the reasons, the Board's decision and the statement."""
    case = submit_case(world, value=500_000)
    scrutinise(case, world)
    meeting = make_meeting(world.pec, days=3)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    attend_all(meeting, pec_people(world))
    for name in item_row(item).unhandled:
        person = Person.objects.get(name=name)
        conflict_services.conflict_record(
            actor=SYSTEM, item=item, person=person, handling="exclude_decision", interest="Practice"
        )
    ms.item_decide(
        actor=SYSTEM, item=item, outcome="approved", contribution="debated_agreed", reasons="Strong evidence"
    )
    ms.board_decision_record(
        actor=SYSTEM,
        item=item,
        decided_on=timezone.localtime(meeting.starts_at).date(),
        outcome="accepted",
        conflicts_considered=True,
    )

    page = text(lead_client.get(url("case_detail", case)))

    case.refresh_from_db()
    assert case.status == "approved"
    assert "Strong evidence" in page
    assert "Accepted the recommendation" in page
    assert reverse("conflicts:statement", args=[item.pk]) in page
    assert reverse("conflicts:item_detail", args=[item.pk]) in page


def test_case_submit_then_full_journey_over_http(world: World, comm: Commissioning, client_for: Any) -> None:
    """Submit, scrutinise both aspects and decide as a director, all through the pages."""
    client_for("practice_lead").post(reverse("commissioning:case_submit"), case_data(world, value="30000"))
    case = BusinessCase.objects.get()
    for aspect in ["clinical", "organisational"]:
        client_for("member").post(url("case_scrutiny", case, aspect), scrutiny_data(world.people["member"]))

    client_for("chief_executive").post(
        url("case_decide", case), {"outcome": "rejected", "reasons": "No funds"}
    )

    case.refresh_from_db()
    assert (case.status, case.decision_reasons) == ("rejected", "No funds")
