"""Writes to the implementation checklist (EFF-1): set it up, set its target date, keep each
action's owner, due date, status and evidence. The governance lead only; every write leaves
history and one audit event."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import save_tracked
from pecgov.checklist.actions import pack_actions
from pecgov.checklist.enums import ActionStatus
from pecgov.checklist.models import Checklist, ChecklistAction
from pecgov.checklist.queries import default_target
from pecgov.errors import DomainError
from pecgov.policy.services import pack_key_for
from pecgov.servicekit import apply_changes, event
from pecgov.trust.models import Organisation, Person

NOT_LEAD = "Only the trust's governance lead can change the implementation checklist."


def checklist_setup(*, actor: Actor, trust: Organisation) -> Checklist:
    """The trust's checklist with every action of its pack (DH Annex C), the pack's target date.
    Idempotent: a second call adds only actions the pack has gained, and writes nothing when
    there are none."""
    require(actor, "checklist.manage", trust.pk, message=NOT_LEAD)
    with transaction.atomic():
        # Lock the trust's row so two first visits at once make one checklist.
        Organisation.objects.select_for_update().filter(pk=trust.pk).first()
        checklist = Checklist.objects.filter(trust=trust).first()
        created: list[object] = []
        if checklist is None:
            checklist = Checklist(trust=trust, target_date=default_target(trust), created_at=timezone.now())
            save_tracked(checklist, actor=actor, reason="Checklist set up")
            created.append(checklist)
        have = set(checklist.actions.values_list("key", flat=True))
        for spec in pack_actions(pack_key_for(trust)):
            if spec.key not in have:
                row = ChecklistAction(checklist=checklist, key=spec.key, position=spec.position)
                created.append(save_tracked(row, actor=actor, reason="Checklist set up"))
        if created:
            event(actor, "checklist.setup", created, trust.pk, "Implementation checklist set up")
    return checklist


def checklist_update(*, actor: Actor, checklist: Checklist, target_date: dt.date | None) -> Checklist:
    """The trust's own target date for the whole checklist (the pack's by default)."""
    require(actor, "checklist.manage", checklist, message=NOT_LEAD)
    if target_date is None:
        raise DomainError({"target_date": "Enter the date every action should be done by"})
    apply_changes(
        checklist,
        {"target_date": target_date},
        actor=actor,
        action="checklist.update",
        trust_id=checklist.trust_id,
        summary=f"Checklist target date: {target_date:%-d %B %Y}",
        reason="Target date changed",
    )
    return checklist


def action_update(
    *,
    actor: Actor,
    action: ChecklistAction,
    owner: Person | None,
    due_date: dt.date | None,
    status: str,
    evidence: str = "",
    evidence_url: str = "",
) -> ChecklistAction:
    """An action's owner (a person in the trust), due date (empty: the target date), status and
    evidence. Done needs evidence: a note or a link to it."""
    checklist = action.checklist
    require(actor, "checklist.manage", checklist, message=NOT_LEAD)
    errors: dict[str, str | list[str]] = {}
    if owner is not None and owner.trust_id != checklist.trust_id:
        errors["owner"] = "Select a person in this trust"
    if status not in ActionStatus.values:
        errors["status"] = "Select not started, in progress or done"
    evidence, evidence_url = evidence.strip(), evidence_url.strip()
    if status == ActionStatus.DONE and not (evidence or evidence_url):
        errors["evidence"] = "Enter the evidence that the action is done, or a link to it"
    if errors:
        raise DomainError(errors)
    changes = {
        "owner": owner,
        "due_date": due_date,
        "status": status,
        "evidence": evidence,
        "evidence_url": evidence_url,
    }
    apply_changes(
        action,
        changes,
        actor=actor,
        action="checklist.action",
        trust_id=checklist.trust_id,
        summary=f"Checklist action {action.position}: {ActionStatus(status).label}",
        reason="Action updated",
    )
    return action
