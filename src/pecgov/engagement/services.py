"""Writes to the log of SHA engagement (ORG-7): record an entry and correct it. The governance
lead only; every write leaves history and one audit event. Whether the PEC chair attended is
never entered: it follows from the attendees and the PEC's chair on the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.engagement.enums import EntryKind
from pecgov.engagement.models import ShaAttendee, ShaEntry
from pecgov.errors import DomainError
from pecgov.servicekit import event
from pecgov.trust.models import Organisation, Person

NOT_LEAD = "Only the trust's governance lead can keep the log of SHA engagement."


def _clean(
    trust_id: int,
    *,
    held_on: dt.date | None,
    kind: str,
    subject: str,
    attendees: Iterable[Person],
) -> list[Person]:
    errors: dict[str, str | list[str]] = {}
    if held_on is None:
        errors["held_on"] = "Enter the date of the meeting or communication"
    elif held_on > timezone.localdate():
        errors["held_on"] = "The date must be today or in the past"
    if kind not in EntryKind.values:
        errors["kind"] = "Select what kind of meeting or communication it was"
    if not subject.strip():
        errors["subject"] = "Enter the subject, such as Financial recovery plan"
    people = list(dict.fromkeys(attendees))
    if any(p.trust_id != trust_id for p in people):
        errors["attendees"] = "Select people in this trust"
    if errors:
        raise DomainError(errors)
    return people


def _set_attendees(actor: Actor, entry: ShaEntry, people: list[Person]) -> list[object]:
    """Add and remove attendance rows to match `people`; the rows written, for the event."""
    current = {a.person_id: a for a in entry.attendance.all()}
    wanted = {p.pk for p in people}
    written: list[object] = []
    for person_id, row in current.items():
        if person_id not in wanted:
            # The deletion writes a history row ("-") the event must name: keep the floor
            # and give the instance its id back so the ledger can find it.
            floor = row.history.order_by("-history_id").values_list("history_id", flat=True).first()
            row._history_floor = floor or 0  # type: ignore[attr-defined]
            row._history_user = actor_user(actor)  # type: ignore[attr-defined]
            row._change_reason = "No longer listed as attending"  # type: ignore[attr-defined]
            row_id = row.pk
            row.delete()
            row.pk = row_id
            written.append(row)
    for person in people:
        if person.pk not in current:
            written.append(
                save_tracked(ShaAttendee(entry=entry, person=person), actor=actor, reason="Attended")
            )
    return written


def entry_create(
    *,
    actor: Actor,
    trust: Organisation,
    held_on: dt.date | None,
    kind: str,
    subject: str,
    attendees: Iterable[Person] = (),
    sha_attendees: str = "",
    notes: str = "",
) -> ShaEntry:
    """ORG-7: log a meeting or communication with the SHA, and who from the trust attended."""
    require(actor, "engagement.manage", trust.pk, message=NOT_LEAD)
    people = _clean(trust.pk, held_on=held_on, kind=kind, subject=subject, attendees=attendees)
    assert held_on is not None
    with transaction.atomic():
        entry = ShaEntry(
            trust=trust,
            held_on=held_on,
            kind=kind,
            subject=subject.strip(),
            sha_attendees=sha_attendees.strip(),
            notes=notes.strip(),
            recorded_at=timezone.now(),
        )
        save_tracked(entry, actor=actor, reason="SHA engagement logged")
        rows = _set_attendees(actor, entry, people)
        event(actor, "sha_entry.create", [entry, *rows], trust.pk, f"SHA engagement: {entry}")
    return entry


def entry_update(
    *,
    actor: Actor,
    entry: ShaEntry,
    held_on: dt.date | None,
    kind: str,
    subject: str,
    attendees: Iterable[Person] = (),
    sha_attendees: str = "",
    notes: str = "",
) -> ShaEntry:
    """ORG-7: correct a logged entry; writes nothing when nothing changed."""
    require(actor, "engagement.manage", entry, message=NOT_LEAD)
    people = _clean(entry.trust_id, held_on=held_on, kind=kind, subject=subject, attendees=attendees)
    values = {
        "held_on": held_on,
        "kind": kind,
        "subject": subject.strip(),
        "sha_attendees": sha_attendees.strip(),
        "notes": notes.strip(),
    }
    changed = [k for k, v in values.items() if getattr(entry, k) != v]
    with transaction.atomic():
        for key in changed:
            setattr(entry, key, values[key])
        if changed:
            save_tracked(entry, actor=actor, update_fields=changed, reason="SHA engagement corrected")
        rows = _set_attendees(actor, entry, people)
        if changed or rows:
            objects = [entry, *rows] if changed else rows
            event(actor, "sha_entry.update", objects, entry.trust_id, f"SHA engagement corrected: {entry}")
    return entry
