"""Organisations and the links between them (ORG-1, X-2, X-4)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import save_tracked
from pecgov.errors import DomainError
from pecgov.servicekit import apply_changes, check_editable, event
from pecgov.trust.enums import LinkKind, OrganisationKind, ProviderKind
from pecgov.trust.models import Organisation, OrganisationLink
from pecgov.trust.postcodes import POSTCODE_MESSAGE, normalise_postcode
from pecgov.trust.services.checks import check_choice, check_dates, require_manager

ORGANISATION_FIELDS = (
    "kind",
    "name",
    "ods_code",
    "provider_kind",
    "parent",
    "closed_on",
    "address",
    "postcode",
    "open_date",
)


def trust_create(*, actor: Actor, name: str, ods_code: str = "") -> Organisation:
    """Create a trust (PCT). Only the system creates trusts (set-up, demo, generator)."""
    require(actor, "trust.create", message="Only a system administrator can create a trust.")
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
        event(actor, "trust.create", trust, trust.pk, f"Created trust {trust.name}")
        trust.trust = trust
        save_tracked(trust, actor=actor, update_fields=["trust"], reason="Trust scope set")
        event(actor, "trust.scope", trust, trust.pk, f"{trust.name} set as its own scope")
    return trust


def _clean_place(fields: dict[str, Any]) -> None:
    """ORG-1: the address and postcode written one way, and an organisation that opened before
    it closed. Changes `fields` in place; a DomainError names the field that is wrong."""
    if "address" in fields:
        lines = str(fields["address"] or "").replace("\r\n", "\n").split("\n")
        fields["address"] = "\n".join(line.strip() for line in lines if line.strip())
    if "postcode" in fields:
        try:
            fields["postcode"] = normalise_postcode(fields["postcode"])
        except ValueError:
            raise DomainError({"postcode": POSTCODE_MESSAGE}) from None
    opened, closed = fields.get("open_date"), fields.get("closed_on")
    if opened is not None and closed is not None and opened > closed:
        raise DomainError(
            {
                "open_date": f"The opening date must be on or before the closing date, {closed.day} {closed:%B %Y}"
            }
        )


def _validate_organisation(
    trust: Organisation, fields: dict[str, Any], instance: Organisation | None
) -> None:
    name = str(fields.get("name", "")).strip()
    if not name:
        raise DomainError({"name": "Enter the organisation's name"})
    check_choice(fields.get("kind", ""), OrganisationKind, "kind", "Select the kind of organisation")
    if fields["kind"] == OrganisationKind.TRUST:
        raise DomainError({"kind": "A trust is set up by the system administrator, not added here"})
    provider_kind = fields.get("provider_kind", "")
    check_choice(provider_kind, ProviderKind, "provider_kind", "Select the kind of provider")
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
    actor: Actor,
    trust: Organisation,
    kind: str,
    name: str,
    ods_code: str = "",
    provider_kind: str = "",
    parent: Organisation | None = None,
    address: str = "",
    postcode: str = "",
    open_date: dt.date | None = None,
) -> Organisation:
    require_manager(actor, trust.pk)
    fields = {
        "kind": kind,
        "name": name,
        "ods_code": ods_code,
        "provider_kind": provider_kind,
        "parent": parent,
        "address": address,
        "postcode": postcode,
        "open_date": open_date,
    }
    _validate_organisation(trust, fields, None)
    _clean_place(fields)
    with transaction.atomic():
        org = save_tracked(
            Organisation(
                trust=trust,
                kind=kind,
                name=name.strip(),
                ods_code=ods_code.strip().upper(),
                provider_kind=provider_kind,
                parent=parent,
                address=str(fields["address"]),
                postcode=str(fields["postcode"]),
                open_date=open_date,
            ),
            actor=actor,
            reason="Organisation added",
        )
        event(
            actor, "organisation.create", org, trust.pk, f"Added {org.get_kind_display().lower()} {org.name}"
        )
    return org


def organisation_update(*, actor: Actor, organisation: Organisation, **changes: Any) -> Organisation:
    """Edit an organisation (ORG-1). The trust's own record stays a trust; a closing date is not
    in the future."""
    trust = organisation.trust
    assert trust is not None
    require_manager(actor, trust.pk)
    check_editable(changes, ORGANISATION_FIELDS)
    if (
        organisation.kind == OrganisationKind.TRUST
        and changes.get("kind", OrganisationKind.TRUST) != OrganisationKind.TRUST
    ):
        raise DomainError({"kind": "The trust's own record stays a trust"})
    if "name" in changes:
        changes["name"] = str(changes["name"]).strip()
    if "ods_code" in changes:
        changes["ods_code"] = str(changes["ods_code"]).strip().upper()
    merged = {field: getattr(organisation, field) for field in ORGANISATION_FIELDS} | changes
    if organisation.kind != OrganisationKind.TRUST:
        _validate_organisation(trust, merged, organisation)
    _clean_place(merged)
    changes.update({f: merged[f] for f in ("address", "postcode") if f in changes})
    closed_on = changes.get("closed_on")
    if closed_on is not None and closed_on > timezone.localdate():
        raise DomainError({"closed_on": "The closing date cannot be in the future"})
    apply_changes(
        organisation,
        changes,
        actor=actor,
        action="organisation.update",
        trust_id=trust.pk,
        summary=f"Edited {merged['name']}",
        reason="Organisation edited",
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


def _check_link(
    from_organisation: Organisation,
    to_organisation: Organisation,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None,
) -> None:
    if to_organisation.trust_id != from_organisation.trust_id:
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


def organisation_link_create(
    *,
    actor: Actor,
    from_organisation: Organisation,
    to_organisation: Organisation,
    kind: str,
    start_date: dt.date | None,
    end_date: dt.date | None = None,
) -> OrganisationLink:
    """Link two organisations (a practice to its PBC group, a group to its locality...)."""
    trust = from_organisation.trust
    assert trust is not None
    require_manager(actor, trust.pk)
    check_choice(kind, LinkKind, "kind", "Select how the organisations are linked")
    check_dates(start_date, end_date)
    assert start_date is not None
    _check_link(from_organisation, to_organisation, kind, start_date, end_date)
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
        event(actor, "organisation_link.create", link, trust.pk, str(link))
    return link


def organisation_link_end(
    *, actor: Actor, link: OrganisationLink, end_date: dt.date | None
) -> OrganisationLink:
    trust = link.from_organisation.trust
    assert trust is not None
    require_manager(actor, trust.pk)
    if end_date is None:
        raise DomainError({"end_date": "Enter the date the link ended"})
    if link.end_date is not None and link.end_date < timezone.localdate():
        raise DomainError({"__all__": "This link has already ended"})
    check_dates(link.start_date, end_date)
    with transaction.atomic():
        link.end_date = end_date
        save_tracked(link, actor=actor, update_fields=["end_date"], reason="Link ended")
        event(actor, "organisation_link.end", link, trust.pk, f"Ended: {link}")
    return link
