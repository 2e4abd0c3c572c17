"""Function coverage (POL-3): each key group delegated by the Board and led by a member.

First the pure rule over plain facts, for both frameworks; then the same through the
services and `queries.coverage_findings`, which gathers the facts from the database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pecgov.delegation import services as ds
from pecgov.delegation.coverage import check_coverage, group_facts
from pecgov.delegation.enums import GROUP_SOURCES, KEY_GROUPS, Authority, FunctionGroup
from pecgov.delegation.models import Function
from pecgov.delegation.queries import coverage_findings
from pecgov.policy.engine import Status
from pecgov.policy.services import policy_choose_pack, policy_override
from tests.factories import START, SYSTEM, World

LABELS = {g.value: g.label for g in FunctionGroup}


def findings_for(framework: str, delegations: list[tuple[str, str]], leads: list[tuple[str, str]]) -> dict:
    facts = group_facts(KEY_GROUPS[framework], LABELS, delegations, leads)
    return {f.rule: f for f in check_coverage(facts, GROUP_SOURCES[framework])}


# The pure rule -------------------------------------------------------------------------------


def test_coverage_dh_has_one_finding_per_key_group() -> None:
    found = findings_for("dh", [], [])

    assert list(found) == [
        "coverage.vision",
        "coverage.commissioning",
        "coverage.clinical_effectiveness",
        "coverage.communications",
    ]
    assert {f.source for f in found.values()} == {"DH 3.2, Annex A"}


def test_coverage_alliance_adds_probity_and_accountability() -> None:
    found = findings_for("alliance", [("communications", "PEC (to advise)")], [("communications", "Ann")])

    assert list(found) == [
        "coverage.vision",
        "coverage.commissioning",
        "coverage.probity",
        "coverage.clinical_effectiveness",
        "coverage.accountability",
    ]
    assert {f.source for f in found.values()} == {'Alliance "The Roles"'}


def test_coverage_group_delegated_and_led_passes_with_facts() -> None:
    found = findings_for(
        "dh",
        [("vision", "PEC (to decide)"), ("vision", "PEC (to decide)"), ("vision", "ACF (to advise)")],
        [("vision", "Dr Ann Lee"), ("vision", "Ben Ode")],
    )

    vision = found["coverage.vision"]
    assert vision.status == Status.PASS
    assert vision.facts == (
        "Vision and strategic direction: delegated to ACF (to advise), PEC (to decide); led by Ben Ode, Dr Ann Lee."
    )
    assert vision.names == ("Ben Ode", "Dr Ann Lee")
    assert vision.action == ""


@pytest.mark.parametrize(
    ("delegations", "leads", "facts"),
    [
        (
            [],
            [],
            "Vision and strategic direction: no function in it is delegated by the Board and no member "
            "has a lead area in it.",
        ),
        (
            [("vision", "PEC (to decide)")],
            [],
            "Vision and strategic direction: no member has a lead area in it.",
        ),
        (
            [],
            [("vision", "Ann")],
            "Vision and strategic direction: no function in it is delegated by the Board.",
        ),
        (
            [("commissioning", "PEC (to decide)")],
            [("commissioning", "Ann")],
            "Vision and strategic direction: no function in it is delegated by the Board and no member "
            "has a lead area in it.",
        ),
    ],
    ids=["neither", "delegated only", "led only", "another group covered"],
)
def test_coverage_group_missing_delegation_or_lead_fails(
    delegations: list[tuple[str, str]], leads: list[tuple[str, str]], facts: str
) -> None:
    vision = findings_for("dh", delegations, leads)["coverage.vision"]

    assert vision.status == Status.FAIL
    assert vision.facts == facts
    assert vision.action == (
        "Delegate a function in this group to a committee with its authority, and give a member the lead for it."
    )


def test_coverage_dh_ignores_groups_outside_its_four() -> None:
    found = findings_for("dh", [("probity", "PEC (to decide)")], [("probity", "Ann")])

    assert "coverage.probity" not in found
    assert [f.status for f in found.values()] == [Status.FAIL] * 4


# Through the services and the database ----------------------------------------------------------


def delegated_and_led(
    world: World, group: str = FunctionGroup.VISION, name: str = "Local vision"
) -> Function:
    function = ds.function_create(actor=SYSTEM, trust=world.trust, group=group, name=name)
    ds.delegation_create(
        actor=SYSTEM, function=function, committee=world.pec, authority=Authority.DECIDE, start_date=START
    )
    ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], function=function, area="", start_date=START
    )
    return function


def statuses(world: World, on: dt.date | None = None) -> dict[str, Status]:
    return {f.rule: f.status for f in coverage_findings(world.trust, on=on)}


def test_coverage_delegate_and_lead_makes_the_group_pass(world: World) -> None:
    delegated_and_led(world)

    findings = {f.rule: f for f in coverage_findings(world.trust)}

    assert findings["coverage.vision"].status == Status.PASS
    assert findings["coverage.vision"].facts == (
        "Vision and strategic direction: delegated to Professional Executive Committee (to decide on the "
        f"Board's behalf); led by {world.people['member'].name}."
    )
    assert [
        findings[f"coverage.{g}"].status
        for g in ("commissioning", "clinical_effectiveness", "communications")
    ] == [Status.FAIL] * 3


def test_coverage_ending_the_delegation_makes_the_group_fail(world: World) -> None:
    function = delegated_and_led(world)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    ds.delegation_end(actor=SYSTEM, delegation=function.delegations.get(), end_date=yesterday)

    assert statuses(world)["coverage.vision"] == Status.FAIL


def test_coverage_ending_the_lead_makes_the_group_fail(world: World) -> None:
    function = delegated_and_led(world)
    yesterday = timezone.localdate() - dt.timedelta(days=1)

    ds.lead_area_end(actor=SYSTEM, lead=function.leads.get(), end_date=yesterday)

    assert statuses(world)["coverage.vision"] == Status.FAIL


def test_coverage_lead_on_a_retired_function_does_not_count(world: World) -> None:
    # One vision function is delegated; the lead is on another, which then retires.
    delegated = ds.function_create(actor=SYSTEM, trust=world.trust, group="vision", name="Delegated one")
    ds.delegation_create(
        actor=SYSTEM, function=delegated, committee=world.pec, authority=Authority.ADVISE, start_date=START
    )
    led = ds.function_create(actor=SYSTEM, trust=world.trust, group="vision", name="Led one")
    ds.lead_area_create(actor=SYSTEM, person=world.people["member"], function=led, area="", start_date=START)
    assert statuses(world)["coverage.vision"] == Status.PASS

    ds.function_update(actor=SYSTEM, function=led, retired_on=timezone.localdate())

    assert statuses(world)["coverage.vision"] == Status.FAIL


def test_coverage_lead_without_a_function_does_not_count(world: World) -> None:
    function = ds.function_create(actor=SYSTEM, trust=world.trust, group="vision", name="Delegated one")
    ds.delegation_create(
        actor=SYSTEM, function=function, committee=world.pec, authority=Authority.ADVISE, start_date=START
    )
    ds.lead_area_create(
        actor=SYSTEM, person=world.people["member"], area="Vision in general", start_date=START
    )

    assert statuses(world)["coverage.vision"] == Status.FAIL


def test_coverage_on_a_date_before_the_delegation_fails(world: World) -> None:
    delegated_and_led(world)

    assert statuses(world, on=START - dt.timedelta(days=1))["coverage.vision"] == Status.FAIL
    assert statuses(world, on=START)["coverage.vision"] == Status.PASS


def test_coverage_is_per_trust(world: World, other_world: World) -> None:
    delegated_and_led(world)

    assert statuses(other_world)["coverage.vision"] == Status.FAIL


def test_coverage_follows_the_policy_framework(world: World) -> None:
    delegated_and_led(world, group=FunctionGroup.PROBITY, name="Probity")
    assert "coverage.probity" not in statuses(world)

    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")

    found = statuses(world)
    assert list(found) == [f"coverage.{g}" for g in KEY_GROUPS["alliance"]]
    assert found["coverage.probity"] == Status.PASS


def test_coverage_follows_a_local_override_of_the_framework(world: World) -> None:
    policy_override(
        actor=SYSTEM, trust=world.trust, key="functions.framework", value="alliance", reason="Alliance roles"
    )

    assert list(statuses(world)) == [f"coverage.{g}" for g in KEY_GROUPS["alliance"]]
