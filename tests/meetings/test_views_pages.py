"""MTG pages as people read them: the meeting list with the next deciding meetings (MTG-6), the
meeting page's agenda with conflicts and quorum per item (MTG-1, MTG-2), minutes (MTG-5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, conflicted_item, make_item, make_meeting, pec_people
from tests.trust.helpers import text


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _row(page: str, title: str) -> str:
    """The agenda table row holding this item's title."""
    before, after = page.split(title, 1)
    return before.rsplit("<tr", 1)[1] + title + after.split("</tr>", 1)[0]


def _approvals(world: World) -> Any:
    return ts.committee_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=CommitteeKind.PBC_APPROVALS,
        name="PBC approvals committee",
        parent=world.pec,
    )


# Meeting list ------------------------------------------------------------------------------


def test_meeting_list_shows_upcoming_then_past_on_request(world: World, client_for: Any) -> None:
    make_meeting(world.pec, days=10, location="Upcoming room")
    make_meeting(world.pec, days=-10, location="Past room")
    member = client_for("member")

    upcoming = text(member.get(reverse("meetings:meeting_list")))
    past = text(member.get(reverse("meetings:meeting_list") + "?when=past"))

    assert ("Upcoming room" in upcoming, "Past room" in upcoming) == (True, False)
    assert ("Upcoming room" in past, "Past room" in past) == (False, True)


def test_meeting_list_filters_by_committee(world: World, lead_client: Any) -> None:
    approvals = _approvals(world)
    make_meeting(world.pec, location="PEC room")
    make_meeting(approvals, location="Approvals room")

    page = text(lead_client.get(reverse("meetings:meeting_list") + f"?committee={approvals.pk}"))

    table = page.split('id="meetings"', 1)[1]
    assert ("Approvals room" in table, "PEC room" in table) == (True, False)


def test_meeting_list_ignores_another_trusts_committee(
    world: World, other_world: World, lead_client: Any
) -> None:
    make_meeting(world.pec, location="PEC room")
    make_meeting(other_world.pec, location="Elsewhere room")

    page = text(lead_client.get(reverse("meetings:meeting_list") + f"?committee={other_world.pec.pk}"))

    assert ("PEC room" in page, "Elsewhere room" in page) == (True, False)


def test_meeting_list_shows_next_deciding_meetings(world: World, lead_client: Any) -> None:
    _approvals(world)
    soon = make_meeting(world.pec, days=3)
    make_meeting(world.pec, days=30)
    cancelled = make_meeting(world.pec, days=1)
    ms.meeting_update(actor=SYSTEM, meeting=cancelled, status="cancelled")

    page = text(lead_client.get(reverse("meetings:meeting_list")))

    deciding = page.split('id="deciding"', 1)[1].split("</section>", 1)[0]
    pec_row = deciding.split("Professional Executive Committee", 1)[1].split("</div>", 1)[0]
    approvals_row = deciding.split("PBC approvals committee", 1)[1].split("</div>", 1)[0]
    assert reverse("meetings:meeting_detail", args=[soon.pk]) in pec_row
    assert "No meeting scheduled" in approvals_row


def test_meeting_list_offers_scheduling_to_the_lead_only(world: World, client_for: Any) -> None:
    create = reverse("meetings:meeting_create")

    assert create in text(client_for("governance_lead").get(reverse("meetings:meeting_list")))
    assert create not in text(client_for("member").get(reverse("meetings:meeting_list")))


@pytest.mark.parametrize("role", ["member", "governance_lead", "practice_lead"])
def test_header_links_to_meetings_for_trust_users(world: World, client_for: Any, role: str) -> None:
    page = text(client_for(role).get(reverse("home")))

    assert f'href="{reverse("meetings:meeting_list")}"' in page


def test_header_has_no_meetings_link_for_an_applicant(world: World, client_for: Any) -> None:
    page = text(client_for("applicant").get(reverse("home")))

    assert f'href="{reverse("meetings:meeting_list")}"' not in page


# Meeting page ------------------------------------------------------------------------------


def test_meeting_page_shows_conflicts_to_handle_then_handled(world: World, lead_client: Any) -> None:
    meeting, item, chair = conflicted_item(world)
    make_item(meeting, kind="information", title="Quarterly report")
    url = reverse("meetings:meeting_detail", args=[meeting.pk])

    before = text(lead_client.get(url))
    conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=chair,
        handling="exclude_decision",
        interest="Partner in the practice",
    )
    after = text(lead_client.get(url))

    assert "1 to handle" in _row(before, item.title)
    assert "Handled" in _row(after, item.title)
    assert "No conflicts" in _row(after, "Quarterly report")


def test_meeting_page_shows_quorum_per_item(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    make_item(meeting, kind="decision", title="Decide the budget")
    make_item(meeting, kind="information", title="Note the report")
    attend_all(meeting, pec_people(world)[:1])
    attend_all(meeting, pec_people(world)[1:], status="apologies")

    page = text(lead_client.get(reverse("meetings:meeting_detail", args=[meeting.pk])))

    assert "Not quorate" in _row(page, "Decide the budget")
    assert "1 of 6 members present and able to decide" in _row(page, "Decide the budget")
    assert "No quorum needed" in _row(page, "Note the report")


def test_meeting_page_links_items_papers_and_calendar(world: World, client_for: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = make_meeting(world.pec)
    item = make_item(meeting, title="Business case")
    paper = ms.paper_add(
        actor=SYSTEM,
        item=item,
        title="The case",
        upload=SimpleUploadedFile(
            "case.pdf",
            b"%PDF-1.4 x"
            + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n",
            content_type="application/pdf",
        ),
    )

    page = text(client_for("member").get(reverse("meetings:meeting_detail", args=[meeting.pk])))

    row = _row(page, "Business case")
    assert f'href="/items/{item.pk}/"' in row
    assert reverse("meetings:paper_download", args=[paper.pk]) in row
    assert reverse("meetings:paper_create", args=[item.pk]) not in row  # members cannot add papers
    assert reverse("meetings:meeting_ics", args=[meeting.pk]) in page


def test_meeting_page_gives_the_lead_the_links_to_change_it(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    item = make_item(meeting)

    page = text(lead_client.get(reverse("meetings:meeting_detail", args=[meeting.pk])))

    for url in [
        reverse("meetings:meeting_edit", args=[meeting.pk]),
        reverse("meetings:item_create", args=[meeting.pk]),
        reverse("meetings:item_edit", args=[item.pk]),
        reverse("meetings:paper_create", args=[item.pk]),
        reverse("meetings:attendance", args=[meeting.pk]),
        reverse("meetings:minutes_draft", args=[meeting.pk]),
        reverse("meetings:action_create", args=[meeting.pk]),
    ]:
        assert url in page


def test_meeting_page_offers_mark_as_done_to_the_owner_only(world: World, client_for: Any) -> None:
    import datetime as dt

    meeting = make_meeting(world.pec)
    action = ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="Send the letter",
        owner=world.people["member"],
        due_date=dt.date(2031, 1, 1),
    )
    url = reverse("meetings:meeting_detail", args=[meeting.pk])
    complete = reverse("meetings:action_complete", args=[action.pk])

    assert complete in text(client_for("member").get(url))
    assert complete not in text(client_for("pec_chair").get(url))


def test_meeting_of_another_trust_is_not_found(world: World, other_world: World, lead_client: Any) -> None:
    meeting = make_meeting(other_world.pec)

    response = lead_client.get(reverse("meetings:meeting_detail", args=[meeting.pk]))

    assert response.status_code == 404


# Minutes -----------------------------------------------------------------------------------


def test_minutes_page_shows_the_approval_and_locks_editing_links(world: World, client_for: Any) -> None:
    meeting = make_meeting(world.pec, days=-20)
    later = make_meeting(world.pec, days=-1)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)

    lead = text(client_for("governance_lead").get(reverse("meetings:minutes_detail", args=[minutes.pk])))
    member = text(client_for("member").get(reverse("meetings:minutes_detail", args=[minutes.pk])))

    assert "Approved and locked" in lead
    assert reverse("meetings:minutes_edit", args=[minutes.pk]) not in lead
    assert reverse("meetings:minutes_correct", args=[minutes.pk]) in lead
    assert reverse("meetings:minutes_correct", args=[minutes.pk]) not in member
    assert f"Minutes of the {world.pec.name}" in member


def test_minutes_text_is_escaped(world: World, lead_client: Any) -> None:
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=make_meeting(world.pec, days=-2))
    ms.minutes_edit(actor=SYSTEM, minutes=minutes, text="<script>alert(1)</script>")

    page = lead_client.get(reverse("meetings:minutes_detail", args=[minutes.pk])).content.decode()

    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_the_item_form_filters_its_organisations_without_javascript(world: World, lead_client: Any) -> None:
    """MTG-1: a GET "filter organisations" field shortens the list of boxes; chosen ones stay."""
    meeting = make_meeting(world.pec)
    url = reverse("meetings:item_create", args=[meeting.pk])

    everything = lead_client.get(url).content.decode()
    narrowed = lead_client.get(url + "?organisations=surgery").content.decode()
    nothing = lead_client.get(url + "?organisations=zzzz").content.decode()

    assert 'id="organisation-filter"' in everything
    assert world.practice.name in narrowed
    assert world.practice.name in everything
    assert world.practice.name not in nothing
