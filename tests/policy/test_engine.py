"""The pure composition rules under both shipped packs, table by table (POL-1, POL-2, POL-4).

No database: each case builds `CommitteeFacts` by hand and checks the whole
Finding a governance lead would read (status, facts in plain English, source).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.policy import packs
from pecgov.policy.engine import (
    CommitteeFacts,
    Finding,
    MemberFacts,
    Status,
    check_composition,
    worst,
)

ON = dt.date(2007, 10, 1)
YESTERDAY = ON - dt.timedelta(days=1)
PACK_KEYS = ["dh2007", "alliance2006"]


def values(pack: str, **changes: Any) -> dict[str, Any]:
    """A pack's values, with `composition.<name>` changed for one case."""
    params: dict[str, Any] = dict(packs.get_pack(pack).values())
    for name, value in changes.items():
        key = f"composition.{name}"
        assert key in params, key
        params[key] = value
    return params


def sources(pack: str) -> dict[str, str]:
    return {key: p.source for key, p in packs.get_pack(pack).parameters.items()}


def member(
    name: str,
    profession: str = "gp",
    role: str = "clinical",
    *,
    practising: bool | None = None,
    caseload: bool | None = None,
    board: tuple[str, ...] = (),
    end: dt.date | None = None,
    scope: str = "",
) -> MemberFacts:
    clinician = profession not in {"manager", "lay"}
    return MemberFacts(
        name=name,
        role=role,
        profession=profession,
        practising=clinician if practising is None else practising,
        has_caseload=clinician if caseload is None else caseload,
        board_seats=board,
        end_date=end,
        co_opted_scope=scope,
    )


def co_optee(
    name: str, profession: str = "pharmacist", end: dt.date = ON + dt.timedelta(days=90)
) -> MemberFacts:
    return member(name, profession, "co_opted", end=end, scope="Prescribing review")


def committee(*members: MemberFacts) -> CommitteeFacts:
    return CommitteeFacts(name="Professional Executive Committee", on=ON, members=members)


def clinicians(count: int, prefix: str = "Clinician") -> list[MemberFacts]:
    professions = ["gp", "nurse", "pharmacist", "ahp"]
    return [member(f"{prefix} {i}", professions[i % 4]) for i in range(1, count + 1)]


def managers(count: int) -> list[MemberFacts]:
    return [member(f"Manager {i}", "manager", "management") for i in range(1, count + 1)]


def chair(board: tuple[str, ...] = ("board_director",)) -> MemberFacts:
    return member("Dr Asha Patel", "gp", "chair", board=board)


def compliant_dh() -> CommitteeFacts:
    """Six members meeting every DH 2007 rule: the shape of the demo trust's PEC."""
    return committee(
        chair(),
        member("Nia Jones", "nurse"),
        member("Omar Khan", "pharmacist"),
        member("Priya Shah", "ahp"),
        member("Dr Tom Reed", "gp"),
        member("Sam Cole", "manager", "management", board=("executive_director",)),
    )


def find(findings: list[Finding], rule: str) -> Finding:
    matching = [f for f in findings if f.rule == rule]
    assert len(matching) == 1, [f.rule for f in findings]
    return matching[0]


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


# Which rules each pack reports ------------------------------------------------------


def test_dh_pack_reports_its_rules_and_not_the_alliance_ranges() -> None:
    findings = check_composition(compliant_dh(), values("dh2007"), sources("dh2007"))

    assert rules_of(findings) == [
        "size",
        "professional_majority",
        "practising",
        "board_director",
        "chair_on_board",
        "multi_professional",
        "co_opted",
    ]


def test_alliance_pack_reports_ranges_and_not_the_size_limit() -> None:
    findings = check_composition(compliant_dh(), values("alliance2006"), sources("alliance2006"))

    assert rules_of(findings) == [
        "clinicians",
        "managers",
        "professional_majority",
        "practising",
        "board_director",
        "chair_on_board",
        "multi_professional",
        "co_opted",
    ]


def test_compliant_committee_passes_every_dh_rule() -> None:
    findings = check_composition(compliant_dh(), values("dh2007"), sources("dh2007"))

    assert [f.status for f in findings] == [Status.PASS] * 7
    assert worst(findings) == Status.PASS


@pytest.mark.parametrize("pack", PACK_KEYS)
def test_every_finding_has_the_pack_source_when_sources_are_passed(pack: str) -> None:
    facts = committee(*compliant_dh().members, co_optee("Ravi Gill"))

    findings = check_composition(facts, values(pack), sources(pack))

    assert findings
    for f in findings:
        assert f.source.strip(), f.rule
        assert f.source.startswith(("DH", "Alliance")), f.source


def test_findings_have_empty_source_when_no_sources_are_passed() -> None:
    findings = check_composition(compliant_dh(), values("dh2007"))

    assert {f.source for f in findings} == {""}


@pytest.mark.parametrize(
    ("changes", "absent"),
    [
        ({"max_members": None, "min_members": None}, "size"),
        ({"min_clinicians": None, "max_clinicians": None}, "clinicians"),
        ({"min_managers": None, "max_managers": None}, "managers"),
        ({"professionals_majority": False}, "professional_majority"),
        ({"professionals_practising_with_caseload": False}, "practising"),
        ({"min_board_directors": None}, "board_director"),
        ({"chair_on_board": False}, "chair_on_board"),
        ({"min_clinical_professions": None}, "multi_professional"),
    ],
)
@pytest.mark.parametrize("pack", PACK_KEYS)
def test_rule_switched_off_by_parameter_is_not_reported(
    pack: str, changes: dict[str, Any], absent: str
) -> None:
    # Turn every range on first, so the only reason a rule is missing is `changes`.
    params = values(
        pack,
        max_members=8,
        min_clinicians=5,
        max_clinicians=8,
        min_managers=3,
        max_managers=5,
    )
    assert absent in rules_of(check_composition(compliant_dh(), params))
    params.update({f"composition.{k}": v for k, v in changes.items()})

    findings = check_composition(compliant_dh(), params)

    assert absent not in rules_of(findings)
    assert len(findings) == 8


# Size (DH 6.2) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "status", "facts"),
    [
        (1, Status.PASS, "1 member (not counting co-opted members); the policy allows at most 8."),
        (7, Status.PASS, "7 members (not counting co-opted members); the policy allows at most 8."),
        (8, Status.PASS, "8 members (not counting co-opted members); the policy allows at most 8."),
        (9, Status.FAIL, "9 members (not counting co-opted members); the policy allows at most 8."),
        (11, Status.FAIL, "11 members (not counting co-opted members); the policy allows at most 8."),
    ],
)
def test_size_under_dh_limit_of_eight(count: int, status: Status, facts: str) -> None:
    result = find(
        check_composition(committee(*clinicians(count)), values("dh2007"), sources("dh2007")), "size"
    )

    assert (result.status, result.facts, result.source) == (status, facts, "DH 6.2")


@pytest.mark.parametrize(
    ("count", "action"),
    [
        (9, "End 1 membership or record a local override of the limit with a reason."),
        (10, "End 2 memberships or record a local override of the limit with a reason."),
    ],
)
def test_size_over_limit_says_how_many_to_end(count: int, action: str) -> None:
    result = find(check_composition(committee(*clinicians(count)), values("dh2007")), "size")

    assert result.action == action


def test_size_does_not_count_co_opted_members_by_default() -> None:
    facts = committee(*clinicians(8), co_optee("Ravi Gill"), co_optee("Jo Ward", "nurse"))

    result = find(check_composition(facts, values("dh2007")), "size")

    assert result.status == Status.PASS
    assert result.facts == "8 members (not counting co-opted members); the policy allows at most 8."


def test_size_counts_co_opted_members_when_the_parameter_says_so() -> None:
    facts = committee(*clinicians(8), co_optee("Ravi Gill"))

    result = find(check_composition(facts, values("dh2007", co_opted_count_towards_size=True)), "size")

    assert result.status == Status.FAIL
    assert result.facts == "9 members; the policy allows at most 8."


@pytest.mark.parametrize(
    ("low", "high", "count", "status", "facts", "source_key"),
    [
        (
            7,
            None,
            6,
            Status.FAIL,
            "6 members (not counting co-opted members); the policy asks for at least 7.",
            "min",
        ),
        (
            7,
            None,
            7,
            Status.PASS,
            "7 members (not counting co-opted members); the policy allows at least 7.",
            "min",
        ),
        (
            5,
            8,
            4,
            Status.FAIL,
            "4 members (not counting co-opted members); the policy asks for at least 5.",
            "min",
        ),
        (5, 8, 5, Status.PASS, "5 members (not counting co-opted members); the policy allows 5 to 8.", "max"),
        (
            5,
            8,
            9,
            Status.FAIL,
            "9 members (not counting co-opted members); the policy allows at most 8.",
            "max",
        ),
    ],
)
def test_size_with_a_local_minimum(
    low: int, high: int | None, count: int, status: Status, facts: str, source_key: str
) -> None:
    params = values("dh2007", min_members=low, max_members=high)
    cited = {"composition.min_members": "min", "composition.max_members": "max"}

    result = find(check_composition(committee(*clinicians(count)), params, cited), "size")

    assert (result.status, result.facts, result.source) == (status, facts, source_key)


def test_size_below_minimum_says_how_many_to_appoint() -> None:
    result = find(check_composition(committee(*clinicians(5)), values("dh2007", min_members=7)), "size")

    assert result.action == "Appoint 2 more members."


# Alliance ranges: 5-8 clinicians, 3-5 senior managers ---------------------------------


@pytest.mark.parametrize(
    ("count", "status", "facts", "action"),
    [
        (4, Status.FAIL, "4 clinicians; the policy asks for at least 5.", "Appoint 1 more clinician."),
        (3, Status.FAIL, "3 clinicians; the policy asks for at least 5.", "Appoint 2 more clinicians."),
        (5, Status.PASS, "5 clinicians; the policy asks for 5 to 8.", ""),
        (8, Status.PASS, "8 clinicians; the policy asks for 5 to 8.", ""),
        (
            9,
            Status.FAIL,
            "9 clinicians; the policy allows at most 8.",
            "Reduce the number of clinicians to 8 or fewer.",
        ),
    ],
)
def test_alliance_clinicians_range(count: int, status: Status, facts: str, action: str) -> None:
    members = committee(*clinicians(count), *managers(3))

    result = find(check_composition(members, values("alliance2006"), sources("alliance2006")), "clinicians")

    assert result == Finding(
        "clinicians", "Clinical members", status, facts, 'Alliance "The Structure"', action
    )


@pytest.mark.parametrize(
    ("count", "status", "facts", "action"),
    [
        (
            2,
            Status.FAIL,
            "2 senior managers; the policy asks for at least 3.",
            "Appoint 1 more senior manager.",
        ),
        (3, Status.PASS, "3 senior managers; the policy asks for 3 to 5.", ""),
        (5, Status.PASS, "5 senior managers; the policy asks for 3 to 5.", ""),
        (
            6,
            Status.FAIL,
            "6 senior managers; the policy allows at most 5.",
            "Reduce the number of senior managers to 5 or fewer.",
        ),
    ],
)
def test_alliance_managers_range(count: int, status: Status, facts: str, action: str) -> None:
    members = committee(*clinicians(7), *managers(count))

    result = find(check_composition(members, values("alliance2006"), sources("alliance2006")), "managers")

    assert result == Finding("managers", "Senior managers", status, facts, 'Alliance "The Structure"', action)


def test_alliance_ranges_do_not_count_co_opted_members() -> None:
    members = committee(*clinicians(4), co_optee("Ravi Gill"), *managers(3))

    result = find(check_composition(members, values("alliance2006")), "clinicians")

    assert result.status == Status.FAIL
    assert result.facts == "4 clinicians; the policy asks for at least 5."


def test_lay_member_is_neither_clinician_nor_manager() -> None:
    members = committee(*clinicians(5), *managers(3), member("Pat Lay", "lay", "clinical"))

    findings = check_composition(members, values("alliance2006"))

    assert find(findings, "clinicians").facts == "5 clinicians; the policy asks for 5 to 8."
    assert find(findings, "managers").facts == "3 senior managers; the policy asks for 3 to 5."


# Professionals in the majority (DH 6.2) ---------------------------------------------


@pytest.mark.parametrize(
    ("pros", "others", "status", "facts"),
    [
        (1, 0, Status.PASS, "1 professional and 0 other members."),
        (3, 2, Status.PASS, "3 professionals and 2 other members."),
        (5, 1, Status.PASS, "5 professionals and 1 other member."),
        (3, 3, Status.FAIL, "3 professionals and 3 other members: a tie is not a majority."),
        (1, 1, Status.FAIL, "1 professional and 1 other member: a tie is not a majority."),
        (0, 0, Status.FAIL, "0 professionals and 0 other members: a tie is not a majority."),
        (2, 3, Status.FAIL, "2 professionals and 3 other members: professionals are not the majority."),
    ],
)
@pytest.mark.parametrize("pack", PACK_KEYS)
def test_professional_majority(pack: str, pros: int, others: int, status: Status, facts: str) -> None:
    members = committee(*clinicians(pros), *managers(others))

    result = find(check_composition(members, values(pack), sources(pack)), "professional_majority")

    assert (result.status, result.facts, result.source) == (status, facts, "DH 6.2")
    assert bool(result.action) == (status == Status.FAIL)


@pytest.mark.parametrize("pack", PACK_KEYS)
def test_professional_majority_tie_is_not_broken_by_a_co_opted_clinician(pack: str) -> None:
    members = committee(*clinicians(3), *managers(3), co_optee("Ravi Gill"))

    result = find(check_composition(members, values(pack)), "professional_majority")

    assert result.status == Status.FAIL
    assert result.facts == "3 professionals and 3 other members: a tie is not a majority."


def test_professional_majority_counts_lay_members_as_others() -> None:
    members = committee(*clinicians(2), member("Pat Lay", "lay", "clinical"), *managers(1))

    result = find(check_composition(members, values("dh2007")), "professional_majority")

    assert result.facts == "2 professionals and 2 other members: a tie is not a majority."


# Practising clinicians with a caseload (DH 6.2; Alliance "The Structure") -----------


@pytest.mark.parametrize(
    ("members", "status", "facts", "names"),
    [
        (
            [member("Dr Ann Lee"), member("Nia Jones", "nurse")],
            Status.PASS,
            "All 2 professional members are practising clinicians with a caseload.",
            (),
        ),
        (
            [member("Dr Ann Lee", practising=False), member("Nia Jones", "nurse")],
            Status.FAIL,
            "Dr Ann Lee is not practising.",
            ("Dr Ann Lee",),
        ),
        (
            [member("Dr Ann Lee", caseload=False), member("Nia Jones", "nurse")],
            Status.FAIL,
            "Dr Ann Lee does not carry a caseload.",
            ("Dr Ann Lee",),
        ),
        (
            [
                member("Dr Ann Lee", practising=False, caseload=False),
                member("Nia Jones", "nurse", practising=False),
                member("Omar Khan", "pharmacist", caseload=False),
                member("Priya Shah", "ahp", caseload=False),
                member("Dr Tom Reed"),
            ],
            Status.FAIL,
            "Dr Ann Lee and Nia Jones are not practising; Omar Khan and Priya Shah do not carry a caseload.",
            ("Dr Ann Lee", "Nia Jones", "Omar Khan", "Priya Shah"),
        ),
        (
            [
                member("Dr Ann Lee", practising=False),
                member("Nia Jones", "nurse", practising=False),
                member("Omar Khan", "pharmacist", practising=False),
            ],
            Status.FAIL,
            "Dr Ann Lee, Nia Jones and Omar Khan are not practising.",
            ("Dr Ann Lee", "Nia Jones", "Omar Khan"),
        ),
        (
            # Managers and lay members hold no professional seat, so the rule ignores them.
            [
                member("Dr Ann Lee"),
                member("Nia Jones", "nurse"),
                *managers(2),
                member("Pat Lay", "lay", "clinical"),
            ],
            Status.PASS,
            "All 2 professional members are practising clinicians with a caseload.",
            (),
        ),
    ],
)
@pytest.mark.parametrize("pack", PACK_KEYS)
def test_practising_with_caseload_names_the_people(
    pack: str, members: list[MemberFacts], status: Status, facts: str, names: tuple[str, ...]
) -> None:
    result = find(check_composition(committee(*members), values(pack), sources(pack)), "practising")

    assert (result.status, result.facts, result.names) == (status, facts, names)
    assert result.source == sources(pack)["composition.professionals_practising_with_caseload"]


def test_practising_failure_says_what_to_do() -> None:
    facts = committee(member("Dr Ann Lee", practising=False))

    result = find(check_composition(facts, values("dh2007"), sources("dh2007")), "practising")

    assert result == Finding(
        "practising",
        "Professional members practising with a caseload",
        Status.FAIL,
        "Dr Ann Lee is not practising.",
        "DH 6.2",
        "Update the person's record if it is out of date, or review whether they should hold a professional seat.",
        ("Dr Ann Lee",),
    )


def test_practising_ignores_a_co_opted_clinician_who_is_not_practising() -> None:
    facts = committee(member("Dr Ann Lee"), member("Ravi Gill", "pharmacist", "co_opted", practising=False))

    result = find(check_composition(facts, values("dh2007")), "practising")

    assert result.status == Status.PASS


# A PCT Board director among the members (DH 6.2) -----------------------------------


@pytest.mark.parametrize(
    ("members", "status", "facts"),
    [
        (
            [member("Sam Cole", "manager", "management", board=("executive_director",))],
            Status.PASS,
            "1 Board director: Sam Cole.",
        ),
        (
            [member("Kim Moss", "manager", "management", board=("chief_executive",))],
            Status.PASS,
            "1 Board director: Kim Moss.",
        ),
        (
            # A Board director seated on the PEC in that role.
            [member("Lee Park", "manager", "board_director")],
            Status.PASS,
            "1 Board director: Lee Park.",
        ),
        (
            [chair(), member("Sam Cole", "manager", "management", board=("executive_director",))],
            Status.PASS,
            "2 Board directors: Dr Asha Patel and Sam Cole.",
        ),
        (
            [member("Sam Cole", "manager", "management"), member("Dr Ann Lee")],
            Status.FAIL,
            "0 Board directors among the members; the policy asks for at least 1.",
        ),
        (
            # A co-opted member does not fill the Board director's seat.
            [member("Ravi Gill", "manager", "co_opted", board=("executive_director",), scope="Audit")],
            Status.FAIL,
            "0 Board directors among the members; the policy asks for at least 1.",
        ),
    ],
)
@pytest.mark.parametrize("pack", PACK_KEYS)
def test_board_director_rule_counts_board_seats(
    pack: str, members: list[MemberFacts], status: Status, facts: str
) -> None:
    result = find(check_composition(committee(*members), values(pack), sources(pack)), "board_director")

    assert (result.status, result.facts, result.source) == (status, facts, "DH 6.2")


def test_board_director_rule_with_none_required_passes() -> None:
    result = find(
        check_composition(committee(member("Dr Ann Lee")), values("dh2007", min_board_directors=0)),
        "board_director",
    )

    assert (result.status, result.facts) == (Status.PASS, "No Board director is required.")


def test_board_director_rule_with_a_local_minimum_of_two() -> None:
    facts = committee(chair(), member("Dr Ann Lee"))

    result = find(check_composition(facts, values("dh2007", min_board_directors=2)), "board_director")

    assert result.status == Status.FAIL
    assert result.facts == "1 Board director among the members; the policy asks for at least 2."
    assert result.action == "Add a PCT Board director to the committee."


# The chair sits on the PCT Board (DH 6.2) ------------------------------------------


@pytest.mark.parametrize("pack", PACK_KEYS)
def test_chair_on_board_passes_when_the_chair_holds_a_board_seat(pack: str) -> None:
    result = find(
        check_composition(committee(chair(), member("Dr Ann Lee")), values(pack), sources(pack)),
        "chair_on_board",
    )

    assert result == Finding(
        "chair_on_board",
        "Chair sits on the PCT Board",
        Status.PASS,
        "Dr Asha Patel chairs the committee and sits on the Board.",
        "DH 6.2",
    )


@pytest.mark.parametrize("pack", PACK_KEYS)
def test_chair_who_left_the_board_yesterday_fails(pack: str) -> None:
    # The service lists only today's Board seats, so a chair whose Board seat ended
    # yesterday reaches the engine with no Board seats at all.
    result = find(
        check_composition(committee(chair(board=()), member("Dr Ann Lee")), values(pack), sources(pack)),
        "chair_on_board",
    )

    assert result == Finding(
        "chair_on_board",
        "Chair sits on the PCT Board",
        Status.FAIL,
        "Dr Asha Patel chairs the committee but does not sit on the PCT Board today.",
        "DH 6.2",
        "Add the chair to the Board's membership.",
        ("Dr Asha Patel",),
    )


@pytest.mark.parametrize("pack", PACK_KEYS)
def test_committee_without_a_chair_fails_chair_on_board(pack: str) -> None:
    result = find(check_composition(committee(*clinicians(3)), values(pack)), "chair_on_board")

    assert (result.status, result.facts) == (Status.FAIL, "The committee has no chair today.")
    assert result.action == "Appoint a chair who sits on the PCT Board."


# A range of clinical professions (DH 2.2, 6.1; Alliance "Conflicts of Interest") ----


@pytest.mark.parametrize(
    ("professions", "status", "facts"),
    [
        (
            ["gp", "nurse", "pharmacist"],
            Status.PASS,
            "3 clinical professions (GP, nurse, pharmacist); the policy asks for at least 3.",
        ),
        (
            ["gp", "gp", "nurse", "ahp", "dentist"],
            Status.PASS,
            "4 clinical professions (allied health professional, dentist, GP, nurse); the policy asks for at least 3.",
        ),
        (
            ["gp", "nurse", "gp", "manager"],
            Status.WARN,
            "2 clinical professions (GP, nurse); the policy asks for at least 3.",
        ),
        (
            ["gp", "gp", "gp"],
            Status.WARN,
            "1 clinical profession (GP); the policy asks for at least 3.",
        ),
        (
            ["manager", "lay"],
            Status.WARN,
            "0 clinical professions (none); the policy asks for at least 3.",
        ),
    ],
)
@pytest.mark.parametrize("pack", PACK_KEYS)
def test_multi_professional_warns_below_the_range(
    pack: str, professions: list[str], status: Status, facts: str
) -> None:
    members = committee(*(member(f"Person {i}", p) for i, p in enumerate(professions)))

    result = find(check_composition(members, values(pack), sources(pack)), "multi_professional")

    assert (result.status, result.facts) == (status, facts)
    assert result.source == sources(pack)["composition.min_clinical_professions"]
    assert bool(result.action) == (status == Status.WARN)


def test_multi_professional_does_not_count_a_co_opted_profession() -> None:
    members = committee(member("Dr Ann Lee"), member("Nia Jones", "nurse"), co_optee("Ravi Gill", "dentist"))

    result = find(check_composition(members, values("dh2007")), "multi_professional")

    assert result.status == Status.WARN
    assert result.facts == "2 clinical professions (GP, nurse); the policy asks for at least 3."


# Co-opted members (DH 6.2) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("members", "status", "facts", "names"),
    [
        ([member("Dr Ann Lee")], Status.PASS, "No co-opted members today.", ()),
        (
            [co_optee("Ravi Gill", end=ON + dt.timedelta(days=31))],
            Status.PASS,
            "1 co-opted member, each with a piece of work and an end date.",
            (),
        ),
        (
            [co_optee("Ravi Gill", end=ON + dt.timedelta(days=30))],
            Status.WARN,
            "Ravi Gill's co-option ends on 31 October 2007.",
            ("Ravi Gill",),
        ),
        (
            [co_optee("Ravi Gill", end=ON)],
            Status.WARN,
            "Ravi Gill's co-option ends on 1 October 2007.",
            ("Ravi Gill",),
        ),
        (
            [
                co_optee("Ravi Gill", end=ON + dt.timedelta(days=5)),
                co_optee("Jo Ward", end=ON + dt.timedelta(days=200)),
                co_optee("Lin Wu", end=ON + dt.timedelta(days=9)),
            ],
            Status.WARN,
            "Ravi Gill's co-option ends on 6 October 2007; Lin Wu's co-option ends on 10 October 2007.",
            ("Ravi Gill", "Lin Wu"),
        ),
        (
            [member("Ravi Gill", "pharmacist", "co_opted", end=ON + dt.timedelta(days=90))],
            Status.FAIL,
            "Ravi Gill has no recorded piece of work or end date.",
            ("Ravi Gill",),
        ),
        (
            [
                member("Ravi Gill", "pharmacist", "co_opted", scope="Audit"),
                member("Jo Ward", "nurse", "co_opted", scope="   ", end=ON),
            ],
            Status.FAIL,
            "Ravi Gill and Jo Ward have no recorded piece of work or end date.",
            ("Ravi Gill", "Jo Ward"),
        ),
    ],
)
@pytest.mark.parametrize("pack", PACK_KEYS)
def test_co_opted_members_have_scope_and_dates(
    pack: str, members: list[MemberFacts], status: Status, facts: str, names: tuple[str, ...]
) -> None:
    result = find(check_composition(committee(*members), values(pack), sources(pack)), "co_opted")

    assert (result.status, result.facts, result.names) == (status, facts, names)
    assert result.source == "DH 6.2"


def test_co_option_warning_window_follows_the_parameter() -> None:
    facts = committee(co_optee("Ravi Gill", end=ON + dt.timedelta(days=45)))

    default = find(check_composition(facts, values("dh2007")), "co_opted")
    wider = find(check_composition(facts, values("dh2007", co_option_ending_warning_days=60)), "co_opted")

    assert (default.status, wider.status) == (Status.PASS, Status.WARN)
    assert wider.action == "Extend the co-option if the work continues, or let it end."


# worst() and Finding.as_dict() -------------------------------------------------------


def _finding(status: Status) -> Finding:
    return Finding("size", "Size", status, "facts", "DH 6.2")


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([], Status.PASS),
        ([Status.PASS, Status.PASS], Status.PASS),
        ([Status.PASS, Status.WARN], Status.WARN),
        ([Status.WARN, Status.FAIL, Status.PASS], Status.FAIL),
        ([Status.FAIL], Status.FAIL),
    ],
)
def test_worst_status(statuses: list[Status], expected: Status) -> None:
    assert worst([_finding(s) for s in statuses]) == expected


def test_finding_as_dict_is_plain_json_data() -> None:
    finding = Finding("chair_on_board", "Chair", Status.FAIL, "facts", "DH 6.2", "act", ("A", "B"))

    assert finding.as_dict() == {
        "rule": "chair_on_board",
        "title": "Chair",
        "status": "fail",
        "facts": "facts",
        "source": "DH 6.2",
        "action": "act",
        "names": ["A", "B"],
    }


@pytest.mark.parametrize(
    ("seat", "expected"),
    [
        (member("A", "manager", "management", board=("executive_director",)), True),
        (member("A", "manager", "management", board=("board_director",)), True),
        (member("A", "manager", "board_director"), True),
        (member("A", "lay", "clinical", board=("chair",)), False),
        (member("A", "manager", "management"), False),
    ],
)
def test_member_is_board_director(seat: MemberFacts, expected: bool) -> None:
    assert seat.is_board_director is expected
