"""Committee reads split members by dates and derive lines of accountability (ORG-4, ORG-5).

"Current" means started on or before the day and not ended before it: a seat
ending today is current, one that ended yesterday is past.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from pecgov.trust import queries
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, EndReason, MembershipRole, Profession
from pecgov.trust.models import Committee, Membership
from tests.factories import START, World, make_person, seat
from tests.trust.helpers import text

SYSTEM = ts.SYSTEM


def _reference_group(world: World) -> Any:
    return ts.committee_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=CommitteeKind.REFERENCE_GROUP,
        name="Diabetes reference group",
        parent=world.pec,
    )


def test_committee_detail_splits_members_by_dates(world: World) -> None:
    today = timezone.localdate()
    group = _reference_group(world)
    ends_today = seat(make_person(world.trust, name="Ends Today"), group, end_date=today)
    ended_yesterday = seat(
        make_person(world.trust, name="Ended Yesterday"), group, end_date=today - dt.timedelta(days=1)
    )
    starts_today = seat(make_person(world.trust, name="Starts Today"), group, start=today)
    starts_tomorrow = seat(
        make_person(world.trust, name="Starts Tomorrow"), group, start=today + dt.timedelta(days=1)
    )
    open_ended = seat(make_person(world.trust, name="Open Ended"), group)

    view = queries.committee_detail(world.trust.pk, group.pk, on=today)

    assert {m.pk for m in view.current} == {ends_today.pk, starts_today.pk, open_ended.pk}
    assert [m.pk for m in view.past] == [ended_yesterday.pk]
    assert [m.pk for m in view.future] == [starts_tomorrow.pk]


def test_committee_detail_on_a_later_day_moves_seats_along(world: World) -> None:
    today = timezone.localdate()
    tomorrow = today + dt.timedelta(days=1)
    group = _reference_group(world)
    ends_today = seat(make_person(world.trust, name="Ends Today"), group, end_date=today)
    starts_tomorrow = seat(make_person(world.trust, name="Starts Tomorrow"), group, start=tomorrow)

    view = queries.committee_detail(world.trust.pk, group.pk, on=tomorrow)

    assert [m.pk for m in view.current] == [starts_tomorrow.pk]
    assert [m.pk for m in view.past] == [ends_today.pk]
    assert view.future == []


def test_committee_detail_lists_past_members_latest_first(world: World) -> None:
    group = _reference_group(world)
    earlier = seat(make_person(world.trust, name="Aaron Earlier"), group, end_date=dt.date(2021, 3, 31))
    later = seat(make_person(world.trust, name="Zoe Later"), group, end_date=dt.date(2022, 3, 31))

    view = queries.committee_detail(world.trust.pk, group.pk)

    assert [m.pk for m in view.past] == [later.pk, earlier.pk]


def test_committee_page_shows_each_group_under_its_heading(world: World, lead_client: Any) -> None:
    today = timezone.localdate()
    group = _reference_group(world)
    seat(make_person(world.trust, name="Ends Today"), group, end_date=today)
    seat(make_person(world.trust, name="Ended Yesterday"), group, end_date=today - dt.timedelta(days=1))
    seat(make_person(world.trust, name="Starts Tomorrow"), group, start=today + dt.timedelta(days=1))

    page = text(lead_client.get(reverse("trust:committee_detail", args=[group.pk])))

    current = page.split('id="current-members"', 1)[1].split("</table>", 1)[0]
    later = page.split("<h2>Starting later</h2>", 1)[1].split("</ul>", 1)[0]
    past = page.split("<h2>Past members</h2>", 1)[1].split("</table>", 1)[0]
    assert ("Ends Today" in current, "Ended Yesterday" in current, "Starts Tomorrow" in current) == (
        True,
        False,
        False,
    )
    assert "Starts Tomorrow" in later
    assert "Ended Yesterday" in past


def _lines(world: World) -> dict[str, tuple[str, str | None, str]]:
    view = queries.committee_detail(world.trust.pk, world.pec.pk)
    return {
        line.person.name: (line.role, line.accountable_to.name if line.accountable_to else None, line.to_role)
        for line in view.accountability
    }


def test_pec_chair_is_accountable_to_the_pct_chair(world: World) -> None:
    lines = _lines(world)

    assert lines[world.people["pec_chair"].name] == ("PEC chair", world.people["pct_chair"].name, "PCT chair")


def test_clinical_members_are_accountable_to_the_pec_chair(world: World) -> None:
    clinical = Membership.objects.filter(committee=world.pec, role=MembershipRole.CLINICAL).select_related(
        "person"
    )
    chair = world.people["pec_chair"].name

    lines = _lines(world)

    assert {m.person.name: lines[m.person.name] for m in clinical} == {
        m.person.name: ("Clinical member", chair, "PEC chair") for m in clinical
    }
    # The management member (a manager, not a clinician) has no clinical line to the chair.
    assert world.people["executive_director"].name not in lines
    assert len(lines) == clinical.count() + 1


def test_clinician_in_a_non_clinical_seat_is_accountable_to_the_pec_chair(world: World) -> None:
    pharmacist = make_person(world.trust, Profession.PHARMACIST, name="Phil Pharmacist")
    seat(pharmacist, world.pec, MembershipRole.MANAGEMENT)

    lines = _lines(world)

    assert lines["Phil Pharmacist"] == ("Management member", world.people["pec_chair"].name, "PEC chair")


def test_accountability_without_a_pct_chair_says_no_one_holds_the_post(
    world: World, lead_client: Any
) -> None:
    board_chair = Membership.objects.get(committee=world.board, role=MembershipRole.CHAIR)
    ts.membership_end(
        actor=SYSTEM,
        membership=board_chair,
        end_date=timezone.localdate() - dt.timedelta(days=1),
        end_reason=EndReason.STOOD_DOWN,
    )

    lines = _lines(world)
    page = text(lead_client.get(reverse("trust:committee_detail", args=[world.pec.pk])))

    chair = world.people["pec_chair"].name
    assert lines[chair] == ("PEC chair", None, "PCT chair")
    assert f"{chair} (PEC chair) is accountable to the PCT chair (no one holds the post today)" in page


def test_accountability_without_a_pec_chair_leaves_members_unassigned(world: World) -> None:
    chair_seat = Membership.objects.get(committee=world.pec, role=MembershipRole.CHAIR)
    ts.membership_end(
        actor=SYSTEM,
        membership=chair_seat,
        end_date=timezone.localdate() - dt.timedelta(days=1),
        end_reason=EndReason.STOOD_DOWN,
    )

    lines = _lines(world)

    assert world.people["pec_chair"].name not in lines
    assert lines[world.people["member"].name] == ("Clinical member", None, "PEC chair")


def test_accountability_is_only_drawn_for_the_pec(world: World) -> None:
    view = queries.committee_detail(world.trust.pk, world.board.pk)

    assert view.accountability == []
    assert len(view.current) == 4


def test_committee_detail_of_another_trust_is_not_found(world: World, other_world: World) -> None:
    with pytest.raises(Committee.DoesNotExist):
        queries.committee_detail(world.trust.pk, other_world.pec.pk)


def test_membership_started_on_the_default_start_is_current(world: World) -> None:
    view = queries.committee_detail(world.trust.pk, world.pec.pk)

    assert all(m.start_date == START for m in view.current)
    assert len(view.current) == Membership.objects.filter(committee=world.pec).count()
