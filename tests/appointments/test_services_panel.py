"""Appointment services, the panel (APP-4): its composition against the trust's pack gives
findings, never exceptions; seats are added and removed by the lead, with the record kept whole."""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.appointments import services as aps
from pecgov.appointments.enums import PanelRole
from pecgov.appointments.models import PanelSeat
from pecgov.audit import chain
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.engine import Status
from pecgov.policy.services import policy_choose_pack, policy_override
from pecgov.trust.models import Person
from tests.appointment_factories import (
    apply,
    counts,
    make_campaign,
    make_round,
    sift_all,
)
from tests.factories import SYSTEM, World


def statuses(campaign: Any) -> dict[str, Status]:
    return {f.rule: f.status for f in aps.panel_findings(campaign)}


def add(campaign: Any, person: Person, role: str, **kw: Any) -> PanelSeat:
    return aps.seat_add(actor=SYSTEM, campaign=campaign, person=person, role=role, **kw)


# Composition (APP-4) ----------------------------------------------------------------------------


def test_dh_panel_of_three_passes_the_size_rule(world: World) -> None:
    rnd = make_round(world, 0)
    assert statuses(rnd.campaign) == {
        "panel.size": Status.PASS,
        "panel.chief_executive": Status.PASS,
        "panel.pct_chair": Status.PASS,
        "panel.lead_groups": Status.PASS,
    }


def test_panel_of_two_gives_a_failing_finding_not_an_error(world: World) -> None:
    """APP-4, bad input: a panel of 2 is a finding, not a crash."""
    campaign = make_campaign(world)
    add(campaign, world.people["chief_executive"], PanelRole.CHIEF_EXECUTIVE, is_chair=True)
    add(campaign, world.people["pct_chair"], PanelRole.PCT_CHAIR)
    size = next(f for f in aps.panel_findings(campaign) if f.rule == "panel.size")
    assert size.status == Status.FAIL
    assert size.facts.startswith("2 panel members:")
    assert size.action == "Add 1 more person to the panel."


def test_panel_of_five_gives_a_failing_finding_not_an_error(world: World) -> None:
    """APP-4, bad input: DH asks for 3 to 4 people."""
    rnd = make_round(world, 0)
    add(rnd.campaign, world.people["member"], PanelRole.CLINICIAN)
    add(rnd.campaign, world.people["executive_director"], PanelRole.MANAGER)
    size = next(f for f in aps.panel_findings(rnd.campaign) if f.rule == "panel.size")
    assert (size.status, size.source) == (Status.FAIL, "DH Annex B")
    assert "5 panel members" in size.facts
    assert size.action.startswith("Take 1 off the panel")


def test_empty_panel_gives_findings(world: World) -> None:
    assert statuses(make_campaign(world))["panel.size"] == Status.FAIL


def test_dh_first_appointment_without_a_former_pec_member_warns(world: World) -> None:
    """APP-4: DH suggests a former PEC member, ideally a chair, for a first appointment."""
    campaign = make_campaign(world)
    aps.campaign_update(actor=SYSTEM, campaign=campaign, first_appointment=True)
    add(campaign, world.people["chief_executive"], PanelRole.CHIEF_EXECUTIVE, is_chair=True)
    add(campaign, world.people["pct_chair"], PanelRole.PCT_CHAIR)
    add(campaign, world.people["member"], PanelRole.CLINICIAN)
    finding = next(f for f in aps.panel_findings(campaign) if f.rule == "panel.first_appointment")
    assert finding.status == Status.WARN
    assert "no former PEC member" in finding.facts
    assert statuses(campaign)["panel.size"] == Status.PASS


def test_dh_first_appointment_with_a_former_pec_chair_passes(world: World) -> None:
    campaign = make_campaign(world)
    aps.campaign_update(actor=SYSTEM, campaign=campaign, first_appointment=True)
    add(campaign, world.people["chief_executive"], PanelRole.CHIEF_EXECUTIVE, is_chair=True)
    add(campaign, world.people["pct_chair"], PanelRole.PCT_CHAIR)
    add(campaign, world.people["pec_chair"], PanelRole.FORMER_PEC_CHAIR)
    assert statuses(campaign)["panel.first_appointment"] == Status.PASS


def test_alliance_pack_needs_pct_chair_chief_executive_and_a_clinician(world: World) -> None:
    """APP-4, POL-4: under the Alliance pack the PCT chair, the chief executive and at least one
    clinician must sit; the DH panel (with a former PEC member who is no clinician) fails."""
    rnd = make_round(world, 0)
    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")
    found = statuses(rnd.campaign)
    assert found["panel.clinician"] == Status.FAIL
    assert (found["panel.pct_chair"], found["panel.chief_executive"]) == (Status.PASS, Status.PASS)
    add(rnd.campaign, world.people["member"], PanelRole.CLINICIAN)
    assert statuses(rnd.campaign)["panel.clinician"] == Status.PASS


def test_alliance_panel_without_the_pct_chair_fails(world: World) -> None:
    policy_override(actor=SYSTEM, trust=world.trust, key="panel.model", value="alliance", reason="Alliance")
    campaign = make_campaign(world)
    add(campaign, world.people["chief_executive"], PanelRole.CHIEF_EXECUTIVE, is_chair=True)
    add(campaign, world.people["member"], PanelRole.CLINICIAN)
    add(campaign, world.people["executive_director"], PanelRole.MANAGER)
    findings = {f.rule: f for f in aps.panel_findings(campaign)}
    assert findings["panel.pct_chair"].status == Status.FAIL
    assert findings["panel.pct_chair"].source == 'Alliance "The Structure"'
    assert findings["panel.outgoing_pec_chair"].status == Status.WARN


# Seats ------------------------------------------------------------------------------------------


def test_seat_add_records_history_and_an_event(world: World) -> None:
    campaign = make_campaign(world)
    seat = aps.seat_add(
        actor=world.users["governance_lead"],
        campaign=campaign,
        person=world.people["pct_chair"],
        role=PanelRole.PCT_CHAIR,
    )
    assert seat.history.count() == 1
    assert AuditEvent.objects.filter(action="panel.add").count() == 1


@pytest.mark.parametrize(
    ("who", "role", "field"),
    [
        ("other", PanelRole.PCT_CHAIR, "person"),
        ("none", PanelRole.PCT_CHAIR, "person"),
        ("member", "mascot", "role"),
        ("chief_executive", PanelRole.CHIEF_EXECUTIVE, "role"),
    ],
)
def test_seat_add_refuses_bad_seats(
    world: World, other_world: World, who: str, role: str, field: str
) -> None:
    rnd = make_round(world, 0)
    person = {"other": other_world.people["member"], "none": None}.get(who) or world.people.get(who)
    before = counts(PanelSeat)
    with pytest.raises(DomainError) as error:
        aps.seat_add(actor=SYSTEM, campaign=rnd.campaign, person=person, role=role)
    assert list(error.value.errors) == [field]
    assert counts(PanelSeat) == before


def test_seat_add_refuses_a_second_chair(world: World) -> None:
    rnd = make_round(world, 0)
    with pytest.raises(DomainError) as error:
        add(rnd.campaign, world.people["member"], PanelRole.CLINICIAN, is_chair=True)
    assert error.value.errors == {"is_chair": [f"{world.people['chief_executive']} already chairs the panel"]}


def test_seat_add_refuses_an_applicant_to_the_campaign(world: World) -> None:
    """APP-7: a candidate cannot sit on the panel that assesses them."""
    campaign = make_campaign(world)
    apply(campaign, user=world.users["member"])
    with pytest.raises(DomainError) as error:
        add(campaign, world.people["member"], PanelRole.CLINICIAN)
    assert list(error.value.errors) == ["person"]


@pytest.mark.parametrize("role", ["member", "chief_executive", "pct_chair"])
def test_seat_add_refused_for_anyone_but_the_lead(world: World, role: str) -> None:
    campaign = make_campaign(world)
    with pytest.raises(NotPermitted):
        aps.seat_add(
            actor=world.users[role], campaign=campaign, person=world.people[role], role=PanelRole.CLINICIAN
        )


def test_seat_remove_is_audited_and_the_chain_still_verifies(world: World) -> None:
    """X-2: removing a seat leaves its history row named by an audit event."""
    rnd = make_round(world, 0)
    aps.seat_remove(actor=world.users["governance_lead"], seat=rnd.seats[2])
    assert PanelSeat.objects.count() == 2
    assert PanelSeat.history.filter(history_type="-").count() == 1
    event = AuditEvent.objects.get(action="panel.remove")
    assert [ref["model"] for ref in event.history_refs] == ["appointments.HistoricalPanelSeat"]
    assert chain.verify().ok


def test_seat_remove_refused_once_the_member_has_scored(world: World) -> None:
    rnd = make_round(world, 1)
    sift_all(rnd)
    with pytest.raises(DomainError, match="has scored candidates"):
        aps.seat_remove(actor=SYSTEM, seat=rnd.seats[0])
    assert PanelSeat.objects.count() == 3


def test_seat_changes_refused_once_the_round_is_complete(world: World) -> None:
    rnd = make_round(world, 0)
    aps.campaign_complete(actor=SYSTEM, campaign=rnd.campaign)
    with pytest.raises(DomainError, match="complete"):
        aps.seat_remove(actor=SYSTEM, seat=rnd.seats[2])
    with pytest.raises(DomainError, match="complete"):
        add(rnd.campaign, world.people["member"], PanelRole.CLINICIAN)
