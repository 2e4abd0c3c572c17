"""An applicant's own forms over the API (PUB-2; APP-3, APP-7, ORG-4, X-1, X-4, X-5): apply with a
CV (multipart, the page's own form and checks), withdraw, answer an offer, and read one's own
applications. Anyone signed in may apply, as on the page (anonymous is 401); an application is
its applicant's alone: anyone else, the trust's governance lead included, gets 404 (APP-7). Bad
input is 422 with the field sent named and saves nothing; a repeat with the same
Idempotency-Key acts once."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from pecgov.appointments import services as aps
from pecgov.appointments.models import ApplicantInterest, Application, Campaign
from pecgov.audit.models import AuditEvent
from pecgov.trust.enums import Profession
from pecgov.trust.models import Membership
from tests.appointment_factories import (
    apply,
    close,
    counts,
    cv,
    interviewed_round,
    make_campaign,
    make_post,
    make_round,
    panel_user,
)
from tests.factories import SYSTEM, World

TRACKED = (Application, ApplicantInterest, Membership)


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def form(**kw: Any) -> dict[str, Any]:
    return {
        "name": "Dr Ada Applicant",
        "email": "ada@example.org",
        "profession": Profession.GP,
        "registration_body": "GMC",
        "registration_number": "1234567",
        "practising": "true",
        "has_caseload": "true",
        "statement": "I have led our practice's commissioning for five years.",
        "nil_interests": "true",
        "cv": cv(),
    } | kw


def apply_path(campaign: Campaign) -> str:
    return f"/api/applicant/campaigns/{campaign.pk}/applications"


def test_an_applicant_applies_with_a_cv_once_per_idempotency_key(world: World) -> None:
    """APP-3, X-5: the application with its declared interests, a ledger event; the same key
    again answers the first response and applies once."""
    campaign = make_campaign(world)
    me = signed_in(world.users["applicant"])
    interests = json.dumps(
        [
            {
                "category": "financial",
                "description": "Partner in a GP practice",
                "organisation_id": world.practice.pk,
            },
            {"category": "non_financial_professional", "description": "RCGP faculty board"},
        ]
    )
    body = form(nil_interests="false", interests=interests)

    first = me.post(apply_path(campaign), body, HTTP_IDEMPOTENCY_KEY="apply-1")
    again = me.post(apply_path(campaign), body | {"cv": cv()}, HTTP_IDEMPOTENCY_KEY="apply-1")

    assert first.status_code == 201, first.content
    mine = first.json()
    assert (mine["status"], mine["reference"], len(mine["interests"])) == ("submitted", campaign.reference, 2)
    assert mine["interests"][0]["organisation_id"] == world.practice.pk
    assert "score" not in json.dumps(mine)  # APP-7: never scores or panel notes
    assert again.status_code == 201 and again.json() == mine
    assert Application.objects.filter(applicant=world.users["applicant"]).count() == 1
    assert AuditEvent.objects.filter(action="application.submit").count() == 1


def test_bad_applications_are_422_on_their_field_and_save_nothing(world: World, other_world: World) -> None:
    """X-4: the page's messages on the fields sent: no CV, a CV that is not what it says, no
    profession, interests neither declared nor denied, an interest without a description,
    interests that are not JSON, another trust's organisation."""
    campaign = make_campaign(world)
    me = signed_in(world.users["applicant"])
    before = counts(*TRACKED)
    half = json.dumps([{"category": "financial", "description": ""}])
    cases: list[tuple[dict[str, Any], str]] = [
        ({"cv": ""}, "cv"),
        ({"cv": cv("cv.pdf", b"not a pdf at all")}, "cv"),
        ({"profession": "astronaut"}, "profession"),
        ({"nil_interests": "false"}, "nil_interests"),
        ({"nil_interests": "false", "interests": half}, "interests"),
        ({"interests": "{not json"}, "interests"),
        ({"interests": "[" * 100_000}, "interests"),
        ({"organisation_id": str(other_world.practice.pk)}, "organisation_id"),
    ]
    for changes, field in cases:
        response = me.post(apply_path(campaign), form(**changes))
        assert response.status_code == 422, (field, response.content)
        assert field in response.json()["errors"], (field, response.content)
    assert counts(*TRACKED) == before


def test_the_services_rules_apply_and_a_draft_is_not_found(world: World) -> None:
    """APP-3, X-1: after the closing date and for a panel member the service refuses (422); a
    post not yet advertised is 404; anonymous is 401."""
    closed = close(make_campaign(world))
    rnd = make_round(world, 1, closed=False)
    draft = aps.campaign_create(
        actor=SYSTEM,
        post=make_post(world),
        vacancies=1,
        advert="Soon",
        opens_on=closed.opens_on,
        closes_on=closed.closes_on,
    )
    me, panel = signed_in(world.users["applicant"]), signed_in(panel_user(rnd.seats[1]))
    before = counts(*TRACKED)

    late = me.post(apply_path(closed), form())
    on_panel = panel.post(apply_path(rnd.campaign), form())
    assert late.status_code == 422 and "closed" in late.content.decode()
    assert on_panel.status_code == 422 and "panel" in on_panel.content.decode()
    assert me.post(apply_path(draft), form()).status_code == 404
    assert Client().post(apply_path(closed), form()).status_code == 401
    assert counts(*TRACKED) == before


def test_an_applicant_withdraws_their_own_application_only(world: World, client_for: Any) -> None:
    """APP-3, APP-7, X-5: withdrawn once per key; the lead and anyone else get 404; twice is 422."""
    application = apply(make_campaign(world), user=world.users["applicant"])
    me, lead = signed_in(world.users["applicant"]), client_for("governance_lead")
    path = f"/api/applicant/applications/{application.pk}/withdraw"

    assert lead.post(path).status_code == 404
    assert Client().post(path).status_code == 401
    first = me.post(path, HTTP_IDEMPOTENCY_KEY="w-1")
    again = me.post(path, HTTP_IDEMPOTENCY_KEY="w-1")
    twice = me.post(path)

    assert first.status_code == 200 and first.json()["status"] == "withdrawn", first.content
    assert again.json() == first.json()
    assert twice.status_code == 422 and "cannot be withdrawn" in twice.content.decode()
    assert AuditEvent.objects.filter(action="application.withdraw").count() == 1


def test_an_applicant_accepts_their_own_offer(world: World, client_for: Any) -> None:
    """APP-3, ORG-4, APP-7: the applicant accepts and becomes a member of the committee; anyone
    else is 404; a bad answer 422; an application with no offer 404."""
    rnd = interviewed_round(world, 2)
    aps.appoint(
        actor=SYSTEM,
        application=rnd.applications[0],
        reason="Strongest",
        start_date=rnd.campaign.closes_on.replace(year=rnd.campaign.closes_on.year + 1),
        tenure_terms="No fixed term",
        time_commitment="2 sessions a week",
    )
    me = signed_in(rnd.applications[0].applicant)
    path = f"/api/applicant/applications/{rnd.applications[0].pk}/offer"
    other = signed_in(rnd.applications[1].applicant)
    before = counts(*TRACKED)

    assert other.post(path, {"answer": "accept"}, content_type="application/json").status_code == 404
    bad = me.post(path, {"answer": "yes"}, content_type="application/json")
    assert bad.status_code == 422 and list(bad.json()["errors"]) == ["answer"]
    none = f"/api/applicant/applications/{rnd.applications[1].pk}/offer"
    assert other.post(none, {"answer": "accept"}, content_type="application/json").status_code == 404
    assert counts(*TRACKED) == before
    accepted = me.post(path, {"answer": "accept"}, content_type="application/json")

    assert accepted.status_code == 200 and accepted.json()["accepted"] is True, accepted.content
    assert Membership.objects.filter(person__user=rnd.applications[0].applicant, committee=world.pec).exists()


def test_an_applicant_reads_their_own_applications_only(world: World, client_for: Any) -> None:
    """APP-7: the list holds one's own; another's application is 404, the lead's included."""
    mine = apply(make_campaign(world), user=world.users["applicant"])
    theirs = apply(make_campaign(world))
    me, lead = signed_in(world.users["applicant"]), client_for("governance_lead")

    listed = me.get("/api/applicant/applications")
    assert listed.status_code == 200
    assert [a["id"] for a in listed.json()["items"]] == [mine.pk]
    assert me.get(f"/api/applicant/applications/{mine.pk}").json()["name"] == mine.name
    assert me.get(f"/api/applicant/applications/{theirs.pk}").status_code == 404
    assert lead.get(f"/api/applicant/applications/{mine.pk}").status_code == 404
    assert Client().get("/api/applicant/applications").status_code == 401
