"""The conflicts waiting for a ruling on the home page (COI-3, COI-8), screened once per trust data
version and day for all the trust's chairs and vice-chairs, and filtered per person (X-1,
src/pecgov/home/views.py::_kept_ruling_screen): a write in the trust shows at once, a meeting that
has started since the value was kept is left out, and each seat sees exactly whom it rules on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from pecgov.home import queries
from pecgov.home import views as home_views
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation, Person
from pecgov.ui import kept
from tests.factories import SYSTEM, World, make_org, make_person, make_user, seat
from tests.home.test_waiting_work import section
from tests.meeting_factories import declare, make_item, make_meeting

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """The trust ids the kept part was computed for: one entry per computation."""
    kept.forget()
    calls: list[int] = []
    real = queries.ruling_screen

    def counting(trust_id: int, today: dt.date, **kw: Any) -> queries.RulingScreen:
        calls.append(trust_id)
        return real(trust_id, today, **kw)

    monkeypatch.setattr(home_views, "ruling_screen", counting)
    yield calls
    kept.forget()


def provider_declared_by_member(world: World) -> Organisation:
    provider = make_org(world.trust, OrganisationKind.PROVIDER, "Riverside Diagnostics Ltd")
    declare(world.people["member"], provider, description="Shareholder")
    return provider


def awaiting(person: Person, world: World, now: dt.datetime | None = None) -> list[queries.AwaitingRuling]:
    return queries.conflicts_awaiting_ruling(
        person.pk, world.trust.pk, now, screen=home_views._kept_ruling_screen
    )


def vice_chair(world: World) -> Person:
    vice = make_person(world.trust, Profession.GP, name="Vice Chair", user=make_user("vice-chair"))
    seat(vice, world.pec, MembershipRole.VICE_CHAIR)
    return vice


def test_two_chairs_of_a_trust_share_one_screening(
    world: World, builds: list[int], django_assert_num_queries: Callable[..., Any]
) -> None:
    """X-1: the PEC chair and the PCT chair each see their own committee's conflicts, from one
    computation of the trust's part; the second reads only the trust's data version."""
    provider = provider_declared_by_member(world)
    pec_item = make_item(make_meeting(world.pec, days=10), title="Diagnostics", affected=[provider])
    # The PEC chair sits on the Board as a director and works at the practice (COI-3).
    board_item = make_item(make_meeting(world.board, days=12), title="Estates", affected=[world.practice])

    pec_chair = awaiting(world.people["pec_chair"], world)
    with django_assert_num_queries(1):
        pct_chair = awaiting(world.people["pct_chair"], world)

    assert builds == [world.trust.pk]
    assert [(w.item_id, w.names) for w in pec_chair] == [(pec_item.pk, (world.people["member"].name,))]
    assert [(w.item_id, w.names) for w in pct_chair] == [(board_item.pk, (world.people["pec_chair"].name,))]
    # What is kept is plain, frozen values shared by every request of the process.
    hash(home_views._kept_ruling_screen(world.trust.pk, timezone.localdate()))
    assert builds == [world.trust.pk]


def test_a_handled_conflict_leaves_the_chairs_home_page_after_the_write(
    world: World, builds: list[int]
) -> None:
    """COI-3: recording the handling moves the trust's data version, so the kept part is read again."""
    provider = provider_declared_by_member(world)
    item = make_item(make_meeting(world.pec, days=10), title="Diagnostics contract", affected=[provider])
    client = Client()
    client.force_login(world.users["pec_chair"])

    before = section(client.get("/", HTTP_X_BENCH_NO_CACHE="1").content.decode(), "awaiting-ruling")
    conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=world.people["member"],
        handling="exclude_decision",
        interest="Shareholder",
    )
    after = section(client.get("/", HTTP_X_BENCH_NO_CACHE="1").content.decode(), "awaiting-ruling")

    assert f'href="/items/{item.pk}/"' in before
    assert f'href="/items/{item.pk}/"' not in after
    assert "No conflicts are waiting for your ruling on coming meetings." in after
    assert len(builds) == 2


def test_the_vice_chair_rules_only_on_the_chairs_own_conflict(world: World, builds: list[int]) -> None:
    """COI-8: on one item flagging the chair and a member, the chair rules on the member and the
    vice-chair on the chair, not on the member."""
    provider = provider_declared_by_member(world)
    vice = vice_chair(world)
    item = make_item(
        make_meeting(world.pec, days=10), title="Shared estates", affected=[provider, world.practice]
    )

    chairs = awaiting(world.people["pec_chair"], world)
    vices = awaiting(vice, world)

    assert [(w.item_id, w.names) for w in chairs] == [(item.pk, (world.people["member"].name,))]
    assert [(w.item_id, w.names) for w in vices] == [(item.pk, (world.people["pec_chair"].name,))]
    assert builds == [world.trust.pk]


def test_a_meeting_that_has_started_is_no_longer_listed(world: World, builds: list[int]) -> None:
    """The kept part holds the day's meetings from its start; each read leaves out a meeting that
    has started by `now`, though the trust's data has not changed since it was kept."""
    provider = provider_declared_by_member(world)
    day = timezone.localdate() + dt.timedelta(days=5)
    starts = timezone.make_aware(dt.datetime.combine(day, dt.time(10, 0)))
    meeting = ms.meeting_create(
        actor=SYSTEM, committee=world.pec, starts_at=starts, location="Boardroom, Trust HQ"
    )
    item = make_item(meeting, title="Diagnostics contract", affected=[provider])
    chair = world.people["pec_chair"]

    before = awaiting(chair, world, now=starts - dt.timedelta(hours=1))
    after = awaiting(chair, world, now=starts + dt.timedelta(minutes=1))

    assert [w.item_id for w in before] == [item.pk]
    assert after == []
    assert builds == [world.trust.pk]  # one kept value for the day, read twice
