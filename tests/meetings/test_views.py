"""MTG forms over HTTP: bad input is explained and saves nothing, good input is saved and shown
(MTG-1, MTG-2, MTG-5, X-4).

Every form is posted as the governance lead. A refused post answers 400 with
the NHS.UK error summary and the specific message; a good post redirects and
the change shows on the page it leads to.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.meetings import services as ms
from pecgov.meetings.models import Action, AgendaItem, Attendance, Meeting, Minutes, Paper
from pecgov.trust.enums import CommitteeKind, OrganisationKind, Profession
from tests.factories import SYSTEM, World, make_org, make_person, make_trust
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people
from tests.trust.helpers import date_fields, text

TRACKED = [Meeting, AgendaItem, Paper, Attendance, Minutes, Action]


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path


def snapshot() -> dict[str, int]:
    """Row counts of every MTG table, its history table, and the audit ledger."""
    counts = {model.__name__: model.objects.count() for model in TRACKED}
    counts |= {f"{m.__name__}.history": m.history.model.objects.count() for m in TRACKED}  # type: ignore[attr-defined]
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def summary_of(page: str) -> str:
    assert "There is a problem" in page
    return page.split("There is a problem", 1)[1].split("</div>", 1)[0]


def pdf(
    name: str = "paper.pdf",
    body: bytes = b"%PDF-1.4 a business case"
    + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n",
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def _approved_minutes(world: World) -> Minutes:
    meeting = make_meeting(world.pec, days=-30)
    later = make_meeting(world.pec, days=-2)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    return ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)


def _meeting_data(world: World, **changes: Any) -> dict[str, Any]:
    data = {
        "committee": world.pec.pk,
        **date_fields("starts_on", 12, 3, 2031),
        "start_time": "14:30",
        "location": "Boardroom, Trust HQ",
        "public": "on",
    }
    return data | changes


# Refused posts ------------------------------------------------------------------------
# Each builder arranges what it needs and returns (url, posted data, messages expected).

Post = tuple[str, dict[str, Any], list[str]]


def meeting_without_location(world: World) -> Post:
    data = _meeting_data(world, location="  ")
    return reverse("meetings:meeting_create"), data, ["Enter where the meeting is held"]


def meeting_with_impossible_time(world: World) -> Post:
    data = _meeting_data(world, start_time="25:99")
    return (
        reverse("meetings:meeting_create"),
        data,
        ["Start time must be a real time in the 24-hour clock, like 14:30"],
    )


def meeting_with_words_for_time(world: World) -> Post:
    data = _meeting_data(world, start_time="half two")
    return (
        reverse("meetings:meeting_create"),
        data,
        ["Start time must be a real time in the 24-hour clock, like 14:30"],
    )


def meeting_with_impossible_date(world: World) -> Post:
    data = _meeting_data(world, **date_fields("starts_on", 31, 2, 2031))
    return reverse("meetings:meeting_create"), data, ["Date must be a real date, for example 15 3 2007"]


def meeting_missing_everything(world: World) -> Post:
    data = {"committee": "", **date_fields("starts_on", "", "", ""), "start_time": "", "location": ""}
    messages = [
        "Select committee",
        "Enter the date of the meeting",
        "Enter the start time, like 14:30",
        "Enter where the meeting is held",
    ]
    return reverse("meetings:meeting_create"), data, messages


def meeting_of_another_trust(world: World) -> Post:
    other = make_trust(name="Elsewhere PCT", code="ELX")
    data = _meeting_data(world, committee=other.pec.pk)
    return reverse("meetings:meeting_create"), data, ["Select a committee of this trust"]


def meeting_edit_bad_time(world: World) -> Post:
    meeting = make_meeting(world.pec)
    data = _meeting_data(world, start_time="9.75", status="scheduled")
    url = reverse("meetings:meeting_edit", args=[meeting.pk])
    return url, data, ["Start time must be a real time in the 24-hour clock, like 14:30"]


def item_missing_everything(world: World) -> Post:
    meeting = make_meeting(world.pec)
    url = reverse("meetings:item_create", args=[meeting.pk])
    return url, {"title": " ", "description": ""}, ["Enter title", "Select kind of item"]


def item_affecting_another_trust(world: World) -> Post:
    meeting = make_meeting(world.pec)
    other = make_trust(name="Elsewhere PCT", code="ELY")
    data = {"title": "Out of area", "kind": "decision", "affected": [other.practice.pk]}
    url = reverse("meetings:item_create", args=[meeting.pk])
    return url, data, ["Select organisations in this trust"]


def item_edit_after_decision(world: World) -> Post:
    meeting = make_meeting(world.pec)
    item = make_item(meeting, kind="decision", title="Already decided")
    attend_all(meeting, pec_people(world))
    ms.item_decide(
        actor=SYSTEM, item=item, outcome="approved", contribution="debated_agreed", reasons="Sound"
    )
    data = {"title": "Renamed", "kind": "decision"}
    url = reverse("meetings:item_edit", args=[item.pk])
    return url, data, ["This item has been decided: its record can no longer be changed"]


def paper_exe(world: World) -> Post:
    item = make_item(make_meeting(world.pec))
    upload = SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream")
    url = reverse("meetings:paper_create", args=[item.pk])
    return url, {"title": "Installer", "upload": upload}, ["The paper must be one of these file types: pdf"]


def paper_pretending_to_be_pdf(world: World) -> Post:
    item = make_item(make_meeting(world.pec))
    url = reverse("meetings:paper_create", args=[item.pk])
    return url, {"upload": pdf(body=b"not a pdf at all")}, ["The paper is not a real PDF"]


def paper_without_file(world: World) -> Post:
    item = make_item(make_meeting(world.pec))
    url = reverse("meetings:paper_create", args=[item.pk])
    return url, {"title": "Nothing"}, ["Select a file to upload"]


def attendance_bad_status(world: World) -> Post:
    meeting = make_meeting(world.pec)
    member = world.people["member"]
    url = reverse("meetings:attendance", args=[meeting.pk])
    message = f"Select whether {member.name} was present, sent apologies or was absent"
    return url, {f"person_{member.pk}": "asleep"}, [message]


def attendance_person_of_another_trust(world: World) -> Post:
    meeting = make_meeting(world.pec)
    other = make_trust(name="Elsewhere PCT", code="ELZ")
    url = reverse("meetings:attendance", args=[meeting.pk])
    data = {"person": other.people["member"].pk}
    return url, data, ["Select a person in this trust who is not a member"]


def approved_minutes_edited(world: World) -> Post:
    minutes = _approved_minutes(world)
    url = reverse("meetings:minutes_edit", args=[minutes.pk])
    return url, {"text": "Rewritten history"}, ["Approved minutes are locked"]


def draft_minutes_emptied(world: World) -> Post:
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=make_meeting(world.pec, days=-3))
    return reverse("meetings:minutes_edit", args=[minutes.pk]), {"text": "   "}, ["Enter the minutes"]


def minutes_approved_at_earlier_meeting(world: World) -> Post:
    earlier = make_meeting(world.pec, days=-60)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=make_meeting(world.pec, days=-3))
    url = reverse("meetings:minutes_approve", args=[minutes.pk])
    message = "Minutes are approved at a later meeting of the same committee"
    return url, {"at_meeting": earlier.pk}, [message]


def correction_without_reason(world: World) -> Post:
    minutes = _approved_minutes(world)
    url = reverse("meetings:minutes_correct", args=[minutes.pk])
    return url, {"text": "Corrected text", "correction_note": ""}, ["Say what is corrected and why"]


def correction_of_a_draft(world: World) -> Post:
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=make_meeting(world.pec, days=-3))
    url = reverse("meetings:minutes_correct", args=[minutes.pk])
    data = {"text": "Corrected", "correction_note": "Typo"}
    return url, data, ["Only approved minutes need a correction; edit the draft instead"]


def action_missing_everything(world: World) -> Post:
    meeting = make_meeting(world.pec)
    url = reverse("meetings:action_create", args=[meeting.pk])
    data = {"description": "", "owner": "", **date_fields("due_date", "", "", ""), "item": ""}
    return url, data, ["Enter what needs to be done", "Select who owns the action", "Enter due date"]


def action_for_item_of_another_meeting(world: World) -> Post:
    meeting = make_meeting(world.pec)
    elsewhere = make_item(make_meeting(world.pec, days=20))
    url = reverse("meetings:action_create", args=[meeting.pk])
    data = {
        "description": "Write to the practice",
        "owner": world.people["member"].pk,
        **date_fields("due_date", 1, 6, 2031),
        "item": elsewhere.pk,
    }
    return url, data, ["Select an item of this meeting"]


REFUSED = [
    meeting_without_location,
    meeting_with_impossible_time,
    meeting_with_words_for_time,
    meeting_with_impossible_date,
    meeting_missing_everything,
    meeting_of_another_trust,
    meeting_edit_bad_time,
    item_missing_everything,
    item_affecting_another_trust,
    item_edit_after_decision,
    paper_exe,
    paper_pretending_to_be_pdf,
    paper_without_file,
    attendance_bad_status,
    attendance_person_of_another_trust,
    approved_minutes_edited,
    draft_minutes_emptied,
    minutes_approved_at_earlier_meeting,
    correction_without_reason,
    correction_of_a_draft,
    action_missing_everything,
    action_for_item_of_another_meeting,
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.__name__ for c in REFUSED])
def test_form_with_bad_input_explains_and_saves_nothing(
    world: World, lead_client: Any, case: Callable[[World], Post]
) -> None:
    url, data, messages = case(world)
    before = snapshot()

    response = lead_client.post(url, data)

    summary = summary_of(text(response))
    assert response.status_code == 400
    assert [m for m in messages if m not in summary] == []
    assert snapshot() == before


def test_bad_time_keeps_what_was_typed(world: World, lead_client: Any) -> None:
    response = lead_client.post(reverse("meetings:meeting_create"), _meeting_data(world, start_time="25:99"))

    page = text(response)
    assert 'value="25:99"' in page
    assert 'value="Boardroom, Trust HQ"' in page


# Good posts --------------------------------------------------------------------------------


def test_meeting_create_redirects_and_shows_it(world: World, lead_client: Any) -> None:
    response = lead_client.post(reverse("meetings:meeting_create"), _meeting_data(world))

    meeting = Meeting.objects.get(location="Boardroom, Trust HQ")
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk])
    assert timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M") == "2031-03-12 14:30"
    assert meeting.public is True
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Professional Executive Committee, 12 March 2031</h1>" in page
    assert "12 March 2031 at 2:30pm" in page
    assert "Boardroom, Trust HQ" in page


def test_meeting_create_in_summer_stores_utc(world: World, lead_client: Any) -> None:
    data = _meeting_data(world, **date_fields("starts_on", 1, 7, 2031), start_time="09:00")
    data.pop("public")

    lead_client.post(reverse("meetings:meeting_create"), data)

    meeting = Meeting.objects.get()
    assert meeting.starts_at == dt.datetime(2031, 7, 1, 8, 0, tzinfo=dt.UTC)
    assert meeting.public is False


def test_meeting_edit_redirects_and_shows_the_change(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    data = {
        **date_fields("starts_on", 2, 4, 2031),
        "start_time": "10:00",
        "location": "Room 2, Civic Centre",
        "status": "cancelled",
    }

    response = lead_client.post(reverse("meetings:meeting_edit", args=[meeting.pk]), data)

    assert response.status_code == 302
    page = text(lead_client.get(response["Location"]))
    assert "Room 2, Civic Centre" in page
    assert "2 April 2031 at 10:00am" in page
    assert "Cancelled" in page


def test_meeting_edit_form_shows_the_current_values(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec, location="Room 7")
    local = timezone.localtime(meeting.starts_at)

    page = text(lead_client.get(reverse("meetings:meeting_edit", args=[meeting.pk])))

    assert 'value="Room 7"' in page
    assert f'value="{local:%H:%M}"' in page


def test_item_create_with_affected_organisations_shows_them(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Riverside PBC group")
    data = {
        "title": "Community diabetes service",
        "kind": "recommendation",
        "description": "A business case from the group",
        "affected": [world.practice.pk, group.pk],
    }

    response = lead_client.post(reverse("meetings:item_create", args=[meeting.pk]), data)

    item = AgendaItem.objects.get(meeting=meeting)
    assert response.status_code == 302
    assert {o.pk for o in item.affected.all()} == {world.practice.pk, group.pk}
    agenda = text(lead_client.get(response["Location"])).split('id="agenda-table"', 1)[1]
    assert "Community diabetes service" in agenda
    assert "Recommendation to the Board" in agenda
    assert "Riverside PBC group" in agenda
    assert world.practice.name in agenda


def test_item_form_groups_organisations_by_kind(world: World, lead_client: Any) -> None:
    make_org(world.trust, OrganisationKind.PBC_GROUP, "Riverside PBC group")
    make_org(world.trust, OrganisationKind.PROVIDER, "Avonmere Community Services")
    make_org(world.trust, OrganisationKind.LOCALITY, "North locality")
    meeting = make_meeting(world.pec)

    page = text(lead_client.get(reverse("meetings:item_create", args=[meeting.pk])))

    legends = ["GP practices", "PBC groups and consortia", "Providers", "Other organisations"]
    assert [page.index(legend) for legend in legends] == sorted(page.index(legend) for legend in legends)
    assert "North locality" in page.split("Other organisations", 1)[1]
    assert f'name="affected" type="checkbox" value="{world.practice.pk}"' in page
    assert f'name="affected" type="checkbox" value="{world.trust.pk}"' not in page


@pytest.mark.parametrize(
    ("form_class", "model"),
    [
        ("MeetingForm", Meeting),
        ("MeetingEditForm", Meeting),
        ("ItemForm", AgendaItem),
        ("ActionForm", Action),
    ],
)
def test_forms_for_one_model_are_model_forms(form_class: str, model: Any) -> None:
    from django import forms

    from pecgov.meetings import forms as meeting_forms

    cls = getattr(meeting_forms, form_class)
    assert issubclass(cls, forms.ModelForm)
    assert cls._meta.model is model


def test_item_form_offers_no_blank_kind(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)

    page = text(lead_client.get(reverse("meetings:item_create", args=[meeting.pk])))

    assert 'name="kind" type="radio" value=""' not in page
    assert "---------" not in page.split('name="kind"', 1)[1].split("</fieldset>", 1)[0]


def test_item_edit_redirects_and_shows_the_change(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    item = make_item(meeting, title="Old title", affected=[world.practice])
    data = {"title": "New title", "kind": "discussion", "description": ""}

    response = lead_client.post(reverse("meetings:item_edit", args=[item.pk]), data)

    item.refresh_from_db()
    assert response.status_code == 302
    assert (item.title, item.kind, list(item.affected.all())) == ("New title", "discussion", [])
    assert "New title" in text(lead_client.get(response["Location"]))


def test_paper_upload_shows_a_link_that_downloads_it(world: World, lead_client: Any) -> None:
    item = make_item(make_meeting(world.pec))
    body = (
        b"%PDF-1.4 the business case"
        + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
    )

    response = lead_client.post(
        reverse("meetings:paper_create", args=[item.pk]),
        {"title": "Business case", "upload": pdf("case.pdf", body)},
    )

    paper = Paper.objects.get(item=item)
    assert response.status_code == 302
    assert reverse("meetings:paper_download", args=[paper.pk]) in text(lead_client.get(response["Location"]))
    download = lead_client.get(reverse("meetings:paper_download", args=[paper.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == body
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"] == 'attachment; filename="Business case.pdf"'


def test_paper_form_uses_the_file_upload_component(world: World, lead_client: Any) -> None:
    item = make_item(make_meeting(world.pec))

    page = text(lead_client.get(reverse("meetings:paper_create", args=[item.pk])))

    assert 'enctype="multipart/form-data"' in page
    assert 'type="file"' in page
    assert "nhsuk-file-upload" in page


def test_attendance_saves_every_member_and_someone_in_attendance(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec, days=-1)
    members = pec_people(world)
    officer = make_person(world.trust, Profession.MANAGER, name="Olu Officer")
    data = {f"person_{p.pk}": "present" for p in members}
    data[f"person_{world.people['member'].pk}"] = "apologies"
    data["person"] = officer.pk

    response = lead_client.post(reverse("meetings:attendance", args=[meeting.pk]), data)

    assert response.status_code == 302
    records = {a.person.name: (a.status, a.kind) for a in Attendance.objects.filter(meeting=meeting)}
    assert records[world.people["member"].name] == ("apologies", "member")
    assert records["Olu Officer"] == ("present", "in_attendance")
    assert len(records) == len(members) + 1
    table = text(lead_client.get(response["Location"])).split('id="attendance-table"', 1)[1]
    assert "Sent apologies" in table
    assert "In attendance (not a member)" in table


def test_attendance_form_shows_what_was_recorded(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    member = world.people["member"]
    ms.attendance_set(actor=SYSTEM, meeting=meeting, person=member, status="apologies")

    page = text(lead_client.get(reverse("meetings:attendance", args=[meeting.pk])))

    group = page.split(f'name="person_{member.pk}"', 1)[1]
    assert group.split(">", 1)[0].count("checked") == 0  # present: not chosen
    assert f'name="person_{member.pk}" type="radio" value="apologies" checked' in page


def test_attendance_changes_only_what_changed(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec, days=-1)
    members = pec_people(world)
    attend_all(meeting, members)
    before = Attendance.history.count()  # type: ignore[attr-defined]
    data = {f"person_{p.pk}": "present" for p in members}
    data[f"person_{world.people['member'].pk}"] = "absent"

    lead_client.post(reverse("meetings:attendance", args=[meeting.pk]), data)

    assert Attendance.history.count() == before + 1  # type: ignore[attr-defined]


def test_minutes_draft_edit_approve_and_correct(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec, days=-7)
    later = make_meeting(world.pec, days=21)
    make_item(meeting, title="Prescribing budget", kind="discussion")

    drafted = lead_client.post(reverse("meetings:minutes_draft", args=[meeting.pk]))
    minutes = Minutes.objects.get(meeting=meeting)
    assert drafted["Location"] == reverse("meetings:minutes_edit", args=[minutes.pk])
    assert "Prescribing budget" in minutes.text

    edited = lead_client.post(
        reverse("meetings:minutes_edit", args=[minutes.pk]), {"text": "Line one\nLine two\n\nNext part"}
    )
    assert edited["Location"] == reverse("meetings:minutes_detail", args=[minutes.pk])
    page = text(lead_client.get(edited["Location"]))
    assert "<p>Line one<br>Line two</p>" in page
    assert "<p>Next part</p>" in page
    assert "Draft" in page

    approved = lead_client.post(
        reverse("meetings:minutes_approve", args=[minutes.pk]), {"at_meeting": later.pk}
    )
    minutes.refresh_from_db()
    assert approved.status_code == 302
    assert (minutes.status, minutes.approved_at_meeting) == ("approved", later)
    assert "Approved and locked" in text(lead_client.get(approved["Location"]))

    corrected = lead_client.post(
        reverse("meetings:minutes_correct", args=[minutes.pk]),
        {"text": "Line one\nLine two, corrected", "correction_note": "Line two misquoted the budget"},
    )
    correction = Minutes.objects.get(meeting=meeting, version=2)
    assert corrected["Location"] == reverse("meetings:minutes_detail", args=[correction.pk])
    page = text(lead_client.get(corrected["Location"]))
    assert "Line two misquoted the budget" in page
    assert "Minutes, version 2" in page
    versions = text(lead_client.get(reverse("meetings:meeting_detail", args=[meeting.pk])))
    assert "Version 1" in versions
    assert "Version 2" in versions


def test_second_draft_is_refused_with_a_message(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec, days=-7)
    ms.minutes_draft(actor=SYSTEM, meeting=meeting)

    response = lead_client.post(reverse("meetings:minutes_draft", args=[meeting.pk]), follow=True)

    assert Minutes.objects.filter(meeting=meeting).count() == 1
    assert "A draft already exists: edit it" in text(response)


def test_action_create_and_complete_by_its_owner(world: World, lead_client: Any, client_for: Any) -> None:
    meeting = make_meeting(world.pec, days=-7)
    item = make_item(meeting, title="Referral pathway")
    owner = world.people["member"]
    data = {
        "description": "Write to the practices about the pathway",
        "owner": owner.pk,
        **date_fields("due_date", 1, 6, 2031),
        "item": item.pk,
    }

    response = lead_client.post(reverse("meetings:action_create", args=[meeting.pk]), data)

    action = Action.objects.get(meeting=meeting)
    assert response.status_code == 302
    table = text(lead_client.get(response["Location"])).split('id="actions-table"', 1)[1]
    assert "Write to the practices about the pathway" in table
    assert "1 June 2031" in table
    home = text(client_for("member").get(reverse("home")))
    assert "Your actions" in home
    assert "Write to the practices about the pathway" in home

    done = client_for("member").post(
        reverse("meetings:action_complete", args=[action.pk]), {"next": reverse("home")}
    )

    action.refresh_from_db()
    assert done["Location"] == reverse("home")
    assert action.done_on == timezone.localdate()
    assert "Your actions" not in text(client_for("member").get(reverse("home")))


def test_action_complete_by_someone_else_is_forbidden(world: World, client_for: Any) -> None:
    action = ms.action_add(
        actor=SYSTEM,
        meeting=make_meeting(world.pec),
        description="Check the figures",
        owner=world.people["member"],
        due_date=dt.date(2031, 1, 1),
    )

    response = client_for("pec_chair").post(reverse("meetings:action_complete", args=[action.pk]))

    action.refresh_from_db()
    assert response.status_code == 403
    assert action.done_on is None


def test_action_complete_ignores_an_offsite_next(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    action = ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="Check the figures",
        owner=world.people["member"],
        due_date=dt.date(2031, 1, 1),
    )

    response = lead_client.post(
        reverse("meetings:action_complete", args=[action.pk]), {"next": "https://example.com/"}
    )

    assert response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk]) + "#actions"


# Who may post ------------------------------------------------------------------------------


def _lead_only_posts(world: World) -> list[tuple[str, dict[str, Any]]]:
    meeting = make_meeting(world.pec, days=-7)
    item = make_item(meeting)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    return [
        (reverse("meetings:meeting_create"), _meeting_data(world)),
        (reverse("meetings:meeting_edit", args=[meeting.pk]), _meeting_data(world, status="held")),
        (reverse("meetings:item_create", args=[meeting.pk]), {"title": "X", "kind": "decision"}),
        (reverse("meetings:item_edit", args=[item.pk]), {"title": "X", "kind": "decision"}),
        (reverse("meetings:paper_create", args=[item.pk]), {"upload": pdf()}),
        (
            reverse("meetings:attendance", args=[meeting.pk]),
            {f"person_{world.people['member'].pk}": "present"},
        ),
        (reverse("meetings:minutes_draft", args=[meeting.pk]), {}),
        (reverse("meetings:minutes_edit", args=[minutes.pk]), {"text": "Changed"}),
        (reverse("meetings:minutes_approve", args=[minutes.pk]), {"at_meeting": meeting.pk}),
        (
            reverse("meetings:action_create", args=[meeting.pk]),
            {"description": "X", "owner": world.people["member"].pk, **date_fields("due_date", 1, 1, 2031)},
        ),
    ]


def test_pec_member_gets_403_on_lead_only_pages_and_saves_nothing(world: World, client_for: Any) -> None:
    posts = _lead_only_posts(world)
    member = client_for("member")
    before = snapshot()

    answers = {url: (member.get(url).status_code, member.post(url, data).status_code) for url, data in posts}

    expected = {url: (405 if url.endswith("/minutes/new/") else 403, 403) for url, _ in posts}
    assert answers == expected
    assert snapshot() == before


def test_another_trusts_lead_gets_404_and_saves_nothing(world: World, other_world: World) -> None:
    from django.test import Client

    posts = _lead_only_posts(world)[1:]  # all but meeting_create, which names no object
    outsider = Client()
    outsider.force_login(other_world.users["governance_lead"])
    before = snapshot()

    answers = {url: outsider.post(url, data).status_code for url, data in posts}

    assert set(answers.values()) == {404}
    assert snapshot() == before


def test_paper_download_is_for_trust_members_only(world: World, other_world: World, client_for: Any) -> None:
    from django.test import Client

    item = make_item(make_meeting(world.pec))
    paper = ms.paper_add(
        actor=SYSTEM,
        item=item,
        title="Budget",
        upload=pdf(
            body=b"%PDF-1.4 budget"
            + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
        ),
    )
    url = reverse("meetings:paper_download", args=[paper.pk])
    outsider = Client()
    outsider.force_login(other_world.users["governance_lead"])

    mine = client_for("member").get(url)

    assert mine.status_code == 200
    assert b"".join(mine.streaming_content).startswith(b"%PDF-1.4 budget")
    assert outsider.get(url).status_code == 404
    assert client_for("applicant").get(url).status_code == 403
    assert client_for("anonymous").get(url).status_code == 302


def test_post_only_urls_answer_405_to_get(world: World, lead_client: Any) -> None:
    meeting = make_meeting(world.pec)
    action = ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="X",
        owner=world.people["member"],
        due_date=dt.date(2031, 1, 1),
    )

    draft = lead_client.get(reverse("meetings:minutes_draft", args=[meeting.pk]))
    complete = lead_client.get(reverse("meetings:action_complete", args=[action.pk]))

    assert (draft.status_code, complete.status_code) == (405, 405)
    assert Minutes.objects.count() == 0


def test_pbc_approvals_meeting_can_be_scheduled(world: World, lead_client: Any) -> None:
    from pecgov.trust import services as ts

    approvals = ts.committee_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=CommitteeKind.PBC_APPROVALS,
        name="PBC approvals committee",
        parent=world.pec,
    )

    response = lead_client.post(
        reverse("meetings:meeting_create"), _meeting_data(world, committee=approvals.pk)
    )

    assert response.status_code == 302
    assert Meeting.objects.get().committee == approvals
