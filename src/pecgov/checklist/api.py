"""The implementation checklist in the API (EFF-1, PUB-2): the same state the page shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import HttpError

from pecgov.checklist.queries import checklist_state
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of

router = Router(tags=["Implementation checklist"])


class ProofOut(Schema):
    text: str
    url: str


class ActionOut(Schema):
    key: str
    position: int
    text: str
    source: str
    owner: str
    due_date: dt.date
    status: str
    recorded_status: str
    overdue: bool
    evidence: str
    evidence_url: str
    proof: ProofOut | None


class ChecklistOut(Schema):
    target_date: dt.date
    target_is_default: bool
    as_of: dt.date
    total: int
    done: int
    overdue: int
    actions: list[ActionOut]


@router.get("/checklist", response=ChecklistOut)
def get_checklist(request: HttpRequest) -> Any:
    """The trust's implementation checklist (EFF-1, DH Annex C): each action's owner, due date,
    status ("done" when the lead marked it or the record proves it, with the proof's link),
    evidence and whether it is overdue. 403 for a user outside a trust."""
    trust_id = roles_of(request.user).trust_id
    if trust_id is None or not request.user.has_perm("checklist.view"):
        raise HttpError(403, "Your role does not allow this")
    state = checklist_state(Organisation.objects.get(pk=trust_id))
    return {
        "target_date": state.target_date,
        "target_is_default": state.target_is_default,
        "as_of": state.as_of,
        "total": state.total,
        "done": state.done,
        "overdue": state.overdue,
        "actions": [{**a.__dict__, "owner": a.owner_name} for a in state.actions],
    }
