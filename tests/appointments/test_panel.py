"""Interview panel rules (APP-4): tables of panels under the DH and Alliance models.

Pure: no database. Params mirror the shipped packs (panel.* in dh2007.toml / alliance2006.toml).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.appointments.panel import (
    CHIEF_EXECUTIVE,
    CLINICIAN,
    FORMER_PEC_CHAIR,
    FORMER_PEC_MEMBER,
    LAY,
    MANAGER,
    OTHER_PROFESSIONAL,
    OUTGOING_PEC_CHAIR,
    PCT_CHAIR,
    ROLES,
    PanelFacts,
    PanelMember,
    check_panel,
)
from pecgov.policy.engine import Status

PROPERTY = settings(max_examples=150, deadline=None, database=None)
DH = {"panel.model": "dh", "panel.min_size": 3, "panel.max_size": 4}
ALLIANCE = {"panel.model": "alliance", "panel.min_size": 3, "panel.max_size": None}
DH_SOURCES = {"panel.min_size": "DH Annex B", "panel.max_size": "DH Annex B", "panel.model": "DH Annex B"}

CEO = PanelMember("Ann Chief", CHIEF_EXECUTIVE)
CHAIR = PanelMember("Bob Chair", PCT_CHAIR)
EX_CHAIR = PanelMember("Dr Cara Former", FORMER_PEC_CHAIR)
EX_MEMBER = PanelMember("Dr Dev Former", FORMER_PEC_MEMBER)
PRO = PanelMember("Eve Pharmacist", OTHER_PROFESSIONAL)
GP = PanelMember("Dr Fay GP", CLINICIAN)
OUTGOING = PanelMember("Dr Gil Outgoing", OUTGOING_PEC_CHAIR)
NED = PanelMember("Hal Lay", LAY)
MGR = PanelMember("Ivy Manager", MANAGER)


def panel(*members, first=False, post="chair"):
    return PanelFacts(members=tuple(members), first_appointment=first, post=post)


def statuses(findings):
    return {f.rule: f.status for f in findings}


def finding(findings, rule):
    (match,) = [f for f in findings if f.rule == rule]
    return match


P, W, F = Status.PASS, Status.WARN, Status.FAIL

DH_CASES = [
    # DH Annex B's own suggestion for a first appointment: CEO, PCT chair, a former PEC chair.
    (
        "dh example: CEO, chair, former PEC chair",
        panel(CEO, CHAIR, EX_CHAIR, first=True),
        {
            "panel.size": P,
            "panel.chief_executive": P,
            "panel.pct_chair": P,
            "panel.first_appointment": P,
            "panel.lead_groups": P,
        },
    ),
    (
        "dh example with another professional (4)",
        panel(CEO, CHAIR, EX_CHAIR, PRO, first=True),
        {
            "panel.size": P,
            "panel.chief_executive": P,
            "panel.pct_chair": P,
            "panel.first_appointment": P,
            "panel.lead_groups": P,
        },
    ),
    (
        "dh example: former member, not a chair",
        panel(CEO, CHAIR, EX_MEMBER, first=True),
        {
            "panel.size": P,
            "panel.chief_executive": P,
            "panel.pct_chair": P,
            "panel.first_appointment": W,
            "panel.lead_groups": P,
        },
    ),
    (
        "dh 'or another professional' only",
        panel(CEO, CHAIR, PRO, first=True),
        {
            "panel.size": P,
            "panel.chief_executive": P,
            "panel.pct_chair": P,
            "panel.first_appointment": W,
            "panel.lead_groups": P,
        },
    ),
    (
        "first appointment, no former member or professional",
        panel(CEO, CHAIR, MGR, first=True),
        {
            "panel.size": P,
            "panel.chief_executive": P,
            "panel.pct_chair": P,
            "panel.first_appointment": W,
            "panel.lead_groups": W,
        },
    ),
    (
        "later appointment: no first-appointment rule",
        panel(CEO, CHAIR, GP),
        {"panel.size": P, "panel.chief_executive": P, "panel.pct_chair": P, "panel.lead_groups": P},
    ),
    (
        "missing chief executive",
        panel(CHAIR, GP, MGR),
        {"panel.size": P, "panel.chief_executive": W, "panel.pct_chair": P, "panel.lead_groups": P},
    ),
    (
        "missing PCT chair",
        panel(CEO, GP, PRO),
        {"panel.size": P, "panel.chief_executive": P, "panel.pct_chair": W, "panel.lead_groups": W},
    ),
    (
        "two members",
        panel(CEO, CHAIR),
        {"panel.size": F, "panel.chief_executive": P, "panel.pct_chair": P, "panel.lead_groups": W},
    ),
    (
        "five members",
        panel(CEO, CHAIR, EX_CHAIR, PRO, GP, first=True),
        {
            "panel.size": F,
            "panel.chief_executive": P,
            "panel.pct_chair": P,
            "panel.first_appointment": P,
            "panel.lead_groups": P,
        },
    ),
    (
        "empty panel",
        panel(),
        {"panel.size": F, "panel.chief_executive": W, "panel.pct_chair": W, "panel.lead_groups": W},
    ),
]


@pytest.mark.parametrize(("label", "facts", "expected"), DH_CASES, ids=[c[0] for c in DH_CASES])
def test_check_panel_dh_table(label, facts, expected):
    assert statuses(check_panel(facts, DH, DH_SOURCES)) == expected


ALLIANCE_CASES = [
    (
        "alliance example: PCT chair, CEO, outgoing PEC chair",
        panel(CHAIR, CEO, OUTGOING, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": P,
            "panel.chief_executive": P,
            "panel.clinician": P,
            "panel.outgoing_pec_chair": P,
        },
    ),
    (
        "clinician but not the outgoing chair",
        panel(CHAIR, CEO, GP, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": P,
            "panel.chief_executive": P,
            "panel.clinician": P,
            "panel.outgoing_pec_chair": W,
        },
    ),
    (
        "no clinician",
        panel(CHAIR, CEO, MGR, NED, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": P,
            "panel.chief_executive": P,
            "panel.clinician": F,
            "panel.outgoing_pec_chair": W,
        },
    ),
    (
        "former member and other professional are not clinicians",
        panel(CHAIR, CEO, EX_MEMBER, PRO, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": P,
            "panel.chief_executive": P,
            "panel.clinician": F,
            "panel.outgoing_pec_chair": W,
        },
    ),
    (
        "no PCT chair",
        panel(CEO, GP, OUTGOING, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": F,
            "panel.chief_executive": P,
            "panel.clinician": P,
            "panel.outgoing_pec_chair": P,
        },
    ),
    (
        "no chief executive",
        panel(CHAIR, GP, OUTGOING, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": P,
            "panel.chief_executive": F,
            "panel.clinician": P,
            "panel.outgoing_pec_chair": P,
        },
    ),
    (
        "two members",
        panel(CHAIR, CEO, post="member"),
        {
            "panel.size": F,
            "panel.pct_chair": P,
            "panel.chief_executive": P,
            "panel.clinician": F,
            "panel.outgoing_pec_chair": W,
        },
    ),
    (
        "no upper limit: six members",
        panel(CHAIR, CEO, OUTGOING, GP, NED, MGR, post="member"),
        {
            "panel.size": P,
            "panel.pct_chair": P,
            "panel.chief_executive": P,
            "panel.clinician": P,
            "panel.outgoing_pec_chair": P,
        },
    ),
]


@pytest.mark.parametrize(("label", "facts", "expected"), ALLIANCE_CASES, ids=[c[0] for c in ALLIANCE_CASES])
def test_check_panel_alliance_table(label, facts, expected):
    assert statuses(check_panel(facts, ALLIANCE)) == expected


# Exact wording: what a governance lead reads ---------------------------------------------------


def test_check_panel_size_facts_name_people_and_bounds():
    size = finding(check_panel(panel(CEO, CHAIR, EX_CHAIR, first=True), DH, DH_SOURCES), "panel.size")
    assert size.facts == (
        "3 panel members: Ann Chief (chief executive), Bob Chair (PCT chair) and "
        "Dr Cara Former (former PEC chair); the policy asks for 3 to 4."
    )
    assert (size.source, size.action) == ("DH Annex B", "")


def test_check_panel_two_members_fail_with_count():
    size = finding(check_panel(panel(CEO, CHAIR), DH, DH_SOURCES), "panel.size")
    assert size.status == Status.FAIL
    assert (
        size.facts
        == "2 panel members: Ann Chief (chief executive) and Bob Chair (PCT chair); the policy asks for 3 to 4."
    )
    assert size.action == "Add 1 more person to the panel."


def test_check_panel_five_members_fail_with_count():
    size = finding(check_panel(panel(CEO, CHAIR, EX_CHAIR, PRO, GP), DH, DH_SOURCES), "panel.size")
    assert size.status == Status.FAIL
    assert size.facts.startswith("5 panel members: ")
    assert size.facts.endswith("; the policy asks for 3 to 4.")
    assert size.action == "Take 1 off the panel, or record a local override of the limit with a reason."


def test_check_panel_empty_panel_is_a_finding_not_an_error():
    size = finding(check_panel(panel(), ALLIANCE), "panel.size")
    assert (size.status, size.facts) == (
        Status.FAIL,
        "No one is on the panel yet; the policy asks for at least 3.",
    )
    assert size.action == "Add 3 more people to the panel."


def test_check_panel_size_uses_override_source():
    sources = {"panel.min_size": "Local override of DH Annex B", "panel.max_size": "DH Annex B"}
    size = finding(check_panel(panel(CEO, CHAIR), DH, sources), "panel.size")
    assert size.source == "Local override of DH Annex B"


def test_check_panel_person_with_two_roles_counts_once():
    facts = panel(CEO, CHAIR, PanelMember("Dr Gil Outgoing", CLINICIAN), OUTGOING, post="member")
    findings = check_panel(facts, ALLIANCE)
    assert finding(findings, "panel.size").facts == (
        "3 panel members: Ann Chief (chief executive), Bob Chair (PCT chair) and "
        "Dr Gil Outgoing (clinician, outgoing PEC chair); the policy asks for at least 3."
    )
    assert finding(findings, "panel.clinician").facts == "1 clinician: Dr Gil Outgoing."


def test_check_panel_dh_former_member_not_chair_facts():
    first = finding(check_panel(panel(CEO, CHAIR, EX_MEMBER, first=True), DH), "panel.first_appointment")
    assert first.facts == (
        "First appointment to the chair: Dr Dev Former is a former PEC member but not a former PEC chair; "
        "the guidance suggests ideally a PEC chair."
    )
    assert first.source == "DH Annex B"
    assert first.names == ("Dr Dev Former",)


def test_check_panel_dh_missing_ceo_facts_and_action():
    ceo = finding(check_panel(panel(CHAIR, GP, MGR), DH), "panel.chief_executive")
    assert ceo.facts == "The chief executive is not on the panel."
    assert ceo.action == "Add the chief executive, or record why the panel goes ahead without them."


def test_check_panel_dh_lead_groups_names_missing_group():
    groups = finding(check_panel(panel(CEO, CHAIR), DH), "panel.lead_groups")
    assert groups.facts == (
        "No one from the professional (PEC or clinical) lead group; "
        "lay (PCT chair or non-executive): Bob Chair; executive (chief executive or senior manager): Ann Chief."
    )


def test_check_panel_alliance_missing_clinician_facts_and_source():
    clinician = finding(check_panel(panel(CHAIR, CEO, MGR, post="member"), ALLIANCE), "panel.clinician")
    assert (clinician.facts, clinician.source) == (
        "No clinician is on the panel.",
        'Alliance "The Structure"',
    )
    assert clinician.action == "Add at least one clinician, if possible the outgoing PEC chair."


def test_check_panel_outgoing_chair_missing_warns():
    outgoing = finding(
        check_panel(panel(CHAIR, CEO, GP, post="member"), ALLIANCE), "panel.outgoing_pec_chair"
    )
    assert (outgoing.status, outgoing.facts) == (Status.WARN, "The outgoing PEC chair is not on the panel.")


def test_check_panel_model_override_names_its_own_source():
    # A DH-pack trust that overrides panel.model to the Alliance rules is judged against the Alliance.
    findings = check_panel(panel(CHAIR, CEO, GP), {**DH, "panel.model": "alliance"}, DH_SOURCES)
    assert finding(findings, "panel.clinician").source == 'Alliance "The Structure"'


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: PanelMember("X", "chief"), "Unknown panel role 'chief'"),
        (lambda: PanelFacts((), False, "vice_chair"), "Unknown post 'vice_chair'"),
        (lambda: check_panel(panel(), {"panel.model": "nhs"}), "Unknown panel.model 'nhs'"),
    ],
)
def test_check_panel_bad_inputs_refused(make, message):
    with pytest.raises(ValueError, match=message):
        make()


# Properties -----------------------------------------------------------------------------------

members = st.lists(
    st.builds(PanelMember, st.sampled_from(["A", "B", "C", "D", "E", "F", "G"]), st.sampled_from(ROLES)),
    max_size=9,
)


@PROPERTY
@given(
    members,
    st.booleans(),
    st.sampled_from(["dh", "alliance"]),
    st.integers(0, 6),
    st.one_of(st.none(), st.integers(0, 8)),
)
def test_check_panel_size_fails_exactly_outside_bounds(people, first, model, low, high):
    params = {"panel.model": model, "panel.min_size": low, "panel.max_size": high}
    findings = check_panel(PanelFacts(tuple(people), first, "member"), params)
    count = len({m.name for m in people})
    outside = count < low or (high is not None and count > high)
    assert (finding(findings, "panel.size").status == Status.FAIL) == outside
    assert all(f.source for f in findings)


@PROPERTY
@given(members, st.booleans())
def test_check_panel_dh_never_fails_on_membership(people, first):
    # DH only suggests who sits: membership gaps warn; only the size (the trust's policy) fails.
    findings = check_panel(PanelFacts(tuple(people), first, "chair"), DH)
    assert {f.rule for f in findings if f.status == Status.FAIL} <= {"panel.size"}


@PROPERTY
@given(members)
def test_check_panel_order_of_members_does_not_change_statuses(people):
    facts = PanelFacts(tuple(people), True, "chair")
    flipped = PanelFacts(tuple(reversed(people)), True, "chair")
    for params in (DH, ALLIANCE):
        assert statuses(check_panel(facts, params)) == statuses(check_panel(flipped, params))
