"""The pure succession (PERF-5) and pay-equity (REM-2) rules: tables and hypothesis, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pecgov.members.pay_equity import Pay, inequities
from pecgov.members.succession import NO_SUCCESSOR, SOLE_SUCCESSOR, Seat, add_months, warnings

ON = dt.date(2027, 1, 15)


def seat(key: str, ends: dt.date | None, *successors: str) -> Seat:
    return Seat(key, f"Seat {key}", f"Holder {key}", ends, tuple(successors))


@pytest.mark.parametrize(
    ("seats", "expected"),
    [
        ([seat("a", dt.date(2027, 6, 1))], [(NO_SUCCESSOR, ("a",))]),
        ([seat("a", dt.date(2028, 6, 1))], []),  # beyond the 12-month horizon
        ([seat("a", None)], []),  # no end set
        ([seat("a", dt.date(2027, 6, 1), "Ann")], []),
        ([seat("a", None, "Ann"), seat("b", None, "Ann")], [(SOLE_SUCCESSOR, ("a", "b"))]),
        ([seat("a", None, "Ann", "Bob"), seat("b", None, "Ann")], []),  # Ann is not the only one for a
        ([seat("a", None, "Ann", "Ann"), seat("b", None, "Ann")], [(SOLE_SUCCESSOR, ("a", "b"))]),
        (
            [seat("a", dt.date(2027, 2, 1)), seat("b", None, "Cy"), seat("c", None, "Cy")],
            [(NO_SUCCESSOR, ("a",)), (SOLE_SUCCESSOR, ("b", "c"))],
        ),
    ],
)
def test_succession_warnings_table(seats: list[Seat], expected: list[tuple[str, tuple[str, ...]]]) -> None:
    """PERF-5: no successor within the horizon; one person the only successor for several seats."""
    assert [(w.kind, w.seats) for w in warnings(seats, on=ON, horizon_months=12)] == expected


def test_add_months_keeps_the_last_day_of_a_short_month() -> None:
    assert add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert add_months(dt.date(2027, 11, 30), 3) == dt.date(2028, 2, 29)


names = st.sampled_from(["Ann", "Bob", "Cy", "Di"])


@given(st.lists(st.tuples(st.integers(0, 800), st.lists(names, min_size=1, max_size=3)), max_size=8))
def test_a_seat_with_a_successor_never_warns_of_no_successor(rows: list[tuple[int, list[str]]]) -> None:
    """PERF-5 (hypothesis): a named successor silences the no-successor warning."""
    seats = [seat(str(i), ON + dt.timedelta(days=d), *people) for i, (d, people) in enumerate(rows)]
    assert [w for w in warnings(seats, on=ON, horizon_months=12) if w.kind == NO_SUCCESSOR] == []


@given(st.lists(names, min_size=0, max_size=8))
def test_sole_successor_warns_exactly_when_named_alone_twice(people: list[str]) -> None:
    """PERF-5 (hypothesis): one warning per person named alone for two or more seats."""
    seats = [seat(str(i), None, person) for i, person in enumerate(people)]
    flagged = {w.person for w in warnings(seats, on=ON, horizon_months=12)}
    assert flagged == {p for p in people if people.count(p) > 1}


def pay(
    member: str, profession: str, rate: str, role: str = "Clinical member", basis: str = "sessional"
) -> Pay:
    return Pay(member, profession, role, basis, Decimal(rate), Decimal(2))


@pytest.mark.parametrize(
    ("rows", "tolerance", "expected"),
    [
        ([pay("Ann", "GP", "300"), pay("Bob", "Nurse", "300")], 0, []),
        ([pay("Ann", "GP", "300"), pay("Bob", "Nurse", "250")], 0, [("Clinical member", ("Ann", "Bob"))]),
        ([pay("Ann", "GP", "300"), pay("Bob", "Nurse", "285")], 5, []),  # 5% of 300 is 15
        ([pay("Ann", "GP", "300"), pay("Bob", "Nurse", "284")], 5, [("Clinical member", ("Ann", "Bob"))]),
        ([pay("Ann", "GP", "300"), pay("Bob", "GP", "250")], 0, []),  # same profession: not this rule
        (
            [
                pay("Ann", "GP", "300"),
                pay("Bob", "Nurse", "250"),
                pay("Cy", "GP", "300"),
                pay("Di", "Nurse", "300"),
            ],
            0,
            [("Clinical member", ("Ann", "Bob", "Cy"))],
        ),  # Di, a nurse at the GPs' rate, differs only from another nurse
        ([pay("Ann", "GP", "300"), pay("Bob", "Nurse", "250", role="Vice-chair")], 0, []),  # different roles
        (
            [pay("Ann", "GP", "9000", basis="allowance"), pay("Bob", "Nurse", "300")],
            0,
            [],
        ),  # an allowance is not compared with a rate per session
    ],
)
def test_pay_equity_table(
    rows: list[Pay], tolerance: int, expected: list[tuple[str, tuple[str, ...]]]
) -> None:
    """REM-2: different professions paid differently for the same role, beyond the tolerance."""
    assert [(f.role, f.members) for f in inequities(rows, tolerance_percent=tolerance)] == expected


professions = st.sampled_from(["GP", "Nurse", "Pharmacist"])


@given(st.lists(professions, min_size=1, max_size=8), st.integers(100, 1000), st.integers(0, 20), st.data())
def test_no_flag_within_tolerance(people: list[str], base: int, tolerance: int, data: st.DataObject) -> None:
    """REM-2 (hypothesis): rates within the tolerance of the highest are never flagged."""
    spread = base * tolerance // 100
    rates = [base - data.draw(st.integers(0, spread)) for _ in people]
    rows = [pay(f"M{i}", prof, str(rate)) for i, (prof, rate) in enumerate(zip(people, rates, strict=True))]
    top = max(rates)
    assert all((top - rate) * 100 <= top * tolerance for rate in rates)
    assert inequities(rows, tolerance_percent=tolerance) == []


@given(st.integers(100, 1000), st.integers(1, 99), st.lists(professions, min_size=0, max_size=5))
def test_flag_names_every_member_concerned(rate: int, cut: int, others: list[str]) -> None:
    """REM-2 (hypothesis): a GP and a nurse paid differently are both named, with every other
    member whose pay differs from a colleague of another profession."""
    rows = [pay("GP one", "GP", str(rate)), pay("Nurse one", "Nurse", str(rate - cut))]
    rows += [pay(f"Other {i}", prof, str(rate)) for i, prof in enumerate(others)]
    (found,) = inequities(rows, tolerance_percent=0)
    # Everyone else is at the GP's rate: they differ from the nurse unless they are a nurse too.
    expected = {"GP one", "Nurse one"} | {f"Other {i}" for i, prof in enumerate(others) if prof != "Nurse"}
    assert set(found.members) == expected
    assert found.difference == Decimal(cut)
