"""Appointment services, panel conflicts (APP-4 with COI-2, COI-3): panel members' conflicts
with candidates are screened against the register or declared, handled by someone other than the
conflicted member, and an unhandled or stepped-aside conflict keeps the member from assessing
that candidate; a member who steps aside is not expected to score them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ConflictHandling, PanelRole
from pecgov.appointments.models import PanelConflict, PanelSeat, SiftScore
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests import services as isv
from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, OrganisationKind, Profession
from pecgov.trust.models import Person
from tests.appointment_factories import (
    Round,
    apply,
    close,
    make_campaign,
    make_round,
    panel_user,
    score_all,
    score_as,
    shortlist,
)
from tests.factories import SYSTEM, World, make_org, make_person


def add(campaign: Any, person: Person, role: str, **kw: Any) -> PanelSeat:
    return aps.seat_add(actor=SYSTEM, campaign=campaign, person=person, role=role, **kw)


# Conflicts (APP-4 with COI-2, COI-3) -------------------------------------------------------------


def partner_round(world: World) -> tuple[Round, PanelSeat]:
    """A closed round whose fourth panel member is a partner at the first candidate's practice."""
    rnd = make_round(world, 0, closed=False)
    partner = make_person(world.trust, Profession.GP, name="Dr Partner", organisation=world.practice)
    seat = add(rnd.campaign, partner, PanelRole.CLINICIAN)
    rnd.seats.append(seat)
    rnd.applications = [
        apply(rnd.campaign, name="Dr Applicant 01", organisation=world.practice),
        apply(rnd.campaign, name="Dr Applicant 02"),
    ]
    close(rnd.campaign)
    return rnd, seat


def flags(rnd: Round) -> dict[tuple[int, int], aps.PanelFlag]:
    return aps.panel_flags(rnd.campaign, list(rnd.campaign.seats.all()), rnd.applications)


def test_partner_at_the_candidates_practice_is_flagged(world: World) -> None:
    """APP-4, COI-2: Person.organisation equals the candidate's practice."""
    rnd, seat = partner_round(world)
    found = flags(rnd)
    assert list(found) == [(seat.pk, rnd.applications[0].pk)]
    flag = found[(seat.pk, rnd.applications[0].pk)]
    assert not flag.handled
    assert flag.reasons == (
        f"Dr Partner works at {world.practice.name}, which this item affects. "
        f"({rnd.applications[0].name}'s practice, employer or declared interest)",
    )


def test_declaration_in_an_organisation_linked_to_the_candidates_practice_is_flagged(world: World) -> None:
    """APP-4, COI-2: a panel member's declared interest in the PBC group the practice belongs to."""
    rnd = make_round(world, 0, closed=False)
    candidate = apply(rnd.campaign, organisation=world.practice)
    rnd.applications = [candidate]
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "North PBC Group")
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=dt.date(2020, 1, 1),
    )
    pct_chair = world.people["pct_chair"]
    isv.declaration_create(
        actor=SYSTEM,
        person=pct_chair,
        category="non_financial_professional",
        description="Adviser to the group",
        start_date=dt.date(2020, 1, 1),
        organisation=group,
    )
    found = flags(rnd)
    assert list(found) == [(rnd.seats[1].pk, candidate.pk)]
    (reason,) = found[(rnd.seats[1].pk, candidate.pk)].reasons
    assert "North PBC Group → " in reason


def test_candidates_declared_interest_is_screened_too(world: World) -> None:
    """COI-2: the candidate's declared interest in the organisation a panel member works at."""
    provider = make_org(world.trust, OrganisationKind.PROVIDER, "Community Services", provider_kind="")
    ts.person_update(actor=SYSTEM, person=world.people["chief_executive"], organisation=provider)
    campaign = make_campaign(world)
    seat = add(campaign, world.people["chief_executive"], PanelRole.CHIEF_EXECUTIVE, is_chair=True)
    application = apply(
        campaign,
        nil_interests=False,
        interests=[aps.DeclaredInterest("financial", "Contract with them", provider)],
    )
    assert list(aps.panel_flags(campaign, [seat], [application])) == [(seat.pk, application.pk)]


def test_declared_conflict_is_flagged(world: World) -> None:
    """APP-4: a panel member declares a conflict with a candidate."""
    rnd = make_round(world, 2)
    seat, candidate = rnd.seats[1], rnd.applications[1]
    aps.conflict_declare(
        actor=world.users["pct_chair"], seat=seat, application=candidate, description="  My neighbour "
    )
    flag = flags(rnd)[(seat.pk, candidate.pk)]
    assert flag.reasons == ("Declared: My neighbour",)
    assert flag.record is not None and flag.record.declared
    assert AuditEvent.objects.filter(action="panel.conflict_declare").count() == 1


def test_conflict_declare_by_the_lead_for_a_member(world: World) -> None:
    rnd = make_round(world, 1)
    aps.conflict_declare(
        actor=world.users["governance_lead"],
        seat=rnd.seats[2],
        application=rnd.applications[0],
        description="X",
    )
    assert PanelConflict.objects.count() == 1


def test_conflict_declare_for_someone_else_refused(world: World) -> None:
    rnd = make_round(world, 1)
    with pytest.raises(NotPermitted):
        aps.conflict_declare(
            actor=world.users["pct_chair"],
            seat=rnd.seats[2],
            application=rnd.applications[0],
            description="X",
        )
    assert PanelConflict.objects.count() == 0


def test_conflict_declare_refuses_bad_input(world: World) -> None:
    rnd = make_round(world, 1)
    other = make_round(world, 1)
    with pytest.raises(DomainError) as error:
        aps.conflict_declare(
            actor=SYSTEM, seat=rnd.seats[1], application=other.applications[0], description="X"
        )
    assert list(error.value.errors) == ["application"]
    with pytest.raises(DomainError) as error:
        aps.conflict_declare(
            actor=SYSTEM, seat=rnd.seats[1], application=rnd.applications[0], description=" "
        )
    assert list(error.value.errors) == ["description"]
    assert PanelConflict.objects.count() == 0


def test_conflict_handle_refused_for_the_conflicted_member_even_as_panel_chair(world: World) -> None:
    """APP-4, COI-3: someone other than the conflicted member records the handling."""
    rnd = make_round(world, 1)
    chair_seat, candidate = rnd.seats[0], rnd.applications[0]
    aps.conflict_declare(actor=SYSTEM, seat=chair_seat, application=candidate, description="Old colleague")
    with pytest.raises(NotPermitted, match="other than the conflicted"):
        aps.conflict_handle(
            actor=rnd.chair_user,
            seat=chair_seat,
            application=candidate,
            handling=ConflictHandling.STEPS_ASIDE,
        )
    assert PanelConflict.objects.get().handling == ""


def test_conflict_handle_refused_for_a_member_who_does_not_chair(world: World) -> None:
    rnd = make_round(world, 1)
    aps.conflict_declare(actor=SYSTEM, seat=rnd.seats[2], application=rnd.applications[0], description="X")
    with pytest.raises(NotPermitted):
        aps.conflict_handle(
            actor=world.users["pct_chair"],
            seat=rnd.seats[2],
            application=rnd.applications[0],
            handling=ConflictHandling.STEPS_ASIDE,
        )


@pytest.mark.parametrize(
    ("handling", "reason", "field"),
    [("ignore", "", "handling"), (ConflictHandling.NO_ACTION, "  ", "reason")],
)
def test_conflict_handle_refuses_bad_handling(world: World, handling: str, reason: str, field: str) -> None:
    rnd = make_round(world, 1)
    aps.conflict_declare(actor=SYSTEM, seat=rnd.seats[2], application=rnd.applications[0], description="X")
    with pytest.raises(DomainError) as error:
        aps.conflict_handle(
            actor=SYSTEM, seat=rnd.seats[2], application=rnd.applications[0], handling=handling, reason=reason
        )
    assert list(error.value.errors) == [field]


def test_conflict_handle_without_a_conflict_refused(world: World) -> None:
    rnd = make_round(world, 1)
    with pytest.raises(DomainError, match="No conflict"):
        aps.conflict_handle(
            actor=SYSTEM,
            seat=rnd.seats[2],
            application=rnd.applications[0],
            handling=ConflictHandling.STEPS_ASIDE,
        )
    assert PanelConflict.objects.count() == 0


def test_conflict_handle_refuses_a_candidate_of_another_campaign(world: World) -> None:
    rnd = make_round(world, 1)
    other, _ = partner_round(world)
    with pytest.raises(DomainError) as error:
        aps.conflict_handle(
            actor=SYSTEM,
            seat=other.seats[3],
            application=rnd.applications[0],
            handling=ConflictHandling.STEPS_ASIDE,
        )
    assert list(error.value.errors) == ["application"]
    assert PanelConflict.objects.count() == 0


def test_screened_conflict_handled_by_the_panel_chair(world: World) -> None:
    rnd, seat = partner_round(world)
    record = aps.conflict_handle(
        actor=rnd.chair_user,
        seat=seat,
        application=rnd.applications[0],
        handling=ConflictHandling.NO_ACTION,
        reason="Left the practice's partnership board years ago",
    )
    assert (record.declared, record.recorded_by) == (False, rnd.chair_user)
    assert "works at" in record.description
    assert flags(rnd)[(seat.pk, rnd.applications[0].pk)].handled
    assert AuditEvent.objects.filter(action="panel.conflict_handle").count() == 1


def test_unhandled_conflict_blocks_that_members_scoring_only(world: World) -> None:
    """APP-4: a conflicted member cannot sift or score the candidate until it is handled."""
    rnd, seat = partner_round(world)
    conflicted, other = rnd.applications
    criteria = {i: (4, "") for i in range(1, len(rnd.post.criteria) + 1)}
    with pytest.raises(DomainError, match="has not been handled yet"):
        aps.sift_record(actor=panel_user(seat), application=conflicted, scores=criteria)
    aps.sift_record(actor=panel_user(seat), application=other, scores=criteria)
    aps.sift_record(actor=panel_user(rnd.seats[0]), application=conflicted, scores=criteria)
    assert SiftScore.objects.filter(scorer=seat.person).count() == 3


def test_unhandled_conflict_blocks_interview_scoring(world: World) -> None:
    rnd, seat = partner_round(world)
    shortlist(rnd)
    with pytest.raises(DomainError, match="has not been handled yet"):
        score_as(seat, rnd.applications[0])
    aps.conflict_handle(
        actor=SYSTEM,
        seat=seat,
        application=rnd.applications[0],
        handling=ConflictHandling.NO_ACTION,
        reason="Old",
    )
    assert len(score_as(seat, rnd.applications[0])) == len(rnd.post.competency_keys)


@pytest.mark.parametrize("conflicted", [0, 1])
def test_conflict_on_either_seat_of_a_member_in_two_roles_blocks_them(world: World, conflicted: int) -> None:
    """APP-4: a person sitting in two roles is one panel member; a conflict on either seat counts."""
    rnd = make_round(world, 1)
    seats = [
        add(rnd.campaign, world.people["member"], PanelRole.CLINICIAN),
        add(rnd.campaign, world.people["member"], PanelRole.OTHER_PROFESSIONAL),
    ]
    aps.conflict_declare(
        actor=SYSTEM, seat=seats[conflicted], application=rnd.applications[0], description="X"
    )
    criteria = {i: (4, "") for i in range(1, len(rnd.post.criteria) + 1)}
    with pytest.raises(DomainError, match="has not been handled yet"):
        aps.sift_record(actor=world.users["member"], application=rnd.applications[0], scores=criteria)
    assert SiftScore.objects.count() == 0


def test_stepping_aside_blocks_scoring_and_leaves_the_member_out_of_the_results(world: World) -> None:
    """APP-4, APP-5: a member who steps aside is not expected to score that candidate."""
    rnd, seat = partner_round(world)
    shortlist(rnd)
    conflicted = rnd.applications[0]
    aps.conflict_handle(
        actor=rnd.chair_user, seat=seat, application=conflicted, handling=ConflictHandling.STEPS_ASIDE
    )
    with pytest.raises(DomainError, match="stepped aside"):
        score_as(seat, conflicted)
    for other_seat in rnd.seats[:3]:
        score_as(other_seat, conflicted)
    (result,) = aps.results(rnd.campaign, [conflicted])
    assert result.missing == ()
    assert result.appointable
    assert {m for c in result.competencies for m, _ in c.scores} == {str(s.person_id) for s in rnd.seats[:3]}
    # The other candidate still needs all four members' scores.
    (other,) = aps.results(rnd.campaign, [rnd.applications[1]])
    assert {m for m, _ in other.missing} == {str(s.person_id) for s in rnd.seats}


def test_stepping_aside_after_scoring_refused(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    score_all(rnd)
    aps.conflict_declare(actor=SYSTEM, seat=rnd.seats[2], application=rnd.applications[0], description="X")
    with pytest.raises(DomainError, match="already scored"):
        aps.conflict_handle(
            actor=SYSTEM,
            seat=rnd.seats[2],
            application=rnd.applications[0],
            handling=ConflictHandling.STEPS_ASIDE,
        )
    assert PanelConflict.objects.get().handling == ""
