"""Adopting the scheme of delegation (TOR-2): a version at a time, refused whole when broken,
with every problem named and the version in force left in force (X-2, X-4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.delegation import scheme as engine
from pecgov.delegation import services as ds
from pecgov.delegation.enums import DecisionKind
from pecgov.delegation.models import DelegationRule, Scheme
from pecgov.delegation.queries import current_scheme
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import policy_override
from tests.delegation.helpers import rows
from tests.factories import SYSTEM, World

TODAY = timezone.localdate()


def refused(act: Callable[[], Any]) -> dict[str, list[str]]:
    """Run `act`, expect a DomainError, check nothing was written; return its errors by field."""
    before = rows()
    with pytest.raises(DomainError) as caught:
        act()
    assert rows() == before
    return caught.value.errors


def lead(world: World) -> Any:
    return world.users["governance_lead"]


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action))


# The scheme of delegation (TOR-2) -------------------------------------------------------------

BANDS = [engine.Band(0, 20_000, "executive_director"), engine.Band(20_001, None, "pbc_approvals")]


def adopting(
    world: World,
    *,
    bands: list[engine.Band] = BANDS,
    kind: str = "business_case",
    reason: str = "Agreed by the Board",
) -> Callable[[], Any]:
    """The lead adopting a scheme, to run under `refused`."""
    return lambda: ds.scheme_adopt(
        actor=lead(world), trust=world.trust, decision_kind=kind, bands=bands, reason=reason
    )


def in_force(world: World) -> None:
    """The business-case scheme BANDS, adopted by the system."""
    ds.scheme_adopt(
        actor=SYSTEM,
        trust=world.trust,
        decision_kind="business_case",
        bands=BANDS,
        reason="Agreed by the Board",
    )


def test_scheme_adopt_saves_a_version_with_its_bands_and_audit(world: World) -> None:
    scheme = ds.scheme_adopt(
        actor=lead(world),
        trust=world.trust,
        decision_kind=DecisionKind.BUSINESS_CASE,
        bands=list(reversed(BANDS)),
        reason=" Board minute 2007/131 ",
    )

    assert (scheme.version, scheme.adopted_on, scheme.adopted_by, scheme.reason) == (
        1,
        TODAY,
        lead(world),
        "Board minute 2007/131",
    )
    assert [(r.lower, r.upper, r.decider) for r in scheme.rules.all()] == [
        (0, 20_000, "executive_director"),
        (20_001, None, "pbc_approvals"),
    ]
    assert Scheme.history.count() == 1  # type: ignore[attr-defined]
    assert DelegationRule.history.count() == 2  # type: ignore[attr-defined]
    [event] = events("scheme.adopt")
    assert event.data["bands"] == [[20_001, None, "pbc_approvals"], [0, 20_000, "executive_director"]]


def test_scheme_adopt_again_makes_the_next_version_the_one_in_force(world: World) -> None:
    in_force(world)

    ds.scheme_adopt(
        actor=lead(world),
        trust=world.trust,
        decision_kind="business_case",
        bands=engine.default_bands(50_000),
        reason="Agreed by the Board",
    )

    view = current_scheme(world.trust.pk, "business_case")
    assert view.scheme is not None and view.scheme.version == 2
    assert list(view.bands) == engine.default_bands(50_000)


def test_scheme_adopt_a_broken_scheme_names_every_problem_and_keeps_the_version_in_force(
    world: World,
) -> None:
    in_force(world)
    broken = [
        engine.Band(-5, 10_000, "executive_director"),
        engine.Band(20_000, 30_000, ""),
        engine.Band(25_000, 90_000, "pbc_approvals"),
    ]

    errors = refused(adopting(world, bands=broken))

    assert errors == {"__all__": engine.problems(broken)}
    assert len(errors["__all__"]) == 5
    view = current_scheme(world.trust.pk, "business_case")
    assert view.scheme is not None and view.scheme.version == 1
    assert list(view.bands) == BANDS


def test_scheme_adopt_without_a_reason_is_refused_with_every_problem_named(world: World) -> None:
    """TOR-2: the service asks why the scheme is changing, for the page and the API alike (a
    blank or spaces-only reason), and names a broken scheme's problems beside it; nothing saved."""
    broken = [engine.Band(0, 10_000, "executive_director"), engine.Band(20_000, None, "board")]

    blank = refused(adopting(world, reason="  "))
    both = refused(adopting(world, bands=broken, reason=""))

    assert blank == {"reason": ["Enter why the scheme is changing"]}
    assert both == {"reason": ["Enter why the scheme is changing"], "__all__": engine.problems(broken)}
    assert Scheme.objects.count() == 0


def test_scheme_adopt_for_an_unknown_kind_is_refused(world: World) -> None:
    errors = refused(adopting(world, kind="lunch"))

    assert errors == {"decision_kind": ["Select the kind of decision"]}


def test_scheme_adopt_by_the_chief_executive_is_not_permitted(world: World) -> None:
    with pytest.raises(NotPermitted):
        ds.scheme_adopt(
            actor=world.users["chief_executive"],
            trust=world.trust,
            decision_kind="business_case",
            bands=BANDS,
            reason="Agreed by the Board",
        )

    assert Scheme.objects.count() == 0


def test_scheme_adopt_default_uses_the_policy_limit_for_each_kind(world: World) -> None:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="pbc.executive_director_limit",
        value=20_000,
        reason="Smaller PCT",
    )

    adopted = ds.scheme_adopt_default(actor=lead(world), trust=world.trust)

    assert [s.decision_kind for s in adopted] == list(DecisionKind.values)
    for kind in DecisionKind.values:
        assert list(current_scheme(world.trust.pk, kind).bands) == engine.default_bands(20_000)
    assert len(events("scheme.adopt")) == 2


def test_scheme_adopt_default_leaves_a_kind_that_has_a_scheme(world: World) -> None:
    in_force(world)

    adopted = ds.scheme_adopt_default(actor=lead(world), trust=world.trust)

    assert [s.decision_kind for s in adopted] == ["commissioning_plan"]
    assert list(current_scheme(world.trust.pk, "business_case").bands) == BANDS
    assert ds.scheme_adopt_default(actor=lead(world), trust=world.trust) == []
