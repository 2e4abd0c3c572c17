"""Interview panel composition as a pure function (APP-4, POL-4).

`check_panel(facts, params, sources)` returns findings that read like the composition findings:
the rule, pass/warn/fail, the facts in plain English naming people, the source section and what
to do. Which rules apply comes from the policy pack (`panel.model`, `panel.min_size`,
`panel.max_size`).

DH Annex B ("A guide to selection and interview"): "There may be an interview panel of 3-4
people, reflecting the three lead groups in the PCT leadership structure. Suggested members are:
PCT CEO; PCT Chair; For the first appointment process for the new PEC, a former PEC member,
ideally a PEC chair (from one of the pre-reconfigured PCTs where there has been a merger);
and/or another professional representative with relevant experience."

Alliance "The Structure": "Interviewers to include the PCT chair, chief executive and at least
one clinician including whenever possible the outgoing PEC chair".

A person who fits two roles (an outgoing PEC chair who is also a GP) is listed once per role
under the same name: the size counts people, the role rules look at every entry.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from pecgov.policy.engine import Finding, Status

CHIEF_EXECUTIVE = "chief_executive"
PCT_CHAIR = "pct_chair"
FORMER_PEC_MEMBER = "former_pec_member"
FORMER_PEC_CHAIR = "former_pec_chair"
OUTGOING_PEC_CHAIR = "outgoing_pec_chair"
CLINICIAN = "clinician"
OTHER_PROFESSIONAL = "other_professional"
LAY = "lay"
MANAGER = "manager"

ROLE_NAMES = {
    CHIEF_EXECUTIVE: "chief executive",
    PCT_CHAIR: "PCT chair",
    FORMER_PEC_MEMBER: "former PEC member",
    FORMER_PEC_CHAIR: "former PEC chair",
    OUTGOING_PEC_CHAIR: "outgoing PEC chair",
    CLINICIAN: "clinician",
    OTHER_PROFESSIONAL: "other professional",
    LAY: "lay member",
    MANAGER: "manager",
}
ROLES = tuple(ROLE_NAMES)

POSTS = ("chair", "member")
DH, ALLIANCE = "dh", "alliance"
DEFAULT_SOURCES = {DH: "DH Annex B", ALLIANCE: 'Alliance "The Structure"'}

# PEC chairs are the clinical chair, "the third pin of the plug" (Alliance): a former or outgoing
# PEC chair counts as a clinician. A former PEC member may have been a manager, and "another
# professional representative" is DH's phrase, not "clinician", so neither counts for the
# Alliance's "at least one clinician" unless also listed as a clinician.
CLINICAL_ROLES = frozenset({CLINICIAN, FORMER_PEC_CHAIR, OUTGOING_PEC_CHAIR})
FORMER_CHAIR_ROLES = frozenset({FORMER_PEC_CHAIR, OUTGOING_PEC_CHAIR})
FORMER_MEMBER_ROLES = FORMER_CHAIR_ROLES | {FORMER_PEC_MEMBER}

# DH's "three lead groups in the PCT leadership structure" are the "three at the centre": the
# PCT chair (lay, non-executive), the chief executive (executive) and the PEC (professional).
# DH's own suggested panel (CEO, PCT chair, a former PEC member) reflects all three, so a former
# PEC member stands for the professional group here.
LEAD_GROUPS = (
    ("lay", "lay (PCT chair or non-executive)", frozenset({PCT_CHAIR, LAY})),
    ("executive", "executive (chief executive or senior manager)", frozenset({CHIEF_EXECUTIVE, MANAGER})),
    (
        "professional",
        "professional (PEC or clinical)",
        frozenset({CLINICIAN, OTHER_PROFESSIONAL} | FORMER_MEMBER_ROLES),
    ),
)


@dataclass(frozen=True)
class PanelMember:
    name: str
    role: str

    def __post_init__(self) -> None:
        if self.role not in ROLE_NAMES:
            raise ValueError(f"Unknown panel role {self.role!r}: use one of {', '.join(ROLES)}.")


@dataclass(frozen=True)
class PanelFacts:
    members: tuple[PanelMember, ...]
    first_appointment: bool
    post: str  # "chair" or "member"

    def __post_init__(self) -> None:
        if self.post not in POSTS:
            raise ValueError(f"Unknown post {self.post!r}: use chair or member.")


Params = Mapping[str, Any]


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _people(members: tuple[PanelMember, ...]) -> dict[str, list[str]]:
    """Each person's roles, people in the order first listed."""
    people: dict[str, list[str]] = {}
    for member in members:
        roles = people.setdefault(member.name, [])
        if member.role not in roles:
            roles.append(member.role)
    return people


def _describe(people: Mapping[str, list[str]]) -> str:
    return _join([f"{name} ({', '.join(ROLE_NAMES[r] for r in roles)})" for name, roles in people.items()])


def _with(members: tuple[PanelMember, ...], roles: frozenset[str] | set[str]) -> list[str]:
    names: list[str] = []
    for member in members:
        if member.role in roles and member.name not in names:
            names.append(member.name)
    return names


def _count(count: int) -> str:
    return f"{count} panel member{'' if count == 1 else 's'}"


def rule_size(facts: PanelFacts, params: Params, source: str, sources: Mapping[str, str]) -> Finding:
    low, high = params.get("panel.min_size"), params.get("panel.max_size")
    people = _people(facts.members)
    count = len(people)
    listed = f"{_count(count)}: {_describe(people)}" if people else "No one is on the panel yet"
    if low is not None and high is not None:
        bounds = f"{low} to {high}"
    elif low is not None:
        bounds = f"at least {low}"
    elif high is not None:
        bounds = f"at most {high}"
    else:
        bounds = "any number"
    asks = f"the policy asks for {bounds}."
    if high is not None and count > high:
        return Finding(
            "panel.size",
            "Panel size",
            Status.FAIL,
            f"{listed}; {asks}",
            sources.get("panel.max_size") or source,
            f"Take {count - high} off the panel, or record a local override of the limit with a reason.",
            tuple(people),
        )
    if low is not None and count < low:
        more = low - count
        return Finding(
            "panel.size",
            "Panel size",
            Status.FAIL,
            f"{listed}; {asks}",
            sources.get("panel.min_size") or source,
            f"Add {more} more {'person' if more == 1 else 'people'} to the panel.",
            tuple(people),
        )
    return Finding(
        "panel.size",
        "Panel size",
        Status.PASS,
        f"{listed}; {asks}",
        sources.get("panel.min_size") or source,
        names=tuple(people),
    )


def _role_rule(
    facts: PanelFacts, role: str, title: str, source: str, missing_status: Status, action: str
) -> Finding:
    names = _with(facts.members, {role})
    rule = f"panel.{role}"
    if names:
        return Finding(
            rule,
            title,
            Status.PASS,
            f"{_join(names)} sits as {ROLE_NAMES[role]}.",
            source,
            names=tuple(names),
        )
    return Finding(
        rule, title, missing_status, f"The {ROLE_NAMES[role]} is not on the panel.", source, action
    )


def _dh_rules(facts: PanelFacts, source: str) -> list[Finding]:
    findings = [
        # DH only "suggests" the CEO and PCT chair ("Suggested members are"): a warning, not a failure.
        _role_rule(
            facts,
            CHIEF_EXECUTIVE,
            "Chief executive on the panel",
            source,
            Status.WARN,
            "Add the chief executive, or record why the panel goes ahead without them.",
        ),
        _role_rule(
            facts,
            PCT_CHAIR,
            "PCT chair on the panel",
            source,
            Status.WARN,
            "Add the PCT chair, or record why the panel goes ahead without them.",
        ),
    ]
    if facts.first_appointment:
        findings.append(_dh_first_appointment(facts, source))
    findings.append(_dh_lead_groups(facts, source))
    return findings


def _dh_first_appointment(facts: PanelFacts, source: str) -> Finding:
    """A former PEC member, ideally a chair, "and/or another professional representative".

    Only a former (or outgoing) PEC chair fully meets the suggestion; every other case is a
    warning because the source only suggests it. Another professional alone is allowed by the
    "and/or" but the guidance still looks for PEC experience at a first appointment, so it warns
    too, with facts that say the panel is within the wording.
    """
    rule, title = "panel.first_appointment", "Former PEC member for the first appointment"
    chairs = _with(facts.members, FORMER_CHAIR_ROLES)
    former = _with(facts.members, {FORMER_PEC_MEMBER})
    others = _with(facts.members, {OTHER_PROFESSIONAL})
    post = "the chair" if facts.post == "chair" else "a member's post"
    if chairs:
        return Finding(
            rule,
            title,
            Status.PASS,
            f"First appointment to {post}: {_join(chairs)} brings experience as a PEC chair.",
            source,
            names=tuple(chairs),
        )
    if former:
        return Finding(
            rule,
            title,
            Status.WARN,
            f"First appointment to {post}: {_join(former)} is a former PEC member but not a former PEC chair; "
            "the guidance suggests ideally a PEC chair.",
            source,
            "If a former PEC chair (for example from a merged PCT) is available, consider inviting them.",
            tuple(former),
        )
    if others:
        return Finding(
            rule,
            title,
            Status.WARN,
            f"First appointment to {post}: no former PEC member; {_join(others)} sits as another professional "
            "representative, which the guidance allows, but it suggests a former PEC member, ideally a chair.",
            source,
            "Consider adding a former PEC member, ideally a former PEC chair.",
            tuple(others),
        )
    return Finding(
        rule,
        title,
        Status.WARN,
        f"First appointment to {post}: no former PEC member and no other professional representative "
        "with relevant experience on the panel.",
        source,
        "Add a former PEC member, ideally a former PEC chair, or another professional with relevant experience.",
    )


def _dh_lead_groups(facts: PanelFacts, source: str) -> Finding:
    # "There may be an interview panel ... reflecting the three lead groups": soft, so a warning.
    rule, title = "panel.lead_groups", "Panel reflects the three lead groups"
    present, absent = [], []
    for _key, label, roles in LEAD_GROUPS:
        names = _with(facts.members, roles)
        if names:
            present.append(f"{label}: {_join(names)}")
        else:
            absent.append(label)
    listed = "; ".join(present)
    if not absent:
        return Finding(rule, title, Status.PASS, f"{listed}.", source)
    gap = f"No one from the {_join(absent)} lead group{'' if len(absent) == 1 else 's'}"
    return Finding(
        rule,
        title,
        Status.WARN,
        f"{gap}{'; ' + listed if listed else ''}.",
        source,
        "Add someone from each missing lead group: the PCT chair, the chief executive and a PEC member or clinician.",
    )


def _alliance_rules(facts: PanelFacts, source: str) -> list[Finding]:
    # "Interviewers to include the PCT chair, chief executive and at least one clinician": a
    # firm statement in this pack, so a missing one fails.
    findings = [
        _role_rule(
            facts,
            PCT_CHAIR,
            "PCT chair on the panel",
            source,
            Status.FAIL,
            "Add the PCT chair to the panel.",
        ),
        _role_rule(
            facts,
            CHIEF_EXECUTIVE,
            "Chief executive on the panel",
            source,
            Status.FAIL,
            "Add the chief executive to the panel.",
        ),
    ]
    clinicians = _with(facts.members, CLINICAL_ROLES)
    if clinicians:
        findings.append(
            Finding(
                "panel.clinician",
                "At least one clinician on the panel",
                Status.PASS,
                f"{len(clinicians)} clinician{'' if len(clinicians) == 1 else 's'}: {_join(clinicians)}.",
                source,
                names=tuple(clinicians),
            )
        )
    else:
        findings.append(
            Finding(
                "panel.clinician",
                "At least one clinician on the panel",
                Status.FAIL,
                "No clinician is on the panel.",
                source,
                "Add at least one clinician, if possible the outgoing PEC chair.",
            )
        )
    # "whenever possible": the outgoing chair may be unavailable or a candidate, so a warning.
    findings.append(
        _role_rule(
            facts,
            OUTGOING_PEC_CHAIR,
            "Outgoing PEC chair on the panel where possible",
            source,
            Status.WARN,
            "Invite the outgoing PEC chair, or record why they cannot sit (for example, they are a candidate).",
        )
    )
    return findings


def check_panel(facts: PanelFacts, params: Params, sources: Mapping[str, str] | None = None) -> list[Finding]:
    """Every panel rule that applies under `params` (a pack's effective values).

    A panel of any size, including none, gives findings, never an exception. The membership
    rules name their model's own source, since a trust may override `panel.model` away from its
    pack's default; the size rule uses the pack's (or the override's) source for the limits.
    """
    sources = sources or {}
    model = params.get("panel.model", DH)
    if model not in DEFAULT_SOURCES:
        raise ValueError(f"Unknown panel.model {model!r}: use dh or alliance.")
    source = DEFAULT_SOURCES[model]
    findings = [rule_size(facts, params, source, sources)]
    findings += _dh_rules(facts, source) if model == DH else _alliance_rules(facts, source)
    return findings
