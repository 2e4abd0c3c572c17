"""The decision pages' forms over the API (PUB-2; APP-3, APP-6, APP-7, ORG-4, X-1, X-4, X-5): the
appointment and offer, the candidate's answer recorded by the lead, and the Alliance chair
recommendation. The page's service and permission: a refused role is 403, an application the
caller may not see (another trust's, or off the panel) 404, bad input 422 with the field sent
named and nothing saved, and a repeat with the same Idempotency-Key acts once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from pecgov.appointments.enums import PostKind
from pecgov.appointments.models import Application, ChairRecommendation, Offer
from pecgov.audit.models import AuditEvent
from pecgov.policy.services import policy_override
from pecgov.trust.models import Membership
from tests.appointment_factories import Round, appoint_first, counts, interviewed_round, panel_user
from tests.factories import SYSTEM, World

JSON = "application/json"
TRACKED = (Application, Offer, ChairRecommendation, Membership)


def post(client: Any, path: str, body: dict[str, Any] | None = None, **extra: Any) -> Any:
    return client.post(path, body or {}, content_type=JSON, **extra)


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def appoint_path(rnd: Round, index: int = 0) -> str:
    return f"/api/appointments/applications/{rnd.applications[index].pk}/appoint"


def terms(**kw: Any) -> dict[str, Any]:
    return {
        "reason": "Strongest under both headings",
        "start_date": str(timezone.localdate() + dt.timedelta(days=30)),
    } | kw


# The appointment and offer (APP-3) ----------------------------------------------------------------


def test_the_panels_chair_appoints_once_per_idempotency_key(world: World) -> None:
    """APP-3, X-5: the offer takes the post's terms unless others are sent; a repeat acts once."""
    rnd = interviewed_round(world, 2)
    chair = signed_in(rnd.chair_user)

    first = post(chair, appoint_path(rnd), terms(), HTTP_IDEMPOTENCY_KEY="a-1")
    again = post(chair, appoint_path(rnd), terms(), HTTP_IDEMPOTENCY_KEY="a-1")

    assert first.status_code == 201, first.content
    body = first.json()
    assert (body["status"], body["tenure_terms"], body["time_commitment"]) == (
        "offered",
        rnd.post.tenure_terms,
        rnd.post.time_commitment,
    )
    assert again.status_code == 201 and again.json() == body
    assert Offer.objects.count() == 1
    assert AuditEvent.objects.filter(action="application.appoint").count() == 1


def test_bad_terms_are_422_on_their_field_and_save_nothing(world: World) -> None:
    """X-4: no reasons, no start date, a reply-by after the start, a time commitment over the
    page's 200 characters; nothing saved."""
    rnd = interviewed_round(world, 1)
    chair = signed_in(rnd.chair_user)
    before = counts(*TRACKED)
    start = timezone.localdate() + dt.timedelta(days=30)
    cases = [
        (terms(reason=" "), "reason"),
        (terms(start_date=None), "start_date"),
        (terms(respond_by=str(start + dt.timedelta(days=1))), "respond_by"),
        (terms(time_commitment="x" * 201), "time_commitment"),
    ]
    for body, field in cases:
        response = post(chair, appoint_path(rnd), body)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], response.content
    assert counts(*TRACKED) == before


def test_appointing_is_the_appointers_and_hidden_from_others(
    world: World, other_world: World, client_for: Any
) -> None:
    """X-1, APP-7: a panel member who does not chair is 403; someone off the panel and another
    trust's lead get 404."""
    rnd = interviewed_round(world, 1)
    panel_member = signed_in(panel_user(rnd.seats[1]))
    outsider, elsewhere = client_for("member"), signed_in(other_world.users["governance_lead"])
    before = counts(*TRACKED)

    assert post(panel_member, appoint_path(rnd), terms()).status_code == 403
    assert post(outsider, appoint_path(rnd), terms()).status_code == 404
    assert post(elsewhere, appoint_path(rnd), terms()).status_code == 404
    assert counts(*TRACKED) == before


# The candidate's answer, recorded by the lead (APP-3, ORG-4) ----------------------------------------


def offer_path(rnd: Round, index: int = 0) -> str:
    return f"/api/appointments/applications/{rnd.applications[index].pk}/offer"


def test_the_lead_records_an_acceptance_once(lead_client: Any, world: World) -> None:
    """ORG-4, X-5: acceptance makes the candidate a member of the committee; a repeat acts once."""
    rnd = interviewed_round(world, 2)
    appoint_first(rnd)
    seats = Membership.objects.filter(committee=world.pec).count()

    first = post(lead_client, offer_path(rnd), {"answer": "accept"}, HTTP_IDEMPOTENCY_KEY="o-1")
    again = post(lead_client, offer_path(rnd), {"answer": "accept"}, HTTP_IDEMPOTENCY_KEY="o-1")

    assert first.status_code == 200, first.content
    assert first.json()["accepted"] is True and first.json()["status"] == "accepted"
    assert again.json() == first.json()
    assert Membership.objects.filter(committee=world.pec).count() == seats + 1
    assert AuditEvent.objects.filter(action="offer.accept").count() == 1


def test_a_bad_answer_is_422_and_an_answered_offer_stays(lead_client: Any, world: World) -> None:
    """X-4: an answer that is neither accept nor decline is 422 on `answer`; answering twice is
    422 with the service's words; nothing saved."""
    rnd = interviewed_round(world, 1)
    appoint_first(rnd)
    before = counts(*TRACKED)

    bad = post(lead_client, offer_path(rnd), {"answer": "maybe"})
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["answer"]
    assert counts(*TRACKED) == before
    assert post(lead_client, offer_path(rnd), {"answer": "decline"}).status_code == 200
    twice = post(lead_client, offer_path(rnd), {"answer": "accept"})
    assert twice.status_code == 422 and "already been answered" in twice.content.decode()


def test_recording_an_answer_is_the_leads_only(world: World, other_world: World, lead_client: Any) -> None:
    """X-1: the panel's chair is 403; another trust's lead 404; an application without an offer 404."""
    rnd = interviewed_round(world, 2)
    appoint_first(rnd)
    chair, elsewhere = signed_in(rnd.chair_user), signed_in(other_world.users["governance_lead"])
    before = counts(*TRACKED)

    assert post(chair, offer_path(rnd), {"answer": "accept"}).status_code == 403
    assert post(elsewhere, offer_path(rnd), {"answer": "accept"}).status_code == 404
    assert post(lead_client, offer_path(rnd, 1), {"answer": "accept"}).status_code == 404
    assert counts(*TRACKED) == before


# The Alliance chair recommendation (APP-6) ------------------------------------------------------


def alliance_round(world: World) -> Round:
    policy_override(
        actor=SYSTEM,
        trust=world.trust,
        key="appointment.chair_model",
        value="membership_recommends",
        reason="We follow the Alliance model for the chair",
    )
    return interviewed_round(world, 2, kind=PostKind.CHAIR)


def recommend_path(rnd: Round) -> str:
    return f"/api/appointments/campaigns/{rnd.campaign.pk}/recommendation"


def test_a_pec_member_recommends_a_chair_once_per_key(world: World, client_for: Any) -> None:
    """APP-6, X-5: a current PEC member recommends a shortlisted candidate; a repeat acts once."""
    rnd = alliance_round(world)
    member = client_for("member")
    body = {"application_id": rnd.applications[0].pk, "reason": "Brings the practices together"}

    first = post(member, recommend_path(rnd), body, HTTP_IDEMPOTENCY_KEY="r-1")
    again = post(member, recommend_path(rnd), body, HTTP_IDEMPOTENCY_KEY="r-1")

    assert first.status_code == 200, first.content
    assert first.json()["member"] == world.people["member"].name and "1 of" in first.json()["tally"]
    assert again.json() == first.json()
    assert ChairRecommendation.objects.count() == 1
    assert AuditEvent.objects.filter(action="chair.recommend").count() == 1


def test_a_bad_recommendation_is_422_on_its_field(world: World, client_for: Any) -> None:
    """X-4: a candidate not on the shortlist, no reason: each on its field; nothing saved."""
    rnd = alliance_round(world)
    member = client_for("member")
    before = counts(*TRACKED)
    cases = [
        ({"application_id": 10**6, "reason": "X"}, "application_id"),
        ({"application_id": rnd.applications[0].pk, "reason": " "}, "reason"),
    ]
    for body, field in cases:
        response = post(member, recommend_path(rnd), body)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], response.content
    assert counts(*TRACKED) == before


def test_recommending_is_the_pecs_and_only_under_the_alliance_model(
    world: World, other_world: World, client_for: Any
) -> None:
    """X-1, APP-6: a practice lead (not on the PEC) is 403; another trust's lead 404; a campaign
    whose panel appoints its chair 404."""
    rnd = alliance_round(world)
    panel_model = interviewed_round(other_world, 1)
    practice_lead = client_for("practice_lead")
    other_member = signed_in(other_world.users["member"])
    body = {"application_id": rnd.applications[0].pk, "reason": "X"}
    before = counts(*TRACKED)

    assert post(practice_lead, recommend_path(rnd), body).status_code == 403
    assert post(other_member, recommend_path(rnd), body).status_code == 404
    assert post(other_member, recommend_path(panel_model), body).status_code == 404
    assert counts(*TRACKED) == before
