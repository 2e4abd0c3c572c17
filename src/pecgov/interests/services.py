"""Every write to the register of interests (COI-1, PUB-1): declarations and returns, withholding
from the public, reminders. The chair's handling of a conflict on an item is in
pecgov.meetings.conflicts.services (COI-3, COI-4).

Who may act is asked of the permissions in pecgov.interests.rules (X-1); a declaration is
checked as a whole and every problem is reported at once (X-4)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from pecgov.actors import Actor, require
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.interests.enums import Category, ReturnKind, Withholding
from pecgov.interests.models import (
    DESCRIPTION_MAX,
    ORGANISATION_NAME_MAX,
    REASON_MAX,
    Declaration,
    InterestReturn,
)
from pecgov.interests.queries import declarations_of, in_force, overdue
from pecgov.interests.signals import Reminder, reminders_requested
from pecgov.policy.services import effective_policy
from pecgov.servicekit import apply_changes, check_editable, event
from pecgov.trust.models import Organisation, Person

OWN_ONLY = "You can only keep your own declarations."
LEAD_ONLY = "Only the trust's governance lead can do this."
EDITABLE = ("category", "organisation", "organisation_name", "description", "start_date", "end_date")

# every limit on typed text is checked here, not left to the database, so SQLite and
# PostgreSQL answer alike. Each field's name as a message starts with it.
TEXT_LIMITS: dict[str, tuple[str, int]] = {
    "organisation_name": ("The organisation's name", ORGANISATION_NAME_MAX),
    "description": ("The description of the interest", DESCRIPTION_MAX),
    "reason": ("The reason for withholding", REASON_MAX),
}


def too_long(field: str) -> str:
    """The plain-English message for text over its limit (X-4)."""
    name, limit = TEXT_LIMITS[field]
    return f"{name} must be {limit} characters or fewer"


def unsavable(field: str) -> str:
    """The plain-English message for a character no database can keep: a NUL byte or half of a
    surrogate pair (X-4)."""
    return f"{TEXT_LIMITS[field][0]} contains a character that cannot be saved: retype it and try again"


def _unsavable(text: str) -> bool:
    return "\x00" in text or any(0xD800 <= ord(c) <= 0xDFFF for c in text)


def text_problem(field: str, value: object) -> str | None:
    """What is wrong with the text typed into `field`, or None (X-4)."""
    text = str(value or "")
    if _unsavable(text):
        return unsavable(field)
    if len(text.strip()) > TEXT_LIMITS[field][1]:
        return too_long(field)
    return None


def declaration_problems(person: Person, fields: Mapping[str, Any]) -> dict[str, str]:
    """Every problem with a declaration for `person`, by field (COI-1, X-4): empty when it may be
    saved. The pages show these as they are typed; the services refuse with all of them."""
    problems: dict[str, str] = {}
    for field in ("organisation_name", "description"):
        problem = text_problem(field, fields.get(field))
        if problem:
            problems[field] = problem
    if fields.get("category") not in Category.values:
        problems["category"] = "Select the kind of interest"
    org: Organisation | None = fields.get("organisation")
    if org is None and not str(fields.get("organisation_name") or "").strip():
        problems["organisation"] = "Select the organisation the interest relates to, or enter its name"
    if org is not None and org.trust_id != person.trust_id:
        problems["organisation"] = "Select an organisation in this trust, or enter its name"
    if "description" not in problems and not str(fields.get("description") or "").strip():
        problems["description"] = "Describe the interest, for example 'GP partner'"
    start, end = fields.get("start_date"), fields.get("end_date")
    if start is None:
        problems["start_date"] = "Enter the date the interest began"
    elif end is not None and end < start:
        problems["end_date"] = "The date the interest ended must be the same as or after the date it began"
    return problems


def _validate_declaration(person: Person, fields: Mapping[str, Any]) -> None:
    problems = declaration_problems(person, fields)
    if problems:
        raise DomainError(dict(problems))


def _related_name(fields: Mapping[str, Any]) -> str:
    org: Organisation | None = fields.get("organisation")
    return org.name if org is not None else str(fields.get("organisation_name") or "")


def _require_keeper(actor: Actor, person: Person) -> None:
    """The person themself or their trust's governance lead (COI-1, X-1)."""
    require(actor, "interests.declare_for", person, message=OWN_ONLY)


def declaration_create(
    *,
    actor: Actor,
    person: Person,
    category: str,
    description: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    organisation: Organisation | None = None,
    organisation_name: str = "",
) -> Declaration:
    """Declare an interest (COI-1). The person themself or the governance lead."""
    _require_keeper(actor, person)
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
        event(
            actor,
            "declaration.create",
            declaration,
            person.trust_id,
            f"{person.name} declared: {declaration.related_name}",
        )
    return declaration


def declarations_bring_in(
    *, actor: Actor, trust: Organisation, entries: Sequence[Mapping[str, Any]]
) -> list[Declaration]:
    """Add many declarations at once for people of `trust`: the register a trust already keeps,
    brought in by its governance lead (ADM-2, COI-1). Each entry holds `person` and the fields
    of `declaration_create`, and is checked as that checks it; any problem refuses them all and
    saves nothing. Saved in bulk, each with its history row, and one audit event naming them
    all (inside servicekit.one_event, that block's event)."""
    require(actor, "interests.manage", trust, message=LEAD_ONLY)
    for number, entry in enumerate(entries, start=1):
        person: Person = entry["person"]
        if person.trust_id != trust.pk:
            raise DomainError({"person": f"Entry {number}: select a person in this trust"})
        _validate_declaration(person, entry)
    now = timezone.now()
    rows = [
        Declaration(
            person=entry["person"],
            category=entry["category"],
            organisation=entry.get("organisation"),
            organisation_name=""
            if entry.get("organisation")
            else str(entry.get("organisation_name") or "").strip(),
            description=str(entry["description"]).strip(),
            start_date=entry["start_date"],
            end_date=entry.get("end_date"),
            declared_at=now,
        )
        for entry in entries
    ]
    if not rows:
        return []
    with transaction.atomic():
        made = bulk_create_with_history(
            rows,
            Declaration,
            batch_size=500,
            default_user=actor_user(actor),
            default_change_reason="Interest declared (brought in)",
            default_date=now,
        )
        event(actor, "declaration.bring_in", list(made), trust.pk, f"{len(made)} declarations brought in")
    return list(made)


def declaration_update(*, actor: Actor, declaration: Declaration, **changes: Any) -> Declaration:
    """Change or end a declaration (COI-1): a change dates the declaration anew."""
    person = declaration.person
    _require_keeper(actor, person)
    check_editable(changes, EDITABLE)
    merged = {f: getattr(declaration, f) for f in EDITABLE} | changes
    _validate_declaration(person, merged)
    declared_at = declaration.declared_at
    declaration.declared_at = timezone.now()
    changed = apply_changes(
        declaration,
        changes,
        actor=actor,
        action="declaration.update",
        trust_id=person.trust_id,
        summary=f"{person.name} updated: {_related_name(merged)}",
        reason="Declaration updated",
        also_save=["declared_at"],
        strip=True,
    )
    if not changed:
        declaration.declared_at = declared_at
    return declaration


def declaration_withhold(
    *, actor: Actor, declaration: Declaration, withholding: str, reason: str
) -> Declaration:
    """Withhold an entry or its details from the public register, with a reason and who decided (PUB-1)."""
    require(actor, "interests.manage", declaration.person, message=LEAD_ONLY)
    problems: dict[str, str | list[str]] = {}
    if withholding not in Withholding.values:
        problems["withholding"] = "Select what the public sees"
    reason_problem = text_problem("reason", reason)
    if reason_problem:
        problems["reason"] = reason_problem
    elif withholding and not reason.strip():
        problems["reason"] = "Enter the reason for withholding: it is kept with the entry"
    if problems:
        raise DomainError(problems)
    apply_changes(
        declaration,
        {
            "withholding": withholding,
            "withheld_reason": reason.strip() if withholding else "",
            "withheld_by": actor_user(actor) if withholding else None,
        },
        actor=actor,
        action="declaration.withhold",
        trust_id=declaration.person.trust_id,
        summary=f"{declaration}: {Withholding(withholding).label}",
        reason="Publication changed",
    )
    return declaration


def nil_return_allowed(declarations: Iterable[Declaration], on: dt.date) -> bool:
    """A nil return says there is nothing to declare: refused while any interest is in force (COI-1)."""
    return not any(in_force(d, on) for d in declarations)


def interest_return_make(*, actor: Actor, person: Person, kind: str) -> InterestReturn:
    """A nil return, or confirmation that the entries are up to date (COI-1)."""
    _require_keeper(actor, person)
    if kind not in ReturnKind.values:
        raise DomainError({"kind": "Select a nil return or a confirmation"})
    if kind == ReturnKind.NIL and not nil_return_allowed(declarations_of(person.pk), timezone.localdate()):
        raise DomainError(
            {"kind": "You have interests in force: confirm them instead of making a nil return"}
        )
    with transaction.atomic():
        made = save_tracked(
            InterestReturn(person=person, kind=kind, made_at=timezone.now()),
            actor=actor,
            reason="Return made",
        )
        event(
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


def reminders_send(*, actor: Actor, trust: Organisation, months: int | None = None) -> int:
    """Email everyone overdue a declaration or confirmation (by default within the policy's
    review period); returns how many were sent (COI-1)."""
    require(actor, "interests.manage", trust.pk, message=LEAD_ONLY)
    months = review_months(trust) if months is None else months
    due = [o for o in overdue(trust.pk, months) if o.person.email]
    reminders = [
        Reminder(
            person=o.person,
            to_email=o.person.email,
            subject="Please update your declarations of interest",
            text=f"Dear {o.person.name},\n\nThe register of interests of {trust.name} needs your declarations, or a "
            f"nil return, at least every {months} months. Please sign in to PEC Governance and declare or confirm.\n",
        )
        for o in due
    ]
    with transaction.atomic():
        sent = _deliver(actor, trust, reminders)
        event(
            actor,
            "interests.remind",
            [],
            trust.pk,
            f"Sent {sent} declaration reminder(s)",
            people=[o.person.pk for o in due],
        )
    return sent


def _deliver(actor: Actor, trust: Organisation, reminders: list[Reminder]) -> int:
    """Hand the reminders to the app that queues email (NOT-2), or, with none listening (a
    command run without it), send them now. Returns how many were sent or queued."""
    if not reminders:
        return 0
    if reminders_requested.has_listeners():
        answers = reminders_requested.send(None, actor=actor, trust=trust, reminders=reminders)
        return sum(int(count or 0) for _receiver, count in answers)
    messages = [(r.subject, r.text, None, [r.to_email]) for r in reminders]
    return int(send_mass_mail(messages, fail_silently=False))
