"""Objectives, progress and reviews (PERF-1, PERF-2)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, SystemActor, require
from pecgov.audit.recording import save_tracked
from pecgov.delegation.models import LeadArea
from pecgov.errors import DomainError
from pecgov.members.enums import Proposer, Rag
from pecgov.members.models import Objective, ProgressNote, Review
from pecgov.members.rules import is_accountable, is_own
from pecgov.members.year import accountable_person, year_start
from pecgov.servicekit import event
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Membership, Person
from pecgov.trust.roles import roles_of

NOT_YOURS = "Only the member and their PEC chair (the PCT chair for the PEC chair) can do this."


def _person_of(actor: Actor, membership: Membership | None = None) -> Person | None:
    """The person acting; for the system (the demo, an import of paper records) acting for the
    line of accountability, the member's accountable person."""
    if isinstance(actor, SystemActor):
        return accountable_person(membership) if membership is not None else None
    person_id = roles_of(actor).person_id
    return Person.objects.filter(pk=person_id).first() if person_id else None


def _sides(actor: Actor, obj: object) -> tuple[bool, bool]:
    """Which sides the actor signs for: the member's, the line of accountability's. The system,
    recording sign-offs made on paper, signs for both."""
    if isinstance(actor, SystemActor):
        return True, True
    return bool(is_own(actor, obj)), bool(is_accountable(actor, obj))


def _check_pec_seat(membership: Membership, on: dt.date) -> None:
    if membership.committee.kind != CommitteeKind.PEC:
        raise DomainError("Objectives are kept for seats on the PEC only.")
    if not membership.is_current(on):
        raise DomainError("This seat is not current: objectives are agreed for current members.")


def objective_propose(
    *,
    actor: Actor,
    membership: Membership,
    title: str,
    measure: str,
    due_date: dt.date,
    lead_area: LeadArea | None = None,
    workstream: str = "",
) -> Objective:
    """PERF-1: either side proposes an objective; proposing signs it off for the proposer's side,
    so it is agreed once the other side signs too. The due date must fall after today; a lead area
    must be the member's own (TOR-3)."""
    require(actor, "members.propose_objective", membership, message=NOT_YOURS)
    today = timezone.localdate()
    _check_pec_seat(membership, today)
    if not title.strip():
        raise DomainError({"title": "Enter the objective"})
    if not measure.strip():
        raise DomainError({"measure": "Enter how success will be measured"})
    if due_date < today:
        raise DomainError({"due_date": "The due date must be today or later"})
    if lead_area is not None and lead_area.person_id != membership.person_id:
        raise DomainError({"lead_area": "Select one of the member's own lead areas"})
    own = not isinstance(actor, SystemActor) and bool(is_own(actor, membership))
    objective = Objective(
        membership=membership,
        year_start=year_start(membership, today),
        title=title.strip(),
        measure=measure.strip(),
        lead_area=lead_area,
        workstream=workstream.strip(),
        due_date=due_date,
        proposed_by=Proposer.MEMBER if own else Proposer.ACCOUNTABLE,
    )
    if own:
        objective.member_signed_on = today
    else:
        objective.accountable_signed_on = today
        objective.accountable_signed_by = _person_of(actor, membership)
    with transaction.atomic():
        save_tracked(objective, actor=actor, reason="Objective proposed")
        event(
            actor,
            "objective.propose",
            objective,
            membership.committee.trust_id,
            f"Proposed an objective for {membership.person}: {objective.title}",
        )
    return objective


def objective_sign(*, actor: Actor, objective: Objective) -> Objective:
    """PERF-1: the member, or their line of accountability, signs the objective off."""
    require(actor, "members.sign_objective", objective, message=NOT_YOURS)
    today = timezone.localdate()
    fields: list[str] = []
    own, accountable = _sides(actor, objective)
    if own and objective.member_signed_on is None:
        objective.member_signed_on = today
        fields.append("member_signed_on")
    if accountable and objective.accountable_signed_on is None:
        objective.accountable_signed_on = today
        objective.accountable_signed_by = _person_of(actor, objective.membership)
        fields += ["accountable_signed_on", "accountable_signed_by"]
    if not fields:
        raise DomainError("You have already signed this objective off.")
    with transaction.atomic():
        save_tracked(objective, actor=actor, update_fields=fields, reason="Objective signed off")
        word = "agreed" if objective.agreed else "signed off"
        event(
            actor,
            "objective.sign",
            objective,
            objective.membership.committee.trust_id,
            f"Objective {word} for {objective.membership.person}: {objective.title}",
        )
    return objective


def _note(
    actor: Actor, objective: Objective, rag: str, note: str, on: dt.date, review: Review | None
) -> ProgressNote:
    if rag not in Rag.values:
        raise DomainError({"rag": "Select how the objective is going"})
    if not note.strip():
        raise DomainError({"note": "Enter the progress made"})
    row = ProgressNote(
        objective=objective,
        review=review,
        written_on=on,
        rag=rag,
        note=note.strip(),
        author=_person_of(actor),
    )
    save_tracked(row, actor=actor, reason="Progress noted")
    if objective.rag != rag:
        objective.rag = rag
        save_tracked(objective, actor=actor, update_fields=["rag"], reason="Status changed with progress")
    return row


def progress_note(*, actor: Actor, objective: Objective, rag: str, note: str) -> ProgressNote:
    """PERF-1: a progress note and the objective's RAG status, once it is agreed."""
    require(actor, "members.note_progress", objective, message=NOT_YOURS)
    if not objective.agreed:
        raise DomainError("Agree the objective (both sides sign it off) before recording progress.")
    with transaction.atomic():
        row = _note(actor, objective, rag, note, timezone.localdate(), None)
        event(
            actor,
            "objective.progress",
            [row, objective],
            objective.membership.committee.trust_id,
            f"Progress on {objective.title}: {objective.get_rag_display()}",
        )
    return row


def review_hold(
    *,
    actor: Actor,
    membership: Membership,
    held_on: dt.date,
    actions: str = "",
    chief_executive_present: bool = False,
    progress: dict[int, tuple[str, str]] | None = None,
) -> Review:
    """PERF-2: a review meeting with progress against each agreed objective (objective id to
    RAG status and note) and the actions agreed. Held today or earlier, by the member's line of
    accountability."""
    require(
        actor,
        "members.hold_review",
        membership,
        message="Only the member's PEC chair (the PCT chair for the PEC chair) holds their reviews.",
    )
    if held_on > timezone.localdate():
        raise DomainError({"held_on": "The review date must be today or earlier"})
    if held_on < membership.start_date:
        raise DomainError({"held_on": "The review date must be on or after the member joined the PEC"})
    objectives = {o.pk: o for o in Objective.objects.filter(membership=membership)}
    unknown = set(progress or {}) - set(objectives)
    if unknown:
        raise DomainError("Progress was given for an objective that is not this member's.")
    reviewer = accountable_person(membership, held_on) or _person_of(actor)
    if reviewer is None:
        raise DomainError("The member has no PEC chair (or PCT chair) to review them.")
    with transaction.atomic():
        review = save_tracked(
            Review(
                membership=membership,
                held_on=held_on,
                reviewer=reviewer,
                chief_executive_present=chief_executive_present,
                actions=actions.strip(),
            ),
            actor=actor,
            reason="Review held",
        )
        notes = [
            _note(actor, objectives[pk], rag, note, held_on, review)
            for pk, (rag, note) in sorted((progress or {}).items())
            if note.strip()
        ]
        event(
            actor,
            "review.hold",
            [review, *notes],
            membership.committee.trust_id,
            f"Review of {membership.person} held on {held_on:%-d %B %Y}",
        )
    return review
