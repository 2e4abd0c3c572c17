"""Reads the TOR pages, the API and the command line share, in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef
from django.utils import timezone

from pecgov.delegation import coverage
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import GROUP_SOURCES, KEY_GROUPS, DecisionKind, FunctionGroup
from pecgov.delegation.models import Delegation, DelegationRule, Function, LeadArea, Scheme
from pecgov.policy.engine import Finding
from pecgov.policy.services import EffectivePolicy, effective_policy
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Membership, Organisation, Person
from pecgov.trust.queries import current_q


def _sentence_part(label: str) -> str:
    """'To decide on the Board's behalf' inside a sentence: only the first letter drops its capital."""
    return label[:1].lower() + label[1:]


def framework(policy: EffectivePolicy) -> str:
    value = policy["functions.framework"]
    return value if isinstance(value, str) and value in KEY_GROUPS else "dh"


@dataclass
class FunctionRow:
    function: Function
    delegations: list[Delegation] = field(default_factory=list)
    leads: list[LeadArea] = field(default_factory=list)


@dataclass
class GroupView:
    group: str
    label: str
    key: bool
    rows: list[FunctionRow]


def catalogue(trust_id: int, framework_key: str = "dh", on: dt.date | None = None) -> list[GroupView]:
    """The catalogue by group, each function with its current delegations and leads: 3 queries."""
    on = on or timezone.localdate()
    functions = list(Function.objects.filter(trust_id=trust_id).exclude(retired_on__lte=on))
    rows = {f.pk: FunctionRow(f) for f in functions}
    for delegation in Delegation.objects.filter(current_q(on), function_id__in=rows).select_related(
        "committee"
    ):
        rows[delegation.function_id].delegations.append(delegation)
    for lead in LeadArea.objects.filter(current_q(on), function_id__in=rows).select_related("person"):
        if lead.function_id is not None:
            rows[lead.function_id].leads.append(lead)
    key_groups = KEY_GROUPS[framework_key]
    order = list(key_groups) + [g for g in FunctionGroup.values if g not in key_groups]
    views = []
    for group in order:
        group_rows = [row for row in rows.values() if row.function.group == group]
        if group_rows or group in key_groups:
            views.append(GroupView(group, FunctionGroup(group).label, group in key_groups, group_rows))
    return views


def coverage_findings(
    trust: Organisation, on: dt.date | None = None, policy: EffectivePolicy | None = None
) -> list[Finding]:
    """POL-3: one finding per key function group under the policy's framework: 2 queries."""
    on = on or timezone.localdate()
    policy = policy or effective_policy(trust)
    key = framework(policy)
    delegations = [
        (group, f"{committee} ({authority_label})")
        for group, committee, authority_label in (
            (d.function.group, d.committee.name, _sentence_part(d.get_authority_display()))
            for d in Delegation.objects.filter(current_q(on), function__trust=trust)
            .exclude(function__retired_on__lte=on)
            .select_related("function", "committee")
        )
    ]
    leads = [
        (lead.function.group, lead.person.name)
        for lead in LeadArea.objects.filter(current_q(on), function__trust=trust)
        .exclude(function__retired_on__lte=on)
        .select_related("function", "person")
        if lead.function is not None
    ]
    facts = coverage.group_facts(
        KEY_GROUPS[key], {g.value: g.label for g in FunctionGroup}, delegations, leads
    )
    return coverage.check_coverage(facts, GROUP_SOURCES[key])


def lead_areas(trust_id: int, on: dt.date | None = None) -> list[LeadArea]:
    on = on or timezone.localdate()
    return list(
        LeadArea.objects.filter(current_q(on), person__trust_id=trust_id)
        .select_related("person", "function")
        .order_by("person__name", "area")
    )


@dataclass(frozen=True)
class SchemeView:
    kind: str
    label: str
    scheme: Scheme | None
    bands: tuple[engine.Band, ...]


def current_schemes(trust_id: int) -> dict[str, SchemeView]:
    """The version in force for each kind of decision, with its bands: 2 queries."""
    latest: dict[str, Scheme] = {}
    for scheme in Scheme.objects.filter(trust_id=trust_id).select_related("adopted_by").order_by("-version"):
        latest.setdefault(scheme.decision_kind, scheme)
    bands: dict[int, list[engine.Band]] = {}
    for scheme in latest.values():
        bands[scheme.pk] = []
    for rule in DelegationRule.objects.filter(scheme_id__in=bands).order_by("lower"):
        bands[rule.scheme_id].append(engine.Band(rule.lower, rule.upper, rule.decider))
    return {
        kind: SchemeView(
            kind=kind,
            label=DecisionKind(kind).label,
            scheme=latest.get(kind),
            bands=tuple(bands.get(latest[kind].pk, [])) if kind in latest else (),
        )
        for kind in DecisionKind.values
    }


def current_scheme(trust_id: int, kind: str) -> SchemeView:
    return current_schemes(trust_id)[kind]


def catalogue_started(trust_id: int) -> bool:
    """Whether the trust keeps a functions catalogue at all: POL-3 is checked once it does, so a
    trust that has not set up its terms of reference is told to, not shown a wall of failures."""
    return Function.objects.filter(trust_id=trust_id).exists()


def scheme_versions(trust_id: int) -> dict[str, list[Scheme]]:
    """Every adopted version of the scheme for each kind of decision, newest first: 1 query."""
    versions: dict[str, list[Scheme]] = {kind: [] for kind in DecisionKind.values}
    for scheme in (
        Scheme.objects.filter(trust_id=trust_id)
        .select_related("adopted_by")
        .order_by("decision_kind", "-version")
    ):
        versions.setdefault(scheme.decision_kind, []).append(scheme)
    return versions


def members_without_lead(trust_id: int, on: dt.date | None = None) -> list[Person]:
    """TOR-3: the PEC's current members who lead on nothing today: 1 query."""
    on = on or timezone.localdate()
    return list(
        Person.objects.filter(
            Exists(
                Membership.objects.filter(
                    current_q(on),
                    person=OuterRef("pk"),
                    committee__trust_id=trust_id,
                    committee__kind=CommitteeKind.PEC,
                )
            ),
            trust_id=trust_id,
        )
        .exclude(Exists(LeadArea.objects.filter(current_q(on), person=OuterRef("pk"))))
        .order_by("name")
    )
