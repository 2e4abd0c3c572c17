"""People (ORG-2, X-2, X-4)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pecgov.actors import Actor
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.professions import is_clinical
from pecgov.servicekit import apply_changes, event
from pecgov.trust.enums import Profession
from pecgov.trust.models import Organisation, Person
from pecgov.trust.services.checks import check_choice, require_manager

PERSON_FIELDS = (
    "name",
    "profession",
    "job_title",
    "registration_body",
    "registration_number",
    "practising",
    "has_caseload",
    "organisation",
    "email",
    "user",
)


def _check_known(fields: dict[str, Any]) -> None:
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")


def _validate_person(trust: Organisation, fields: dict[str, Any]) -> None:
    if not str(fields.get("name", "")).strip():
        raise DomainError({"name": "Enter the person's full name"})
    check_choice(fields.get("profession", ""), Profession, "profession", "Select the person's profession")
    if fields.get("has_caseload") and not fields.get("practising"):
        raise DomainError({"has_caseload": "Only a practising clinician can carry a caseload"})
    if fields.get("practising") and not is_clinical(fields["profession"]):
        raise DomainError({"practising": "Only clinicians are recorded as practising"})
    if fields.get("registration_number") and not fields.get("registration_body"):
        raise DomainError(
            {"registration_body": "Enter the body the person is registered with, such as the GMC"}
        )
    org = fields.get("organisation")
    if org is not None and org.trust_id != trust.pk:
        raise DomainError({"organisation": "Select a practice or employer in this trust"})


def person_create(*, actor: Actor, trust: Organisation, **fields: Any) -> Person:
    require_manager(actor, trust.pk)
    _check_known(fields)
    _validate_person(trust, fields)
    with transaction.atomic():
        person = Person(trust=trust, **fields)
        person.name = person.name.strip()
        save_tracked(person, actor=actor, reason="Person added")
        event(
            actor,
            "person.create",
            person,
            trust.pk,
            f"Added {person.name} ({person.get_profession_display()})",
        )
    return person


def person_update(*, actor: Actor, person: Person, **changes: Any) -> Person:
    require_manager(actor, person.trust_id)
    _check_known(changes)
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
    merged = {field: getattr(person, field) for field in PERSON_FIELDS} | changes
    _validate_person(person.trust, merged)
    apply_changes(
        person,
        changes,
        actor=actor,
        action="person.update",
        trust_id=person.trust_id,
        summary=f"Edited {merged['name']}",
        reason="Person edited",
    )
    return person
