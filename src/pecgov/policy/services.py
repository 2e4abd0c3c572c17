"""Writes and reads of a trust's policy, and the compliance check (POL-1, POL-2, POL-4).

`effective_policy` merges the chosen pack with active overrides;
`committee_findings` gathers a committee's facts in a fixed number of queries
and runs the pure composition rules over them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.policy import engine
from pecgov.policy.models import PolicyOverride, TrustPolicy
from pecgov.policy.packs import (
    DEFAULT_PACK,
    Parameter,
    ParamValue,
    PolicyPack,
    get_pack,
    load_packs,
)
from pecgov.servicekit import event
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Organisation
from pecgov.trust.queries import lapsed_co_option_q


@dataclass(frozen=True)
class EffectiveParameter:
    parameter: Parameter
    value: ParamValue
    override: PolicyOverride | None

    @property
    def source(self) -> str:
        if self.override is None:
            return self.parameter.source
        return f"Local override of {self.parameter.source}"


@dataclass(frozen=True)
class EffectivePolicy:
    trust_id: int
    pack: PolicyPack
    parameters: dict[str, EffectiveParameter]

    def values(self) -> dict[str, ParamValue]:
        return {key: p.value for key, p in self.parameters.items()}

    def sources(self) -> dict[str, str]:
        return {key: p.source for key, p in self.parameters.items()}

    def __getitem__(self, key: str) -> ParamValue:
        return self.parameters[key].value


# Who may change a trust's policy is the "policy.change" permission (pecgov.policy.rules).
NOT_LEAD = "Only the trust's governance lead can change its policy."


def pack_key_for(trust: Organisation) -> str:
    policy = TrustPolicy.objects.filter(trust=trust).values_list("pack", flat=True).first()
    return policy or DEFAULT_PACK


def effective_policy(trust: Organisation) -> EffectivePolicy:
    """The trust's pack with its active overrides applied (two queries)."""
    pack = get_pack(pack_key_for(trust))
    overrides = {o.key: o for o in PolicyOverride.objects.filter(trust=trust, withdrawn_at__isnull=True)}
    params: dict[str, EffectiveParameter] = {}
    for key, param in pack.parameters.items():
        override = overrides.get(key)
        value = param.coerce(override.value) if override is not None else param.value
        params[key] = EffectiveParameter(param, value, override)
    return EffectivePolicy(trust.pk, pack, params)


def policy_choose_pack(*, actor: Actor, trust: Organisation, pack: str, reason: str = "") -> TrustPolicy:
    require(actor, "policy.change", trust.pk, message=NOT_LEAD)
    if pack not in load_packs():
        raise DomainError({"pack": "Select a policy pack"})
    with transaction.atomic():
        policy = TrustPolicy.objects.filter(trust=trust).first()
        if policy is None:
            policy = TrustPolicy(trust=trust, pack=pack)
            save_tracked(policy, actor=actor, reason=reason or "Policy pack chosen")
        elif policy.pack != pack:
            policy.pack = pack
            save_tracked(policy, actor=actor, update_fields=["pack"], reason=reason or "Policy pack changed")
        else:
            return policy
        summary = f"Policy pack set to {get_pack(pack).title}"
        event(actor, "policy.choose_pack", policy, trust.pk, summary, pack=pack, reason=reason)
    return policy


def policy_override(
    *, actor: Actor, trust: Organisation, key: str, value: Any, reason: str
) -> PolicyOverride:
    """Override one parameter with a recorded reason (POL-1). Replaces an active override."""
    require(actor, "policy.change", trust.pk, message=NOT_LEAD)
    pack = get_pack(pack_key_for(trust))
    param = pack.parameters.get(key)
    if param is None:
        raise DomainError({"key": "Select a parameter to override"})
    if not reason.strip():
        raise DomainError(
            {"reason": "Enter the reason for the local decision: it is shown with every finding that uses it"}
        )
    try:
        coerced = param.coerce(value)
    except ValueError as error:
        raise DomainError({"value": str(error)}) from error
    now = timezone.now()
    with transaction.atomic():
        for old in PolicyOverride.objects.select_for_update().filter(
            trust=trust, key=key, withdrawn_at__isnull=True
        ):
            old.withdrawn_at = now
            old.withdrawn_by = actor_user(actor)
            save_tracked(old, actor=actor, update_fields=["withdrawn_at", "withdrawn_by"], reason="Replaced")
        override = save_tracked(
            PolicyOverride(
                trust=trust,
                key=key,
                value=param.to_json(coerced),
                reason=reason.strip(),
                created_by=actor_user(actor),
                created_at=now,
            ),
            actor=actor,
            reason="Override recorded",
        )
        event(
            actor,
            "policy.override",
            override,
            trust.pk,
            f"{key} set to {coerced!r} (pack value {param.value!r})",
            key=key,
            value=param.to_json(coerced),
            reason=reason.strip(),
        )
    return override


def policy_override_withdraw(*, actor: Actor, override: PolicyOverride, reason: str = "") -> PolicyOverride:
    require(actor, "policy.change", override.trust_id, message=NOT_LEAD)
    if override.withdrawn_at is not None:
        raise DomainError("This override has already been withdrawn")
    with transaction.atomic():
        override.withdrawn_at = timezone.now()
        override.withdrawn_by = actor_user(actor)
        save_tracked(
            override,
            actor=actor,
            update_fields=["withdrawn_at", "withdrawn_by"],
            reason=reason or "Override withdrawn",
        )
        summary = f"Withdrew the local value of {override.key}"
        event(actor, "policy.override_withdraw", override, override.trust_id, summary)
    return override


# Compliance (POL-2, POL-4) -------------------------------------------------


def _member_facts(seat: Membership, board_seats: dict[int, list[str]]) -> engine.MemberFacts:
    return engine.MemberFacts(
        name=seat.person.name,
        role=seat.role,
        profession=seat.person.profession,
        practising=seat.person.practising,
        has_caseload=seat.person.has_caseload,
        board_seats=tuple(board_seats.get(seat.person_id, ())),
        end_date=seat.end_date,
        co_opted_scope=seat.co_opted_scope,
        start_date=seat.start_date,
    )


def committee_facts(committee: Committee, on: dt.date) -> engine.CommitteeFacts:
    """The committee's current seats, the co-opted seats past their end date that were never
    ended (DH 6.2), and each member's Board seats: two queries."""
    return committee_facts_by_day(committee, [on])[on]


def committee_facts_by_day(
    committee: Committee, days: Sequence[dt.date]
) -> dict[dt.date, engine.CommitteeFacts]:
    """`committee_facts` for each of `days`, in two queries however many days: the seats and
    Board seats of the whole span, sorted out day by day (EFF-2 counts days lawfully constituted)."""
    if not days:
        return {}
    first, last = min(days), max(days)
    seats = list(
        Membership.objects.filter(committee=committee, start_date__lte=last)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first) | lapsed_co_option_q(first))
        .select_related("person")
        .order_by("person__name")
    )
    board = list(
        Membership.objects.filter(
            committee__trust_id=committee.trust_id,
            committee__kind=CommitteeKind.BOARD,
            person_id__in={s.person_id for s in seats},
            start_date__lte=last,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=first))
        .only("person_id", "role", "start_date", "end_date")
    )
    facts = {}
    for on in days:
        board_seats: dict[int, list[str]] = {}
        for seat in board:
            if seat.is_current(on):
                board_seats.setdefault(seat.person_id, []).append(seat.role)
        facts[on] = engine.CommitteeFacts(
            name=committee.name,
            on=on,
            members=tuple(_member_facts(s, board_seats) for s in seats if s.is_current(on)),
            lapsed=tuple(_member_facts(s, board_seats) for s in seats if s.is_lapsed_co_option(on)),
        )
    return facts


def committee_findings(
    committee: Committee, on: dt.date | None = None, policy: EffectivePolicy | None = None
) -> list[engine.Finding]:
    """Composition findings for a PEC; other committees have no composition policy yet."""
    if committee.kind != CommitteeKind.PEC:
        return []
    on = on or timezone.localdate()
    policy = policy or effective_policy(committee.trust)
    return engine.check_composition(committee_facts(committee, on), policy.values(), policy.sources())
