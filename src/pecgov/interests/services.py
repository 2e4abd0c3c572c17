"""Every write to the register of interests (COI-1, PUB-1): declarations and returns, withholding
from the public, reminders. The chair's handling of a conflict on an item is in
pecgov.meetings.conflicts.services (COI-3, COI-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.audit import chain
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests.enums import Category, ReturnKind, Withholding
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation, Person
from pecgov.trust.roles import roles_of


def _require_self_or_lead(actor: Any, person: Person) -> None:
    if actor == SYSTEM:
        return
    roles = roles_of(actor)
    if roles.trust_id != person.trust_id or not (roles.is_governance_lead or roles.person_id == person.pk):
        raise NotPermitted("You can only keep your own declarations.")


def _require_lead(actor: Any, trust_id: int) -> None:
    if actor == SYSTEM:
        return
    roles = roles_of(actor)
    if not (roles.is_governance_lead and roles.trust_id == trust_id):
        raise NotPermitted("Only the trust's governance lead can do this.")


def _event(actor: Any, action: str, obj: Any, trust_id: int, summary: str) -> None:
    chain.append(actor=actor, action=action, objects=[obj], trust_id=trust_id, summary=summary)


def _validate_declaration(person: Person, fields: dict[str, Any]) -> None:
    if fields.get("category") not in Category.values:
        raise DomainError({"category": "Select the kind of interest"})
    org: Organisation | None = fields.get("organisation")
    if org is None and not str(fields.get("organisation_name", "")).strip():
        raise DomainError(
            {"organisation": "Select the organisation the interest relates to, or enter its name"}
        )
    if org is not None and org.trust_id != person.trust_id:
        raise DomainError({"organisation": "Select an organisation in this trust, or enter its name"})
    if not str(fields.get("description", "")).strip():
        raise DomainError({"description": "Describe the interest, for example 'GP partner'"})
    start, end = fields.get("start_date"), fields.get("end_date")
    if start is None:
        raise DomainError({"start_date": "Enter the date the interest began"})
    if end is not None and end < start:
        raise DomainError(
            {"end_date": "The date the interest ended must be the same as or after the date it began"}
        )


def declaration_create(
    *,
    actor: Any,
    person: Person,
    category: str,
    description: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    organisation: Organisation | None = None,
    organisation_name: str = "",
) -> Declaration:
    """Declare an interest (COI-1). The person themself or the governance lead."""
    _require_self_or_lead(actor, person)
    fields = {
        "category": category,
        "organisation": organisation,
        "organisation_name": organisation_name,
        "description": description,
        "start_date": start_date,
        "end_date": end_date,
    }
    _validate_declaration(person, fields)
    assert start_date is not None
    with transaction.atomic():
        declaration = save_tracked(
            Declaration(
                person=person,
                category=category,
                organisation=organisation,
                organisation_name="" if organisation else organisation_name.strip(),
                description=description.strip(),
                start_date=start_date,
                end_date=end_date,
                declared_at=timezone.now(),
            ),
            actor=actor,
            reason="Interest declared",
        )
        _event(
            actor,
            "declaration.create",
            declaration,
            person.trust_id,
            f"{person.name} declared: {declaration.related_name}",
        )
    return declaration


def declaration_update(*, actor: Any, declaration: Declaration, **changes: Any) -> Declaration:
    person = declaration.person
    _require_self_or_lead(actor, person)
    allowed = {"category", "organisation", "organisation_name", "description", "start_date", "end_date"}
    if set(changes) - allowed:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(set(changes) - allowed))}")
    merged = {f: getattr(declaration, f) for f in allowed} | changes
    _validate_declaration(person, merged)
    changes = {k: v for k, v in changes.items() if getattr(declaration, k) != v}
    if not changes:
        return declaration
    with transaction.atomic():
        for key, value in changes.items():
            setattr(declaration, key, value.strip() if isinstance(value, str) else value)
        declaration.declared_at = timezone.now()
        save_tracked(
            declaration, actor=actor, update_fields=[*changes, "declared_at"], reason="Declaration updated"
        )
        _event(
            actor,
            "declaration.update",
            declaration,
            person.trust_id,
            f"{person.name} updated: {declaration.related_name}",
        )
    return declaration


def declaration_withhold(
    *, actor: Any, declaration: Declaration, withholding: str, reason: str
) -> Declaration:
    """Withhold an entry or its details from the public register, with a reason and who decided (PUB-1)."""
    _require_lead(actor, declaration.person.trust_id)
    if withholding not in Withholding.values:
        raise DomainError({"withholding": "Select what the public sees"})
    if withholding and not reason.strip():
        raise DomainError({"reason": "Enter the reason for withholding: it is kept with the entry"})
    with transaction.atomic():
        declaration.withholding = withholding
        declaration.withheld_reason = reason.strip() if withholding else ""
        declaration.withheld_by = actor_user(actor) if withholding else None
        save_tracked(
            declaration,
            actor=actor,
            update_fields=["withholding", "withheld_reason", "withheld_by"],
            reason="Publication changed",
        )
        _event(
            actor,
            "declaration.withhold",
            declaration,
            declaration.person.trust_id,
            f"{declaration}: {Withholding(withholding).label}",
        )
    return declaration


def interest_return_make(*, actor: Any, person: Person, kind: str) -> InterestReturn:
    """A nil return, or confirmation that the entries are up to date (COI-1)."""
    _require_self_or_lead(actor, person)
    if kind not in ReturnKind.values:
        raise DomainError({"kind": "Select a nil return or a confirmation"})
    today = timezone.localdate()
    if (
        kind == ReturnKind.NIL
        and Declaration.objects.filter(person=person, start_date__lte=today)
        .exclude(end_date__lt=today)
        .exists()
    ):
        raise DomainError(
            {"kind": "You have interests in force: confirm them instead of making a nil return"}
        )
    with transaction.atomic():
        made = save_tracked(
            InterestReturn(person=person, kind=kind, made_at=timezone.now()),
            actor=actor,
            reason="Return made",
        )
        _event(
            actor,
            "interest_return.create",
            made,
            person.trust_id,
            f"{person.name}: {made.get_kind_display()}",
        )
    return made


def review_months(trust: Organisation) -> int:
    """How often a member must declare or confirm, from the trust's policy (COI-1)."""
    value = effective_policy(trust)["interests.review_months"]
    assert isinstance(value, int)
    return value


def reminders_send(*, actor: Any, trust: Organisation, months: int | None = None) -> int:
    """Email everyone overdue a declaration or confirmation (by default within the policy's
    review period); returns how many were sent."""
    from pecgov.interests.queries import overdue

    _require_lead(actor, trust.pk)
    months = review_months(trust) if months is None else months
    due = [o for o in overdue(trust.pk, months) if o.person.email]
    messages = [
        (
            "Please update your declarations of interest",
            f"Dear {o.person.name},\n\nThe register of interests of {trust.name} needs your declarations, or a nil "
            f"return, at least every {months} months. Please sign in to PEC Governance and declare or confirm.\n",
            None,
            [o.person.email],
        )
        for o in due
    ]
    sent = send_mass_mail(messages, fail_silently=False) if messages else 0
    chain.append(
        actor=actor,
        action="interests.remind",
        trust_id=trust.pk,
        summary=f"Sent {sent} declaration reminder(s)",
        data={"people": [o.person.pk for o in due]},
    )
    return sent
