"""Appointment services, interview scores and results (APP-5): each panel member scores each
shortlisted candidate against each competency on the 1 to 5 scale; results aggregate them, show
wide disagreements and flag a candidate below the pass mark under either required heading."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pecgov.appointments import services as aps
from pecgov.appointments.framework import ADDED_VALUE, CORE, REQUIRED_HEADINGS, competencies
from pecgov.appointments.models import InterviewScore
from pecgov.appointments.scoring import PASS_MARK
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from tests.appointment_factories import (
    Round,
    apply,
    close,
    counts,
    dh_panel,
    interviewed_round,
    make_campaign,
    make_round,
    panel_user,
    score_as,
    shortlist,
)
from tests.factories import SYSTEM, World

ADDED = [c.key for c in competencies(ADDED_VALUE)]


def test_interview_record_saves_a_score_for_every_competency(world: World) -> None:
    """APP-5: one score per panel member per candidate per competency, with notes."""
    rnd = make_round(world, 1)
    shortlist(rnd)
    rows = score_as(rnd.seats[1], rnd.applications[0], 3, leadership=5)
    assert len(rows) == len(rnd.post.competency_keys) == len(aps.default_competency_keys("member"))
    assert {r.scorer for r in rows} == {world.people["pct_chair"]}
    assert InterviewScore.objects.get(competency="leadership").score == 5
    event = AuditEvent.objects.get(action="interview.score")
    assert len(event.history_refs) == len(rows)


def test_interview_again_replaces_the_members_own_scores(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    score_as(rnd.seats[1], rnd.applications[0], 3)
    score_as(rnd.seats[1], rnd.applications[0], 4)
    assert set(InterviewScore.objects.values_list("score", flat=True)) == {4}
    assert InterviewScore.objects.count() == len(rnd.post.competency_keys)


@pytest.mark.parametrize("bad", [0, 6, 10, "5", 3.0, False])
def test_interview_score_outside_the_scale_refused_with_a_field_message(world: World, bad: Any) -> None:
    """APP-5, bad input: a score outside 1 to 5 is refused on its field; nothing is saved."""
    rnd = make_round(world, 1)
    shortlist(rnd)
    before = counts(InterviewScore)
    with pytest.raises(DomainError) as error:
        score_as(rnd.seats[0], rnd.applications[0], 4, leadership=bad)
    assert error.value.errors == {"score_leadership": ["Enter a score from 1 to 5"]}
    assert counts(InterviewScore) == before


def test_interview_needs_every_competency_and_no_others(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    user = panel_user(rnd.seats[0])
    with pytest.raises(DomainError, match="Score every competency"):
        aps.interview_record(actor=user, application=rnd.applications[0], scores={"leadership": (3, "")})
    every = {k: (3, "") for k in rnd.post.competency_keys}
    with pytest.raises(DomainError, match="not something this post is scored against"):
        aps.interview_record(
            actor=user, application=rnd.applications[0], scores=every | {"juggling": (3, "")}
        )
    assert InterviewScore.objects.count() == 0


def test_interview_before_the_shortlist_refused(world: World) -> None:
    rnd = make_round(world, 1)
    with pytest.raises(DomainError, match="once the shortlist is drawn up"):
        score_as(rnd.seats[0], rnd.applications[0])


def test_interview_of_a_candidate_not_shortlisted_refused(world: World) -> None:
    rnd = make_round(world, 2)
    shortlist(rnd, chosen=1)
    with pytest.raises(DomainError, match="not shortlisted"):
        score_as(rnd.seats[0], rnd.applications[1])


@pytest.mark.parametrize("role", ["governance_lead", "member", "applicant"])
def test_interview_by_someone_off_the_panel_refused(world: World, role: str) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    with pytest.raises(NotPermitted):
        aps.interview_record(actor=world.users[role], application=rnd.applications[0], scores={})


def test_trust_added_competency_is_scored_and_aggregated(world: World) -> None:
    """APP-2, APP-5: a trust's own competency counts under its heading."""
    added = aps.competency_add(actor=SYSTEM, trust=world.trust, heading=ADDED_VALUE, title="Local knowledge")
    rnd = make_round(world, 1)
    aps.post_update(actor=SYSTEM, post=rnd.post, competency_keys=["communication", added.key])
    shortlist(rnd)
    for seat in rnd.seats:
        score_as(seat, rnd.applications[0], 4, **{added.key: 2})
    (result,) = aps.results(rnd.campaign)
    assert result.heading_means == {CORE: 4.0, ADDED_VALUE: 2.0}
    assert result.fails_heading == (ADDED_VALUE,)


# Results (APP-5) ---------------------------------------------------------------------------------


def test_results_aggregate_and_rank_the_panels_scores(world: World) -> None:
    rnd = make_round(world, 3)
    shortlist(rnd)
    for seat in rnd.seats:
        score_as(seat, rnd.applications[0], 3)
        score_as(seat, rnd.applications[1], 5)
        score_as(seat, rnd.applications[2], 4)
    results = aps.results(rnd.campaign)
    order = [rnd.applications[i].pk for i in (1, 2, 0)]
    assert [int(r.candidate) for r in results] == order
    assert [r.rank for r in results] == [1, 2, 3]
    assert [r.overall_mean for r in results] == [5.0, 4.0, 3.0]
    assert all(r.appointable and r.complete and not r.disagreements for r in results)


def test_results_show_wide_disagreements(world: World) -> None:
    """APP-5: a spread of 2 or more between panel members on a competency is shown."""
    rnd = make_round(world, 1)
    shortlist(rnd)
    candidate = rnd.applications[0]
    score_as(rnd.seats[0], candidate, 4, leadership=2, communication=4)
    score_as(rnd.seats[1], candidate, 4, leadership=4, communication=5)
    score_as(rnd.seats[2], candidate, 4, leadership=3, communication=4)
    (result,) = aps.results(rnd.campaign)
    assert [(d.competency, d.spread, d.low, d.high) for d in result.disagreements] == [
        ("leadership", 2, 2, 4)
    ]
    assert result.disagreements[0].low_members == (str(rnd.seats[0].person_id),)


def test_candidate_below_the_pass_mark_under_added_value_is_flagged(world: World) -> None:
    """APP-5 (DH Annex B): skills or potential under both headings; strong core alone fails."""
    rnd = make_round(world, 2)
    shortlist(rnd)
    weak, strong = rnd.applications
    for seat in rnd.seats:
        score_as(seat, weak, 5, **dict.fromkeys(ADDED, 2))
        score_as(seat, strong, 3)
    results = {int(r.candidate): r for r in aps.results(rnd.campaign)}
    assert results[weak.pk].fails_heading == (ADDED_VALUE,)
    assert results[weak.pk].heading_means[CORE] == 5.0
    assert not results[weak.pk].appointable
    assert results[weak.pk].rank is None
    assert results[strong.pk].appointable
    assert [int(r.candidate) for r in aps.results(rnd.campaign)] == [strong.pk, weak.pk]


def test_results_show_missing_scores(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    score_as(rnd.seats[0], rnd.applications[0])
    (result,) = aps.results(rnd.campaign)
    assert {m for m, _ in result.missing} == {str(s.person_id) for s in rnd.seats[1:]}
    assert not result.appointable


def test_results_leave_out_candidates_never_interviewed(world: World) -> None:
    rnd = interviewed_round(world, 2)
    aps.application_withdraw(actor=rnd.applications[1].applicant, application=rnd.applications[1])
    assert [int(r.candidate) for r in aps.results(rnd.campaign)] == [rnd.applications[0].pk]


# For any scores on the scale (APP-5) -------------------------------------------------------------


@pytest.fixture
def small_round(world: World) -> Round:
    """Three panel members, three shortlisted candidates, two competencies under each heading."""
    campaign = make_campaign(world)
    aps.post_update(
        actor=SYSTEM,
        post=campaign.post,
        competency_keys=["communication", "integrity", "leadership", "partnership_working"],
    )
    seats, former = dh_panel(world, campaign)
    applications = [apply(campaign, name=f"Dr Candidate {i}") for i in range(3)]
    close(campaign)
    rnd = Round(world, campaign.post, campaign, seats, applications, former)
    shortlist(rnd)
    return rnd


HEADING_OF = {c.key: c.heading for c in competencies()}
# table[candidate][panel member][competency]: a score, or None where it is not yet given.
TABLES = st.lists(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(1, 5)), min_size=4, max_size=4), min_size=3, max_size=3
    ),
    min_size=3,
    max_size=3,
)


def expected_appointable(table: list[list[int | None]], keys: list[str]) -> bool:
    """Both required headings' means (of each competency's mean) reach the pass mark, and
    nothing is missing: the rule restated independently of scoring.aggregate."""
    if any(value is None for row in table for value in row):
        return False
    for heading in REQUIRED_HEADINGS:
        columns = [k for k, key in enumerate(keys) if HEADING_OF[key] == heading]
        means = [sum(row[k] or 0 for row in table) / len(table) for k in columns]
        if sum(means) / len(means) < PASS_MARK:
            return False
    return True


@settings(
    max_examples=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(tables=TABLES)
def test_results_rank_appointable_first_and_appointable_means_both_headings_met(
    small_round: Round, tables: list[list[list[int | None]]]
) -> None:
    """APP-5: for any scores on the scale, results() lists appointable candidates first, ranked
    1, 2, ... by overall mean, and a candidate is appointable exactly when both required
    headings' means reach the pass mark and no score is missing."""
    rnd = small_round
    keys = list(rnd.post.competency_keys)
    now = timezone.now()
    with transaction.atomic():
        InterviewScore.objects.bulk_create(
            InterviewScore(
                application=application, scorer=seat.person, competency=key, score=value, recorded_at=now
            )
            for application, table in zip(rnd.applications, tables, strict=True)
            for seat, row in zip(rnd.seats, table, strict=True)
            for key, value in zip(keys, row, strict=True)
            if value is not None
        )
        results = aps.results(rnd.campaign)
        transaction.set_rollback(True)
    appointable = [r.appointable for r in results]
    assert appointable == sorted(appointable, reverse=True)
    assert [r.rank for r in results] == [i + 1 if ok else None for i, ok in enumerate(appointable)]
    means = [r.overall_mean for r in results if r.appointable]
    assert means == sorted(means, reverse=True)
    by_pk = {str(a.pk): table for a, table in zip(rnd.applications, tables, strict=True)}
    assert {r.candidate: r.appointable for r in results} == {
        pk: expected_appointable(table, keys) for pk, table in by_pk.items()
    }
