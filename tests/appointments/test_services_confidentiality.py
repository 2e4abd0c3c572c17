"""Appointment confidentiality (APP-7) and the record (X-2): campaigns, applications and scores are
found only by the campaign's panel and the governance lead; a read of a score sheet by anyone but
its author is in the audit trail; every write leaves history rows named by an audit event."""

from __future__ import annotations

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from pecgov.appointments import queries as aq
from pecgov.appointments import services as aps
from pecgov.appointments.enums import PanelRole
from pecgov.appointments.models import Application, Campaign, InterviewScore, PanelSeat, Post
from pecgov.audit import chain
from pecgov.audit.models import AuditEvent
from pecgov.trust.roles import roles_of
from tests.appointment_factories import (
    Round,
    apply,
    interviewed_round,
    link_panel_users,
    make_campaign,
    make_round,
    panel_user,
    score_all,
    shortlist,
)
from tests.factories import SYSTEM, World


@pytest.fixture
def two_rounds(world: World) -> tuple[Round, Round]:
    """Two campaigns in the trust; the PCT chair sits on the first only."""
    first = make_round(world, 2)
    second = make_campaign(world)
    aps.seat_add(
        actor=SYSTEM,
        campaign=second,
        person=world.people["chief_executive"],
        role=PanelRole.CHIEF_EXECUTIVE,
        is_chair=True,
    )
    other = Round(world, second.post, second, list(second.seats.all()), [apply(second)])
    return first, other


def visible(user: object, world: World) -> set[int]:
    return set(aq.campaigns_for(user, world.trust.pk).values_list("pk", flat=True))


def test_lead_sees_every_campaign(world: World, two_rounds: tuple[Round, Round]) -> None:
    first, second = two_rounds
    assert visible(world.users["governance_lead"], world) == {first.campaign.pk, second.campaign.pk}


def test_panel_member_sees_only_the_campaigns_they_sit_on(
    world: World, two_rounds: tuple[Round, Round]
) -> None:
    """APP-7: the PCT chair sits on the first panel only; the chief executive on both."""
    first, second = two_rounds
    assert visible(world.users["pct_chair"], world) == {first.campaign.pk}
    assert visible(world.users["chief_executive"], world) == {first.campaign.pk, second.campaign.pk}
    with pytest.raises(Campaign.DoesNotExist):
        aq.campaign_in_view(world.users["pct_chair"], world.trust.pk, second.campaign.pk)
    with pytest.raises(Application.DoesNotExist):
        aq.application_in_view(world.users["pct_chair"], world.trust.pk, second.applications[0].pk)
    found = aq.application_in_view(world.users["pct_chair"], world.trust.pk, first.applications[0].pk)
    assert found == first.applications[0]


@pytest.mark.parametrize("role", ["member", "pec_chair", "practice_lead", "applicant", "executive_director"])
def test_trust_users_off_the_panels_see_no_campaign(
    world: World, two_rounds: tuple[Round, Round], role: str
) -> None:
    """APP-7: a PEC member not on the panel sees none."""
    assert visible(world.users[role], world) == set()


def test_anonymous_and_another_trusts_lead_see_no_campaign(
    world: World, other_world: World, two_rounds: tuple[Round, Round]
) -> None:
    assert visible(AnonymousUser(), world) == set()
    assert visible(other_world.users["governance_lead"], world) == set()
    assert visible(other_world.users["pct_chair"], world) == set()


def test_applicant_sees_only_their_own_applications(world: World, two_rounds: tuple[Round, Round]) -> None:
    first, _ = two_rounds
    mine = first.applications[0]
    assert list(aq.applications_of(mine.applicant)) == [mine]
    assert visible(mine.applicant, world) == set()
    with pytest.raises(Application.DoesNotExist):
        aq.application_in_view(mine.applicant, world.trust.pk, mine.pk)


def test_permissions_follow_the_panel(world: World, two_rounds: tuple[Round, Round]) -> None:
    """APP-7: appointments.view is the lead's or a panel member's; manage is the lead's only."""
    assert rules.has_perm("appointments.manage", world.users["governance_lead"])
    assert not rules.has_perm("appointments.manage", world.users["chief_executive"])
    assert rules.has_perm("appointments.view", world.users["pct_chair"])
    assert not rules.has_perm("appointments.view", world.users["member"])
    assert rules.has_perm("appointments.recommend", world.users["member"])


def test_score_sheet_read_by_someone_else_is_audited(world: World) -> None:
    """APP-7: every read of a score sheet by someone other than its author is recorded."""
    rnd = interviewed_round(world, 1)
    author = rnd.seats[1].person
    candidate = rnd.applications[0]
    aps.score_sheet_read(actor=world.users["governance_lead"], application=candidate, scorer=author)
    event = AuditEvent.objects.get(action="score_sheet.read")
    assert event.actor == world.users["governance_lead"]
    assert event.data == {"application": candidate.pk, "scorer": author.pk}
    assert event.trust_id == world.trust.pk
    aps.score_sheet_read(actor=rnd.chair_user, application=candidate, scorer=author)
    assert AuditEvent.objects.filter(action="score_sheet.read").count() == 2


def test_score_sheet_read_by_its_author_is_not_audited(world: World) -> None:
    rnd = interviewed_round(world, 1)
    author = rnd.seats[1].person
    aps.score_sheet_read(actor=world.users["pct_chair"], application=rnd.applications[0], scorer=author)
    assert AuditEvent.objects.filter(action="score_sheet.read").count() == 0


def test_seat_of_names_the_actors_seat(world: World) -> None:
    rnd = make_round(world, 0)
    assert aps.seat_of(world.users["pct_chair"], rnd.campaign) == rnd.seats[1]
    assert aps.seat_of(world.users["member"], rnd.campaign) is None
    assert aps.seat_of(SYSTEM, rnd.campaign) is None
    assert aps.person_of(world.users["member"]) == world.people["member"]
    assert roles_of(panel_user(rnd.seats[2])).person_id == rnd.former.pk  # type: ignore[union-attr]


def test_every_write_leaves_history_rows_named_by_an_audit_event(world: World) -> None:
    """X-2 spot checks: the post, the seats, the scores; the chain verifies after them."""
    rnd = make_round(world, 1)
    link_panel_users(rnd)
    post_event = AuditEvent.objects.get(action="post.create")
    assert [(r["model"], r["id"]) for r in post_event.history_refs] == [
        ("appointments.HistoricalPost", Post.history.get().history_id)
    ]
    seat_events = AuditEvent.objects.filter(action="panel.add").order_by("id")
    assert [e.history_refs[0]["id"] for e in seat_events] == list(
        PanelSeat.history.order_by("history_id").values_list("history_id", flat=True)
    )
    shortlist(rnd)
    score_all(rnd)
    named = {
        ref["id"]
        for e in AuditEvent.objects.filter(action="interview.score")
        for ref in e.history_refs
        if ref["model"] == "appointments.HistoricalInterviewScore"
    }
    assert named == set(InterviewScore.history.values_list("history_id", flat=True))
    assert len(named) == 3 * len(rnd.post.competency_keys)
    assert chain.verify().ok
