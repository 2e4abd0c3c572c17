"""Function coverage as a pure function (POL-3): each key group of functions must be
delegated by the Board with authority and have a lead member."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pecgov.policy.engine import Finding, Status


@dataclass(frozen=True)
class GroupFacts:
    """What is true today of one key group: its name, and who holds its functions."""

    group: str
    label: str
    delegated_to: tuple[str, ...]  # "PEC (to decide)" for each current delegation
    leads: tuple[str, ...]  # names of members with a current lead area in the group


def check_coverage(groups: Sequence[GroupFacts], source: str) -> list[Finding]:
    findings = []
    for facts in groups:
        missing = []
        if not facts.delegated_to:
            missing.append("no function in it is delegated by the Board")
        if not facts.leads:
            missing.append("no member has a lead area in it")
        if missing:
            findings.append(
                Finding(
                    rule=f"coverage.{facts.group}",
                    title=f"Functions: {facts.label}",
                    status=Status.FAIL,
                    facts=f"{facts.label}: " + " and ".join(missing) + ".",
                    source=source,
                    action=(
                        "Delegate a function in this group to a committee with its authority, "
                        "and give a member the lead for it."
                    ),
                )
            )
        else:
            findings.append(
                Finding(
                    rule=f"coverage.{facts.group}",
                    title=f"Functions: {facts.label}",
                    status=Status.PASS,
                    facts=(
                        f"{facts.label}: delegated to {', '.join(sorted(set(facts.delegated_to)))}; "
                        f"led by {', '.join(sorted(set(facts.leads)))}."
                    ),
                    source=source,
                    names=tuple(sorted(set(facts.leads))),
                )
            )
    return findings


def group_facts(
    key_groups: Sequence[str],
    labels: Mapping[str, str],
    delegations: Sequence[tuple[str, str]],
    leads: Sequence[tuple[str, str]],
) -> list[GroupFacts]:
    """Fold (group, delegated-to) and (group, lead name) pairs into one GroupFacts per key group."""
    return [
        GroupFacts(
            group=group,
            label=labels[group],
            delegated_to=tuple(to for g, to in delegations if g == group),
            leads=tuple(name for g, name in leads if g == group),
        )
        for group in key_groups
    ]
