"""Routing a submitted case by the scheme of delegation (PBC-2, TOR-2, DH 5.8).

The starting scheme gives cases up to the policy's £50,000 to an executive director, then the
PBC approvals committee to £250,000, the PEC (recommending to the Board) to £1,000,000, and
the Board above that. Each case records the scheme version that routed it.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pecgov.audit.models import AuditEvent
from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import CaseStatus
from pecgov.commissioning.models import BusinessCase, CaseDocument
from pecgov.delegation import scheme as engine
from pecgov.delegation import services as ds
from pecgov.delegation.enums import Decider, DecisionKind
from pecgov.delegation.models import Scheme
from pecgov.errors import DomainError
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World


@pytest.fixture
def comm(world: World) -> Commissioning:
    return make_commissioning(world)


def counts() -> dict[str, int]:
    return {
        "cases": BusinessCase.objects.count(),
        "case history": BusinessCase.history.model.objects.count(),
        "documents": CaseDocument.objects.count(),
        "events": AuditEvent.objects.count(),
    }


def bands_of(scheme: Scheme) -> list[engine.Band]:
    return [engine.Band(r.lower, r.upper, r.decider) for r in scheme.rules.order_by("lower")]


ED, APPROVALS, PEC, BOARD = "executive_director", "pbc_approvals", "pec_recommends", "board"
COMMITTEE_OF = {ED: None, APPROVALS: "approvals", PEC: "pec", BOARD: "board"}


@pytest.mark.parametrize(
    ("value", "decider", "band"),
    [
        (1, ED, "up to £50,000"),
        (50_000, ED, "up to £50,000"),
        (50_001, APPROVALS, "£50,001 to £250,000"),
        (250_000, APPROVALS, "£50,001 to £250,000"),
        (250_001, PEC, "£250,001 to £1,000,000"),
        (1_000_000, PEC, "£250,001 to £1,000,000"),
        (1_000_001, BOARD, "£1,000,001 or more"),
    ],
)
def test_route_band_edges_of_the_starting_scheme(
    world: World, comm: Commissioning, value: int, decider: str, band: str
) -> None:
    case = submit_case(world, value=value)
    expected_committee = {
        None: None,
        "approvals": comm.approvals,
        "pec": world.pec,
        "board": world.board,
    }[COMMITTEE_OF[decider]]
    assert case.decider == decider
    assert case.committee == expected_committee
    assert case.route_reason == (
        f"A business case of £{value:,} falls in the band {band}, which the scheme of delegation gives "
        f"to {engine.DECIDER_NAMES[decider]}."
    )
    assert case.scheme.version == 1
    assert case.scheme.decision_kind == DecisionKind.BUSINESS_CASE


def test_route_commissioning_plan_uses_the_plan_scheme(world: World, comm: Commissioning) -> None:
    """Plans and cases have separate schemes (PBC-1): a plan of £20,000 goes to the committee
    once the plan scheme gives the director only £10,000; a case of £20,000 still does not."""
    plan_scheme = ds.scheme_adopt(
        actor=SYSTEM,
        trust=world.trust,
        decision_kind=DecisionKind.COMMISSIONING_PLAN,
        bands=engine.default_bands(10_000),
        reason="Plans need wider scrutiny",
    )
    plan = submit_case(world, value=20_000, kind="commissioning_plan")
    case = submit_case(world, value=20_000)
    assert (plan.decider, plan.committee, plan.scheme) == (APPROVALS, comm.approvals, plan_scheme)
    assert plan.route_reason.startswith(
        "A commissioning plan of £20,000 falls in the band £10,001 to £250,000"
    )
    assert plan.reference.startswith("CP-")
    assert (case.decider, case.committee) == (ED, None)
    assert case.scheme.decision_kind == DecisionKind.BUSINESS_CASE


def test_route_readopted_scheme_routes_new_cases_and_old_cases_keep_theirs(
    world: World, comm: Commissioning
) -> None:
    old = submit_case(world, value=80_000)
    assert (old.decider, old.scheme.version) == (APPROVALS, 1)
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=world.trust,
        decision_kind=DecisionKind.BUSINESS_CASE,
        bands=engine.default_bands(100_000),
        reason="The Board raised the director's limit",
    )
    new = submit_case(world, value=80_000)
    assert (new.decider, new.committee, new.scheme.version) == (ED, None, 2)
    assert "up to £100,000" in new.route_reason

    old.refresh_from_db()
    assert (old.decider, old.committee, old.scheme.version) == (APPROVALS, comm.approvals, 1)
    assert "£50,001 to £250,000" in old.route_reason
    # The old case still follows its own route: complete scrutiny leaves it for the committee.
    scrutinise(old, world)
    scrutinise(new, world)
    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == CaseStatus.SCRUTINY
    assert new.status == CaseStatus.WITH_DIRECTOR


def test_route_scheme_naming_a_missing_committee_is_refused(world: World) -> None:
    """The scheme adopted, but no PBC approvals committee set up: nothing is saved."""
    ds.scheme_adopt_default(actor=SYSTEM, trust=world.trust)
    before = counts()
    with pytest.raises(DomainError) as caught:
        submit_case(world, value=120_000)
    assert caught.value.errors == {
        "__all__": [
            "The scheme gives this case to the PBC approvals committee, but the trust has no such "
            "committee. Ask the governance lead to set it up."
        ]
    }
    assert counts() == before
    # Cases the scheme gives to a committee the trust has still route.
    assert submit_case(world, value=300_000).committee == world.pec


def test_route_without_a_scheme_is_refused(world: World) -> None:
    before = counts()
    with pytest.raises(DomainError) as caught:
        submit_case(world)
    assert caught.value.messages == [
        "The trust has no scheme of delegation for a business case yet, so it cannot be routed. "
        "Ask the governance lead to adopt one."
    ]
    assert counts() == before


def test_route_another_trusts_scheme_does_not_route_this_trusts_case(
    world: World, comm: Commissioning, other_world: World
) -> None:
    """Only this trust's scheme routes its cases (X-1): the other trust has adopted none."""
    with pytest.raises(DomainError) as caught:
        submit_case(other_world, kind="commissioning_plan")
    assert caught.value.messages == [
        "The trust has no scheme of delegation for a commissioning plan yet, so it cannot be routed. "
        "Ask the governance lead to adopt one."
    ]
    assert not BusinessCase.objects.filter(trust=other_world.trust).exists()


def test_route_for_matches_the_case(world: World, comm: Commissioning) -> None:
    scheme, chosen, committee = cs.route_for(world.trust, "business_case", 250_001)
    case = submit_case(world, value=250_001)
    assert (scheme, chosen.decider, chosen.reason, committee) == (
        case.scheme,
        case.decider,
        case.route_reason,
        case.committee,
    )


EDGES = [1, 49_999, 50_000, 50_001, 249_999, 250_000, 250_001, 999_999, 1_000_000, 1_000_001]


@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(value=st.sampled_from(EDGES) | st.integers(min_value=1, max_value=10**12))
def test_route_any_value_gets_exactly_one_route_matching_the_scheme(
    world: World, comm: Commissioning, value: int
) -> None:
    case = submit_case(world, value=value)
    bands = bands_of(case.scheme)
    holding = [band for band in bands if band.holds(value)]
    assert len(holding) == 1
    expected = engine.route(bands, value, kind_label="business case")
    assert (case.decider, case.route_reason) == (expected.decider, expected.reason)
    assert case.decider == holding[0].decider
    wants_committee = case.decider != Decider.EXECUTIVE_DIRECTOR
    assert (case.committee is not None) == wants_committee


def test_route_value_at_the_database_limit_is_accepted(world: World, comm: Commissioning) -> None:
    case = submit_case(world, value=cs.MAX_VALUE)
    case.refresh_from_db()
    assert (case.value, case.decider) == (cs.MAX_VALUE, BOARD)
