"""The handling proposed for each conflict comes from the policy pack (COI-3; DH 5.8 table, Alliance)."""

from __future__ import annotations

import pytest

from pecgov.interests import services as isv
from pecgov.interests.enums import Handling
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.policy.services import policy_choose_pack
from tests.factories import SYSTEM, World


@pytest.mark.parametrize(
    ("financial", "default", "expected"),
    [
        (True, Handling.EXCLUDE_DECISION, Handling.EXCLUDE_DECISION),
        (True, Handling.EXCLUDE_DEBATE, Handling.EXCLUDE_DEBATE),
        (False, Handling.EXCLUDE_DECISION, Handling.NO_ACTION),
        (False, Handling.EXCLUDE_DEBATE, Handling.NO_ACTION),
    ],
)
def test_proposed_handling_follows_the_financial_default(
    financial: bool, default: str, expected: str
) -> None:
    assert conflict_services.proposed_handling(financial=financial, default_for_financial=default) == expected


def test_financial_default_is_the_packs(world: World) -> None:
    assert (
        conflict_services.financial_default(world.trust) == Handling.EXCLUDE_DECISION
    )  # DH: may advise, not decide
    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")
    assert (
        conflict_services.financial_default(world.trust) == Handling.EXCLUDE_DEBATE
    )  # Alliance: out of the debate


def test_review_months_is_the_packs(world: World) -> None:
    assert isv.review_months(world.trust) == 12
