"""The business-case lifecycle as an explicit map (PBC-2, PBC-4; STYLE habit 5).

No database: `CASE_TRANSITIONS` is checked against the lifecycle written out here, move
by move, and every refused move must say, in words a submitter understands, what state
the case is in.
"""

from __future__ import annotations

import itertools
from collections import deque

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pecgov.commissioning.enums import CASE_TRANSITIONS, CLOSED, STATUS_HINTS, CaseStatus
from pecgov.commissioning.services import transition_error

S = CaseStatus
STATUSES = list(CaseStatus)

# The lifecycle the requirements describe, written independently of the code (PBC-2):
# a case is scrutinised, then goes to the director or onto an agenda; the lead may return
# it while nobody is deciding it; the submitter may withdraw it until a meeting or the
# Board holds it; a meeting approves, rejects, defers or (the PEC) recommends.
ALLOWED = {
    (S.SUBMITTED, S.SCRUTINY),
    (S.SUBMITTED, S.RETURNED),
    (S.SUBMITTED, S.WITHDRAWN),
    (S.SCRUTINY, S.WITH_DIRECTOR),
    (S.SCRUTINY, S.ON_AGENDA),
    (S.SCRUTINY, S.RETURNED),
    (S.SCRUTINY, S.WITHDRAWN),
    (S.RETURNED, S.SUBMITTED),
    (S.RETURNED, S.WITHDRAWN),
    (S.WITH_DIRECTOR, S.APPROVED),
    (S.WITH_DIRECTOR, S.REJECTED),
    (S.WITH_DIRECTOR, S.RETURNED),
    (S.WITH_DIRECTOR, S.WITHDRAWN),
    (S.ON_AGENDA, S.APPROVED),
    (S.ON_AGENDA, S.REJECTED),
    (S.ON_AGENDA, S.DEFERRED),
    (S.ON_AGENDA, S.RECOMMENDED),
    (S.DEFERRED, S.ON_AGENDA),
    (S.DEFERRED, S.RETURNED),
    (S.DEFERRED, S.WITHDRAWN),
    (S.RECOMMENDED, S.APPROVED),
    (S.RECOMMENDED, S.REJECTED),
}

# How each refused move starts, by where it is going.
VERB = {
    S.SUBMITTED: "resubmitted",
    S.SCRUTINY: "scrutinised",
    S.RETURNED: "returned for more information",
    S.WITH_DIRECTOR: "passed to the executive director",
    S.ON_AGENDA: "put on a meeting's agenda",
    S.DEFERRED: "deferred",
    S.RECOMMENDED: "recommended to the Board",
    S.APPROVED: "approved",
    S.REJECTED: "rejected",
    S.WITHDRAWN: "withdrawn",
}


@pytest.mark.parametrize(("current", "to"), list(itertools.product(STATUSES, STATUSES)))
def test_transition_every_pair_allowed_only_if_the_lifecycle_lists_it(
    current: CaseStatus, to: CaseStatus
) -> None:
    problem = transition_error(current, to)
    if (current, to) in ALLOWED:
        assert problem is None
        assert to in CASE_TRANSITIONS[current]
    else:
        assert problem == f"The case cannot be {VERB[to]} now because {STATUS_HINTS[current]}."
        assert to not in CASE_TRANSITIONS[current]


@pytest.mark.parametrize(
    ("current", "to", "message"),
    [
        (
            S.ON_AGENDA,
            S.WITHDRAWN,
            "The case cannot be withdrawn now because it is on a meeting's agenda: the meeting decides it.",
        ),
        (
            S.ON_AGENDA,
            S.RETURNED,
            "The case cannot be returned for more information now because it is on a meeting's agenda: "
            "the meeting decides it.",
        ),
        (
            S.SUBMITTED,
            S.ON_AGENDA,
            "The case cannot be put on a meeting's agenda now because it has not been scrutinised yet.",
        ),
        (S.SUBMITTED, S.APPROVED, "The case cannot be approved now because it has not been scrutinised yet."),
        (S.RECOMMENDED, S.WITHDRAWN, "The case cannot be withdrawn now because it is with the Board."),
        (S.APPROVED, S.WITHDRAWN, "The case cannot be withdrawn now because it has been approved."),
        (S.REJECTED, S.SUBMITTED, "The case cannot be resubmitted now because it has been rejected."),
        (S.WITHDRAWN, S.SCRUTINY, "The case cannot be scrutinised now because it has been withdrawn."),
        (
            S.RETURNED,
            S.SCRUTINY,
            "The case cannot be scrutinised now because it is back with the submitter for more information.",
        ),
        (
            S.WITH_DIRECTOR,
            S.ON_AGENDA,
            "The case cannot be put on a meeting's agenda now because it is waiting for the executive "
            "director's decision.",
        ),
        (S.DEFERRED, S.APPROVED, "The case cannot be approved now because the committee deferred it."),
        (
            S.SCRUTINY,
            S.SUBMITTED,
            "The case cannot be resubmitted now because it is still being scrutinised.",
        ),
    ],
)
def test_transition_refused_message_names_the_current_state(
    current: CaseStatus, to: CaseStatus, message: str
) -> None:
    assert transition_error(current, to) == message


def test_transition_map_covers_every_status_and_only_statuses() -> None:
    assert set(CASE_TRANSITIONS) == set(STATUSES)
    assert set(STATUS_HINTS) == set(STATUSES)
    for targets in CASE_TRANSITIONS.values():
        assert targets <= set(STATUSES)


def test_transition_hints_are_distinct_so_each_message_identifies_the_state() -> None:
    assert len(set(STATUS_HINTS.values())) == len(STATUSES)


def test_transition_closed_states_have_no_moves() -> None:
    assert {S.APPROVED, S.REJECTED, S.WITHDRAWN} == CLOSED
    for status in CLOSED:
        assert CASE_TRANSITIONS[status] == frozenset()
        assert all(transition_error(status, to) is not None for to in STATUSES)


def test_transition_open_states_all_have_a_move() -> None:
    for status in set(STATUSES) - CLOSED:
        assert CASE_TRANSITIONS[status], status


def _reachable(start: CaseStatus) -> set[str]:
    seen = {start.value}
    queue = deque([start.value])
    while queue:
        for nxt in CASE_TRANSITIONS[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


def test_transition_every_status_reachable_from_submitted() -> None:
    assert _reachable(S.SUBMITTED) == {s.value for s in STATUSES}


def test_transition_every_open_status_can_still_be_closed() -> None:
    """No dead end: from any open state some path leads to a closed one (PBC-4 needs an end)."""
    for status in set(STATUSES) - CLOSED:
        assert _reachable(status) & CLOSED, status


def test_transition_nothing_returns_to_scrutiny_except_through_submission() -> None:
    """A case once past scrutiny is scrutinised again only after it is resubmitted."""
    into_scrutiny = {s for s in STATUSES if S.SCRUTINY in CASE_TRANSITIONS[s]}
    assert into_scrutiny == {S.SUBMITTED}


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(st.sampled_from(STATUSES), max_size=30))
def test_transition_random_walk_only_follows_the_map_and_closed_is_final(attempts: list[CaseStatus]) -> None:
    status = S.SUBMITTED
    for to in attempts:
        problem = transition_error(status, to)
        assert (problem is None) == ((status, to) in ALLOWED)
        if problem is None:
            assert status not in CLOSED
            status = to
        else:
            assert problem.endswith(f"because {STATUS_HINTS[status]}.")
