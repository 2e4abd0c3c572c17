"""A fingerprint of generated trusts: SHA-256 over the key columns of every table, each row named
by natural keys (codes, names, dates) rather than database ids, so two runs into two fresh
databases, SQLite or PostgreSQL, can be compared. Times written at run time are left out."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import Any

from django.db import models

from pecgov.commissioning.models import BusinessCase, MaturityAssessment, PbcLink, Scrutiny, Support
from pecgov.delegation.models import Delegation, DelegationRule, Function, LeadArea, Scheme
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    BoardDecision,
    ItemConflict,
    Meeting,
    Minutes,
)
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person

MEETING = ("committee__trust__ods_code", "committee__name", "starts_at")
ON_MEETING = ("meeting__committee__name", "meeting__starts_at")
ITEM = (*(f"meeting__{f}" for f in MEETING), "number")

# Each table: (path to the trust's code, key columns).
TABLES: list[tuple[type[models.Model], str, tuple[str, ...]]] = [
    (Organisation, "trust__ods_code", ("kind", "provider_kind", "name", "ods_code", "parent__name")),
    (
        OrganisationLink,
        "from_organisation__trust__ods_code",
        ("from_organisation__name", "to_organisation__name", "kind", "start_date", "end_date"),
    ),
    (
        Person,
        "trust__ods_code",
        ("name", "profession", "job_title", "organisation__name", "email", "practising", "has_caseload"),
    ),
    (Committee, "trust__ods_code", ("kind", "name", "parent__name", "locality__name")),
    (
        Membership,
        "committee__trust__ods_code",
        ("committee__name", "person__name", "role", "start_date", "end_date", "end_reason", "co_opted_scope"),
    ),
    (
        Declaration,
        "person__trust__ods_code",
        (
            "person__name",
            "category",
            "organisation__name",
            "organisation_name",
            "description",
            "start_date",
            "end_date",
            "declared_at",
            "withholding",
        ),
    ),
    (InterestReturn, "person__trust__ods_code", ("person__name", "kind", "made_at")),
    (Meeting, "committee__trust__ods_code", (*MEETING[1:], "location", "status")),
    (
        AgendaItem,
        "meeting__committee__trust__ods_code",
        (*ITEM[1:], "title", "kind", "outcome", "contribution"),
    ),
    (
        AgendaItem.affected.through,
        "agendaitem__meeting__committee__trust__ods_code",
        (*(f"agendaitem__{f}" for f in ITEM[1:]), "organisation__name"),
    ),
    (Attendance, "meeting__committee__trust__ods_code", (*ON_MEETING, "person__name", "status")),
    (
        ItemConflict,
        "item__meeting__committee__trust__ods_code",
        (*(f"item__{f}" for f in ITEM[1:]), "person__name", "handling", "interest"),
    ),
    (
        Minutes,
        "meeting__committee__trust__ods_code",
        (*ON_MEETING, "version", "status", "approved_on", "text"),
    ),
    (Action, "meeting__committee__trust__ods_code", (*ON_MEETING, "description", "owner__name", "due_date")),
    (
        BoardDecision,
        "item__meeting__committee__trust__ods_code",
        (*(f"item__{f}" for f in ITEM[1:]), "outcome"),
    ),
    (
        BusinessCase,
        "trust__ods_code",
        ("reference", "kind", "title", "value", "submitter__name", "status", "decider", "submitted_on"),
    ),
    (Scrutiny, "case__trust__ods_code", ("case__reference", "aspect", "criterion", "assessor__name")),
    (Function, "trust__ods_code", ("group", "name")),
    (
        Delegation,
        "function__trust__ods_code",
        ("function__name", "committee__name", "authority", "start_date"),
    ),
    (LeadArea, "person__trust__ods_code", ("person__name", "area", "start_date")),
    (Scheme, "trust__ods_code", ("decision_kind", "version", "adopted_on")),
    (
        DelegationRule,
        "scheme__trust__ods_code",
        ("scheme__decision_kind", "scheme__version", "lower", "upper", "decider"),
    ),
    (MaturityAssessment, "group__trust__ods_code", ("group__name", "level", "assessed_on")),
    (Support, "group__trust__ods_code", ("group__name", "description", "start_date")),
    (PbcLink, "trust__ods_code", ("group__name", "model", "person__name", "committee__name", "start_date")),
]


def dataset_digest(codes: Sequence[str]) -> str:
    """SHA-256 over every generated table's key columns for the trusts with these codes."""
    digest = hashlib.sha256()
    for model, trust_path, columns in TABLES:
        rows = model._default_manager.filter(**{f"{trust_path}__in": list(codes)}).values_list(
            trust_path, *columns
        )
        digest.update(model._meta.label.encode())
        for line in sorted(repr(tuple(_plain(value) for value in row)) for row in rows):
            digest.update(line.encode())
    return digest.hexdigest()


def _plain(value: Any) -> Any:
    """Times in UTC as text, whatever zone the database driver hands back."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return value
