"""Moving a case along its lifecycle (PBC-2, PBC-4): `enums.CASE_TRANSITIONS` lists every move
allowed; any other is refused in plain words. Every status change goes through `move`, which
keeps history and writes one audit event."""

from __future__ import annotations

from typing import Any

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.commissioning.enums import CASE_TRANSITIONS, STATUS_HINTS, CaseStatus
from pecgov.commissioning.models import BusinessCase
from pecgov.errors import DomainError
from pecgov.servicekit import event

VERBS: dict[str, str] = {
    CaseStatus.SUBMITTED: "resubmitted",
    CaseStatus.SCRUTINY: "scrutinised",
    CaseStatus.RETURNED: "returned for more information",
    CaseStatus.WITH_DIRECTOR: "passed to the executive director",
    CaseStatus.ON_AGENDA: "put on a meeting's agenda",
    CaseStatus.DEFERRED: "deferred",
    CaseStatus.RECOMMENDED: "recommended to the Board",
    CaseStatus.APPROVED: "approved",
    CaseStatus.REJECTED: "rejected",
    CaseStatus.WITHDRAWN: "withdrawn",
}


def transition_error(status: str, to: str) -> str | None:
    """Why the lifecycle refuses a move, in plain words; None if the move is allowed."""
    if to in CASE_TRANSITIONS[status]:
        return None
    return f"The case cannot be {VERBS[to]} now because {STATUS_HINTS[status]}."


def refuse_move(case: BusinessCase, to: str) -> None:
    """Check the lifecycle before changing anything on the caller's object."""
    problem = transition_error(case.status, to)
    if problem:
        raise DomainError(problem)


def move(case: BusinessCase, to: str, *, actor: Actor, reason: str, fields: list[str] | None = None) -> None:
    refuse_move(case, to)
    case.status = to
    save_tracked(case, actor=actor, reason=reason, update_fields=["status", *(fields or [])])
    event(
        actor,
        f"case.{to}",
        case,
        case.trust_id,
        f"{case.reference}: {CaseStatus(to).label}. {reason}".strip(),
    )


def text(value: Any) -> str:
    """Free text as entered, trimmed; anything that is not text counts as not entered."""
    return value.strip() if isinstance(value, str) else ""
