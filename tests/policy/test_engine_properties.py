"""Properties of the composition rules over random committees and parameters (POL-1, POL-2, POL-4).

Hypothesis draws member lists and pack-shaped parameters; no database.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.policy import packs
from pecgov.policy.engine import (
    BOARD_DIRECTOR_SEATS,
    PROFESSION_NAMES,
    CommitteeFacts,
    Finding,
    MemberFacts,
    Status,
    check_composition,
    worst,
)

ON = dt.date(2007, 10, 1)
ROLES = ["chair", "vice_chair", "clinical", "management", "board_director", "co_opted"]
BOARD_ROLES = [*sorted(BOARD_DIRECTOR_SEATS), "chair", "non_executive"]
# No example database: the suite must not write files into the checkout.
PROPERTY = settings(max_examples=200, deadline=None, database=None)

members_st = st.builds(
    MemberFacts,
    name=st.sampled_from(["Ann", "Ben", "Cal", "Dee", "Eve", "Fin"]),
    role=st.sampled_from(ROLES),
    profession=st.sampled_from(sorted(PROFESSION_NAMES)),
    practising=st.booleans(),
    has_caseload=st.booleans(),
    board_seats=st.lists(st.sampled_from(BOARD_ROLES), max_size=2).map(tuple),
    end_date=st.none()
    | st.dates(min_value=ON - dt.timedelta(days=10), max_value=ON + dt.timedelta(days=400)),
    co_opted_scope=st.sampled_from(["", "  ", "Prescribing review"]),
)
committees_st = st.lists(members_st, max_size=14).map(
    lambda members: CommitteeFacts(name="PEC", on=ON, members=tuple(members))
)


def _value_st(param: packs.Parameter) -> st.SearchStrategy[Any]:
    if param.type == "bool":
        return st.booleans()
    if param.type == "int":
        numbers = st.integers(min_value=0, max_value=12)
        return st.none() | numbers if param.nullable else numbers
    return st.just(param.value)


# Any mix of values a trust could reach by overriding the DH pack.
params_st = st.fixed_dictionaries(
    {key: _value_st(p) for key, p in packs.get_pack("dh2007").parameters.items()}
)
pack_values_st = st.sampled_from(["dh2007", "alliance2006"]).map(lambda key: packs.get_pack(key).values())


def _rule(findings: list[Finding], rule: str) -> Finding | None:
    return next((f for f in findings if f.rule == rule), None)


@PROPERTY
@given(facts=committees_st, limit=st.integers(min_value=0, max_value=12))
def test_size_fails_exactly_when_non_co_opted_count_exceeds_the_limit(
    facts: CommitteeFacts, limit: int
) -> None:
    params = {**packs.get_pack("dh2007").values(), "composition.max_members": limit}
    counted = sum(1 for m in facts.members if m.role != "co_opted")

    size = _rule(check_composition(facts, params), "size")

    assert size is not None
    assert (size.status == Status.FAIL) == (counted > limit)
    assert size.status in {Status.PASS, Status.FAIL}


@PROPERTY
@given(facts=committees_st, params=pack_values_st)
def test_professional_majority_fails_exactly_when_clinicians_are_half_or_fewer(
    facts: CommitteeFacts, params: dict[str, Any]
) -> None:
    counted = [m for m in facts.members if m.role != "co_opted"]
    clinicians = sum(1 for m in counted if m.is_clinician)

    majority = _rule(check_composition(facts, params), "professional_majority")

    assert majority is not None
    assert (majority.status == Status.FAIL) == (clinicians * 2 <= len(counted))


@PROPERTY
@given(facts=committees_st, params=params_st)
def test_check_composition_reports_each_rule_at_most_once(
    facts: CommitteeFacts, params: dict[str, Any]
) -> None:
    findings = check_composition(facts, params, {key: "DH 6.2" for key in params})

    rules = [f.rule for f in findings]
    assert len(rules) == len(set(rules))
    assert all(f.facts and f.title and f.source for f in findings)
    # Whatever fails or warns tells the reader what to do.
    assert all(f.action for f in findings if f.status != Status.PASS)


@PROPERTY
@given(facts=committees_st, params=pack_values_st)
def test_check_composition_never_raises_under_shipped_packs(
    facts: CommitteeFacts, params: dict[str, Any]
) -> None:
    findings = check_composition(facts, params)

    assert {f.rule for f in findings} >= {"professional_majority", "chair_on_board", "co_opted"}


@PROPERTY
@given(statuses=st.lists(st.sampled_from(list(Status)), max_size=10))
def test_worst_is_fail_exactly_when_any_finding_fails(statuses: list[Status]) -> None:
    findings = [Finding("size", "Size", s, "facts", "DH 6.2") for s in statuses]

    result = worst(findings)

    assert (result == Status.FAIL) == (Status.FAIL in statuses)
    assert (result == Status.WARN) == (Status.FAIL not in statuses and Status.WARN in statuses)
