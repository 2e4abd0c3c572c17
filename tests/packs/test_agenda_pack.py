"""Agenda packs (PUB-2): one PDF per meeting with a cover, the agenda, the screening as a table of
interests and every paper in order, with bookmarks matching the agenda and page numbers; a public
version without the items taken in private (PUB-1); built on the task queue, frozen with SHA-256."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

import pytest
from django.urls import reverse

from pecgov.audit.models import AuditEvent
from pecgov.meetings import services as ms
from pecgov.meetings.models import AgendaPack
from pecgov.meetings.packs import agenda_pack_for
from pecgov.meetings.packs import services as packs
from pecgov.meetings.packs.render import outline_titles
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people
from tests.packs.helpers import add_paper, links_of, page_count, text_of

pytestmark = pytest.mark.django_db

# Markers without hyphens or spaces, looked for in the text with all whitespace removed, so a
# line break inside a table cell cannot hide one.
SECRET_TITLE = "ZqxPrivateTitle"
SECRET_PAPER = "ZqxPrivatePaper"
SECRET_BODY = "ZqxPrivateBody"


def meeting_with_papers(world: World) -> Any:
    meeting = make_meeting(world.pec, days=10)
    attend_all(meeting, pec_people(world))
    first = make_item(meeting, title="Minutes of the last meeting")
    second = make_item(
        meeting,
        kind="recommendation",
        title="Business case from the chair's practice",
        affected=[world.practice],
    )
    third = ms.item_add(
        actor=SYSTEM,
        meeting=meeting,
        title=f"Staffing {SECRET_TITLE}",
        kind="decision",
        description="",
        affected=[],
        confidential=True,
        confidential_reason="Personal information about staff",
    )
    add_paper(first, "Draft minutes", "The minutes text", pages=2)
    add_paper(second, "Business case", "The case for change", pages=3)
    add_paper(second, "Finance annex", "The money", pages=1)
    add_paper(third, SECRET_PAPER, SECRET_BODY, pages=1)
    return meeting, [first, second, third]


def flat(pdf: bytes) -> str:
    return "".join(text_of(pdf).split())


def test_the_full_pack_has_every_paper_in_order_with_bookmarks_matching_the_agenda(world: World) -> None:
    """PUB-2: cover, agenda, interests, papers; one bookmark per agenda item, papers beneath."""
    meeting, items = meeting_with_papers(world)

    pack = packs.build_pack(meeting, public=False)
    pdf = packs.pack_pdf(pack)

    outline = outline_titles(pdf)
    headings = [entry for entry in outline if isinstance(entry, str)]
    assert headings[:3] == ["Cover", "Agenda", "Declared interests relevant to the items"]
    assert headings[3:] == [f"{i.number}. {i.title}" for i in items]
    children = [entry for entry in outline if isinstance(entry, list)]
    assert children == [["Draft minutes"], ["Business case", "Finance annex"], [SECRET_PAPER]]
    total = page_count(pdf)
    assert pack.pages == total
    text = text_of(pdf)
    # The papers' 7 pages follow the front matter, numbered in the pack's own sequence.
    assert f"Page {total} of {total}" in text
    front = total - 7
    # The agenda names the page each paper starts on: 2 + 3 + 1 pages come before the private one.
    assert f"Draftminutes,page{front + 1}" in flat(pdf)
    assert f"Financeannex,page{front + 6}" in flat(pdf)
    assert text.index("The minutes text page 1") < text.index("The case for change page 3")
    assert text.index("The case for change page 3") < text.index("The money page 1")
    assert SECRET_BODY in flat(pdf) and SECRET_TITLE in flat(pdf)
    assert pack.sha256 == hashlib.sha256(pdf).hexdigest()


def test_the_interests_table_lists_the_flagged_member_and_the_handling(world: World) -> None:
    """PUB-2, COI-2: the screening as a table, with how each conflict is handled so far."""
    meeting, _ = meeting_with_papers(world)

    text = flat(packs.pack_pdf(packs.build_pack(meeting, public=False)))

    chair = "".join(world.people["pec_chair"].name.split())
    interests = text[text.index("Declaredinterestsrelevanttotheitems") :]
    assert chair in interests
    assert "Notyetruledon" in interests


def test_the_public_pack_leaves_out_items_taken_in_private(world: World) -> None:
    """PUB-1, PUB-2: no title, paper or words of an item taken in private reach the public pack."""
    meeting, items = meeting_with_papers(world)

    pdf = packs.pack_pdf(packs.build_pack(meeting, public=True))

    text = text_of(pdf)
    for marker in (SECRET_TITLE, SECRET_PAPER, SECRET_BODY):
        assert marker not in flat(pdf)
        assert marker not in str(outline_titles(pdf))
    assert "Taken in private" in text
    assert "The case for change page 1" in text
    assert [e for e in outline_titles(pdf) if isinstance(e, str)][3:] == [
        f"{items[0].number}. {items[0].title}",
        f"{items[1].number}. {items[1].title}",
        f"{items[2].number}. Taken in private",
    ]


def test_papers_published_build_the_pack_once_after_commit(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """PUB-2, X-4: publishing a paper enqueues the build on commit; an unchanged meeting builds
    nothing again; a further paper makes version 2 and version 1 is kept."""
    meeting = make_meeting(world.pec, days=10)
    item = make_item(meeting, title="Estates strategy")
    with django_capture_on_commit_callbacks(execute=True):
        add_paper(item, "Estates paper", "Estates text")
    first = agenda_pack_for(meeting, public=False)
    assert first is not None and first.version == 1
    assert agenda_pack_for(meeting, public=True) is not None

    packs.build_packs(meeting.pk)  # run again with nothing changed
    assert AgendaPack.objects.filter(meeting=meeting).count() == 2

    with django_capture_on_commit_callbacks(execute=True):
        add_paper(item, "Estates annex", "Annex text")
    latest = agenda_pack_for(meeting, public=False)
    assert latest is not None and latest.version == 2
    assert AgendaPack.objects.filter(meeting=meeting, public=False).count() == 2
    events = AuditEvent.objects.filter(action="agenda_pack.build")
    assert events.count() == 4
    assert {e.data["sha256"] for e in events} == set(AgendaPack.objects.values_list("sha256", flat=True))


def test_an_item_taken_in_private_leaves_the_public_pack_at_once(world: World) -> None:
    """PUB-1: an item made private after the pack was built is out of the public pack in the same
    write, before any worker runs."""
    meeting = make_meeting(world.pec, days=10)
    item = make_item(meeting, title=f"Restructure {SECRET_TITLE}")
    add_paper(item, SECRET_PAPER, SECRET_BODY)
    packs.build_packs(meeting.pk)
    assert SECRET_TITLE in flat(packs.pack_pdf(agenda_pack_for(meeting, public=True)))  # type: ignore[arg-type]

    ms.item_update(
        actor=world.users["governance_lead"],
        item=item,
        confidential=True,
        confidential_reason="Staff matters",
    )

    public = agenda_pack_for(meeting, public=True)
    assert public is not None and public.version == 2
    text = flat(packs.pack_pdf(public))
    assert SECRET_TITLE not in text and SECRET_BODY not in text


def test_the_meeting_page_offers_the_pack_and_serves_the_stored_bytes(world: World, client_for: Any) -> None:
    """PUB-2: a "Download agenda pack" link on the meeting page; the download is the stored PDF."""
    meeting, _ = meeting_with_papers(world)
    pack = packs.build_pack(meeting, public=False)
    client = client_for("member")

    page = client.get(reverse("meetings:meeting_detail", args=[meeting.pk])).content.decode()
    response = client.get(reverse("meetings:agenda_pack", args=[meeting.pk]))

    assert "Download agenda pack" in page
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == packs.pack_pdf(pack)


def test_the_public_pack_is_served_to_anyone_only_for_a_public_meeting(world: World, client: Any) -> None:
    """PUB-1, PUB-2: signed out, the public version; never the full one; none for a private meeting."""
    meeting, _ = meeting_with_papers(world)
    packs.build_packs(meeting.pk)
    url = reverse("meetings:agenda_pack_public", args=[meeting.pk])
    # PUB-1: ten days ahead, the papers are not yet published (the pack says three days before).
    assert client.get(url).status_code == 404
    ms.meeting_update(actor=SYSTEM, meeting=meeting, starts_at=meeting.starts_at - dt.timedelta(days=8))

    body = b"".join(client.get(url).streaming_content)
    assert SECRET_BODY not in flat(body)
    assert client.get(reverse("meetings:agenda_pack", args=[meeting.pk])).status_code == 302

    ms.meeting_update(actor=SYSTEM, meeting=meeting, public=False)
    assert client.get(url).status_code == 404


def test_another_trust_cannot_fetch_the_pack(world: World, other_world: World) -> None:
    """X-1: another trust's meeting answers 404."""
    from django.test import Client

    meeting, _ = meeting_with_papers(world)
    outsider = Client()
    outsider.force_login(other_world.users["governance_lead"])

    assert outsider.get(reverse("meetings:agenda_pack", args=[meeting.pk])).status_code == 404
    assert not AgendaPack.objects.exists()


def test_a_paper_that_is_not_a_pdf_is_listed_with_a_link(world: World) -> None:
    """PUB-2: a spreadsheet or document paper is not merged: the agenda names it and links to it;
    the public version names it without a link to a signed-in page."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    meeting = make_meeting(world.pec, days=10)
    item = make_item(meeting, title="Activity figures")
    paper = ms.paper_add(
        actor=SYSTEM,
        item=item,
        title="Activity spreadsheet",
        upload=SimpleUploadedFile("activity.csv", b"practice,referrals\nA,10\n", content_type="text/csv"),
    )

    full = packs.pack_pdf(packs.build_pack(meeting, public=False))
    public = packs.pack_pdf(packs.build_pack(meeting, public=True))

    assert "Activityspreadsheet:notinthispack,downloadit" in flat(full)
    assert any(link.endswith(reverse("meetings:paper_download", args=[paper.pk])) for link in links_of(full))
    assert links_of(public) == []
    assert "Activityspreadsheet:notinthispack,askthegovernanceteamforacopy" in flat(public)
    assert outline_titles(full)[3:] == [f"{item.number}. {item.title}"]


def test_the_public_meeting_page_links_the_pack_from_the_day_the_papers_are_out(
    world: World, client: Any
) -> None:
    """PUB-1, PUB-2: the public meeting page and the public pack agree on the publication day."""
    meeting, _ = meeting_with_papers(world)  # ten days ahead: three days before is still to come
    packs.build_packs(meeting.pk)
    page_url = reverse("public:meeting", kwargs={"trust": world.trust.ods_code, "pk": meeting.pk})
    pack_url = reverse("meetings:agenda_pack_public", args=[meeting.pk])
    before = client.get(page_url).content.decode()
    assert "will be published on" in before
    assert pack_url not in before
    assert client.get(pack_url).status_code == 404

    ms.meeting_update(actor=SYSTEM, meeting=meeting, starts_at=meeting.starts_at - dt.timedelta(days=8))
    after = client.get(page_url).content.decode()
    assert pack_url in after
    assert client.get(pack_url).status_code == 200
