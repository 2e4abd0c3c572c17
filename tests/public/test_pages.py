"""The public site's pages (PUB-1): what an anonymous visitor sees, and what they never see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from pecgov.delegation import services as ds
from pecgov.policy.services import policy_override
from tests.downloads import close_download
from tests.factories import SYSTEM, World
from tests.public.helpers import MARKERS, Published, published


@pytest.fixture
def pub(world: World, settings: Any, tmp_path: Any) -> Published:
    settings.MEDIA_ROOT = tmp_path
    return published(world)


def get(name: str, pub: Published, **kw: Any) -> Any:
    response = Client().get(reverse(f"public:{name}", kwargs={"trust": pub.key, **kw}))
    assert response.status_code == 200, (name, response.status_code)
    return response


def text(response: Any) -> str:
    return str(response.content.decode())


def test_trust_found_by_ods_code_in_any_case_and_by_name_slug(pub: Published) -> None:
    """PUB-1: the trust's site is at its ODS code or the slug of its name."""
    client = Client()
    for key in (pub.world.trust.ods_code.upper(), pub.world.trust.ods_code.lower(), "testshire-pct"):
        response = client.get(reverse("public:trust", kwargs={"trust": key}))
        assert response.status_code == 200, key
        assert pub.world.trust.name in text(response)
    assert client.get(reverse("public:trust", kwargs={"trust": "no-such-trust"})).status_code == 404


def test_landing_page_links_every_part_of_the_site(pub: Published) -> None:
    """PUB-1: the landing page links committees, meetings, decisions, statements, the register, posts."""
    page = text(get("trust", pub))
    for url in (
        reverse("public:committee", kwargs={"trust": pub.key, "pk": pub.world.pec.pk}),
        reverse("public:meetings", kwargs={"trust": pub.key}),
        reverse("public:decisions", kwargs={"trust": pub.key}),
        reverse("public:statements", kwargs={"trust": pub.key}),
        reverse("public:public_register"),
        reverse("applicants:posts"),
        reverse("popolo:persons", kwargs={"trust": pub.key}),
    ):
        assert f'href="{url}' in page, url


def test_committee_page_lists_current_members_with_lead_areas_and_past_members(pub: Published) -> None:
    """PUB-1: name, role, profession, since when, lead areas; past members apart."""
    member = pub.world.people["member"]
    ds.lead_area_create(actor=SYSTEM, person=member, area="Urgent care", start_date=dt.date(2021, 1, 1))
    page = text(get("committee", pub, pk=pub.world.pec.pk))
    current = page.split('id="current-members"')[1].split("</table>")[0]
    assert member.name in current
    assert "Urgent care" in current
    assert "Nurse" in current
    assert "1 April 2020" in current


def test_meeting_page_withholds_the_private_item_and_says_so(pub: Published) -> None:
    """PUB-1: an item taken in private shows only that an item was taken in private."""
    page = text(get("meeting", pub, pk=pub.meeting.pk))
    assert "An item was taken in private" in page
    assert MARKERS["private_title"] not in page
    assert "Business case: diabetes clinic" in page
    assert "Finance report paper" in page
    committee_url = reverse("public:committee", kwargs={"trust": pub.key, "pk": pub.world.pec.pk})
    assert f'<a href="{committee_url}">Professional Executive Committee</a>' in page


def test_meeting_page_shows_approved_minutes_and_never_a_draft(pub: Published) -> None:
    """PUB-1: approved minutes only; the approved text has the private item redacted."""
    approved = text(get("meeting", pub, pk=pub.meeting.pk))
    assert 'id="minutes-text"' in approved
    assert "An item was taken in private" in approved.split('id="minutes-text"')[1]
    draft = text(get("meeting", pub, pk=pub.draft.pk))
    assert 'id="minutes-text"' not in draft
    assert "The minutes are published once the committee has approved them." in draft


def test_meeting_not_held_in_public_is_not_found_and_not_listed(pub: Published) -> None:
    """PUB-1, X-1: a meeting not held in public never appears."""
    url = reverse("public:meeting", kwargs={"trust": pub.key, "pk": pub.closed.pk})
    assert Client().get(url).status_code == 404
    assert url not in text(get("meetings", pub))


def test_agenda_waits_for_the_pack_publication_day(pub: Published, world: World) -> None:
    """PUB-1: the agenda appears `public.papers_days_before` days before the meeting (a pack parameter)."""
    page = text(get("meeting", pub, pk=pub.upcoming.pk))
    assert "will be published on" in page
    assert MARKERS["unpublished_item"] not in page
    policy_override(actor=SYSTEM, trust=world.trust, key="public.papers_days_before", value=60, reason="Test")
    assert MARKERS["unpublished_item"] in text(get("meeting", pub, pk=pub.upcoming.pk))


def test_paper_of_private_item_or_unpublished_meeting_is_not_found(pub: Published) -> None:
    """PUB-1, X-1: only published papers of public items download."""
    client = Client()
    ok = client.get(reverse("public:paper", kwargs={"trust": pub.key, "pk": pub.public_paper.pk}))
    assert ok.status_code == 200
    close_download(ok)
    private_paper = pub.private.papers.get()
    early_paper = pub.upcoming.items.get().papers.get()
    for paper in (private_paper, early_paper):
        assert (
            client.get(reverse("public:paper", kwargs={"trust": pub.key, "pk": paper.pk})).status_code == 404
        )


def test_decisions_register_shows_outcome_reasons_changes_and_who_stepped_out(pub: Published) -> None:
    """PUB-1: outcome, reasons, what changed, who was excluded for a conflict and how."""
    page = text(get("decisions", pub))
    section = page.split(f'id="decision-{pub.decided.pk}"')[1].split("</dl>")[0]
    assert "Approved with changes" in section
    assert "Shorter waits for patients with diabetes" in section
    assert "Halved the first-year budget" in section
    assert f"{pub.world.people['pec_chair'].name}: Excluded from the decision, may give advice" in section
    assert MARKERS["private_outcome_reasons"] not in page


def test_statement_page_shows_conflicts_votes_and_the_board_decision(pub: Published) -> None:
    """PUB-1, COI-5: the statement to the Board as a public page."""
    listing = text(get("statements", pub))
    statement_url = reverse("public:statement", kwargs={"trust": pub.key, "pk": pub.decided.pk})
    assert f'<a href="{statement_url}">Business case: diabetes clinic</a>' in listing
    page = text(get("statement", pub, pk=pub.decided.pk))
    assert "Financial interest in the practice" in page
    assert "Accepted the recommendation" in page
    assert (
        Client().get(reverse("public:statement", kwargs={"trust": pub.key, "pk": pub.private.pk})).status_code
        == 404
    )


def test_public_pages_send_public_cache_control_from_the_pack(pub: Published, world: World) -> None:
    """PUB-1: a shared cache may keep a public page for the pack's `public.cache_seconds`."""
    assert get("trust", pub)["Cache-Control"] == "public, max-age=300"
    policy_override(actor=SYSTEM, trust=world.trust, key="public.cache_seconds", value=60, reason="Test")
    assert get("meetings", pub)["Cache-Control"] == "public, max-age=60"


def test_public_pages_stay_private_for_a_signed_in_user(pub: Published, client_for: Any) -> None:
    """X-1: a signed-in answer is never kept by a shared cache, public page or not."""
    response = client_for("member").get(reverse("public:trust", kwargs={"trust": pub.key}))
    assert response["Cache-Control"] == "private, no-store"


def test_signed_in_meeting_page_says_taken_in_private(pub: Published, lead_client: Any) -> None:
    """PUB-1: the signed-in agenda marks the item taken in private, with its reason."""
    page = lead_client.get(reverse("meetings:meeting_detail", kwargs={"pk": pub.meeting.pk})).content.decode()
    assert "Taken in private" in page
    assert MARKERS["private_reason"] in page


def test_meeting_state_matches_the_signed_in_pages(pub: Published) -> None:
    """PUB-1: Scheduled/Held/Cancelled come from the model, as on the signed-in pages."""
    listing = text(get("meetings", pub))
    assert pub.meeting.state_label == "Held"
    assert pub.upcoming.state_label == "Scheduled"
    assert "Held" in listing and "Scheduled" in listing
