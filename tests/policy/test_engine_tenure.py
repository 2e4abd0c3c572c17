"""Tenure rules of the composition engine, as tables (DH 6.2, 7.2): co-options past their end
date that were never ended, and the fixed term local policy may set."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.policy import packs
from pecgov.policy.engine import CommitteeFacts, Finding, MemberFacts, Status, check_composition, term_ends
from pecgov.professions import CLINICAL_PROFESSIONS, PROFESSION_NAMES
from pecgov.trust.enums import Profession

ON = dt.date(2007, 10, 1)


def values(**changes: Any) -> dict[str, Any]:
    return {**packs.get_pack("dh2007").values(), **changes}


def seat(name: str, start: dt.date, role: str = "clinical", end: dt.date | None = None) -> MemberFacts:
    scope = "Prescribing review" if role == "co_opted" else ""
    return MemberFacts(
        name=name,
        role=role,
        profession="gp",
        practising=True,
        has_caseload=True,
        end_date=end,
        co_opted_scope=scope,
        start_date=start,
    )


def find(findings: list[Finding], rule: str) -> Finding | None:
    return next((f for f in findings if f.rule == rule), None)


# One list of clinical professions (ORG-2, DH 6.2) ---------------------------------------------


def test_the_enum_and_the_engine_share_one_list_of_clinical_professions() -> None:
    assert Profession.clinical() == CLINICAL_PROFESSIONS
    assert set(PROFESSION_NAMES) == set(Profession.values)
    clinicians = {
        p for p in Profession.values if MemberFacts(name="A", role="clinical", profession=p).is_clinician
    }
    assert clinicians == set(CLINICAL_PROFESSIONS)


# Co-options past their end date (DH 6.2) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("lapsed", "status", "facts", "names"),
    [
        ((), Status.PASS, "No co-opted members today.", ()),
        (
            (seat("Ravi Gill", dt.date(2007, 1, 1), "co_opted", dt.date(2007, 9, 1)),),
            Status.WARN,
            "Ravi Gill's co-option ended on 1 September 2007 but the membership is still open; "
            "Ravi Gill is not counted.",
            ("Ravi Gill",),
        ),
        (
            (
                seat("Ravi Gill", dt.date(2007, 1, 1), "co_opted", dt.date(2007, 9, 1)),
                seat("Lin Wu", dt.date(2007, 1, 1), "co_opted", dt.date(2007, 9, 30)),
            ),
            Status.WARN,
            "Ravi Gill's co-option ended on 1 September 2007 but the membership is still open; "
            "Ravi Gill is not counted; Lin Wu's co-option ended on 30 September 2007 but the "
            "membership is still open; Lin Wu is not counted.",
            ("Ravi Gill", "Lin Wu"),
        ),
    ],
    ids=["none", "one", "two"],
)
def test_co_option_finding_names_each_lapsed_co_optee(
    lapsed: tuple[MemberFacts, ...], status: Status, facts: str, names: tuple[str, ...]
) -> None:
    committee = CommitteeFacts("PEC", ON, (seat("Dr Ann Lee", dt.date(2007, 1, 1)),), lapsed)

    result = find(check_composition(committee, values()), "co_opted")

    assert result is not None
    assert (result.status, result.facts, result.names) == (status, facts, names)


def test_lapsed_co_optee_action_says_end_or_extend() -> None:
    lapsed = (seat("Ravi Gill", dt.date(2007, 1, 1), "co_opted", dt.date(2007, 9, 1)),)
    committee = CommitteeFacts("PEC", ON, (), lapsed)

    result = find(check_composition(committee, values()), "co_opted")

    assert result is not None
    assert result.action == (
        "End Ravi Gill's membership (the co-opted work finished), or extend the co-option with a new end date."
    )


def test_lapsed_co_optee_is_not_counted_towards_size() -> None:
    members = tuple(seat(f"Dr {i}", dt.date(2007, 1, 1)) for i in range(8))
    lapsed = (seat("Ravi Gill", dt.date(2007, 1, 1), "co_opted", dt.date(2007, 9, 1)),)

    result = find(check_composition(CommitteeFacts("PEC", ON, members, lapsed), values()), "size")

    assert result is not None
    assert result.status == Status.PASS


# A fixed term set by local policy (DH 7.2) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "years", "last_day"),
    [
        (dt.date(2007, 4, 1), 3, dt.date(2010, 3, 31)),
        (dt.date(2008, 2, 29), 1, dt.date(2009, 2, 28)),
        (dt.date(2008, 2, 29), 4, dt.date(2012, 2, 28)),
        (dt.date(2007, 1, 1), 1, dt.date(2007, 12, 31)),
    ],
)
def test_term_ends_on_the_day_before_the_anniversary(start: dt.date, years: int, last_day: dt.date) -> None:
    assert term_ends(start, years) == last_day


@pytest.mark.parametrize(
    ("years", "starts", "status", "facts", "names"),
    [
        (None, [dt.date(1990, 1, 1)], None, None, None),
        (0, [dt.date(1990, 1, 1)], None, None, None),
        (
            3,
            [dt.date(2005, 1, 1)],
            Status.PASS,
            "Every member is within the 3-year term set by local policy.",
            (),
        ),
        (
            3,
            [dt.date(2004, 10, 2)],
            Status.PASS,
            "Every member is within the 3-year term set by local policy.",
            (),
        ),
        (
            3,
            [dt.date(2004, 9, 30), dt.date(2006, 1, 1), dt.date(2001, 5, 1)],
            Status.FAIL,
            "Member 0's 3-year term ended on 29 September 2007; Member 2's 3-year term ended on 30 April 2004.",
            ("Member 0", "Member 2"),
        ),
    ],
    ids=["no term", "term of none", "within", "last day today", "two past"],
)
def test_fixed_term_names_each_member_past_it(
    years: int | None, starts: list[dt.date], status: Status | None, facts: str | None, names: Any
) -> None:
    members = tuple(seat(f"Member {i}", start) for i, start in enumerate(starts))

    result = find(
        check_composition(CommitteeFacts("PEC", ON, members), values(**{"tenure.fixed_term_years": years})),
        "fixed_term",
    )

    if status is None:
        assert result is None
    else:
        assert result is not None
        assert (result.status, result.facts, result.names) == (status, facts, names)


def test_fixed_term_does_not_hold_co_opted_members() -> None:
    members = (seat("Ravi Gill", dt.date(2001, 1, 1), "co_opted", dt.date(2008, 1, 1)),)

    result = find(
        check_composition(CommitteeFacts("PEC", ON, members), values(**{"tenure.fixed_term_years": 3})),
        "fixed_term",
    )

    assert result is not None
    assert result.status == Status.PASS
