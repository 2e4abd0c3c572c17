"""Appointment services, sift and shortlist (APP-3): panel members score applications against the
person specification once applications close; the panel's chair or the lead draws up the
shortlist with a decision and a reason for every application."""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import Application, Campaign, SiftScore
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from tests.appointment_factories import Round, counts, make_round, panel_user, shortlist, sift_all
from tests.factories import SYSTEM, World


def sift(rnd: Round, seat: int = 0, app: int = 0, **scores: Any) -> list[SiftScore]:
    """Seat `seat` scores application `app`: 4 on every criterion unless given as c1=..., c2=..."""
    criteria = range(1, len(rnd.post.criteria) + 1)
    return aps.sift_record(
        actor=panel_user(rnd.seats[seat]),
        application=rnd.applications[app],
        scores={i: (scores.get(f"c{i}", 4), f"note {i}") for i in criteria},
    )


def decisions(rnd: Round, chosen: int = 1) -> dict[int, tuple[bool, str]]:
    return {a.pk: (i < chosen, f"Reason {i}") for i, a in enumerate(rnd.applications)}


def test_sift_record_saves_a_panel_members_scores(world: World) -> None:
    """APP-3: each panel member scores each application against each criterion."""
    rnd = make_round(world, 2)
    rows = sift(rnd, c2=5)
    assert [(r.criterion, r.score, r.note) for r in rows] == [
        (1, 4, "note 1"),
        (2, 5, "note 2"),
        (3, 4, "note 3"),
    ]
    assert {r.scorer for r in rows} == {rnd.seats[0].person}
    event = AuditEvent.objects.get(action="sift.score")
    assert len(event.history_refs) == 3


def test_sift_again_replaces_the_members_own_scores(world: World) -> None:
    rnd = make_round(world, 1)
    sift(rnd)
    sift(rnd, c1=2)
    assert SiftScore.objects.count() == 3
    assert SiftScore.objects.get(criterion=1).score == 2
    assert SiftScore.objects.get(criterion=1).history.count() == 2


def test_sift_before_the_closing_date_refused(world: World) -> None:
    """APP-3: sifting starts when applications close."""
    rnd = make_round(world, 1, closed=False)
    with pytest.raises(DomainError, match="Applications are open until"):
        sift(rnd)
    assert SiftScore.objects.count() == 0


@pytest.mark.parametrize("bad", [0, 6, -1, "4", 2.5, True, None])
def test_sift_score_off_the_scale_refused_with_a_field_message(world: World, bad: Any) -> None:
    """APP-5, bad input: a score outside 1 to 5 names its field; nothing is saved."""
    rnd = make_round(world, 1)
    before = counts(SiftScore)
    with pytest.raises(DomainError) as error:
        sift(rnd, c2=bad)
    assert error.value.errors == {"criterion_2": ["Enter a score from 1 to 5"]}
    assert counts(SiftScore) == before


def test_sift_needs_every_criterion_and_no_others(world: World) -> None:
    rnd = make_round(world, 1)
    seat_user = panel_user(rnd.seats[0])
    application = rnd.applications[0]
    with pytest.raises(DomainError, match="Score every criterion"):
        aps.sift_record(actor=seat_user, application=application, scores={1: (3, "")})
    with pytest.raises(DomainError, match="not something this post is scored against"):
        aps.sift_record(actor=seat_user, application=application, scores={i: (3, "") for i in range(1, 5)})
    assert SiftScore.objects.count() == 0


@pytest.mark.parametrize("role", ["governance_lead", "member", "pec_chair", "applicant"])
def test_sift_by_someone_off_the_panel_refused(world: World, role: str) -> None:
    rnd = make_round(world, 1)
    with pytest.raises(NotPermitted):
        aps.sift_record(actor=world.users[role], application=rnd.applications[0], scores={})


def test_sift_of_a_withdrawn_application_refused(world: World) -> None:
    rnd = make_round(world, 1)
    aps.application_withdraw(actor=rnd.applications[0].applicant, application=rnd.applications[0])
    with pytest.raises(DomainError, match="withdrew"):
        sift(rnd)


def test_sift_after_the_shortlist_refused(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    with pytest.raises(DomainError, match="shortlist has been drawn up"):
        sift(rnd)


def test_shortlist_records_a_decision_and_reason_for_every_application(world: World) -> None:
    """APP-3: the shortlist is recorded with reasons, by the panel's chair."""
    rnd = make_round(world, 3)
    sift_all(rnd)
    aps.shortlist_record(
        actor=rnd.chair_user, campaign=rnd.campaign, decisions=decisions(rnd, 2), note="  Strong field  "
    )
    statuses = dict(Application.objects.values_list("pk", "status"))
    assert [statuses[a.pk] for a in rnd.applications] == [
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.SHORTLISTED,
        ApplicationStatus.NOT_SHORTLISTED,
    ]
    assert list(Application.objects.order_by("name").values_list("shortlist_reason", flat=True)) == [
        "Reason 0",
        "Reason 1",
        "Reason 2",
    ]
    campaign = Campaign.objects.get()
    assert (campaign.status, campaign.shortlist_note) == (CampaignStatus.SHORTLISTED, "Strong field")
    event = AuditEvent.objects.get(action="campaign.shortlist")
    assert event.summary.endswith("2 of 3 shortlisted")


def test_shortlist_needs_a_decision_for_every_application(world: World) -> None:
    rnd = make_round(world, 3)
    partial = decisions(rnd)
    missing = rnd.applications[2]
    del partial[missing.pk]
    before = counts(Application, Campaign)
    with pytest.raises(DomainError) as error:
        aps.shortlist_record(actor=SYSTEM, campaign=rnd.campaign, decisions=partial)
    assert error.value.errors == {f"decision_{missing.pk}": [f"Select whether {missing.name} is shortlisted"]}
    assert counts(Application, Campaign) == before


def test_shortlist_needs_a_reason_for_every_decision(world: World) -> None:
    rnd = make_round(world, 2)
    without = {a.pk: (True, "  ") for a in rnd.applications}
    with pytest.raises(DomainError) as error:
        aps.shortlist_record(actor=SYSTEM, campaign=rnd.campaign, decisions=without)
    assert sorted(error.value.errors) == sorted(f"reason_{a.pk}" for a in rnd.applications)
    assert set(Application.objects.values_list("status", flat=True)) == {ApplicationStatus.SUBMITTED}


def test_shortlist_needs_at_least_one_candidate(world: World) -> None:
    rnd = make_round(world, 2)
    with pytest.raises(DomainError, match="Shortlist at least one candidate"):
        aps.shortlist_record(actor=SYSTEM, campaign=rnd.campaign, decisions=decisions(rnd, 0))
    assert Campaign.objects.get().status == CampaignStatus.ADVERTISED


def test_shortlist_before_the_closing_date_refused(world: World) -> None:
    rnd = make_round(world, 1, closed=False)
    with pytest.raises(DomainError, match="shortlist after the closing date"):
        aps.shortlist_record(actor=SYSTEM, campaign=rnd.campaign, decisions=decisions(rnd))


def test_shortlist_without_applications_refused(world: World) -> None:
    rnd = make_round(world, 0)
    with pytest.raises(DomainError, match="no applications"):
        aps.shortlist_record(actor=SYSTEM, campaign=rnd.campaign, decisions={})


def test_shortlist_leaves_out_withdrawn_applications(world: World) -> None:
    rnd = make_round(world, 2)
    gone = rnd.applications[1]
    aps.application_withdraw(actor=gone.applicant, application=gone)
    aps.shortlist_record(
        actor=SYSTEM, campaign=rnd.campaign, decisions={rnd.applications[0].pk: (True, "Good")}
    )
    gone.refresh_from_db()
    assert gone.status == ApplicationStatus.WITHDRAWN


def test_shortlist_drawn_up_once(world: World) -> None:
    rnd = make_round(world, 1)
    shortlist(rnd)
    with pytest.raises(DomainError, match="drawn up once"):
        aps.shortlist_record(actor=SYSTEM, campaign=rnd.campaign, decisions=decisions(rnd))


@pytest.mark.parametrize("role", ["governance_lead", "chief_executive"])
def test_shortlist_by_the_lead_or_the_panels_chair(world: World, role: str) -> None:
    rnd = make_round(world, 1)
    aps.shortlist_record(actor=world.users[role], campaign=rnd.campaign, decisions=decisions(rnd))
    assert Campaign.objects.get().status == CampaignStatus.SHORTLISTED


@pytest.mark.parametrize("role", ["pct_chair", "member", "pec_chair", "applicant"])
def test_shortlist_by_anyone_else_refused(world: World, role: str) -> None:
    """APP-3: a panel member who does not chair the panel cannot draw up the shortlist."""
    rnd = make_round(world, 1)
    with pytest.raises(NotPermitted):
        aps.shortlist_record(actor=world.users[role], campaign=rnd.campaign, decisions=decisions(rnd))
    assert Campaign.objects.get().status == CampaignStatus.ADVERTISED


def test_shortlist_by_another_trusts_lead_refused(world: World, other_world: World) -> None:
    rnd = make_round(world, 1)
    with pytest.raises(NotPermitted):
        aps.shortlist_record(
            actor=other_world.users["governance_lead"], campaign=rnd.campaign, decisions=decisions(rnd)
        )
