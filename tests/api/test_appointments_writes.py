"""The appointment round's forms over the API (PUB-2; APP-1 to APP-5, APP-7): the same services,
so the same rules, history and ledger event. The round is the governance lead's (403 for a
member); scores are a panel member's own, and an application is 404 to anyone off its panel
(APP-7); bad input is 422 with a field map and saves nothing; an edit read at an older version
is 412 with what changed (X-5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.utils import timezone

from pecgov.appointments.enums import PanelRole, PostKind
from pecgov.appointments.models import (
    AppointmentPlan,
    Campaign,
    PanelSeat,
    PlanStep,
    Post,
    SiftScore,
)
from pecgov.audit.models import AuditEvent
from pecgov.trust.enums import MembershipRole
from tests.appointment_factories import counts, make_campaign, make_post, make_round, panel_user
from tests.factories import World

JSON = "application/json"
TRACKED = (AppointmentPlan, PlanStep, Post, Campaign, PanelSeat, SiftScore)


def post(client: Any, path: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(path, body or {}, content_type=JSON)


def signed_in(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def post_body(world: World, **kw: Any) -> dict[str, Any]:
    return {
        "committee_id": world.pec.pk,
        "title": "Clinical member (nurse)",
        "kind": PostKind.MEMBER,
        "membership_role": MembershipRole.CLINICAL,
        "job_description": "Lead on urgent care.",
        "person_specification": "Registered nurse\nCommissioning experience",
        "time_commitment": "1 session a week",
        "tenure_terms": "Three years",
    } | kw


def test_the_lead_runs_a_round_from_plan_to_advert(lead_client: Any, world: World) -> None:
    """APP-1..APP-4: plan, step, post, campaign, panel, advert; each a ledger event."""
    events = AuditEvent.objects.count()
    today = timezone.localdate()

    plan = post(lead_client, "/api/appointments/plans", {"title": "New PEC", "target_date": "2030-10-01"})
    assert plan.status_code == 201, plan.content
    step = plan.json()["steps"][0]
    stepped = post(
        lead_client,
        f"/api/appointments/plans/steps/{step['id']}",
        {
            "owner_id": world.people["member"].pk,
            "due_date": "2030-05-01",
            "read_version": step["read_version"],
        },
    )
    made = post(lead_client, "/api/appointments/posts", post_body(world))
    assert made.status_code == 201, made.content
    campaign = post(
        lead_client,
        f"/api/appointments/posts/{made.json()['id']}/campaigns",
        {
            "vacancies": 1,
            "advert": "Join us",
            "opens_on": str(today),
            "closes_on": str(today + dt.timedelta(days=20)),
            "plan_id": plan.json()["id"],
        },
    )
    assert campaign.status_code == 201, campaign.content
    cid = campaign.json()["id"]
    seat = post(
        lead_client,
        f"/api/appointments/campaigns/{cid}/panel",
        {
            "person_id": world.people["chief_executive"].pk,
            "role": PanelRole.CHIEF_EXECUTIVE,
            "is_chair": True,
        },
    )
    advertised = post(lead_client, f"/api/appointments/campaigns/{cid}/advertise")

    assert stepped.status_code == 200 and stepped.json()["steps"][0]["owner"] == world.people["member"].name
    assert seat.status_code == 201 and seat.json()["is_chair"] is True
    assert advertised.status_code == 200 and advertised.json()["status"] == "advertised"
    assert AuditEvent.objects.count() == events + 6
    again = post(lead_client, f"/api/appointments/campaigns/{cid}/advertise")
    assert again.status_code == 422


def test_a_bad_post_is_422_with_a_field_map_and_saves_nothing(lead_client: Any, world: World) -> None:
    """APP-2: the service's words on the field sent: a committee of another trust, a blank title,
    an unknown competency."""
    before = counts(*TRACKED)

    no_committee = post(lead_client, "/api/appointments/posts", post_body(world, committee_id=10**6))
    no_title = post(lead_client, "/api/appointments/posts", post_body(world, title=" "))
    unknown = post(lead_client, "/api/appointments/posts", post_body(world, competency_keys=["nope"]))

    assert no_committee.status_code == 422 and "committee_id" in no_committee.json()["errors"]
    assert no_title.status_code == 422 and "title" in no_title.json()["errors"]
    assert unknown.status_code == 422 and "competency_keys" in unknown.json()["errors"]
    assert counts(*TRACKED) == before


def test_a_campaign_with_dates_out_of_order_is_422(lead_client: Any, world: World) -> None:
    """APP-3: the closing date before the opening date is named; nothing is saved."""
    made = make_post(world)
    before = counts(*TRACKED)

    response = post(
        lead_client,
        f"/api/appointments/posts/{made.pk}/campaigns",
        {"vacancies": 1, "advert": "A", "opens_on": "2030-02-01", "closes_on": "2030-01-01"},
    )

    assert response.status_code == 422 and "closes_on" in response.json()["errors"]
    assert counts(*TRACKED) == before


def test_edits_read_at_an_older_version_are_412_with_what_changed(lead_client: Any, world: World) -> None:
    """X-5: a post and a campaign changed by someone else since they were read are not
    overwritten: 412 naming the change in the page's words, whether the version came back in
    the body (`read_version`) or as If-Match; with the new version the edit goes through."""
    campaign = make_campaign(world)
    read_post = lead_client.get(f"/api/appointments/posts/{campaign.post_id}").json()
    campaign_read = lead_client.get(f"/api/appointments/campaigns/{campaign.pk}")
    read_campaign, read_campaign_tag = campaign_read.json(), campaign_read["ETag"]
    assert read_campaign_tag == f'"{read_campaign["read_version"]}"'  # one token, two places
    Post.objects.filter(pk=campaign.post_id).update(title="Renamed by someone else")
    Campaign.objects.filter(pk=campaign.pk).update(advert="Changed advert")
    before = counts(*TRACKED)

    body = {k: read_post[k] for k in post_body(world) if k in read_post} | {"title": "Mine"}
    stale_post = post(
        lead_client,
        f"/api/appointments/posts/{campaign.post_id}",
        body | {"read_version": read_post["read_version"]},
    )
    edit = {k: read_campaign[k] for k in ("vacancies", "opens_on", "closes_on", "interview_date")}
    campaign_tag = lead_client.get(f"/api/appointments/campaigns/{campaign.pk}")["ETag"]
    stale_campaign = lead_client.post(
        f"/api/appointments/campaigns/{campaign.pk}",
        edit | {"advert": "Mine"},
        content_type=JSON,
        headers={"If-Match": read_campaign_tag},
    )

    assert stale_post.status_code == 412
    assert stale_post.json()["errors"]["title"] == [
        f"title of the post {read_post['title']} → Renamed by someone else"
    ]
    assert stale_campaign.status_code == 412
    assert stale_campaign.json()["errors"]["advert"] == [f"advert {read_campaign['advert']} → Changed advert"]
    assert campaign_tag.strip('"') != read_campaign["read_version"]
    assert counts(*TRACKED) == before
    fresh = lead_client.get(f"/api/appointments/campaigns/{campaign.pk}").json()
    ok = post(
        lead_client,
        f"/api/appointments/campaigns/{campaign.pk}",
        edit | {"advert": "Mine", "read_version": fresh["read_version"]},
    )
    assert ok.status_code == 200 and ok.json()["advert"] == "Mine"


def test_the_round_is_the_leads_only(client_for: Any, world: World) -> None:
    """X-1: a PEC member and the PEC chair are refused every write of the round (403)."""
    campaign = make_campaign(world)
    clients = [client_for(role) for role in ("member", "pec_chair")]  # signing in is a ledger event
    before = counts(*TRACKED)
    for c in clients:
        assert (
            post(c, "/api/appointments/plans", {"title": "X", "target_date": "2030-01-01"}).status_code == 403
        )
        assert post(c, "/api/appointments/posts", post_body(world)).status_code == 403
        assert post(c, f"/api/appointments/campaigns/{campaign.pk}/complete").status_code == 403
        assert post(c, f"/api/appointments/campaigns/{campaign.pk}/panel", {}).status_code == 403
    assert counts(*TRACKED) == before


def test_a_panel_member_sifts_their_own_scores_only(world: World) -> None:
    """APP-3, APP-7: a panel member records their own sift; someone off the panel gets 404 for
    the application; a score off the scale is 422 and saves nothing."""
    rnd = make_round(world, applicants=1)
    application = rnd.applications[0]
    seat = rnd.seats[1]
    panel = signed_in(panel_user(seat))
    criteria = len(rnd.post.criteria)
    good = {"scores": [{"criterion": str(n), "score": 4} for n in range(1, criteria + 1)]}
    bad = {"scores": [{"criterion": str(n), "score": 9} for n in range(1, criteria + 1)]}

    off_scale = post(panel, f"/api/appointments/applications/{application.pk}/sift", bad)
    assert off_scale.status_code == 422 and "scores" in off_scale.json()["errors"]
    assert not SiftScore.objects.exists()
    sifted = post(panel, f"/api/appointments/applications/{application.pk}/sift", good)
    outsider = signed_in(world.users["member"])
    hidden = post(outsider, f"/api/appointments/applications/{application.pk}/sift", good)

    assert sifted.status_code == 200, sifted.content
    assert {s["scorer_id"] for s in sifted.json()} == {seat.person_id} and len(sifted.json()) == criteria
    assert hidden.status_code == 404
    assert SiftScore.objects.filter(scorer=seat.person).count() == criteria == SiftScore.objects.count()


def test_a_seat_comes_off_the_panel_and_a_chair_twice_is_refused(lead_client: Any, world: World) -> None:
    """APP-4: a second chair is 422 on is_chair; a seat with no scores comes off (204)."""
    rnd = make_round(world, applicants=1)
    spare = post(
        lead_client,
        f"/api/appointments/campaigns/{rnd.campaign.pk}/panel",
        {"person_id": world.people["member"].pk, "role": PanelRole.CLINICIAN, "is_chair": True},
    )
    assert spare.status_code == 422 and "is_chair" in spare.json()["errors"]

    removed = post(lead_client, f"/api/appointments/panel-seats/{rnd.seats[2].pk}/remove")

    assert removed.status_code == 204
    assert not PanelSeat.objects.filter(pk=rnd.seats[2].pk).exists()
