"""The policy services: pack choice, overrides and committee findings over the database (POL-1, POL-2, POL-4, X-4).

Uses the `world` trust: a Board and a six-seat PEC that meets every DH 2007 rule.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.engine import Finding, Status
from pecgov.policy.models import PolicyOverride, TrustPolicy
from pecgov.policy.services import (
    committee_facts,
    committee_findings,
    effective_policy,
    policy_choose_pack,
    policy_override,
    policy_override_withdraw,
)
from pecgov.trust import services as ts
from pecgov.trust.enums import EndReason, MembershipRole, Profession
from pecgov.trust.models import Membership
from tests.factories import SYSTEM, World, make_person, seat

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def yesterday() -> dt.date:
    return today() - dt.timedelta(days=1)


def find(findings: list[Finding], rule: str) -> Finding:
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, [f.rule for f in findings]
    return matching[0]


def counts() -> tuple[int, int]:
    return PolicyOverride.objects.count(), AuditEvent.objects.count()


def add_clinicians(world: World, count: int) -> list[Membership]:
    return [seat(make_person(world.trust, Profession.GP), world.pec) for _ in range(count)]


def end(membership: Membership, on: dt.date) -> None:
    ts.membership_end(actor=SYSTEM, membership=membership, end_date=on, end_reason=EndReason.STOOD_DOWN)


def co_opt(world: World, name: str, end_date: dt.date) -> Membership:
    person = make_person(world.trust, Profession.PHARMACIST, name=name)
    return seat(
        person, world.pec, MembershipRole.CO_OPTED, end_date=end_date, co_opted_scope="Prescribing review"
    )


# effective_policy and the pack choice ------------------------------------------------


def test_effective_policy_defaults_to_dh2007(world: World) -> None:
    policy = effective_policy(world.trust)

    assert policy.pack.key == "dh2007"
    assert policy["composition.max_members"] == 8
    assert policy.sources()["composition.max_members"] == "DH 6.2"
    assert policy.parameters["composition.max_members"].override is None


def test_effective_policy_uses_the_chosen_pack(world: World) -> None:
    policy_choose_pack(actor=world.users["governance_lead"], trust=world.trust, pack="alliance2006")

    policy = effective_policy(world.trust)

    assert policy.pack.key == "alliance2006"
    assert policy["composition.max_members"] is None
    assert (policy["composition.min_clinicians"], policy["composition.max_clinicians"]) == (5, 8)
    assert (policy["composition.min_managers"], policy["composition.max_managers"]) == (3, 5)
    assert policy.sources()["composition.min_managers"] == 'Alliance "The Structure"'


def test_policy_choose_pack_records_an_audit_event_once(world: World) -> None:
    lead = world.users["governance_lead"]
    before = AuditEvent.objects.filter(action="policy.choose_pack").count()

    policy_choose_pack(actor=lead, trust=world.trust, pack="alliance2006", reason="Board decision")
    policy_choose_pack(actor=lead, trust=world.trust, pack="alliance2006")

    assert AuditEvent.objects.filter(action="policy.choose_pack").count() == before + 1
    assert TrustPolicy.objects.get(trust=world.trust).pack == "alliance2006"


def test_policy_choose_pack_unknown_pack_raises_and_saves_nothing(world: World) -> None:
    before = AuditEvent.objects.count()

    with pytest.raises(DomainError) as error:
        policy_choose_pack(actor=world.users["governance_lead"], trust=world.trust, pack="nhs2010")

    assert error.value.errors == {"pack": ["Select a policy pack"]}
    assert not TrustPolicy.objects.filter(trust=world.trust).exists()
    assert AuditEvent.objects.count() == before


# policy_override and its withdrawal ----------------------------------------------------


@pytest.mark.parametrize("reason", ["", "   "])
def test_policy_override_without_reason_raises_and_saves_nothing(world: World, reason: str) -> None:
    before = counts()

    with pytest.raises(DomainError) as error:
        policy_override(
            actor=world.users["governance_lead"],
            trust=world.trust,
            key="composition.max_members",
            value="10",
            reason=reason,
        )

    assert list(error.value.errors) == ["reason"]
    assert error.value.errors["reason"][0].startswith("Enter the reason for the local decision")
    assert counts() == before


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("composition.max_members", "ten", "Enter a whole number, like 8"),
        ("composition.max_members", "-2", "Enter a number of 0 or more"),
        ("composition.chair_on_board", "none", "Enter a value: this rule cannot be switched off"),
        ("composition.professionals_majority", "perhaps", "Enter yes or no"),
        ("panel.model", "nhs", "Choose one of: dh, alliance"),
    ],
)
def test_policy_override_bad_value_raises_and_saves_nothing(
    world: World, key: str, value: str, message: str
) -> None:
    before = counts()

    with pytest.raises(DomainError) as error:
        policy_override(
            actor=world.users["governance_lead"], trust=world.trust, key=key, value=value, reason="Local"
        )

    assert error.value.errors == {"value": [message]}
    assert counts() == before


def test_policy_override_unknown_key_raises(world: World) -> None:
    with pytest.raises(DomainError) as error:
        policy_override(
            actor=world.users["governance_lead"],
            trust=world.trust,
            key="composition.max_pizzas",
            value="3",
            reason="Local",
        )

    assert error.value.errors == {"key": ["Select a parameter to override"]}
    assert PolicyOverride.objects.count() == 0


def test_policy_override_sets_the_effective_value_and_source(world: World) -> None:
    before = AuditEvent.objects.filter(action="policy.override").count()

    override = policy_override(
        actor=world.users["governance_lead"],
        trust=world.trust,
        key="composition.max_members",
        value="10",
        reason="  Two PCTs merged  ",
    )

    policy = effective_policy(world.trust)
    assert (override.value, override.reason, override.created_by) == (
        10,
        "Two PCTs merged",
        world.users["governance_lead"],
    )
    assert policy["composition.max_members"] == 10
    assert policy.sources()["composition.max_members"] == "Local override of DH 6.2"
    assert AuditEvent.objects.filter(action="policy.override").count() == before + 1


def test_policy_override_none_switches_a_nullable_rule_off(world: World) -> None:
    policy_override(
        actor=world.users["governance_lead"],
        trust=world.trust,
        key="composition.min_board_directors",
        value="none",
        reason="Director post vacant until April",
    )

    assert "board_director" not in [f.rule for f in committee_findings(world.pec)]


def test_policy_override_replaces_the_active_override(world: World) -> None:
    lead = world.users["governance_lead"]
    first = policy_override(
        actor=lead, trust=world.trust, key="composition.max_members", value="10", reason="Merger"
    )

    second = policy_override(
        actor=lead, trust=world.trust, key="composition.max_members", value="12", reason="Second merger"
    )

    first.refresh_from_db()
    assert first.withdrawn_at is not None
    assert first.withdrawn_by == lead
    assert second.withdrawn_at is None
    assert list(
        PolicyOverride.objects.filter(trust=world.trust, withdrawn_at__isnull=True).values_list("pk", "value")
    ) == [(second.pk, 12)]
    assert effective_policy(world.trust)["composition.max_members"] == 12


def test_policy_override_withdraw_restores_the_pack_value(world: World) -> None:
    lead = world.users["governance_lead"]
    override = policy_override(
        actor=lead, trust=world.trust, key="composition.max_members", value="10", reason="Merger"
    )

    policy_override_withdraw(actor=lead, override=override)

    policy = effective_policy(world.trust)
    assert policy["composition.max_members"] == 8
    assert policy.sources()["composition.max_members"] == "DH 6.2"
    override.refresh_from_db()
    assert override.withdrawn_by == lead


def test_policy_override_withdraw_twice_raises(world: World) -> None:
    lead = world.users["governance_lead"]
    override = policy_override(
        actor=lead, trust=world.trust, key="composition.max_members", value="10", reason="Merger"
    )
    policy_override_withdraw(actor=lead, override=override)
    before = AuditEvent.objects.count()

    with pytest.raises(DomainError) as error:
        policy_override_withdraw(actor=lead, override=override)

    assert error.value.messages == ["This override has already been withdrawn"]
    assert AuditEvent.objects.count() == before


def test_policy_changes_by_a_member_are_not_permitted(world: World) -> None:
    member = world.users["member"]
    override = policy_override(
        actor=world.users["governance_lead"],
        trust=world.trust,
        key="composition.max_members",
        value="10",
        reason="Merger",
    )
    before = counts()

    with pytest.raises(NotPermitted):
        policy_override(actor=member, trust=world.trust, key="composition.max_members", value="9", reason="x")
    with pytest.raises(NotPermitted):
        policy_choose_pack(actor=member, trust=world.trust, pack="alliance2006")
    with pytest.raises(NotPermitted):
        policy_override_withdraw(actor=member, override=override)

    override.refresh_from_db()
    assert override.withdrawn_at is None
    assert counts() == before
    assert effective_policy(world.trust).pack.key == "dh2007"


def test_policy_changes_by_another_trusts_lead_are_not_permitted(world: World, other_world: World) -> None:
    with pytest.raises(NotPermitted):
        policy_override(
            actor=other_world.users["governance_lead"],
            trust=world.trust,
            key="composition.max_members",
            value="9",
            reason="x",
        )

    assert PolicyOverride.objects.count() == 0


# committee_facts and committee_findings (POL-2: findings follow membership) -------------


def test_committee_findings_for_the_world_pec_pass_under_dh(world: World) -> None:
    findings = committee_findings(world.pec)

    assert find(findings, "size") == Finding(
        "size",
        "Size",
        Status.PASS,
        "6 members (not counting co-opted members); the policy allows at most 8.",
        "DH 6.2",
    )
    assert {f.status for f in findings} == {Status.PASS}


def test_committee_findings_follow_membership_changes(world: World) -> None:
    extra = add_clinicians(world, 3)

    over = find(committee_findings(world.pec), "size")
    end(extra[0], yesterday())
    back = find(committee_findings(world.pec), "size")

    assert (over.status, over.facts) == (
        Status.FAIL,
        "9 members (not counting co-opted members); the policy allows at most 8.",
    )
    assert (back.status, back.facts) == (
        Status.PASS,
        "8 members (not counting co-opted members); the policy allows at most 8.",
    )


def test_membership_ending_today_still_counts(world: World) -> None:
    extra = add_clinicians(world, 3)

    end(extra[0], today())

    assert find(committee_findings(world.pec), "size").status == Status.FAIL


def test_committee_findings_use_the_local_override_and_cite_it(world: World) -> None:
    policy_override(
        actor=world.users["governance_lead"],
        trust=world.trust,
        key="composition.max_members",
        value="5",
        reason="Small trust",
    )

    result = find(committee_findings(world.pec), "size")

    assert (result.status, result.facts, result.source) == (
        Status.FAIL,
        "6 members (not counting co-opted members); the policy allows at most 5.",
        "Local override of DH 6.2",
    )


def test_switching_to_alliance_changes_the_findings(world: World) -> None:
    before = [f.rule for f in committee_findings(world.pec)]

    policy_choose_pack(actor=world.users["governance_lead"], trust=world.trust, pack="alliance2006")
    findings = committee_findings(world.pec)

    assert "managers" not in before
    assert "size" not in [f.rule for f in findings]
    assert find(findings, "managers") == Finding(
        "managers",
        "Senior managers",
        Status.FAIL,
        "1 senior manager; the policy asks for at least 3.",
        'Alliance "The Structure"',
        "Appoint 2 more senior managers.",
    )
    assert find(findings, "clinicians").facts == "5 clinicians; the policy asks for 5 to 8."


def test_co_optee_past_end_date_is_not_counted_but_is_named(world: World) -> None:
    """A co-option past its end date whose membership was never ended is not counted, and the
    co-option finding names it with its end date and what to do (DH 6.2). Behaviour changed on
    purpose: it used to say "No co-opted members today."."""
    co_opt(world, "Ravi Gill", end_date=yesterday())

    facts = committee_facts(world.pec, today())
    result = find(committee_findings(world.pec), "co_opted")

    assert "Ravi Gill" not in [m.name for m in facts.members]
    assert [m.name for m in facts.lapsed] == ["Ravi Gill"]
    assert len(facts.members) == 6
    assert (result.status, result.facts, result.action, result.names) == (
        Status.WARN,
        f"Ravi Gill's co-option ended on {yesterday():%-d %B %Y} but the membership is still open; "
        "Ravi Gill is not counted.",
        "End Ravi Gill's membership (the co-opted work finished), or extend the co-option with a new end date.",
        ("Ravi Gill",),
    )
    assert find(committee_findings(world.pec), "size").facts.startswith("6 members")


def test_co_optee_past_end_date_once_ended_is_no_longer_named(world: World) -> None:
    seat_ = co_opt(world, "Ravi Gill", end_date=yesterday())

    ts.membership_end(
        actor=SYSTEM, membership=seat_, end_date=yesterday(), end_reason=EndReason.CO_OPTION_ENDED
    )

    assert committee_facts(world.pec, today()).lapsed == ()
    assert find(committee_findings(world.pec), "co_opted").facts == "No co-opted members today."


def test_fixed_term_set_locally_flags_members_past_it(world: World) -> None:
    """Where local policy sets a term (DH 7.2 leaves it to local determination), each member
    past it is named with the day their term ended; the packs set none."""
    assert "fixed_term" not in [f.rule for f in committee_findings(world.pec)]
    started = dt.date(2010, 3, 1)
    seat(make_person(world.trust, Profession.NURSE, name="Val Long"), world.pec, start=started)
    policy_override(
        actor=world.users["governance_lead"],
        trust=world.trust,
        key="tenure.fixed_term_years",
        value="10",
        reason="Local terms of office: ten years",
    )

    result = find(committee_findings(world.pec), "fixed_term")

    assert (result.status, result.names, result.source) == (
        Status.FAIL,
        ("Val Long",),
        "Local override of DH 7.2",
    )
    assert result.facts == "Val Long's 10-year term ended on 29 February 2020."  # 2020 is a leap year


def test_co_optee_ending_within_the_warning_window_warns(world: World) -> None:
    ends = today() + dt.timedelta(days=10)
    co_opt(world, "Ravi Gill", end_date=ends)

    result = find(committee_findings(world.pec), "co_opted")

    assert (result.status, result.facts, result.names) == (
        Status.WARN,
        f"Ravi Gill's co-option ends on {ends:%-d %B %Y}.",
        ("Ravi Gill",),
    )


def test_current_co_optee_is_listed_but_not_counted_towards_size(world: World) -> None:
    add_clinicians(world, 2)
    co_opt(world, "Ravi Gill", end_date=today() + dt.timedelta(days=200))

    facts = committee_facts(world.pec, today())
    findings = committee_findings(world.pec)

    assert "Ravi Gill" in [m.name for m in facts.members]
    assert (
        find(findings, "size").facts
        == "8 members (not counting co-opted members); the policy allows at most 8."
    )
    assert find(findings, "co_opted").status == Status.PASS


def test_chair_who_left_the_board_yesterday_fails_chair_on_board(world: World) -> None:
    chair = world.people["pec_chair"]
    end(Membership.objects.get(committee=world.board, person=chair), yesterday())

    findings = committee_findings(world.pec)

    assert find(findings, "chair_on_board") == Finding(
        "chair_on_board",
        "Chair sits on the PCT Board",
        Status.FAIL,
        f"{chair.name} chairs the committee but does not sit on the PCT Board today.",
        "DH 6.2",
        "Add the chair to the Board's membership.",
        (chair.name,),
    )
    # The executive director still fills the Board director's seat.
    assert find(findings, "board_director").facts == (
        f"1 Board director: {world.people['executive_director'].name}."
    )


def test_committee_facts_carry_board_seats(world: World) -> None:
    facts = committee_facts(world.pec, today())

    seats = {m.name: m.board_seats for m in facts.members}
    assert seats[world.people["pec_chair"].name] == ("board_director",)
    assert seats[world.people["executive_director"].name] == ("executive_director",)
    assert seats[world.people["member"].name] == ()


def test_committee_facts_before_anyone_started_are_empty(world: World) -> None:
    facts = committee_facts(world.pec, dt.date(2007, 10, 1))

    assert facts.members == ()
    assert facts.on == dt.date(2007, 10, 1)


def test_committee_findings_for_a_board_are_empty(world: World) -> None:
    assert committee_findings(world.board) == []


def test_policy_override_above_the_parameters_maximum_is_refused(world: World) -> None:
    """A quorum of more than 99% could never be met: the pack caps it (POL-1, MTG-2)."""
    before = PolicyOverride.objects.count()
    with pytest.raises(DomainError) as error:
        policy_override(
            actor=SYSTEM, trust=world.trust, key="meetings.quorum_percent", value=100, reason="Test"
        )
    assert error.value.errors == {"value": ["Enter a number of 99 or less"]}
    assert PolicyOverride.objects.count() == before
