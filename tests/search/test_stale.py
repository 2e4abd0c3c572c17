"""The index never goes stale (PUB-1, X-1): what is public by date follows the trust's
`public.papers_days_before` as it is when searching, and a rename re-writes every row that copies
the name. Each test searches, changes one thing through its service, and searches again; the
public search must agree with the public pages at every step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.interests import services as isv
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.policy.services import policy_override, policy_override_withdraw
from pecgov.public.queries import trust_key
from pecgov.search import queries
from pecgov.search.indexing import reindex
from pecgov.search.models import Audience, Kind, SearchDocument
from pecgov.trust import services as ts
from tests.commissioning_factories import make_commissioning, submit_case
from tests.factories import SYSTEM, World, make_person
from tests.meeting_factories import declare, make_item, make_meeting
from tests.search.helpers import pdf_with

pytestmark = pytest.mark.django_db

DAYS = "public.papers_days_before"


def public_titles(world: World, q: str, today: dt.date | None = None) -> list[str]:
    return [r.title for r in queries.for_public(world.trust, q, today=today).results]


def lead_titles(world: World, q: str) -> list[str]:
    return [r.title for r in queries.for_user(world.users["governance_lead"], world.trust.pk, q).results]


def meeting_page(world: World, pk: int) -> str:
    url = reverse("public:meeting", args=[trust_key(world.trust), pk])
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_papers_days_before_change_publishes_and_withdraws_at_once(world: World, capture: Any) -> None:
    """PUB-1: an item and its paper of a meeting 20 days ahead are found once the trust publishes
    papers 30 days ahead, and withdrawn again when the override goes: no reindex, no row rewritten.
    The public meeting page shows the item exactly when the public search finds it (X-1)."""
    meeting = make_meeting(world.pec, days=20)
    item = make_item(meeting, title="Wound dressing formulary")
    with capture(execute=True):
        ms.paper_add(actor=SYSTEM, item=item, title="Formulary paper", upload=pdf_with("wound dressings"))
    reindex(read_text=False)
    rows = list(SearchDocument.objects.filter(audience=Audience.PUBLIC).values_list("id", "public_from"))
    assert public_titles(world, "formulary") == []
    assert "Wound dressing formulary" not in meeting_page(world, meeting.pk)

    override = policy_override(actor=SYSTEM, trust=world.trust, key=DAYS, value=30, reason="Earlier packs")
    found = public_titles(world, "formulary")
    assert sorted(found) == [f"Formulary paper ({meeting})", f"Wound dressing formulary ({meeting})"]
    assert "Wound dressing formulary" in meeting_page(world, meeting.pk)

    policy_override_withdraw(actor=SYSTEM, override=override, reason="Back to the pack")
    assert public_titles(world, "formulary") == []
    assert "Wound dressing formulary" not in meeting_page(world, meeting.pk)
    assert (
        list(SearchDocument.objects.filter(audience=Audience.PUBLIC).values_list("id", "public_from")) == rows
    )


def test_organisation_rename_rewrites_its_people_and_cases(world: World, capture: Any) -> None:
    """X-1: a practice's name is copied into its people's and its business cases' rows."""
    make_commissioning(world)
    make_person(world.trust, name="Dr Ada Quill", organisation=world.practice)
    submit_case(world, title="Podiatry clinic")
    reindex()
    old = world.practice.name
    assert len(lead_titles(world, "Wickham Lane")) == 0
    with capture(execute=True):
        ts.organisation_update(actor=SYSTEM, organisation=world.practice, name="Wickham Lane Surgery")
    found = queries.for_user(world.users["governance_lead"], world.trust.pk, "wickham").results
    assert {r.kind for r in found} == {Kind.CASE, Kind.ORGANISATION, Kind.PERSON}
    assert "Dr Ada Quill" in [r.title for r in found]
    assert not SearchDocument.objects.filter(body__contains=old).exists()


def test_committee_rename_rewrites_its_meetings_items_papers_and_members(world: World, capture: Any) -> None:
    """PUB-1: a committee's name is in each meeting's title, so in its items', papers' and
    minutes' titles, and in its members' rows; the public search finds the new name only."""
    meeting = make_meeting(world.pec, days=-3)
    item = make_item(meeting, title="Estates strategy")
    ms.paper_add(actor=SYSTEM, item=item, title="Estates paper", upload=pdf_with("estates"))
    reindex(read_text=True)
    old = world.pec.name
    with capture(execute=True):
        ts.committee_update(actor=SYSTEM, committee=world.pec, name="Clinical Executive")
    meeting.refresh_from_db()
    assert sorted(public_titles(world, "estates")) == [
        f"Estates paper ({meeting})",
        f"Estates strategy ({meeting})",
    ]
    assert "Clinical Executive" in str(meeting)
    assert not SearchDocument.objects.filter(title__contains=old).exists()
    assert not SearchDocument.objects.filter(kind=Kind.PERSON, body__contains=old).exists()
    member = world.people["member"].name
    found = queries.for_public(world.trust, f"{member} clinical executive").results
    assert member in [r.title for r in found if r.kind == Kind.PERSON]


def test_trust_new_ods_code_moves_its_public_urls(world: World, capture: Any) -> None:
    """PUB-1: public results link to the trust's public pages, whose URLs hold its key."""
    make_item(make_meeting(world.pec, days=-3), title="Falls prevention")
    reindex()
    with capture(execute=True):
        ts.organisation_update(actor=SYSTEM, organisation=world.trust, ods_code="5ZZ")
    urls = SearchDocument.objects.filter(audience=Audience.PUBLIC).values_list("url", flat=True)
    assert urls and all(u.startswith("/public/5zz/") for u in urls)
    found = queries.for_public(world.trust, "falls").results
    assert [Client().get(r.url.split("#")[0]).status_code for r in found] == [200]


def test_member_appointed_ahead_is_found_publicly_from_their_first_day(world: World, capture: Any) -> None:
    """PUB-1: the public committee page lists a member from their start date; so does the search,
    on that day, with no write in between."""
    person = make_person(world.trust, name="Dr Bryony Kestrel")
    start = timezone.localdate() + dt.timedelta(days=5)
    with capture(execute=True):
        ts.membership_create(
            actor=SYSTEM, committee=world.pec, person=person, role="clinical", start_date=start
        )
    assert public_titles(world, "kestrel") == []
    assert public_titles(world, "kestrel", today=start) == ["Dr Bryony Kestrel"]
    assert lead_titles(world, "kestrel") == ["Dr Bryony Kestrel"]


def test_withholding_a_declaration_rewrites_the_public_minutes(world: World, capture: Any) -> None:
    """X-1: the public minutes withhold a conflict's interest once the register withholds its
    declaration, as the public meeting page does; the trust still finds it."""
    chair = world.people["pec_chair"]
    meeting, later = make_meeting(world.pec, days=-20), make_meeting(world.pec, days=-5)
    item = make_item(meeting, title="Pharmacy contract")
    declaration = declare(chair, None, description="Shares", organisation_name="Quokka Pharmacy")
    interest = "Holds shares in Quokka Pharmacy"
    conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=chair,
        handling="exclude_decision",
        interest=interest,
        declaration=declaration,
        ruled_by=world.people["member"],
    )
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_edit(actor=SYSTEM, minutes=minutes, text=f"{minutes.text}\n{interest}.")
    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)
    reindex()
    assert [r.kind for r in queries.for_public(world.trust, "quokka").results] == [Kind.MINUTES]
    with capture(execute=True):
        isv.declaration_withhold(
            actor=SYSTEM, declaration=declaration, withholding="details", reason="Safety"
        )
    assert queries.for_public(world.trust, "quokka").total == 0
    assert "Quokka" not in meeting_page(world, meeting.pk)
    assert Kind.MINUTES in {
        r.kind for r in queries.for_user(world.users["member"], world.trust.pk, "quokka").results
    }


def test_rebuild_drops_rows_of_records_gone_without_a_signal(world: World) -> None:
    """A bulk delete sends no signal: the next rebuild drops the rows it left behind."""
    make_item(make_meeting(world.pec, days=-3), title="Orphaned item")
    reindex()
    SearchDocument.objects.create(
        kind=Kind.ITEM,
        object_id=999_999,
        trust_id=world.trust.pk,
        audience=Audience.TRUST,
        title="Orphaned ghost",
        url="/x/",
        perm="meetings.view",
    )
    assert len(lead_titles(world, "orphaned")) == 2
    reindex()
    assert [t.split(" (")[0] for t in lead_titles(world, "orphaned")] == ["Orphaned item"]


@pytest.fixture
def capture(django_capture_on_commit_callbacks: Any) -> Any:
    return django_capture_on_commit_callbacks
