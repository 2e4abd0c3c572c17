"""Every write to the ORG domain: one function per user action (ORG-1 to ORG-5, X-2, X-4).

Each function takes the acting user as `actor`, checks permission and
invariants, saves inside one transaction with history, and appends an audit
event. A broken rule raises `DomainError` and saves nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.audit import chain
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError, NotPermitted
from pecgov.trust.enums import (
    CommitteeKind,
    EndReason,
    GrantRole,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
    ProviderKind,
)
from pecgov.trust.models import (
    Committee,
    Membership,
    Organisation,
    OrganisationLink,
    Person,
    RoleGrant,
)
from pecgov.trust.roles import roles_of


def _require_manager(actor: Any, trust: Organisation) -> None:
    """The governance lead of `trust`, or the system (demo loader, imports, tests' set-up)."""
    if actor == SYSTEM:
        return
    roles = roles_of(actor)
    if not (roles.is_governance_lead and roles.trust_id == trust.pk):
        raise NotPermitted("Only the trust's governance lead can change this.")


def _check_dates(start: dt.date | None, end: dt.date | None, *, start_field: str = "start_date") -> None:
    if start is None:
        raise DomainError({start_field: "Enter the start date"})
    if end is not None and end < start:
        raise DomainError({"end_date": "End date must be the same as or after the start date"})


def _check_choice(value: str, choices: Any, field: str, message: str) -> None:
    if value not in choices.values:
        raise DomainError({field: message})


# Organisations (ORG-1) -------------------------------------------------------


def trust_create(*, actor: Any, name: str, ods_code: str = "") -> Organisation:
    """Create a trust (PCT). Only the system creates trusts (set-up, demo, generator)."""
    if actor != SYSTEM and not getattr(actor, "is_superuser", False):
        raise NotPermitted("Only a system administrator can create a trust.")
    name = name.strip()
    if not name:
        raise DomainError({"name": "Enter the trust's name"})
    with transaction.atomic():
        trust = save_tracked(
            Organisation(kind=OrganisationKind.TRUST, name=name, ods_code=ods_code.strip().upper()),
            actor=actor,
            reason="Trust created",
        )
        # Two saves (the row must exist before it can point at itself): one event each,
        # so that both history rows are in the hash chain.
        chain.append(
            actor=actor,
            action="trust.create",
            objects=[trust],
            trust_id=trust.pk,
            summary=f"Created trust {trust.name}",
        )
        trust.trust = trust
        save_tracked(trust, actor=actor, update_fields=["trust"], reason="Trust scope set")
        chain.append(
            actor=actor,
            action="trust.scope",
            objects=[trust],
            trust_id=trust.pk,
            summary=f"{trust.name} set as its own scope",
        )
    return trust


def _validate_organisation(
    trust: Organisation, fields: dict[str, Any], instance: Organisation | None
) -> None:
    name = str(fields.get("name", "")).strip()
    if not name:
        raise DomainError({"name": "Enter the organisation's name"})
    _check_choice(fields.get("kind", ""), OrganisationKind, "kind", "Select the kind of organisation")
    if fields["kind"] == OrganisationKind.TRUST:
        raise DomainError({"kind": "A trust is set up by the system administrator, not added here"})
    provider_kind = fields.get("provider_kind", "")
    _check_choice(provider_kind, ProviderKind, "provider_kind", "Select the kind of provider")
    if provider_kind and fields["kind"] != OrganisationKind.PROVIDER:
        raise DomainError({"provider_kind": "Only a provider can have a provider kind"})
    ods = str(fields.get("ods_code", "")).strip().upper()
    if ods and (len(ods) > 12 or not ods.isalnum()):
        raise DomainError({"ods_code": "ODS code must be letters and numbers only, 12 characters or fewer"})
    if ods:
        clash = Organisation.objects.filter(trust=trust, ods_code=ods)
        if instance is not None:
            clash = clash.exclude(pk=instance.pk)
        if clash.exists():
            raise DomainError({"ods_code": f"Another organisation already has the ODS code {ods}"})
    parent = fields.get("parent")
    if parent is not None:
        if parent.trust_id != trust.pk:
            raise DomainError({"parent": "Select a parent organisation in this trust"})
        if instance is not None and parent.pk == instance.pk:
            raise DomainError({"parent": "An organisation cannot be its own parent"})


def organisation_create(
    *,
    actor: Any,
    trust: Organisation,
    kind: str,
    name: str,
    ods_code: str = "",
    provider_kind: str = "",
    parent: Organisation | None = None,
) -> Organisation:
    _require_manager(actor, trust)
    fields = {
        "kind": kind,
        "name": name,
        "ods_code": ods_code,
        "provider_kind": provider_kind,
        "parent": parent,
    }
    _validate_organisation(trust, fields, None)
    with transaction.atomic():
        org = save_tracked(
            Organisation(
                trust=trust,
                kind=kind,
                name=name.strip(),
                ods_code=ods_code.strip().upper(),
                provider_kind=provider_kind,
                parent=parent,
            ),
            actor=actor,
            reason="Organisation added",
        )
        chain.append(
            actor=actor,
            action="organisation.create",
            objects=[org],
            trust_id=trust.pk,
            summary=f"Added {org.get_kind_display().lower()} {org.name}",
        )
    return org


def organisation_update(*, actor: Any, organisation: Organisation, **changes: Any) -> Organisation:
    trust = organisation.trust
    assert trust is not None
    _require_manager(actor, trust)
    allowed = {"kind", "name", "ods_code", "provider_kind", "parent", "closed_on"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(unknown))}")
    if (
        organisation.kind == OrganisationKind.TRUST
        and changes.get("kind", OrganisationKind.TRUST) != OrganisationKind.TRUST
    ):
        raise DomainError({"kind": "The trust's own record stays a trust"})
    fields = {
        "kind": organisation.kind,
        "name": organisation.name,
        "ods_code": organisation.ods_code,
        "provider_kind": organisation.provider_kind,
        "parent": organisation.parent,
        **changes,
    }
    if organisation.kind != OrganisationKind.TRUST:
        _validate_organisation(trust, fields, organisation)
    closed_on = changes.get("closed_on")
    if closed_on is not None and closed_on > timezone.localdate():
        raise DomainError({"closed_on": "The closing date cannot be in the future"})
    changes = {k: v for k, v in changes.items() if getattr(organisation, k) != v}
    if not changes:
        return organisation
    with transaction.atomic():
        for key, value in changes.items():
            if key in {"name", "ods_code"}:
                value = str(value).strip().upper() if key == "ods_code" else str(value).strip()
            setattr(organisation, key, value)
        save_tracked(organisation, actor=actor, update_fields=list(changes), reason="Organisation edited")
        chain.append(
            actor=actor,
            action="organisation.update",
            objects=[organisation],
            trust_id=trust.pk,
            summary=f"Edited {organisation.name}",
        )
    return organisation


_LINK_SHAPES: dict[str, tuple[set[str], set[str]]] = {
    LinkKind.MEMBER_OF_PBC_GROUP: (
        {OrganisationKind.PRACTICE, OrganisationKind.CONTRACTOR},
        {OrganisationKind.PBC_GROUP},
    ),
    LinkKind.IN_LOCALITY: (
        {
            OrganisationKind.PRACTICE,
            OrganisationKind.CONTRACTOR,
            OrganisationKind.PBC_GROUP,
            OrganisationKind.PROVIDER,
        },
        {OrganisationKind.LOCALITY},
    ),
    LinkKind.PROVIDER_ARM_OF: ({OrganisationKind.PROVIDER}, {OrganisationKind.TRUST}),
}


def organisation_link_create(
    *,
    actor: Any,
    from_organisation: Organisation,
    to_organisation: Organisation,
    kind: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
) -> OrganisationLink:
    """Link two organisations (a practice to its PBC group, a group to its locality...)."""
    trust = from_organisation.trust
    assert trust is not None
    _require_manager(actor, trust)
    _check_choice(kind, LinkKind, "kind", "Select how the organisations are linked")
    _check_dates(start_date, end_date)
    assert start_date is not None
    if to_organisation.trust_id != trust.pk:
        raise DomainError({"to_organisation": "Select an organisation in this trust"})
    if to_organisation.pk == from_organisation.pk:
        raise DomainError({"to_organisation": "An organisation cannot be linked to itself"})
    shape = _LINK_SHAPES.get(kind)
    if shape and (from_organisation.kind not in shape[0] or to_organisation.kind not in shape[1]):
        raise DomainError(
            {
                "kind": f"A {from_organisation.get_kind_display().lower()} cannot be linked as "
                f"'{LinkKind(kind).label}' to a {to_organisation.get_kind_display().lower()}"
            }
        )
    overlapping = OrganisationLink.objects.filter(
        from_organisation=from_organisation, to_organisation=to_organisation, kind=kind
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=start_date))
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lte=end_date)
    if overlapping.exists():
        raise DomainError(
            {"__all__": "These organisations are already linked this way for some of those dates"}
        )
    with transaction.atomic():
        link = save_tracked(
            OrganisationLink(
                from_organisation=from_organisation,
                to_organisation=to_organisation,
                kind=kind,
                start_date=start_date,
                end_date=end_date,
            ),
            actor=actor,
            reason="Link added",
        )
        chain.append(
            actor=actor,
            action="organisation_link.create",
            objects=[link],
            trust_id=trust.pk,
            summary=str(link),
        )
    return link


def organisation_link_end(
    *, actor: Any, link: OrganisationLink, end_date: dt.date | None
) -> OrganisationLink:
    trust = link.from_organisation.trust
    assert trust is not None
    _require_manager(actor, trust)
    if end_date is None:
        raise DomainError({"end_date": "Enter the date the link ended"})
    if link.end_date is not None and link.end_date < timezone.localdate():
        raise DomainError({"__all__": "This link has already ended"})
    _check_dates(link.start_date, end_date)
    with transaction.atomic():
        link.end_date = end_date
        save_tracked(link, actor=actor, update_fields=["end_date"], reason="Link ended")
        chain.append(
            actor=actor,
            action="organisation_link.end",
            objects=[link],
            trust_id=trust.pk,
            summary=f"Ended: {link}",
        )
    return link


# People (ORG-2) -------------------------------------------------------------

_PERSON_FIELDS = {
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
}


def _validate_person(trust: Organisation, fields: dict[str, Any]) -> None:
    if not str(fields.get("name", "")).strip():
        raise DomainError({"name": "Enter the person's full name"})
    _check_choice(fields.get("profession", ""), Profession, "profession", "Select the person's profession")
    clinician = fields["profession"] in Profession.clinical()
    if fields.get("has_caseload") and not fields.get("practising"):
        raise DomainError({"has_caseload": "Only a practising clinician can carry a caseload"})
    if fields.get("practising") and not clinician:
        raise DomainError({"practising": "Only clinicians are recorded as practising"})
    if fields.get("registration_number") and not fields.get("registration_body"):
        raise DomainError(
            {"registration_body": "Enter the body the person is registered with, such as the GMC"}
        )
    org = fields.get("organisation")
    if org is not None and org.trust_id != trust.pk:
        raise DomainError({"organisation": "Select a practice or employer in this trust"})


def person_create(*, actor: Any, trust: Organisation, **fields: Any) -> Person:
    _require_manager(actor, trust)
    unknown = set(fields) - _PERSON_FIELDS
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    _validate_person(trust, fields)
    with transaction.atomic():
        person = Person(trust=trust, **fields)
        person.name = person.name.strip()
        save_tracked(person, actor=actor, reason="Person added")
        chain.append(
            actor=actor,
            action="person.create",
            objects=[person],
            trust_id=trust.pk,
            summary=f"Added {person.name} ({person.get_profession_display()})",
        )
    return person


def person_update(*, actor: Any, person: Person, **changes: Any) -> Person:
    _require_manager(actor, person.trust)
    unknown = set(changes) - _PERSON_FIELDS
    if unknown:
        raise DomainError(f"Unknown details: {', '.join(sorted(unknown))}")
    merged = {f: getattr(person, f) for f in _PERSON_FIELDS} | changes
    _validate_person(person.trust, merged)
    changes = {k: v for k, v in changes.items() if getattr(person, k) != v}
    if not changes:
        return person
    with transaction.atomic():
        for key, value in changes.items():
            setattr(person, key, value.strip() if key == "name" else value)
        save_tracked(person, actor=actor, update_fields=list(changes), reason="Person edited")
        chain.append(
            actor=actor,
            action="person.update",
            objects=[person],
            trust_id=person.trust_id,
            summary=f"Edited {person.name}",
        )
    return person


# Committees (ORG-3) ---------------------------------------------------------


def committee_create(
    *,
    actor: Any,
    trust: Organisation,
    kind: str,
    name: str,
    parent: Committee | None = None,
    locality: Organisation | None = None,
    purpose: str = "",
) -> Committee:
    _require_manager(actor, trust)
    _validate_committee(trust, kind, name, parent, locality, None)
    with transaction.atomic():
        committee = save_tracked(
            Committee(
                trust=trust,
                kind=kind,
                name=name.strip(),
                parent=parent,
                locality=locality,
                purpose=purpose,
            ),
            actor=actor,
            reason="Committee added",
        )
        chain.append(
            actor=actor,
            action="committee.create",
            objects=[committee],
            trust_id=trust.pk,
            summary=f"Added {committee.name}",
        )
    return committee


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
    _check_choice(kind, CommitteeKind, "kind", "Select the kind of committee")
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


def committee_update(*, actor: Any, committee: Committee, **changes: Any) -> Committee:
    _require_manager(actor, committee.trust)
    allowed = {"kind", "name", "parent", "locality", "purpose"}
    if set(changes) - allowed:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(set(changes) - allowed))}")
    merged = {f: getattr(committee, f) for f in allowed} | changes
    _validate_committee(
        committee.trust,
        merged["kind"],
        merged["name"],
        merged["parent"],
        merged["locality"],
        committee,
    )
    changes = {k: v for k, v in changes.items() if getattr(committee, k) != v}
    if not changes:
        return committee
    with transaction.atomic():
        for key, value in changes.items():
            setattr(committee, key, value.strip() if key == "name" else value)
        save_tracked(committee, actor=actor, update_fields=list(changes), reason="Committee edited")
        chain.append(
            actor=actor,
            action="committee.update",
            objects=[committee],
            trust_id=committee.trust_id,
            summary=f"Edited {committee.name}",
        )
    return committee


# Memberships (ORG-4) --------------------------------------------------------


def _validate_membership(
    *,
    person: Person,
    committee: Committee,
    role: str,
    start_date: dt.date | None,
    end_date: dt.date | None,
    co_opted_scope: str,
    instance: Membership | None,
) -> None:
    if person.trust_id != committee.trust_id:
        raise DomainError({"person": "Select a person in this trust"})
    _check_choice(role, MembershipRole, "role", "Select the member's role")
    _check_dates(start_date, end_date)
    assert start_date is not None
    if role == MembershipRole.CO_OPTED:
        # DH 6.2: co-opted "where specific pieces of work ... are to be carried out".
        if not co_opted_scope.strip():
            raise DomainError({"co_opted_scope": "Enter the piece of work the member is co-opted for"})
        if end_date is None:
            raise DomainError({"end_date": "Enter the date the co-opted work ends"})
    elif co_opted_scope.strip():
        raise DomainError({"co_opted_scope": "Only a co-opted member has a piece of work recorded here"})
    board_only = {
        MembershipRole.CHIEF_EXECUTIVE,
        MembershipRole.EXECUTIVE_DIRECTOR,
        MembershipRole.NON_EXECUTIVE,
    }
    if role in board_only and committee.kind != CommitteeKind.BOARD:
        raise DomainError(
            {
                "role": f"{MembershipRole(role).label} is a Board role; for a director on this committee choose Board director"
            }
        )
    overlapping = Membership.objects.filter(person=person, committee=committee).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start_date)
    )
    if end_date is not None:
        overlapping = overlapping.filter(start_date__lte=end_date)
    if instance is not None:
        overlapping = overlapping.exclude(pk=instance.pk)
    if overlapping.exists():
        raise DomainError(
            {
                "person": f"{person.name} is already a member of {committee.name} for some of those dates. "
                "End or change that membership instead."
            }
        )
    if role == MembershipRole.CHAIR:
        chairs = Membership.objects.filter(committee=committee, role=MembershipRole.CHAIR).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start_date)
        )
        if end_date is not None:
            chairs = chairs.filter(start_date__lte=end_date)
        if instance is not None:
            chairs = chairs.exclude(pk=instance.pk)
        clash = chairs.select_related("person").first()
        if clash is not None:
            raise DomainError(
                {
                    "role": f"{committee.name} already has a chair for those dates ({clash.person.name}). "
                    "End that membership first."
                }
            )


def membership_create(
    *,
    actor: Any,
    person: Person,
    committee: Committee,
    role: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
    co_opted_scope: str = "",
) -> Membership:
    """Seat a person on a committee (ORG-4). Tenure is open-ended unless policy sets an end."""
    _require_manager(actor, committee.trust)
    _validate_membership(
        person=person,
        committee=committee,
        role=role,
        start_date=start_date,
        end_date=end_date,
        co_opted_scope=co_opted_scope,
        instance=None,
    )
    assert start_date is not None
    with transaction.atomic():
        membership = save_tracked(
            Membership(
                person=person,
                committee=committee,
                role=role,
                start_date=start_date,
                end_date=end_date,
                co_opted_scope=co_opted_scope.strip(),
            ),
            actor=actor,
            reason="Member added",
        )
        chain.append(
            actor=actor,
            action="membership.create",
            objects=[membership],
            trust_id=committee.trust_id,
            summary=f"Added {membership}",
        )
    return membership


def membership_update(*, actor: Any, membership: Membership, **changes: Any) -> Membership:
    _require_manager(actor, membership.committee.trust)
    allowed = {"role", "start_date", "end_date", "co_opted_scope"}
    if set(changes) - allowed:
        raise DomainError(f"These cannot be changed here: {', '.join(sorted(set(changes) - allowed))}")
    merged = {f: getattr(membership, f) for f in allowed} | changes
    _validate_membership(
        person=membership.person, committee=membership.committee, instance=membership, **merged
    )
    changes = {k: v for k, v in changes.items() if getattr(membership, k) != v}
    if not changes:
        return membership
    if "end_date" in changes and changes["end_date"] is None and membership.end_reason:
        # Reopening an ended tenure clears the recorded reason with it.
        changes |= {"end_reason": "", "end_note": ""}
    with transaction.atomic():
        for key, value in changes.items():
            setattr(membership, key, value.strip() if key == "co_opted_scope" else value)
        save_tracked(membership, actor=actor, update_fields=list(changes), reason="Membership edited")
        chain.append(
            actor=actor,
            action="membership.update",
            objects=[membership],
            trust_id=membership.committee.trust_id,
            summary=f"Edited {membership}",
        )
    return membership


def membership_end(
    *,
    actor: Any,
    membership: Membership,
    end_date: dt.date | None,
    end_reason: str,
    end_note: str = "",
) -> Membership:
    """End a tenure with a recorded reason (ORG-4, PERF-6; DH 7.2)."""
    _require_manager(actor, membership.committee.trust)
    if end_date is None:
        raise DomainError({"end_date": "Enter the date the membership ends"})
    if end_date < membership.start_date:
        raise DomainError(
            {
                "end_date": f"End date must be the same as or after the start date ({membership.start_date:%-d %B %Y})"
            }
        )
    if membership.end_reason:
        raise DomainError({"__all__": "This membership has already ended"})
    if end_reason not in EndReason.values:
        raise DomainError({"end_reason": "Select why the membership ends"})
    if end_reason in {EndReason.SUBSTANDARD_PERFORMANCE, EndReason.OTHER} and not end_note.strip():
        raise DomainError({"end_note": "Explain the reason: it is kept in the member's record"})
    with transaction.atomic():
        membership.end_date = end_date
        membership.end_reason = end_reason
        membership.end_note = end_note.strip()
        save_tracked(
            membership,
            actor=actor,
            update_fields=["end_date", "end_reason", "end_note"],
            reason=f"Membership ended: {EndReason(end_reason).label}",
        )
        chain.append(
            actor=actor,
            action="membership.end",
            objects=[membership],
            trust_id=membership.committee.trust_id,
            summary=f"Ended {membership} on {end_date:%-d %B %Y}: {EndReason(end_reason).label}",
        )
    return membership


# Role grants ----------------------------------------------------------------


def role_grant(
    *,
    actor: Any,
    user: Any,
    trust: Organisation,
    role: str,
    organisation: Organisation | None = None,
) -> RoleGrant:
    _require_manager(actor, trust)
    _check_choice(role, GrantRole, "role", "Select a role")
    if role == GrantRole.PRACTICE_LEAD and organisation is None:
        raise DomainError({"organisation": "Select the practice or PBC group the lead acts for"})
    existing = RoleGrant.objects.filter(user=user, trust=trust, role=role).first()
    if existing is not None:
        return existing
    with transaction.atomic():
        grant = save_tracked(
            RoleGrant(user=user, trust=trust, role=role, organisation=organisation),
            actor=actor,
            reason="Role granted",
        )
        chain.append(
            actor=actor,
            action="role.grant",
            objects=[grant],
            trust_id=trust.pk,
            summary=f"Granted {grant.get_role_display()} to {user.get_username()}",
        )
    return grant
