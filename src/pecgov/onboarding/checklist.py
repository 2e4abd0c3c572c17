"""The setup checklist (ADM-1): from an empty trust to a constituted PEC, each step ticked from
the trust's own data. Pure: counts in, lines out; the counts are read by `queries.setup_counts`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SetupCounts:
    policy_chosen: bool
    practices: int
    people: int  # people on the records besides those holding a granted role (the lead)
    pec_members: int
    delegations: int
    declarations: int  # declarations made or returns recorded: the register is open
    meetings: int


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
            counts.practices > 0,
            "trust:organisation_list",
            "The GP practices of the trust",
        ),
        ChecklistLine(
            "people",
            "Bring in the people",
            counts.people > 0,
            "trust:person_list",
            "Clinicians, managers and lay members",
        ),
        ChecklistLine(
            "committees",
            "Set the committees and their members",
            counts.pec_members > 0,
            "trust:committee_list",
            "The PEC has members",
        ),
        ChecklistLine(
            "delegation",
            "Delegate the Board's functions",
            counts.delegations > 0,
            "delegation:catalogue",
            "Which committee acts for the Board",
        ),
        ChecklistLine(
            "register",
            "Open the register of interests",
            counts.declarations > 0,
            "interests:register",
            "Declarations made or returns received",
        ),
        ChecklistLine(
            "meeting",
            "Schedule the first meeting",
            counts.meetings > 0,
            "meetings:meeting_list",
            "A meeting of any committee",
        ),
    ]


def is_complete(lines: list[ChecklistLine]) -> bool:
    return all(line.done for line in lines)
