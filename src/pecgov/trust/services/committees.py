"""Committees (ORG-3, X-2, X-4)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.servicekit import apply_changes, check_editable, event
from pecgov.trust.enums import CommitteeKind, OrganisationKind
from pecgov.trust.models import Committee, Organisation
from pecgov.trust.services.checks import check_choice, require_manager

COMMITTEE_FIELDS = ("kind", "name", "parent", "locality", "purpose")


def _validate_committee(
    trust: Organisation,
    kind: str,
    name: str,
    parent: Committee | None,
    locality: Organisation | None,
    instance: Committee | None,
) -> None:
    if not name.strip():
        raise DomainError({"name": "Enter the committee's name"})
    check_choice(kind, CommitteeKind, "kind", "Select the kind of committee")
    if kind == CommitteeKind.BOARD:
        if parent is not None:
            raise DomainError({"parent": "The Board is not a committee of another committee"})
        others = Committee.objects.filter(trust=trust, kind=CommitteeKind.BOARD)
        if instance is not None:
            others = others.exclude(pk=instance.pk)
        if others.exists():
            raise DomainError({"kind": "This trust already has a Board"})
    elif parent is None:
        raise DomainError({"parent": "Select the committee this one reports to (usually the Board)"})
    if parent is not None:
        if parent.trust_id != trust.pk:
            raise DomainError({"parent": "Select a committee in this trust"})
        if instance is not None and parent.pk == instance.pk:
            raise DomainError({"parent": "A committee cannot report to itself"})
    if locality is not None and locality.kind != OrganisationKind.LOCALITY:
        raise DomainError({"locality": "Select a locality"})
    if kind != CommitteeKind.ACF and locality is not None:
        raise DomainError({"locality": "Only an Area Commissioning Forum covers a locality"})


def committee_create(
    *,
    actor: Actor,
    trust: Organisation,
    kind: str,
    name: str,
    parent: Committee | None = None,
    locality: Organisation | None = None,
    purpose: str = "",
) -> Committee:
    require_manager(actor, trust.pk)
    _validate_committee(trust, kind, name, parent, locality, None)
    with transaction.atomic():
        committee = save_tracked(
            Committee(
                trust=trust, kind=kind, name=name.strip(), parent=parent, locality=locality, purpose=purpose
            ),
            actor=actor,
            reason="Committee added",
        )
        event(actor, "committee.create", committee, trust.pk, f"Added {committee.name}")
    return committee


def committee_update(*, actor: Actor, committee: Committee, **changes: Any) -> Committee:
    require_manager(actor, committee.trust_id)
    check_editable(changes, COMMITTEE_FIELDS)
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
    merged = {field: getattr(committee, field) for field in COMMITTEE_FIELDS} | changes
    _validate_committee(
        committee.trust, merged["kind"], merged["name"], merged["parent"], merged["locality"], committee
    )
    apply_changes(
        committee,
        changes,
        actor=actor,
        action="committee.update",
        trust_id=committee.trust_id,
        summary=f"Edited {merged['name']}",
        reason="Committee edited",
    )
    return committee
