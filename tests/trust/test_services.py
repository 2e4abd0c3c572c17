"""ORG services refuse broken rules and record who did what (ORG-1 to ORG-5, X-2, X-4).

Each refused case asserts the field the message is about, the message itself,
and that nothing was written: no domain row, no history row, no audit event.
Each permitted action leaves a history row naming the actor and an audit event.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.trust import services as ts
from pecgov.trust.enums import (
    CommitteeKind,
    EndReason,
    GrantRole,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
)
from pecgov.trust.models import Membership, Organisation
from tests.factories import START, World, make_org, make_person, make_user, seat
from tests.trust.helpers import snapshot

SYSTEM = ts.SYSTEM


# Refused cases ------------------------------------------------------------------
# Each builder arranges what the case needs and returns the action that must be refused.

Action = Callable[[], Any]


def _new_member(world: World, **kw: Any) -> Action:
    person = make_person(world.trust, Profession.PHARMACIST, name="Pat Newcomer")
    args = {"role": MembershipRole.CLINICAL, "start_date": dt.date(2021, 5, 1)} | kw
    return lambda: ts.membership_create(actor=SYSTEM, person=person, committee=world.pec, **args)


def membership_end_before_start(world: World) -> tuple[Action, str, str]:
    act = _new_member(world, end_date=dt.date(2021, 4, 30))
    return act, "end_date", "End date must be the same as or after the start date"


def membership_without_start(world: World) -> tuple[Action, str, str]:
    return _new_member(world, start_date=None), "start_date", "Enter the start date"


def co_opted_without_scope(world: World) -> tuple[Action, str, str]:
    act = _new_member(
        world, role=MembershipRole.CO_OPTED, end_date=dt.date(2021, 12, 31), co_opted_scope="  "
    )
    return act, "co_opted_scope", "Enter the piece of work the member is co-opted for"


def co_opted_without_end(world: World) -> tuple[Action, str, str]:
    act = _new_member(world, role=MembershipRole.CO_OPTED, co_opted_scope="Urgent care review")
    return act, "end_date", "Enter the date the co-opted work ends"


def scope_for_non_co_opted(world: World) -> tuple[Action, str, str]:
    act = _new_member(world, co_opted_scope="Urgent care review")
    return act, "co_opted_scope", "Only a co-opted member has a piece of work recorded here"


def duplicate_current_membership(world: World) -> tuple[Action, str, str]:
    member = world.people["member"]

    def act() -> Any:
        return ts.membership_create(
            actor=SYSTEM,
            person=member,
            committee=world.pec,
            role=MembershipRole.CLINICAL,
            start_date=dt.date(2023, 1, 1),
        )

    return (
        act,
        "person",
        f"{member.name} is already a member of {world.pec.name} for some of those dates. "
        "End or change that membership instead.",
    )


def overlapping_earlier_membership(world: World) -> tuple[Action, str, str]:
    person = make_person(world.trust, Profession.AHP, name="Robin Returner")
    seat(person, world.pec, start=dt.date(2020, 4, 1), end_date=dt.date(2021, 3, 31))

    def act() -> Any:
        return seat(person, world.pec, start=dt.date(2021, 3, 31))

    return (
        act,
        "person",
        f"{person.name} is already a member of {world.pec.name} for some of those dates. "
        "End or change that membership instead.",
    )


def second_chair(world: World) -> tuple[Action, str, str]:
    act = _new_member(world, role=MembershipRole.CHAIR)
    chair = world.people["pec_chair"]
    return (
        act,
        "role",
        f"{world.pec.name} already has a chair for those dates ({chair.name}). End that membership first.",
    )


def member_promoted_to_second_chair(world: World) -> tuple[Action, str, str]:
    seat_ = Membership.objects.get(person=world.people["member"], committee=world.pec)

    def act() -> Any:
        return ts.membership_update(actor=SYSTEM, membership=seat_, role=MembershipRole.CHAIR)

    chair = world.people["pec_chair"]
    return (
        act,
        "role",
        f"{world.pec.name} already has a chair for those dates ({chair.name}). End that membership first.",
    )


def board_only_role_on_pec(world: World) -> tuple[Action, str, str]:
    act = _new_member(world, role=MembershipRole.CHIEF_EXECUTIVE)
    return (
        act,
        "role",
        "Chief executive is a Board role; for a director on this committee choose Board director",
    )


def membership_update_end_before_start(world: World) -> tuple[Action, str, str]:
    seat_ = Membership.objects.get(person=world.people["member"], committee=world.pec)

    def act() -> Any:
        return ts.membership_update(actor=SYSTEM, membership=seat_, end_date=START - dt.timedelta(days=1))

    return act, "end_date", "End date must be the same as or after the start date"


def _member_seat(world: World) -> Membership:
    return Membership.objects.get(person=world.people["member"], committee=world.pec)


def end_without_reason(world: World) -> tuple[Action, str, str]:
    seat_ = _member_seat(world)

    def act() -> Any:
        return ts.membership_end(actor=SYSTEM, membership=seat_, end_date=dt.date(2024, 1, 31), end_reason="")

    return act, "end_reason", "Select why the membership ends"


def end_without_date(world: World) -> tuple[Action, str, str]:
    seat_ = _member_seat(world)

    def act() -> Any:
        return ts.membership_end(
            actor=SYSTEM, membership=seat_, end_date=None, end_reason=EndReason.STOOD_DOWN
        )

    return act, "end_date", "Enter the date the membership ends"


def end_substandard_without_note(world: World) -> tuple[Action, str, str]:
    seat_ = _member_seat(world)

    def act() -> Any:
        return ts.membership_end(
            actor=SYSTEM,
            membership=seat_,
            end_date=dt.date(2024, 1, 31),
            end_reason=EndReason.SUBSTANDARD_PERFORMANCE,
            end_note="   ",
        )

    return act, "end_note", "Explain the reason: it is kept in the member's record"


def end_other_without_note(world: World) -> tuple[Action, str, str]:
    seat_ = _member_seat(world)

    def act() -> Any:
        return ts.membership_end(
            actor=SYSTEM, membership=seat_, end_date=dt.date(2024, 1, 31), end_reason=EndReason.OTHER
        )

    return act, "end_note", "Explain the reason: it is kept in the member's record"


def end_before_start(world: World) -> tuple[Action, str, str]:
    seat_ = _member_seat(world)

    def act() -> Any:
        return ts.membership_end(
            actor=SYSTEM,
            membership=seat_,
            end_date=dt.date(2020, 3, 31),
            end_reason=EndReason.STOOD_DOWN,
        )

    return act, "end_date", "End date must be the same as or after the start date (1 April 2020)"


def end_twice(world: World) -> tuple[Action, str, str]:
    seat_ = _member_seat(world)
    ts.membership_end(
        actor=SYSTEM, membership=seat_, end_date=dt.date(2024, 1, 31), end_reason=EndReason.STOOD_DOWN
    )
    fresh = Membership.objects.get(pk=seat_.pk)

    def act() -> Any:
        return ts.membership_end(
            actor=SYSTEM, membership=fresh, end_date=dt.date(2024, 6, 30), end_reason=EndReason.OTHER_ROLE
        )

    return act, "__all__", "This membership has already ended"


def _new_person(world: World, **kw: Any) -> Action:
    fields = {"name": "Sam Jones", "profession": Profession.GP} | kw
    return lambda: ts.person_create(actor=SYSTEM, trust=world.trust, **fields)


def caseload_not_practising(world: World) -> tuple[Action, str, str]:
    act = _new_person(world, practising=False, has_caseload=True)
    return act, "has_caseload", "Only a practising clinician can carry a caseload"


def manager_practising(world: World) -> tuple[Action, str, str]:
    act = _new_person(world, profession=Profession.MANAGER, practising=True)
    return act, "practising", "Only clinicians are recorded as practising"


def person_without_name(world: World) -> tuple[Action, str, str]:
    return _new_person(world, name="  "), "name", "Enter the person's full name"


def person_unknown_profession(world: World) -> tuple[Action, str, str]:
    return _new_person(world, profession="wizard"), "profession", "Select the person's profession"


def registration_without_body(world: World) -> tuple[Action, str, str]:
    act = _new_person(world, registration_number="1234567")
    return act, "registration_body", "Enter the body the person is registered with, such as the GMC"


def person_update_stops_practising_with_caseload(world: World) -> tuple[Action, str, str]:
    member = world.people["member"]

    def act() -> Any:
        return ts.person_update(actor=SYSTEM, person=member, practising=False)

    return act, "has_caseload", "Only a practising clinician can carry a caseload"


def duplicate_ods_code(world: World) -> tuple[Action, str, str]:
    code = world.trust.ods_code

    def act() -> Any:
        return ts.organisation_create(
            actor=SYSTEM,
            trust=world.trust,
            kind=OrganisationKind.PRACTICE,
            name="Copycat",
            ods_code=code.lower(),
        )

    return act, "ods_code", f"Another organisation already has the ODS code {code}"


def duplicate_ods_code_on_edit(world: World) -> tuple[Action, str, str]:
    code = world.trust.ods_code

    def act() -> Any:
        return ts.organisation_update(actor=SYSTEM, organisation=world.practice, ods_code=code)

    return act, "ods_code", f"Another organisation already has the ODS code {code}"


def malformed_ods_code(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.organisation_create(
            actor=SYSTEM, trust=world.trust, kind=OrganisationKind.PRACTICE, name="Dash", ods_code="Y-123"
        )

    return act, "ods_code", "ODS code must be letters and numbers only, 12 characters or fewer"


def second_trust_record(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.organisation_create(
            actor=SYSTEM, trust=world.trust, kind=OrganisationKind.TRUST, name="PCT 2"
        )

    return act, "kind", "A trust is set up by the system administrator, not added here"


def provider_kind_on_practice(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.organisation_create(
            actor=SYSTEM,
            trust=world.trust,
            kind=OrganisationKind.PRACTICE,
            name="Mixed up",
            provider_kind="private",
        )

    return act, "provider_kind", "Only a provider can have a provider kind"


def trust_made_a_practice(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.organisation_update(actor=SYSTEM, organisation=world.trust, kind=OrganisationKind.PRACTICE)

    return act, "kind", "The trust's own record stays a trust"


def practice_member_of_locality(world: World) -> tuple[Action, str, str]:
    locality = make_org(world.trust, OrganisationKind.LOCALITY, "North locality")

    def act() -> Any:
        return ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=world.practice,
            to_organisation=locality,
            kind=LinkKind.MEMBER_OF_PBC_GROUP,
            start_date=START,
        )

    return act, "kind", "A gp practice cannot be linked as 'is a member of the PBC group' to a locality"


def practice_as_provider_arm(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=world.practice,
            to_organisation=world.trust,
            kind=LinkKind.PROVIDER_ARM_OF,
            start_date=START,
        )

    return act, "kind", "A gp practice cannot be linked as 'is the provider arm of' to a trust (pct)"


def link_to_self(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=world.practice,
            to_organisation=world.practice,
            kind=LinkKind.PART_OF,
            start_date=START,
        )

    return act, "to_organisation", "An organisation cannot be linked to itself"


def link_end_before_start(world: World) -> tuple[Action, str, str]:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Central PBC group")

    def act() -> Any:
        return ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=world.practice,
            to_organisation=group,
            kind=LinkKind.MEMBER_OF_PBC_GROUP,
            start_date=dt.date(2022, 1, 1),
            end_date=dt.date(2021, 12, 31),
        )

    return act, "end_date", "End date must be the same as or after the start date"


def duplicate_link(world: World) -> tuple[Action, str, str]:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Central PBC group")
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )

    def act() -> Any:
        return ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=world.practice,
            to_organisation=group,
            kind=LinkKind.MEMBER_OF_PBC_GROUP,
            start_date=dt.date(2023, 1, 1),
        )

    return act, "__all__", "These organisations are already linked this way for some of those dates"


def link_ended_before_it_started(world: World) -> tuple[Action, str, str]:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Central PBC group")
    link = ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )

    def act() -> Any:
        return ts.organisation_link_end(actor=SYSTEM, link=link, end_date=START - dt.timedelta(days=1))

    return act, "end_date", "End date must be the same as or after the start date"


def second_board(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.committee_create(actor=SYSTEM, trust=world.trust, kind=CommitteeKind.BOARD, name="Board 2")

    return act, "kind", "This trust already has a Board"


def committee_without_parent(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.committee_create(
            actor=SYSTEM, trust=world.trust, kind=CommitteeKind.REFERENCE_GROUP, name="Diabetes"
        )

    return act, "parent", "Select the committee this one reports to (usually the Board)"


def locality_on_reference_group(world: World) -> tuple[Action, str, str]:
    locality = make_org(world.trust, OrganisationKind.LOCALITY, "South locality")

    def act() -> Any:
        return ts.committee_create(
            actor=SYSTEM,
            trust=world.trust,
            kind=CommitteeKind.REFERENCE_GROUP,
            name="Diabetes",
            parent=world.pec,
            locality=locality,
        )

    return act, "locality", "Only an Area Commissioning Forum covers a locality"


def committee_reports_to_itself(world: World) -> tuple[Action, str, str]:
    def act() -> Any:
        return ts.committee_update(actor=SYSTEM, committee=world.pec, parent=world.pec)

    return act, "parent", "A committee cannot report to itself"


REFUSALS = [
    membership_end_before_start,
    membership_without_start,
    co_opted_without_scope,
    co_opted_without_end,
    scope_for_non_co_opted,
    duplicate_current_membership,
    overlapping_earlier_membership,
    second_chair,
    member_promoted_to_second_chair,
    board_only_role_on_pec,
    membership_update_end_before_start,
    end_without_reason,
    end_without_date,
    end_substandard_without_note,
    end_other_without_note,
    end_before_start,
    end_twice,
    caseload_not_practising,
    manager_practising,
    person_without_name,
    person_unknown_profession,
    registration_without_body,
    person_update_stops_practising_with_caseload,
    duplicate_ods_code,
    duplicate_ods_code_on_edit,
    malformed_ods_code,
    second_trust_record,
    provider_kind_on_practice,
    trust_made_a_practice,
    practice_member_of_locality,
    practice_as_provider_arm,
    link_to_self,
    link_end_before_start,
    duplicate_link,
    link_ended_before_it_started,
    second_board,
    committee_without_parent,
    locality_on_reference_group,
    committee_reports_to_itself,
]


@pytest.mark.parametrize("case", REFUSALS, ids=[c.__name__ for c in REFUSALS])
def test_service_refuses_broken_rule_and_saves_nothing(world: World, case: Any) -> None:
    act, field, message = case(world)
    before = snapshot()

    with pytest.raises(DomainError) as raised:
        act()

    assert raised.value.errors == {field: [message]}
    assert snapshot() == before


def test_membership_later_than_an_ended_one_is_allowed(world: World) -> None:
    person = make_person(world.trust, Profession.AHP, name="Robin Returner")
    seat(person, world.pec, start=dt.date(2020, 4, 1), end_date=dt.date(2021, 3, 31))

    seat(person, world.pec, start=dt.date(2021, 4, 1))

    seats = Membership.objects.filter(person=person, committee=world.pec).order_by("start_date")
    assert list(seats.values_list("start_date", "end_date")) == [
        (dt.date(2020, 4, 1), dt.date(2021, 3, 31)),
        (dt.date(2021, 4, 1), None),
    ]


def test_chair_after_the_last_chair_ended_is_allowed(world: World) -> None:
    old = Membership.objects.get(person=world.people["pec_chair"], committee=world.pec)
    ts.membership_end(
        actor=SYSTEM, membership=old, end_date=dt.date(2024, 3, 31), end_reason=EndReason.STOOD_DOWN
    )
    successor = make_person(world.trust, Profession.GP, name="Nia Successor")

    new = seat(successor, world.pec, MembershipRole.CHAIR, start=dt.date(2024, 4, 1))

    assert Membership.objects.filter(committee=world.pec, role=MembershipRole.CHAIR).count() == 2
    assert new.role == MembershipRole.CHAIR


def test_same_ods_code_in_another_trust_is_allowed(world: World, other_world: World) -> None:
    code = world.trust.ods_code

    org = ts.organisation_create(
        actor=SYSTEM, trust=other_world.trust, kind=OrganisationKind.PRACTICE, name="Twin", ods_code=code
    )

    assert Organisation.objects.filter(ods_code=code).count() == 2
    assert org.trust == other_world.trust


def test_organisation_keeps_its_own_ods_code_on_edit(world: World) -> None:
    org = make_org(world.trust, name="Keeper Surgery", ods_code="Y01234")

    ts.organisation_update(actor=SYSTEM, organisation=org, name="Keeper Medical Centre", ods_code="y01234")

    org.refresh_from_db()
    assert (org.name, org.ods_code) == ("Keeper Medical Centre", "Y01234")


def test_membership_of_person_in_another_trust_is_refused(world: World, other_world: World) -> None:
    outsider = other_world.people["member"]
    before = snapshot()

    with pytest.raises(DomainError) as raised:
        seat(outsider, world.pec)

    assert raised.value.errors == {"person": ["Select a person in this trust"]}
    assert snapshot() == before


def test_link_to_organisation_in_another_trust_is_refused(world: World, other_world: World) -> None:
    before = snapshot()

    with pytest.raises(DomainError) as raised:
        ts.organisation_link_create(
            actor=SYSTEM,
            from_organisation=world.practice,
            to_organisation=other_world.practice,
            kind=LinkKind.PART_OF,
            start_date=START,
        )

    assert raised.value.errors == {"to_organisation": ["Select an organisation in this trust"]}
    assert snapshot() == before


# Permitted actions and who may take them ----------------------------------------------


def _actions(world: World, actor: Any) -> dict[str, tuple[Action, Callable[[Any], str]]]:
    """One call of every ORG service, each valid, with what its audit summary must mention."""
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Permission PBC group")
    link = ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )
    member_seat = _member_seat(world)
    dentist = make_person(world.trust, Profession.DENTIST, name="Dee Dentist")
    grantee = make_user()
    return {
        "organisation_create": (
            lambda: ts.organisation_create(
                actor=actor, trust=world.trust, kind=OrganisationKind.PRACTICE, name="New Surgery"
            ),
            str,
        ),
        "organisation_update": (
            lambda: ts.organisation_update(actor=actor, organisation=world.practice, name="Renamed Surgery"),
            str,
        ),
        "organisation_link_create": (
            lambda: ts.organisation_link_create(
                actor=actor,
                from_organisation=group,
                to_organisation=world.trust,
                kind=LinkKind.PART_OF,
                start_date=START,
            ),
            str,
        ),
        "organisation_link_end": (
            lambda: ts.organisation_link_end(actor=actor, link=link, end_date=dt.date(2024, 1, 31)),
            str,
        ),
        "person_create": (
            lambda: ts.person_create(
                actor=actor, trust=world.trust, name="Una Known", profession=Profession.LAY
            ),
            str,
        ),
        "person_update": (
            lambda: ts.person_update(actor=actor, person=dentist, name="Dee Dentist-Smith"),
            str,
        ),
        "committee_create": (
            lambda: ts.committee_create(
                actor=actor,
                trust=world.trust,
                kind=CommitteeKind.REFERENCE_GROUP,
                name="Respiratory group",
                parent=world.pec,
            ),
            str,
        ),
        "committee_update": (
            lambda: ts.committee_update(actor=actor, committee=world.pec, name="Clinical Executive"),
            str,
        ),
        "membership_create": (
            lambda: ts.membership_create(
                actor=actor,
                person=dentist,
                committee=world.pec,
                role=MembershipRole.CLINICAL,
                start_date=START,
            ),
            str,
        ),
        "membership_update": (
            lambda: ts.membership_update(actor=actor, membership=member_seat, role=MembershipRole.VICE_CHAIR),
            str,
        ),
        "membership_end": (
            lambda: ts.membership_end(
                actor=actor,
                membership=member_seat,
                end_date=dt.date(2024, 1, 31),
                end_reason=EndReason.STOOD_DOWN,
            ),
            str,
        ),
        "role_grant": (
            lambda: ts.role_grant(
                actor=actor, user=grantee, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD
            ),
            lambda grant: grant.user.get_username(),
        ),
    }


SERVICES = [
    "organisation_create",
    "organisation_update",
    "organisation_link_create",
    "organisation_link_end",
    "person_create",
    "person_update",
    "committee_create",
    "committee_update",
    "membership_create",
    "membership_update",
    "membership_end",
    "role_grant",
]
# Everyone in the trust who is not its governance lead, from the least to the most senior.
NOT_LEADS = [
    "applicant",
    "practice_lead",
    "member",
    "executive_director",
    "pec_chair",
    "chief_executive",
    "pct_chair",
]


@pytest.mark.parametrize("service", SERVICES)
def test_service_records_history_and_audit_event_by_the_lead(world: World, service: str) -> None:
    lead = world.users["governance_lead"]
    act, mention = _actions(world, lead)[service]
    events_before = AuditEvent.objects.count()

    obj = act()

    row = obj.history.order_by("-history_id").first()
    event = AuditEvent.objects.order_by("-id").first()
    assert row.history_user == lead
    assert row.history_change_reason != ""
    assert AuditEvent.objects.count() == events_before + 1
    assert event.actor == lead
    assert event.action == ".".join(service.rsplit("_", 1))
    assert mention(obj) in event.summary
    assert {"model": row._meta.label, "id": row.history_id} in [
        {"model": ref["model"], "id": ref["id"]} for ref in event.history_refs
    ]


def test_service_by_the_system_records_no_user(world: World) -> None:
    person = ts.person_create(actor=SYSTEM, trust=world.trust, name="Ada Auto", profession=Profession.NURSE)

    row = person.history.order_by("-history_id").first()
    event = AuditEvent.objects.order_by("-id").first()
    assert row.history_user is None
    assert (event.actor, event.actor_label, event.summary) == (None, "system", "Added Ada Auto (Nurse)")


@pytest.mark.parametrize("service", SERVICES)
def test_service_refuses_anyone_but_the_trusts_governance_lead(
    world: World, other_world: World, service: str
) -> None:
    outsiders = [world.users[role] for role in NOT_LEADS] + [other_world.users["governance_lead"]]
    actions = {user.get_username(): _actions_for(world, user, service) for user in outsiders}
    before = snapshot()

    refused = []
    for username, act in actions.items():
        with pytest.raises(NotPermitted) as raised:
            act()
        refused.append((username, str(raised.value)))

    assert refused == [
        (user.get_username(), "Only the trust's governance lead can change this.") for user in outsiders
    ]
    assert snapshot() == before


def _actions_for(world: World, actor: Any, service: str) -> Action:
    # Each outsider gets its own arranged objects, so no refusal depends on another's.
    return _actions(world, actor)[service][0]


def test_trust_create_refused_to_a_governance_lead(world: World) -> None:
    before = snapshot()

    with pytest.raises(NotPermitted):
        ts.trust_create(actor=world.users["governance_lead"], name="Rogue PCT")

    assert snapshot() == before
