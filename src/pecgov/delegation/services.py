"""Every write to the TOR domain (TOR-1 to TOR-3): the functions catalogue, the Board's
delegations, members' lead areas, and adopting a version of the scheme of delegation.
Only the governance lead writes; a broken rule raises DomainError and saves nothing."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from pecgov.actors import SYSTEM, Actor
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Authority, DecisionKind, FunctionGroup
from pecgov.delegation.models import Delegation, DelegationRule, Function, LeadArea, Scheme
from pecgov.errors import DomainError
from pecgov.policy.services import effective_policy
from pecgov.servicekit import apply_changes, check_editable, check_end, event, require_lead
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.trust.queries import current_q

__all__ = ["SYSTEM"]
CATALOGUE = Path(__file__).resolve().parent / "catalogue.toml"


# The functions catalogue (TOR-1) ----------------------------------------------


def catalogue_entries() -> list[dict[str, str]]:
    """DH Annex A and the Alliance's roles, one entry per (group, name), sources merged."""
    merged: dict[tuple[str, str], dict[str, str]] = {}
    for entry in tomllib.loads(CATALOGUE.read_text(encoding="utf-8"))["function"]:
        key = (entry["group"], entry["name"])
        if key in merged:
            merged[key]["source"] += "; " + entry["source"]
        else:
            merged[key] = dict(entry)
    return list(merged.values())


def catalogue_seed(*, actor: Actor, trust: Organisation) -> int:
    """Add the published functions the trust does not have yet; returns how many were added."""
    require_lead(actor, trust.pk)
    existing = set(Function.objects.filter(trust=trust).values_list("group", "name"))
    with transaction.atomic():
        added = [
            save_tracked(
                Function(trust=trust, group=entry["group"], name=entry["name"], source=entry["source"]),
                actor=actor,
                reason="Catalogue seeded from the guidance",
            )
            for entry in catalogue_entries()
            if (entry["group"], entry["name"]) not in existing
        ]
        if added:
            event(actor, "function.seed", added, trust.pk, f"Added {len(added)} functions from the guidance")
    return len(added)


def _validate_function(trust: Organisation, group: str, name: str, pk: int | None = None) -> None:
    if group not in FunctionGroup.values:
        raise DomainError({"group": "Select the group the function belongs to"})
    if not name.strip():
        raise DomainError({"name": "Enter the function, for example 'Leading on unscheduled care'"})
    clash = Function.objects.filter(trust=trust, group=group, name=name.strip())
    if pk is not None:
        clash = clash.exclude(pk=pk)
    if clash.exists():
        raise DomainError({"name": "This group already has a function with this name"})


def function_create(
    *, actor: Actor, trust: Organisation, group: str, name: str, description: str = "", source: str = ""
) -> Function:
    require_lead(actor, trust.pk)
    _validate_function(trust, group, name)
    with transaction.atomic():
        function = save_tracked(
            Function(
                trust=trust,
                group=group,
                name=name.strip(),
                description=description.strip(),
                source=source.strip() or "Local",
            ),
            actor=actor,
            reason="Function added",
        )
        event(actor, "function.create", function, trust.pk, f"Added the function '{function}'")
    return function


FUNCTION_FIELDS = ("group", "name", "description", "retired_on")


def function_update(*, actor: Actor, function: Function, **changes: Any) -> Function:
    """Edit or retire a function (TOR-1). A function still delegated on the day it retires, or
    later, cannot retire: an open delegation, one ending on or after that day, or one that starts
    after it."""
    require_lead(actor, function.trust_id)
    check_editable(changes, FUNCTION_FIELDS)
    changes = {k: v.strip() if isinstance(v, str) else v for k, v in changes.items()}
    group = changes.get("group", function.group)
    name = str(changes.get("name", function.name))
    _validate_function(function.trust, group, name, pk=function.pk)
    retired_on = changes.get("retired_on", function.retired_on)
    if (
        retired_on is not None
        and Delegation.objects.filter(function=function)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=retired_on))
        .exists()
    ):
        raise DomainError(
            {"retired_on": "End the function's delegations before retiring it: it is still delegated"}
        )
    apply_changes(
        function,
        changes,
        actor=actor,
        action="function.update",
        trust_id=function.trust_id,
        summary=f"Edited the function '{name}'",
        reason="Function edited",
    )
    return function


# Delegations from the Board (TOR-1) --------------------------------------------


def delegation_create(
    *,
    actor: Actor,
    function: Function,
    committee: Committee | None,
    authority: str,
    start_date: dt.date | None,
    board_reference: str = "",
) -> Delegation:
    require_lead(actor, function.trust_id)
    if committee is None or committee.trust_id != function.trust_id:
        raise DomainError({"committee": "Select the committee the Board delegates to"})
    if committee.kind == CommitteeKind.BOARD:
        raise DomainError({"committee": "The Board delegates to its committees: select a committee"})
    if authority not in Authority.values:
        raise DomainError({"authority": "Select the authority the committee is given"})
    if start_date is None:
        raise DomainError({"start_date": "Enter the date the delegation starts"})
    if function.retired_on is not None and function.retired_on <= start_date:
        raise DomainError({"function": "This function is retired: it cannot be delegated"})
    if Delegation.objects.filter(function=function, committee=committee, end_date__isnull=True).exists():
        raise DomainError(
            {"committee": f"{committee} already holds this function: end that delegation first"}
        )
    with transaction.atomic():
        delegation = save_tracked(
            Delegation(
                function=function,
                committee=committee,
                authority=authority,
                start_date=start_date,
                board_reference=board_reference.strip(),
            ),
            actor=actor,
            reason="Delegated by the Board",
        )
        event(actor, "delegation.create", delegation, function.trust_id, f"Delegated {delegation}")
    return delegation


def delegation_end(*, actor: Actor, delegation: Delegation, end_date: dt.date | None) -> Delegation:
    require_lead(actor, delegation.function.trust_id)
    check_end(
        delegation,
        end_date,
        missing="Enter the date the delegation ends",
        already_ended="This delegation has already ended",
        before_start="The delegation cannot end before it started",
    )
    with transaction.atomic():
        delegation.end_date = end_date
        save_tracked(delegation, actor=actor, update_fields=["end_date"], reason="Delegation ended")
        event(actor, "delegation.end", delegation, delegation.function.trust_id, f"Ended {delegation}")
    return delegation


# Lead areas and tasks (TOR-3) ----------------------------------------------------


def lead_area_create(
    *,
    actor: Actor,
    person: Person,
    area: str,
    tasks: str = "",
    function: Function | None = None,
    start_date: dt.date | None,
) -> LeadArea:
    require_lead(actor, person.trust_id)
    if start_date is None:
        raise DomainError({"start_date": "Enter the date the lead starts"})
    if not Membership.objects.filter(
        current_q(start_date), person=person, committee__trust_id=person.trust_id
    ).exists():
        raise DomainError(
            {"person": f"{person} has no committee seat on that date: lead areas are for members"}
        )
    if function is not None and function.trust_id != person.trust_id:
        raise DomainError({"function": "Select a function in this trust"})
    if function is not None and function.retired_on is not None and function.retired_on <= start_date:
        raise DomainError({"function": "This function is retired: select a current function"})
    area = area.strip() or (function.name if function else "")
    if not area:
        raise DomainError({"area": "Enter the lead area, or select the function it covers"})
    with transaction.atomic():
        lead = save_tracked(
            LeadArea(person=person, function=function, area=area, tasks=tasks.strip(), start_date=start_date),
            actor=actor,
            reason="Lead area assigned",
        )
        event(actor, "lead_area.create", lead, person.trust_id, f"{person} leads on {area}")
    return lead


def lead_area_end(*, actor: Actor, lead: LeadArea, end_date: dt.date | None) -> LeadArea:
    require_lead(actor, lead.person.trust_id)
    check_end(
        lead,
        end_date,
        missing="Enter the date the lead ends",
        already_ended="This lead area has already ended",
        before_start="The lead cannot end before it started",
    )
    with transaction.atomic():
        lead.end_date = end_date
        save_tracked(lead, actor=actor, update_fields=["end_date"], reason="Lead area ended")
        event(
            actor,
            "lead_area.end",
            lead,
            lead.person.trust_id,
            f"{lead.person} no longer leads on {lead.area}",
        )
    return lead


# The scheme of delegation (TOR-2) --------------------------------------------------


def scheme_adopt(
    *,
    actor: Actor,
    trust: Organisation,
    decision_kind: str,
    bands: Sequence[engine.Band],
    reason: str,
    adopted_on: dt.date | None = None,
) -> Scheme:
    """Adopt a new version of the scheme for one kind of decision, saying why (TOR-2); a broken
    scheme is refused whole, with every problem named, and the version in force stays in force.
    The page and the API send what they were given: the checks are here, once."""
    require_lead(actor, trust.pk)
    if decision_kind not in DecisionKind.values:
        raise DomainError({"decision_kind": "Select the kind of decision"})
    errors: dict[str, str | list[str]] = {}
    if not reason.strip():
        errors["reason"] = "Enter why the scheme is changing"
    found = engine.problems(bands)
    if found:
        errors["__all__"] = found
    if errors:
        raise DomainError(errors)
    with transaction.atomic():
        latest = Scheme.objects.filter(trust=trust, decision_kind=decision_kind).aggregate(v=Max("version"))[
            "v"
        ]
        scheme = save_tracked(
            Scheme(
                trust=trust,
                decision_kind=decision_kind,
                version=(latest or 0) + 1,
                adopted_on=adopted_on or timezone.localdate(),
                adopted_by=actor_user(actor),
                reason=reason.strip(),
            ),
            actor=actor,
            reason="Scheme of delegation adopted",
        )
        rules = [
            save_tracked(
                DelegationRule(scheme=scheme, lower=band.lower, upper=band.upper, decider=band.decider),
                actor=actor,
                reason="Scheme of delegation adopted",
            )
            for band in sorted(bands, key=lambda b: b.lower)
        ]
        event(
            actor,
            "scheme.adopt",
            [scheme, *rules],
            trust.pk,
            f"Adopted {scheme}",
            bands=[[b.lower, b.upper, b.decider] for b in bands],
        )
    return scheme


def scheme_adopt_default(*, actor: Actor, trust: Organisation) -> list[Scheme]:
    """The starting scheme for each kind of decision not yet covered, using the policy's
    executive-director limit (`pbc.executive_director_limit`, DH 5.8)."""
    limit = effective_policy(trust)["pbc.executive_director_limit"]
    bands = engine.default_bands(limit if isinstance(limit, int) else 0)
    adopted = []
    for kind in DecisionKind.values:
        if not Scheme.objects.filter(trust=trust, decision_kind=kind).exists():
            adopted.append(
                scheme_adopt(
                    actor=actor,
                    trust=trust,
                    decision_kind=kind,
                    bands=bands,
                    reason="Starting scheme from the policy's executive-director limit",
                )
            )
    return adopted
