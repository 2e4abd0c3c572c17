"""Appointment services, the Alliance chair appointment (APP-6, Alliance "The Structure"): with
`appointment.chair_model = membership_recommends`, the PEC's members recommend a shortlisted
candidate and the PCT chair appoints the PEC chair, only after a recommendation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import PostKind
from pecgov.appointments.models import ChairRecommendation, Offer
from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership
from tests.appointment_factories import (
    Round,
    apply,
    appoint_args,
    close,
    interviewed_round,
    make_round,
    shortlist,
)
from tests.factories import SYSTEM, World, make_user, seat

TODAY = timezone.localdate


def alliance_chair_round(world: World, applicants: int = 2) -> Round:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="We follow the Alliance model for the chair",
    )
    return interviewed_round(world, applicants, kind=PostKind.CHAIR)


def recommend(rnd: Round, role: str = "member", index: int = 0, **kw: Any) -> ChairRecommendation:
    args = {"reason": "Brings the practices together"} | kw
    return aps.chair_recommend(
        actor=rnd.world.users[role], campaign=rnd.campaign, application=rnd.applications[index], **args
    )


def recommend_by_majority(rnd: Round, index: int = 0) -> None:
    """APP-6: enough of the new PEC's members (more than half, the pack's default) recommend the
    candidate; members without an account are given one through the services."""
    needed = aps.recommendation_tally(rnd.campaign).needed
    for person in aps.recommenders(rnd.campaign)[:needed]:
        if person.user_id is None:
            ts.person_update(actor=SYSTEM, person=person, user=make_user())
            person.refresh_from_db()
        aps.chair_recommend(
            actor=person.user,
            campaign=rnd.campaign,
            application=rnd.applications[index],
            reason="The right chair",
        )


def test_chair_model_follows_the_policy(world: World) -> None:
    rnd = alliance_chair_round(world)
    assert aps.chair_model(rnd.campaign) == "membership_recommends"
    assert aps.membership_recommends(rnd.campaign)


def test_pec_member_recommends_a_shortlisted_candidate(world: World) -> None:
    """APP-6: the new PEC's members recommend; recommending again replaces their choice."""
    rnd = alliance_chair_round(world)
    recommend(rnd, index=0)
    record = recommend(rnd, index=1, reason="  On reflection  ")
    assert ChairRecommendation.objects.count() == 1
    assert (record.member, record.application, record.reason) == (
        world.people["member"],
        rnd.applications[1],
        "On reflection",
    )
    assert record.history.count() == 2
    assert AuditEvent.objects.filter(action="chair.recommend").count() == 2


@pytest.mark.parametrize("role", ["pct_chair", "chief_executive", "governance_lead", "applicant"])
def test_only_pec_members_recommend(world: World, role: str) -> None:
    rnd = alliance_chair_round(world)
    with pytest.raises(NotPermitted, match="Only members of the PEC"):
        recommend(rnd, role)
    assert ChairRecommendation.objects.count() == 0


def test_a_member_whose_pec_seat_ended_cannot_recommend(world: World) -> None:
    rnd = alliance_chair_round(world)
    membership = Membership.objects.get(person=world.people["member"], committee=world.pec)
    ts.membership_end(
        actor=SYSTEM, membership=membership, end_date=TODAY() - dt.timedelta(days=1), end_reason="stood_down"
    )
    assert world.people["member"] not in aps.recommenders(rnd.campaign)
    with pytest.raises(NotPermitted):
        recommend(rnd)


def test_a_pec_member_with_an_ended_seat_elsewhere_still_recommends(world: World) -> None:
    """APP-6: a past seat on another committee does not take away a current PEC seat."""
    rnd = alliance_chair_round(world)
    person = world.people["member"]
    old = seat(
        person,
        world.board,
        MembershipRole.NON_EXECUTIVE,
        start=dt.date(2019, 1, 1),
        end_date=dt.date(2019, 12, 31),
    )
    assert old.end_date is not None
    assert person in aps.recommenders(rnd.campaign)
    assert recommend(rnd).member == person


def test_only_shortlisted_candidates_are_recommended(world: World) -> None:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="R",
    )
    rnd = make_round(world, 2, kind=PostKind.CHAIR)
    shortlist(rnd, chosen=1)
    with pytest.raises(DomainError) as error:
        recommend(rnd, index=1)
    assert error.value.errors == {"application": ["Select a shortlisted candidate"]}
    other = alliance_chair_round(world)
    with pytest.raises(DomainError) as error:
        aps.chair_recommend(
            actor=world.users["member"], campaign=rnd.campaign, application=other.applications[0], reason="R"
        )
    assert list(error.value.errors) == ["application"]
    assert ChairRecommendation.objects.count() == 0


def test_recommendation_needs_a_reason(world: World) -> None:
    rnd = alliance_chair_round(world)
    with pytest.raises(DomainError) as error:
        recommend(rnd, reason=" ")
    assert list(error.value.errors) == ["reason"]


def test_no_recommendation_under_the_panel_model(world: World) -> None:
    rnd = interviewed_round(world, 1, kind=PostKind.CHAIR)
    assert aps.chair_model(rnd.campaign) == "panel"
    with pytest.raises(DomainError, match="no recommendation is needed"):
        recommend(rnd)


def test_no_recommendation_for_a_member_post(world: World) -> None:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="R",
    )
    rnd = interviewed_round(world, 1)
    assert not aps.membership_recommends(rnd.campaign)
    with pytest.raises(DomainError):
        recommend(rnd)


def test_a_candidate_cannot_recommend_themselves(world: World) -> None:
    """APP-6: a sitting PEC member who applies for the chair does not recommend themselves."""
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="R",
    )
    rnd = make_round(world, 0, closed=False, kind=PostKind.CHAIR)
    rnd.applications = [
        apply(rnd.campaign, user=world.users["member"], profession="nurse", registration_body="NMC")
    ]
    close(rnd.campaign)
    shortlist(rnd)
    with pytest.raises(DomainError, match="yourself"):
        recommend(rnd)


@pytest.mark.parametrize("role", ["chief_executive", "governance_lead", "member"])
def test_only_the_pct_chair_appoints_the_chair(world: World, role: str) -> None:
    """APP-6: the PCT chair appoints the PEC chair, not the panel's chair or the lead."""
    rnd = alliance_chair_round(world)
    recommend(rnd)
    with pytest.raises(NotPermitted, match="PCT chair appoints"):
        aps.appoint(actor=world.users[role], application=rnd.applications[0], **appoint_args())
    assert Offer.objects.count() == 0


def test_pct_chair_appointment_refused_before_any_recommendation(world: World) -> None:
    rnd = alliance_chair_round(world)
    with pytest.raises(DomainError, match="have not recommended a candidate yet"):
        aps.appoint(actor=world.users["pct_chair"], application=rnd.applications[0], **appoint_args())
    assert Offer.objects.count() == 0


def test_pct_chair_appoints_after_the_recommendation(world: World) -> None:
    rnd = alliance_chair_round(world)
    recommend_by_majority(rnd, index=1)
    offer = aps.appoint(actor=world.users["pct_chair"], application=rnd.applications[1], **appoint_args())
    assert offer.application.decided_by == world.users["pct_chair"]
    # The appointment record says which recommendation it followed (APP-6).
    assert offer.recommendation.startswith("Recommended by the new PEC's members: 4 of 6 members")


def test_pct_chair_cannot_appoint_before_a_majority_recommends_and_sees_the_count(world: World) -> None:
    """APP-6: "recommendation by the whole new PEC membership": one member is not enough."""
    rnd = alliance_chair_round(world)
    recommend(rnd, index=0)

    tally = aps.recommendation_tally(rnd.campaign)
    assert (tally.members, tally.needed, tally.leader) == (6, 4, None)
    assert tally.summary == "1 of 6 members has recommended one candidate; 4 needed"
    with pytest.raises(DomainError, match="not agreed a recommendation yet: 1 of 6 members"):
        aps.appoint(actor=world.users["pct_chair"], application=rnd.applications[0], **appoint_args())
    assert Offer.objects.count() == 0


def test_pct_chair_appoints_only_the_recommended_candidate(world: World) -> None:
    rnd = alliance_chair_round(world)
    recommend_by_majority(rnd, index=0)

    with pytest.raises(DomainError, match=r"recommended .*the PCT chair appoints the recommended candidate"):
        aps.appoint(actor=world.users["pct_chair"], application=rnd.applications[1], **appoint_args())
    assert Offer.objects.count() == 0


def test_recommendation_threshold_is_a_policy_parameter(world: World) -> None:
    rnd = alliance_chair_round(world)
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_recommendation_percent",
        value=10,
        reason="A smaller share is enough here",
    )
    recommend(rnd, index=0)
    assert aps.recommendation_tally(rnd.campaign).needed == 1
    offer = aps.appoint(actor=world.users["pct_chair"], application=rnd.applications[0], **appoint_args())
    assert "1 of 6 members has recommended" in offer.recommendation


def test_accepting_the_chair_needs_the_outgoing_chairs_seat_to_end(world: World) -> None:
    """ORG-4: the PEC has one chair at a time; the outgoing chair is given notice first (Annex C)."""
    rnd = alliance_chair_round(world, 1)
    recommend_by_majority(rnd)
    offer = aps.appoint(actor=world.users["pct_chair"], application=rnd.applications[0], **appoint_args())
    applicant = rnd.applications[0].applicant
    with pytest.raises(DomainError, match="chair"):
        aps.offer_respond(actor=applicant, offer=offer, accept=True)
    offer.refresh_from_db()
    assert offer.accepted is None
    outgoing = Membership.objects.get(committee=world.pec, role=MembershipRole.CHAIR)
    ts.membership_end(
        actor=SYSTEM,
        membership=outgoing,
        end_date=offer.start_date - dt.timedelta(days=1),
        end_reason="term_ended",
    )
    aps.offer_respond(actor=applicant, offer=offer, accept=True)
    new = Membership.objects.get(committee=world.pec, role=MembershipRole.CHAIR, end_date__isnull=True)
    assert new.person.user == applicant


def test_committee_of_kind_finds_the_pec(world: World) -> None:
    assert aps.committee_of_kind(world.trust.pk, "pec") == world.pec


@pytest.mark.parametrize(
    ("role", "member_post", "chair_post"),
    [
        ("governance_lead", True, False),
        ("chief_executive", True, False),  # chairs the panel
        ("pct_chair", False, True),  # on the panel, not its chair; appoints the PEC chair (APP-6)
        ("member", False, False),
        ("applicant", False, False),
    ],
)
def test_who_may_appoint_by_model(world: World, role: str, member_post: bool, chair_post: bool) -> None:
    """APP-3, APP-6: the panel's chair or the lead appoints a member; under the Alliance chair
    model only the PCT chair appoints the chair. The pages ask the same predicate."""
    member_round = make_round(world)
    chair_round = alliance_chair_round(world)
    user = world.users[role]
    assert aps.may_appoint(user, member_round.campaign) is member_post
    assert aps.may_appoint(user, chair_round.campaign) is chair_post
    assert aps.chairs_or_leads(user, member_round.campaign) is member_post
