"""The setup checklist (ADM-1): a pure function over counts, and the counts from the data."""

from __future__ import annotations

import dataclasses

import pytest

from pecgov.onboarding.checklist import SetupCounts, is_complete, setup_checklist
from pecgov.onboarding.queries import setup_counts
from tests.factories import World
from tests.onboarding.helpers import make_site_admin, open_trust

EMPTY = SetupCounts(
    policy_chosen=False,
    practices=False,
    people=False,
    pec_members=False,
    delegations=False,
    declarations=False,
    meetings=False,
)
FIELD_TO_LINE = {
    "policy_chosen": "policy",
    "practices": "organisations",
    "people": "people",
    "pec_members": "committees",
    "delegations": "delegation",
    "declarations": "register",
    "meetings": "meeting",
}


@pytest.mark.parametrize(("field", "key"), FIELD_TO_LINE.items())
def test_each_count_ticks_exactly_its_own_line(field: str, key: str) -> None:
    """ADM-1: a line ticks itself from its own data alone."""
    lines = setup_checklist(dataclasses.replace(EMPTY, **{field: True}))
    assert [line.key for line in lines if line.done] == [key]


def test_empty_and_full() -> None:
    assert not any(line.done for line in setup_checklist(EMPTY))
    full = SetupCounts(True, True, True, True, True, True, True)
    assert is_complete(setup_checklist(full))
    assert [line.key for line in setup_checklist(full)] == list(FIELD_TO_LINE.values())


@pytest.mark.django_db
def test_counts_of_a_new_trust_and_of_a_set_up_one(world: World) -> None:
    """ADM-1: a new trust has its policy and nothing else; the lead's own record is not 'people'."""
    trust = open_trust(make_site_admin())
    assert setup_counts(trust.pk) == dataclasses.replace(EMPTY, policy_chosen=True)
    counts = setup_counts(world.trust.pk)
    assert (counts.practices, counts.pec_members, counts.people, counts.meetings) == (True, True, True, False)
