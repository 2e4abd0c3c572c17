"""The set-up pages' remaining forms over the API (PUB-2; APP-2, APP-3, APP-4, COI-3, X-1, X-4,
X-5): a trust's own competency, notice to an outgoing member, and a panel member's conflict with a
candidate, declared and handled. Each calls the page's service with the page's permission: a
refused role is 403, another trust's record 404, bad input 422 with the field sent named and
nothing saved, and a repeat with the same Idempotency-Key acts once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ConflictHandling, StepKey
from pecgov.appointments.models import MemberNotice, PanelConflict, PlanStep, TrustCompetency
from pecgov.audit.models import AuditEvent
from pecgov.trust.models import Membership
from tests.appointment_factories import Round, counts, make_round, panel_user
from tests.factories import SYSTEM, World

JSON = "application/json"
TRACKED = (TrustCompetency, MemberNotice, PanelConflict)


def post(client: Any, path: str, body: dict[str, Any] | None = None, **extra: Any) -> Any:
    return client.post(path, body or {}, content_type=JSON, **extra)


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def notice_step(world: World) -> PlanStep:
    plan = aps.plan_create(
        actor=SYSTEM,
        trust=world.trust,
        title="New PEC",
        target_date=timezone.localdate() + dt.timedelta(days=200),
    )
    return plan.steps.get(key=StepKey.NOTICE)


def outgoing(world: World) -> Membership:
    return Membership.objects.get(committee=world.pec, person=world.people["member"])


def notice_body(world: World, **kw: Any) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        "membership_id": outgoing(world).pk,
        "given_on": str(today),
        "end_date": str(today + dt.timedelta(days=90)),
        "note": "By letter",
    } | kw


# A trust's own competency (APP-2) -----------------------------------------------------------------


def test_the_lead_adds_a_competency_once_per_idempotency_key(lead_client: Any) -> None:
    """APP-2, X-5: a competency under a heading, a ledger event; the same key again is answered
    with the first response and adds nothing."""
    body = {"heading": "core", "title": "Knowledge of local health needs", "description": "Our places"}

    first = post(lead_client, "/api/appointments/competencies", body, HTTP_IDEMPOTENCY_KEY="c-1")
    again = post(lead_client, "/api/appointments/competencies", body, HTTP_IDEMPOTENCY_KEY="c-1")

    assert first.status_code == 201, first.content
    assert first.json() == {
        "key": "trust-knowledge-of-local-health-needs",
        "heading": "core",
        "title": "Knowledge of local health needs",
        "description": "Our places",
    }
    assert again.status_code == 201 and again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert TrustCompetency.objects.count() == 1
    assert AuditEvent.objects.filter(action="competency.add").count() == 1


def test_a_bad_competency_is_422_on_its_field_and_saves_nothing(lead_client: Any) -> None:
    """X-4: an unknown heading, a blank title, a title over the page's 200 characters, a name the
    framework has: each on its field; nothing saved."""
    post(lead_client, "/api/appointments/competencies", {"heading": "core", "title": "Listening"})
    before = counts(*TRACKED)
    cases = [
        ({"heading": "nope", "title": "X"}, "heading"),
        ({"heading": "core", "title": " "}, "title"),
        ({"heading": "core", "title": "x" * 201}, "title"),
        ({"heading": "core", "title": "Listening"}, "title"),
    ]
    for body, field in cases:
        response = post(lead_client, "/api/appointments/competencies", body)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], response.content
    assert counts(*TRACKED) == before


def test_a_competency_is_the_leads_only(client_for: Any) -> None:
    """X-1: the page's permission: a PEC member and the PEC chair are 403, anonymous 401."""
    clients = [client_for(role) for role in ("member", "pec_chair")]
    before = counts(*TRACKED)
    for c in clients:
        assert post(c, "/api/appointments/competencies", {"heading": "core", "title": "X"}).status_code == 403
    assert (
        post(Client(), "/api/appointments/competencies", {"heading": "core", "title": "X"}).status_code == 401
    )
    assert counts(*TRACKED) == before


# Notice to an outgoing member (APP-3) -----------------------------------------------------------


def test_the_lead_records_notice_once_per_idempotency_key(lead_client: Any, world: World) -> None:
    """APP-3 (DH Annex C): notice against the outgoing seat, a ledger event; a repeat acts once."""
    step = notice_step(world)
    path = f"/api/appointments/plans/steps/{step.pk}/notices"

    first = post(lead_client, path, notice_body(world), HTTP_IDEMPOTENCY_KEY="n-1")
    again = post(lead_client, path, notice_body(world), HTTP_IDEMPOTENCY_KEY="n-1")

    assert first.status_code == 201, first.content
    assert first.json()["person"] == world.people["member"].name and first.json()["note"] == "By letter"
    assert again.status_code == 201 and again.json() == first.json()
    assert MemberNotice.objects.get().given_by == world.users["governance_lead"]
    assert AuditEvent.objects.filter(action="plan.notice").count() == 1
    twice = post(lead_client, path, notice_body(world))
    assert (
        twice.status_code == 422 and "already been given notice" in twice.json()["errors"]["membership_id"][0]
    )


def test_bad_notice_is_422_on_its_field_and_saves_nothing(
    lead_client: Any, world: World, other_world: World
) -> None:
    """X-4: dates out of order, no date, another trust's seat: each on the field sent."""
    step = notice_step(world)
    path = f"/api/appointments/plans/steps/{step.pk}/notices"
    theirs = Membership.objects.filter(committee=other_world.pec).first()
    assert theirs is not None
    before = counts(*TRACKED)
    today = timezone.localdate()
    cases = [
        (notice_body(world, end_date=str(today - dt.timedelta(days=1))), "end_date"),
        (notice_body(world, given_on=None), "given_on"),
        (notice_body(world, membership_id=theirs.pk), "membership_id"),
        (notice_body(world, membership_id=None), "membership_id"),
    ]
    for body, field in cases:
        response = post(lead_client, path, body)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], response.content
    assert counts(*TRACKED) == before


def test_notice_is_the_leads_own_trusts_only(client_for: Any, world: World, other_world: World) -> None:
    """X-1: a member is 403; another trust's step and a step that is not the notice step are 404."""
    step, theirs = notice_step(world), notice_step(other_world)
    other_step = step.plan.steps.exclude(key=StepKey.NOTICE).first()
    assert other_step is not None
    member, lead = client_for("member"), client_for("governance_lead")
    before = counts(*TRACKED)

    refused = post(member, f"/api/appointments/plans/steps/{step.pk}/notices", notice_body(world))
    elsewhere = post(lead, f"/api/appointments/plans/steps/{theirs.pk}/notices", notice_body(world))
    wrong_step = post(lead, f"/api/appointments/plans/steps/{other_step.pk}/notices", notice_body(world))

    assert (refused.status_code, elsewhere.status_code, wrong_step.status_code) == (403, 404, 404)
    assert counts(*TRACKED) == before


# Panel conflicts (APP-4, COI-3) -------------------------------------------------------------------


def declare_path(rnd: Round) -> str:
    return f"/api/appointments/campaigns/{rnd.campaign.pk}/conflicts"


def test_a_panel_member_declares_their_own_conflict_once(world: World) -> None:
    """APP-4, X-5: their only seat is chosen for them; a repeat with the key acts once."""
    rnd = make_round(world, applicants=2)
    member = signed_in(panel_user(rnd.seats[2]))
    body = {"application_id": rnd.applications[0].pk, "description": "We are partners in the same practice"}

    first = post(member, declare_path(rnd), body, HTTP_IDEMPOTENCY_KEY="d-1")
    again = post(member, declare_path(rnd), body, HTTP_IDEMPOTENCY_KEY="d-1")

    assert first.status_code == 201, first.content
    assert first.json()["seat_id"] == rnd.seats[2].pk and first.json()["declared"] is True
    assert again.json() == first.json()
    assert PanelConflict.objects.count() == 1
    assert AuditEvent.objects.filter(action="panel.conflict_declare").count() == 1


def test_bad_declarations_are_422_on_their_field(lead_client: Any, world: World) -> None:
    """X-4: the lead must name the seat; a seat, a candidate of another campaign or no description
    is refused on its field; nothing saved."""
    rnd, other = make_round(world, applicants=1), make_round(world, applicants=1)
    before = counts(*TRACKED)
    app_id, seat_id = rnd.applications[0].pk, rnd.seats[1].pk
    cases = [
        ({"application_id": app_id, "description": "X"}, "seat_id"),
        ({"seat_id": other.seats[1].pk, "application_id": app_id, "description": "X"}, "seat_id"),
        (
            {"seat_id": seat_id, "application_id": other.applications[0].pk, "description": "X"},
            "application_id",
        ),
        ({"seat_id": seat_id, "application_id": app_id, "description": " "}, "description"),
    ]
    for body, field in cases:
        response = post(lead_client, declare_path(rnd), body)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], response.content
    assert counts(*TRACKED) == before


def test_declaring_is_the_panels_and_the_leads_own_trusts(
    client_for: Any, world: World, other_world: World
) -> None:
    """X-1, APP-7: someone off every panel is 403 (the page's role); another trust's campaign 404."""
    rnd, theirs = make_round(world, applicants=1), make_round(other_world, applicants=1)
    member, lead = client_for("member"), client_for("governance_lead")
    body = {"seat_id": rnd.seats[1].pk, "application_id": rnd.applications[0].pk, "description": "X"}
    before = counts(*TRACKED)

    assert post(member, declare_path(rnd), body).status_code == 403
    assert post(lead, declare_path(theirs), body).status_code == 404
    assert counts(*TRACKED) == before


def declared(rnd: Round) -> str:
    aps.conflict_declare(
        actor=SYSTEM, seat=rnd.seats[2], application=rnd.applications[0], description="Old colleague"
    )
    return f"/api/appointments/panel-seats/{rnd.seats[2].pk}/conflicts/{rnd.applications[0].pk}"


def test_the_panels_chair_handles_a_conflict_once(world: World) -> None:
    """COI-3, X-5: the chair records that the member steps aside; a repeat with the key acts once."""
    rnd = make_round(world, applicants=1)
    path = declared(rnd)
    chair = signed_in(rnd.chair_user)
    body = {"handling": ConflictHandling.STEPS_ASIDE}

    first = post(chair, path, body, HTTP_IDEMPOTENCY_KEY="h-1")
    again = post(chair, path, body, HTTP_IDEMPOTENCY_KEY="h-1")

    assert first.status_code == 200, first.content
    assert first.json()["handling"] == ConflictHandling.STEPS_ASIDE and again.json() == first.json()
    assert AuditEvent.objects.filter(action="panel.conflict_handle").count() == 1


def test_bad_handling_is_422_on_its_field(lead_client: Any, world: World) -> None:
    """X-4: an unknown handling, no action without a reason; nothing saved."""
    rnd = make_round(world, applicants=1)
    path = declared(rnd)
    before = counts(*TRACKED)
    cases: list[tuple[dict[str, Any], str]] = [
        ({"handling": "ignore"}, "handling"),
        ({"handling": ConflictHandling.NO_ACTION}, "reason"),
    ]
    for body, field in cases:
        response = post(lead_client, path, body)
        assert response.status_code == 422 and list(response.json()["errors"]) == [field], response.content
    assert counts(*TRACKED) == before


def test_the_conflicted_member_cannot_handle_it_and_other_trusts_get_404(
    world: World, other_world: World, client_for: Any
) -> None:
    """COI-3, X-1: the conflicted member is 403; another trust's lead 404; no conflict 404."""
    rnd = make_round(world, applicants=2)
    path = declared(rnd)
    conflicted, other_lead = (
        signed_in(panel_user(rnd.seats[2])),
        signed_in(other_world.users["governance_lead"]),
    )
    lead = client_for("governance_lead")
    before = counts(*TRACKED)
    body = {"handling": ConflictHandling.NO_ACTION, "reason": "Long ago"}

    assert post(conflicted, path, body).status_code == 403
    assert post(other_lead, path, body).status_code == 404
    none = f"/api/appointments/panel-seats/{rnd.seats[2].pk}/conflicts/{rnd.applications[1].pk}"
    assert post(lead, none, body).status_code == 404
    assert counts(*TRACKED) == before


def test_handling_over_a_newer_handling_is_412_with_what_changed(lead_client: Any, world: World) -> None:
    """X-5: the conflict's version, as the page's form carries it, in the body or as If-Match:
    handled by the chair since the lead read it, the lead's handling is refused (412) naming the
    change; with the fresh version it goes through."""
    rnd = make_round(world, applicants=1)
    member = signed_in(panel_user(rnd.seats[2]))
    body = {"application_id": rnd.applications[0].pk, "description": "Old colleague"}
    read = post(member, declare_path(rnd), body).json()
    path = f"/api/appointments/panel-seats/{rnd.seats[2].pk}/conflicts/{rnd.applications[0].pk}"
    chair = signed_in(rnd.chair_user)
    first = post(
        chair, path, {"handling": ConflictHandling.STEPS_ASIDE, "read_version": read["read_version"]}
    )
    assert first.status_code == 200, first.content
    before = counts(*TRACKED)

    late = {
        "handling": ConflictHandling.NO_ACTION,
        "reason": "Long ago",
        "read_version": read["read_version"],
    }
    stale = post(lead_client, path, late)

    assert stale.status_code == 412 and list(stale.json()["errors"]) == ["handling"], stale.content
    assert "how the conflict is handled" in stale.json()["errors"]["handling"][0]
    as_header = {"handling": late["handling"], "reason": late["reason"]}
    stale_header = post(lead_client, path, as_header, HTTP_IF_MATCH=read["read_version"])
    assert stale_header.status_code == 412 and stale_header.json() == stale.json()
    assert counts(*TRACKED) == before
    fresh = post(lead_client, path, late | {"read_version": first.json()["read_version"]})
    assert fresh.status_code == 200 and fresh.json()["handling"] == ConflictHandling.NO_ACTION
