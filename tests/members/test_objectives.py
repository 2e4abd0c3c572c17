"""Objectives, progress and reviews (PERF-1, PERF-2; ORG-5 for who signs)."""

from __future__ import annotations

import datetime as dt

import pytest

from pecgov.errors import DomainError, NotPermitted
from pecgov.members.enums import Proposer, Rag
from pecgov.members.models import Objective, ProgressNote, Review
from pecgov.members.services import objectives as obs
from pecgov.notifications.enums import Kind
from pecgov.notifications.jobs import run_daily
from pecgov.notifications.models import Notification
from tests.factories import World
from tests.members.helpers import TODAY, agreed_objective, pec_seat


def _propose(world: World, actor_key: str, member_key: str = "member", **kw: object) -> Objective:
    values: dict[str, object] = {
        "title": "Lead urgent care",
        "measure": "A plan",
        "due_date": TODAY() + dt.timedelta(days=30),
    }
    values.update(kw)
    return obs.objective_propose(
        actor=world.users[actor_key], membership=pec_seat(world, member_key), **values
    )  # type: ignore[arg-type]


def test_objective_proposed_by_chair_is_agreed_only_when_member_signs(world: World) -> None:
    """PERF-1: either side proposes; agreed when both have signed off."""
    objective = _propose(world, "pec_chair")
    assert (objective.proposed_by, objective.agreed) == (Proposer.ACCOUNTABLE, False)
    obs.objective_sign(actor=world.users["member"], objective=objective)
    objective.refresh_from_db()
    assert objective.agreed is True
    assert objective.accountable_signed_by == world.people["pec_chair"]


def test_objective_proposed_by_member_waits_for_the_chair(world: World) -> None:
    """PERF-1: the member proposes; the PEC chair signs it off."""
    objective = _propose(world, "member")
    assert (objective.proposed_by, objective.agreed) == (Proposer.MEMBER, False)
    with pytest.raises(DomainError, match="already signed"):
        obs.objective_sign(actor=world.users["member"], objective=objective)
    obs.objective_sign(actor=world.users["pec_chair"], objective=objective)
    assert objective.agreed is True


def test_pec_chair_objective_is_agreed_with_the_pct_chair_not_themselves(world: World) -> None:
    """ORG-5: the PEC chair answers to the PCT chair."""
    objective = _propose(world, "pct_chair", member_key="pec_chair")
    assert objective.accountable_signed_by == world.people["pct_chair"]
    with pytest.raises(NotPermitted):
        _propose(world, "executive_director", member_key="pec_chair")
    obs.objective_sign(actor=world.users["pec_chair"], objective=objective)
    assert objective.agreed is True


def test_another_member_cannot_propose_for_a_colleague(world: World) -> None:
    """X-1: only the member and their line of accountability."""
    with pytest.raises(NotPermitted):
        _propose(world, "executive_director", member_key="member")
    assert Objective.objects.count() == 0


def test_objective_with_past_due_date_is_refused_and_nothing_saved(world: World) -> None:
    """X-4: a clear message, nothing saved."""
    with pytest.raises(DomainError) as error:
        _propose(world, "pec_chair", due_date=TODAY() - dt.timedelta(days=1))
    assert error.value.errors == {"due_date": ["The due date must be today or later"]}
    assert Objective.objects.count() == 0


def test_progress_needs_an_agreed_objective_and_sets_the_rag(world: World) -> None:
    """PERF-1: progress notes and RAG status through the year."""
    pending = _propose(world, "pec_chair")
    with pytest.raises(DomainError, match="Agree the objective"):
        obs.progress_note(actor=world.users["member"], objective=pending, rag=Rag.GREEN, note="Going well")
    objective = agreed_objective(world, title="Second")
    obs.progress_note(actor=world.users["member"], objective=objective, rag=Rag.AMBER, note="Slipping")
    objective.refresh_from_db()
    assert objective.rag == Rag.AMBER
    assert ProgressNote.objects.filter(objective=objective).count() == 1


def test_review_records_progress_per_objective_and_actions(world: World) -> None:
    """PERF-2: a review meeting records progress against each objective and agreed actions."""
    objective = agreed_objective(world)
    review = obs.review_hold(
        actor=world.users["pec_chair"],
        membership=pec_seat(world),
        held_on=TODAY(),
        actions="Meet the acute trust",
        progress={objective.pk: (Rag.RED, "Behind")},
    )
    assert review.reviewer == world.people["pec_chair"]
    assert [(n.objective_id, n.rag) for n in review.notes.all()] == [(objective.pk, Rag.RED)]


def test_member_cannot_hold_their_own_review_nor_date_it_in_the_future(world: World) -> None:
    """PERF-2: the line of accountability holds the review; dates are real."""
    membership = pec_seat(world)
    with pytest.raises(NotPermitted):
        obs.review_hold(actor=world.users["member"], membership=membership, held_on=TODAY())
    with pytest.raises(DomainError):
        obs.review_hold(
            actor=world.users["pec_chair"], membership=membership, held_on=TODAY() + dt.timedelta(days=1)
        )
    assert Review.objects.count() == 0


def test_daily_job_tells_member_and_chair_of_an_overdue_review_once(world: World) -> None:
    """PERF-2, NOT-1: review due from the daily job, idempotent by its key."""
    run_daily(TODAY())
    run_daily(TODAY())
    member = world.users["member"]
    told = Notification.objects.filter(kind=Kind.REVIEW_DUE, url=f"/members/{pec_seat(world).pk}/")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        [member.pk, world.users["pec_chair"].pk] * 2  # the review and the appraisal, never repeated
    )
    assert told.filter(title__contains="review is overdue").count() == 2
