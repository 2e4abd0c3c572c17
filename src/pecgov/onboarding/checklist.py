"""The setup checklist (ADM-1): from an empty trust to a constituted PEC, each step ticked from
the trust's own data. Pure: what exists in, lines out; read by `queries.setup_counts` in one query."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetupCounts:
    """Whether the trust has each thing yet (a step needs one, not a number)."""

    policy_chosen: bool
    practices: bool
    people: bool  # people on the records besides those holding a granted role (the lead)
    pec_members: bool
    delegations: bool
    declarations: bool  # declarations made or returns recorded: the register is open
    meetings: bool


@dataclass(frozen=True)
class ChecklistLine:
    key: str
    label: str
    done: bool
    url_name: str
    hint: str


def setup_checklist(counts: SetupCounts) -> list[ChecklistLine]:
    """The seven steps in the order a trust takes them; each says where it is done."""
    return [
        ChecklistLine(
            "policy",
            "Choose the policy",
            counts.policy_chosen,
            "policy:detail",
            "The policy pack the PEC is checked against",
        ),
        ChecklistLine(
            "organisations",
            "Bring in the practices",
            counts.practices,
            "trust:organisation_list",
            "The GP practices of the trust",
        ),
        ChecklistLine(
            "people",
            "Bring in the people",
            counts.people,
            "trust:person_list",
            "Clinicians, managers and lay members",
        ),
        ChecklistLine(
            "committees",
            "Set the committees and their members",
            counts.pec_members,
            "trust:committee_list",
            "The PEC has members",
        ),
        ChecklistLine(
            "delegation",
            "Delegate the Board's functions",
            counts.delegations,
            "delegation:catalogue",
            "Which committee acts for the Board",
        ),
        ChecklistLine(
            "register",
            "Open the register of interests",
            counts.declarations,
            "interests:register",
            "Declarations made or returns received",
        ),
        ChecklistLine(
            "meeting",
            "Schedule the first meeting",
            counts.meetings,
            "meetings:meeting_list",
            "A meeting of any committee",
        ),
    ]


def is_complete(lines: list[ChecklistLine]) -> bool:
    return all(line.done for line in lines)
