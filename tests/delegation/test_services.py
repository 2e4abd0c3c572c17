"""TOR services refuse broken rules, save nothing when they do, and check who acts
(TOR-1 to TOR-3, X-1, X-2, X-4).

Each refused case asserts the field the message is about, the message, and that no row,
history row or audit event was written. Each good case asserts the change, its history
row and its audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Authority, FunctionGroup
from pecgov.delegation.models import Delegation, Function, LeadArea
from pecgov.errors import DomainError, NotPermitted
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, Profession
from tests.delegation.helpers import delegate, local, rows
from tests.factories import START, SYSTEM, World, make_person

TODAY = timezone.localdate()


def refused(act: Callable[[], Any]) -> dict[str, list[str]]:
    """Run `act`, expect a DomainError, check nothing was written; return its errors by field."""
    before = rows()
    with pytest.raises(DomainError) as caught:
        act()
    assert rows() == before
    return caught.value.errors


def lead(world: World) -> Any:
    return world.users["governance_lead"]


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


# The functions catalogue (TOR-1) ------------------------------------------------------------


def test_catalogue_seed_adds_every_published_function_once(world: World) -> None:
    entries = ds.catalogue_entries()

    added = ds.catalogue_seed(actor=lead(world), trust=world.trust)

    assert added == len(entries) == Function.objects.filter(trust=world.trust).count()
    assert {g for (g,) in Function.objects.values_list("group")} == set(FunctionGroup.values)
    assert Function.history.count() == added  # type: ignore[attr-defined]
    [event] = events("function.seed")
    assert event.summary == f"Added {added} functions from the guidance"
    assert event.actor == lead(world)


def test_catalogue_seed_again_adds_nothing_and_records_nothing(world: World) -> None:
    ds.catalogue_seed(actor=SYSTEM, trust=world.trust)
    before = rows()

    assert ds.catalogue_seed(actor=lead(world), trust=world.trust) == 0
    assert rows() == before


def test_catalogue_entries_merge_the_same_function_from_both_sources() -> None:
    entries = ds.catalogue_entries()

    keys = [(e["group"], e["name"]) for e in entries]
    assert len(keys) == len(set(keys))
    assert {e["source"] for e in entries} >= {"DH Annex A"}


@pytest.mark.parametrize("role", ["member", "pec_chair", "chief_executive"])
def test_catalogue_seed_by_anyone_but_the_lead_is_not_permitted(world: World, role: str) -> None:
    before = rows()

    with pytest.raises(NotPermitted):
        ds.catalogue_seed(actor=world.users[role], trust=world.trust)

    assert rows() == before


def test_catalogue_seed_by_another_trusts_lead_is_not_permitted(world: World, other_world: World) -> None:
    with pytest.raises(NotPermitted):
        ds.catalogue_seed(actor=other_world.users["governance_lead"], trust=world.trust)

    assert Function.objects.count() == 0


def test_function_create_records_history_and_audit(world: World) -> None:
    function = ds.function_create(
        actor=lead(world),
        trust=world.trust,
        group=FunctionGroup.CLINICAL_EFFECTIVENESS,
        name="  Medicines management  ",
        description=" Prescribing budgets ",
    )

    assert (function.name, function.description, function.source) == (
        "Medicines management",
        "Prescribing budgets",
        "Local",
    )
    assert function.history.count() == 1  # type: ignore[attr-defined]
    [event] = events("function.create")
    assert event.summary == "Added the function 'Medicines management'"


@pytest.mark.parametrize(
    ("group", "name", "field", "message"),
    [
        ("sport", "Football", "group", "Select the group the function belongs to"),
        ("vision", "   ", "name", "Enter the function, for example 'Leading on unscheduled care'"),
        ("vision", "Leading on unscheduled care", "name", "This group already has a function with this name"),
    ],
    ids=["unknown group", "blank name", "same name in the group"],
)
def test_function_create_refuses(world: World, group: str, name: str, field: str, message: str) -> None:
    local(world)

    errors = refused(lambda: ds.function_create(actor=lead(world), trust=world.trust, group=group, name=name))

    assert errors == {field: [message]}


def test_function_create_same_name_in_another_group_is_allowed(world: World) -> None:
    local(world)

    other = local(world, group=FunctionGroup.COMMISSIONING)

    assert Function.objects.filter(name=other.name).count() == 2


def test_function_update_changes_only_what_changed(world: World) -> None:
    function = local(world)

    ds.function_update(
        actor=lead(world), function=function, name="Unscheduled care", description="Urgent care"
    )

    function.refresh_from_db()
    assert (function.name, function.description) == ("Unscheduled care", "Urgent care")
    assert function.history.count() == 2  # type: ignore[attr-defined]
    assert [e.summary for e in events("function.update")] == ["Edited the function 'Unscheduled care'"]


def test_function_update_without_changes_records_nothing(world: World) -> None:
    function = local(world)
    before = rows()

    ds.function_update(actor=lead(world), function=function, name=function.name, group=function.group)

    assert rows() == before


def test_function_update_refuses_fields_it_does_not_own(world: World, other_world: World) -> None:
    function = local(world)

    errors = refused(
        lambda: ds.function_update(actor=lead(world), function=function, trust=other_world.trust)
    )

    assert errors == {"__all__": ["These cannot be changed here: trust"]}


def test_function_update_to_a_name_taken_in_the_group_is_refused(world: World) -> None:
    local(world, name="Taken")
    function = local(world)

    errors = refused(lambda: ds.function_update(actor=lead(world), function=function, name="Taken"))

    assert errors == {"name": ["This group already has a function with this name"]}


@pytest.mark.parametrize(
    ("ends", "retire"),
    [(None, 10), (20, 10), (10, 10)],
    ids=["open delegation", "ends after retiring", "ends on the retiring day"],
)
def test_function_retire_while_still_delegated_is_refused(
    world: World, ends: int | None, retire: int
) -> None:
    function = local(world)
    delegation = delegate(function, world.pec)
    if ends is not None:
        ds.delegation_end(actor=SYSTEM, delegation=delegation, end_date=TODAY + dt.timedelta(days=ends))

    errors = refused(
        lambda: ds.function_update(
            actor=lead(world), function=function, retired_on=TODAY + dt.timedelta(days=retire)
        )
    )

    assert errors == {
        "retired_on": ["End the function's delegations before retiring it: it is still delegated"]
    }


def test_function_retire_with_a_delegation_starting_later_is_refused(world: World) -> None:
    function = local(world)
    delegate(function, world.pec, start=TODAY + dt.timedelta(days=30))

    errors = refused(lambda: ds.function_update(actor=lead(world), function=function, retired_on=TODAY))

    assert list(errors) == ["retired_on"]


def test_function_retire_after_its_delegations_end(world: World) -> None:
    function = local(world)
    ds.delegation_end(
        actor=SYSTEM, delegation=delegate(function, world.pec), end_date=TODAY - dt.timedelta(days=1)
    )

    ds.function_update(actor=lead(world), function=function, retired_on=TODAY)

    function.refresh_from_db()
    assert function.retired_on == TODAY
    assert len(events("function.update")) == 1


def test_function_update_by_a_member_is_not_permitted(world: World) -> None:
    function = local(world)

    with pytest.raises(NotPermitted):
        ds.function_update(actor=world.users["member"], function=function, name="Mine now")

    function.refresh_from_db()
    assert function.name == "Leading on unscheduled care"


# Delegations from the Board (TOR-1) ------------------------------------------------------------


def test_delegation_create_records_history_and_audit(world: World) -> None:
    function = local(world)

    delegation = ds.delegation_create(
        actor=lead(world),
        function=function,
        committee=world.pec,
        authority=Authority.RECOMMEND,
        start_date=START,
        board_reference=" Board minute 2007/112 ",
    )

    assert (delegation.committee, delegation.authority, delegation.board_reference) == (
        world.pec,
        "recommend",
        "Board minute 2007/112",
    )
    assert delegation.is_current(TODAY)
    assert delegation.history.count() == 1  # type: ignore[attr-defined]
    [event] = events("delegation.create")
    assert event.summary == (
        "Delegated Leading on unscheduled care to Professional Executive Committee (To recommend to the Board)"
    )


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"committee": None}, "committee", "Select the committee the Board delegates to"),
        ({"committee": "other"}, "committee", "Select the committee the Board delegates to"),
        ({"committee": "board"}, "committee", "The Board delegates to its committees: select a committee"),
        ({"authority": "veto"}, "authority", "Select the authority the committee is given"),
        ({"start_date": None}, "start_date", "Enter the date the delegation starts"),
    ],
    ids=["no committee", "another trust's committee", "the Board", "unknown authority", "no start"],
)
def test_delegation_create_refuses(
    world: World, other_world: World, change: dict[str, Any], field: str, message: str
) -> None:
    function = local(world)
    committees = {"other": other_world.pec, "board": world.board}
    args: dict[str, Any] = {
        "committee": world.pec,
        "authority": Authority.DECIDE,
        "start_date": START,
    } | change
    if isinstance(args["committee"], str):
        args["committee"] = committees[args["committee"]]

    errors = refused(lambda: ds.delegation_create(actor=lead(world), function=function, **args))

    assert errors == {field: [message]}


def test_delegation_create_of_a_retired_function_is_refused(world: World) -> None:
    function = local(world)
    ds.function_update(actor=SYSTEM, function=function, retired_on=TODAY)

    errors = refused(lambda: delegate(function, world.pec, start=TODAY))

    assert errors == {"function": ["This function is retired: it cannot be delegated"]}


def test_delegation_create_twice_to_the_same_committee_is_refused(world: World) -> None:
    function = local(world)
    delegate(function, world.pec)

    errors = refused(lambda: delegate(function, world.pec))

    assert errors == {
        "committee": [
            "Professional Executive Committee already holds this function: end that delegation first"
        ]
    }


def test_delegation_create_to_two_committees_is_allowed(world: World) -> None:
    function = local(world)
    approvals = ts.committee_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=CommitteeKind.PBC_APPROVALS,
        name="PBC approvals",
        parent=world.pec,
    )

    delegate(function, world.pec)
    delegate(function, approvals)

    assert function.delegations.count() == 2


def test_delegation_create_by_a_member_is_not_permitted(world: World) -> None:
    function = local(world)

    with pytest.raises(NotPermitted):
        ds.delegation_create(
            actor=world.users["pec_chair"],
            function=function,
            committee=world.pec,
            authority=Authority.DECIDE,
            start_date=START,
        )

    assert Delegation.objects.count() == 0


def test_delegation_end_records_history_and_audit(world: World) -> None:
    delegation = delegate(local(world), world.pec)

    ds.delegation_end(actor=lead(world), delegation=delegation, end_date=TODAY)

    delegation.refresh_from_db()
    assert delegation.end_date == TODAY
    assert delegation.history.count() == 2  # type: ignore[attr-defined]
    assert len(events("delegation.end")) == 1


@pytest.mark.parametrize(
    ("end", "errors"),
    [
        (None, {"end_date": ["Enter the date the delegation ends"]}),
        (START - dt.timedelta(days=1), {"end_date": ["The delegation cannot end before it started"]}),
    ],
    ids=["no date", "before it started"],
)
def test_delegation_end_refuses(world: World, end: dt.date | None, errors: dict[str, list[str]]) -> None:
    delegation = delegate(local(world), world.pec)

    assert (
        refused(lambda: ds.delegation_end(actor=lead(world), delegation=delegation, end_date=end)) == errors
    )


def test_delegation_end_twice_is_refused(world: World) -> None:
    delegation = delegate(local(world), world.pec)
    ds.delegation_end(actor=SYSTEM, delegation=delegation, end_date=TODAY)

    errors = refused(lambda: ds.delegation_end(actor=lead(world), delegation=delegation, end_date=TODAY))

    assert errors == {"__all__": ["This delegation has already ended"]}


# Lead areas and tasks (TOR-3) -----------------------------------------------------------------


def test_lead_area_create_takes_the_function_name_when_no_area(world: World) -> None:
    function = local(world)
    member = world.people["member"]

    lead_area = ds.lead_area_create(
        actor=lead(world),
        person=member,
        function=function,
        area=" ",
        tasks=" Urgent care review ",
        start_date=START,
    )

    assert (lead_area.area, lead_area.tasks, lead_area.function) == (
        "Leading on unscheduled care",
        "Urgent care review",
        function,
    )
    assert lead_area.history.count() == 1  # type: ignore[attr-defined]
    [event] = events("lead_area.create")
    assert event.summary == f"{member.name} leads on Leading on unscheduled care"


def test_lead_area_create_for_someone_without_a_seat_is_refused(world: World) -> None:
    outsider = make_person(world.trust, Profession.GP, name="Dr No Seat")

    errors = refused(
        lambda: ds.lead_area_create(actor=lead(world), person=outsider, area="Urgent care", start_date=START)
    )

    assert errors == {"person": ["Dr No Seat has no committee seat on that date: lead areas are for members"]}


def test_lead_area_create_before_the_seat_starts_is_refused(world: World) -> None:
    member = world.people["member"]

    errors = refused(
        lambda: ds.lead_area_create(
            actor=lead(world), person=member, area="Urgent care", start_date=START - dt.timedelta(days=1)
        )
    )

    assert errors == {
        "person": [f"{member.name} has no committee seat on that date: lead areas are for members"]
    }


def test_lead_area_create_refuses_another_trusts_function(world: World, other_world: World) -> None:
    theirs = local(other_world)

    errors = refused(
        lambda: ds.lead_area_create(
            actor=lead(world), person=world.people["member"], function=theirs, area="", start_date=START
        )
    )

    assert errors == {"function": ["Select a function in this trust"]}


def test_lead_area_create_refuses_a_retired_function(world: World) -> None:
    function = local(world)
    ds.function_update(actor=SYSTEM, function=function, retired_on=START)

    errors = refused(
        lambda: ds.lead_area_create(
            actor=lead(world), person=world.people["member"], function=function, area="", start_date=START
        )
    )

    assert errors == {"function": ["This function is retired: select a current function"]}


@pytest.mark.parametrize(
    ("start", "area", "field", "message"),
    [
        (None, "Urgent care", "start_date", "Enter the date the lead starts"),
        (START, "  ", "area", "Enter the lead area, or select the function it covers"),
    ],
    ids=["no start", "no area and no function"],
)
def test_lead_area_create_refuses(
    world: World, start: dt.date | None, area: str, field: str, message: str
) -> None:
    errors = refused(
        lambda: ds.lead_area_create(
            actor=lead(world), person=world.people["member"], area=area, start_date=start
        )
    )

    assert errors == {field: [message]}


def test_lead_area_create_by_a_member_is_not_permitted(world: World) -> None:
    with pytest.raises(NotPermitted):
        ds.lead_area_create(
            actor=world.users["member"], person=world.people["member"], area="Myself", start_date=START
        )

    assert LeadArea.objects.count() == 0


def test_lead_area_end_records_history_and_audit(world: World) -> None:
    member = world.people["member"]
    lead_area = ds.lead_area_create(actor=SYSTEM, person=member, area="Urgent care", start_date=START)

    ds.lead_area_end(actor=lead(world), lead=lead_area, end_date=TODAY)

    lead_area.refresh_from_db()
    assert lead_area.end_date == TODAY
    assert lead_area.history.count() == 2  # type: ignore[attr-defined]
    assert [e.summary for e in events("lead_area.end")] == [f"{member.name} no longer leads on Urgent care"]


@pytest.mark.parametrize(
    ("end", "errors"),
    [
        (None, {"end_date": ["Enter the date the lead ends"]}),
        (START - dt.timedelta(days=1), {"end_date": ["The lead cannot end before it started"]}),
    ],
    ids=["no date", "before it started"],
)
def test_lead_area_end_refuses(world: World, end: dt.date | None, errors: dict[str, list[str]]) -> None:
    lead_area = ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], area="Urgent care", start_date=START
    )

    assert refused(lambda: ds.lead_area_end(actor=lead(world), lead=lead_area, end_date=end)) == errors


def test_lead_area_end_twice_is_refused(world: World) -> None:
    lead_area = ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], area="Urgent care", start_date=START
    )
    ds.lead_area_end(actor=SYSTEM, lead=lead_area, end_date=TODAY)

    errors = refused(lambda: ds.lead_area_end(actor=lead(world), lead=lead_area, end_date=TODAY))

    assert errors == {"__all__": ["This lead area has already ended"]}
