"""Plans and business cases over the API (PUB-2; PBC-1, PBC-2, PBC-4, X-1).

A practice lead sees only their own organisation's cases; a case they may not see, or
another trust's, is 404. Submitting goes through the service: routed at once, refused
whole with each field's message. Session POSTs need a CSRF token; bearer tokens do not.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pecgov.api.models import ApiToken
from pecgov.api.tokens import token_create
from pecgov.commissioning import queries
from pecgov.commissioning import services as cs
from pecgov.commissioning.models import BusinessCase
from pecgov.meetings import services as ms
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation
from tests.api.test_api import TRUST_ROLES, bearer
from tests.commissioning.pdfs import real_pdf
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import SYSTEM, World, make_org
from tests.meeting_factories import attend_all, make_meeting

PIPELINE_ROLES = [role for role in TRUST_ROLES if role != "practice_lead"]
EXTRA = 29


@pytest.fixture
def pbc(world: World) -> Commissioning:
    return make_commissioning(world)


@pytest.fixture
def neighbour(world: World, pbc: Commissioning) -> Organisation:
    """Another practice in the trust, which the world's practice lead does not lead."""
    return make_org(world.trust, OrganisationKind.PRACTICE, "Neighbouring Surgery")


def ids_of(response: Any) -> set[int]:
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def payload(world: World, **changes: Any) -> dict[str, Any]:
    return {
        "kind": "business_case",
        "submitter_id": world.practice.pk,
        "title": "Community diabetes clinic",
        "service": "A nurse-led diabetes clinic for the practice's patients",
        "value": 120_000,
        "patient_focus": "Care closer to home in the most deprived wards",
        "evidence": "Audit of 2006 referrals",
    } | changes


def post_case(api_client: Any, body: dict[str, Any], **headers: Any) -> Any:
    return api_client.post("/api/cases", json.dumps(body), content_type="application/json", **headers)


# GET /api/cases


def test_cases_api_lists_the_trusts_cases_for_the_governance_lead(
    lead_client: Any, world: World, other_world: World, neighbour: Organisation
) -> None:
    own = submit_case(world)
    theirs = submit_case(world, submitter=neighbour)
    make_commissioning(other_world)
    elsewhere = submit_case(other_world)

    found = ids_of(lead_client.get("/api/cases"))

    assert found == {own.pk, theirs.pk}
    assert elsewhere.pk not in found


def test_cases_api_practice_lead_sees_only_their_practices_cases(
    client_for: Any, world: World, neighbour: Organisation
) -> None:
    own = submit_case(world)
    submit_case(world, submitter=neighbour)

    found = ids_of(client_for("practice_lead").get("/api/cases"))

    assert found == {own.pk}


def test_cases_api_rows_have_the_route_and_dates(lead_client: Any, world: World, pbc: Commissioning) -> None:
    case = submit_case(world, value=120_000)

    (row,) = lead_client.get("/api/cases").json()["items"]

    assert row == {
        "id": case.pk,
        "reference": case.reference,
        "kind": "business_case",
        "title": case.title,
        "value": 120_000,
        "status": "submitted",
        "status_label": "Submitted",
        "submitter_id": world.practice.pk,
        "submitter": world.practice.name,
        "submitted_on": case.submitted_on.isoformat(),
        "target_date": case.target_date.isoformat(),
        "decider": "pbc_approvals",
        "decider_label": "The PBC approvals committee",
        "committee_id": pbc.approvals.pk,
        "decided_on": None,
    }


def test_cases_api_filters_by_status(lead_client: Any, world: World, pbc: Commissioning) -> None:
    waiting = submit_case(world, value=120_000)
    small = submit_case(world, value=10_000)
    scrutinise(small, world)
    cs.director_decide(actor=SYSTEM, case=small, outcome="approved", reasons="Good value")

    assert ids_of(lead_client.get("/api/cases", {"status": "open"})) == {waiting.pk}
    assert ids_of(lead_client.get("/api/cases", {"status": "closed"})) == {small.pk}
    assert ids_of(lead_client.get("/api/cases", {"status": "approved"})) == {small.pk}
    assert ids_of(lead_client.get("/api/cases", {"status": "submitted"})) == {waiting.pk}


def test_cases_api_unknown_status_is_refused(lead_client: Any, world: World, pbc: Commissioning) -> None:
    response = lead_client.get("/api/cases", {"status": "lost"})

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["status"]


def test_cases_api_paginates(lead_client: Any, world: World, pbc: Commissioning) -> None:
    for value in (1_000, 2_000, 3_000):
        submit_case(world, value=value)
    everything = lead_client.get("/api/cases").json()

    page = lead_client.get("/api/cases", {"limit": 1, "offset": 1}).json()

    assert page["count"] == everything["count"] == 3
    assert page["items"] == everything["items"][1:2]


def test_cases_api_anonymous_is_unauthorised_and_applicant_forbidden(
    client_for: Any, world: World, pbc: Commissioning
) -> None:
    case = submit_case(world)

    statuses = {
        (role, path): client_for(role).get(path).status_code
        for role in ("anonymous", "applicant")
        for path in ("/api/cases", f"/api/cases/{case.pk}")
    }

    assert statuses == {
        ("anonymous", "/api/cases"): 401,
        ("anonymous", f"/api/cases/{case.pk}"): 401,
        ("applicant", "/api/cases"): 403,
        ("applicant", f"/api/cases/{case.pk}"): 403,
    }


# GET /api/cases/{case_id}


@pytest.mark.parametrize("role", TRUST_ROLES)
def test_case_api_every_trust_role_reads_a_case_it_may_see(
    client_for: Any, world: World, pbc: Commissioning, role: str
) -> None:
    case = submit_case(world)

    response = client_for(role).get(f"/api/cases/{case.pk}")

    assert response.status_code == 200
    assert response.json()["reference"] == case.reference


def test_case_api_other_practices_case_is_not_found_for_a_practice_lead(
    client_for: Any, world: World, neighbour: Organisation
) -> None:
    theirs = submit_case(world, submitter=neighbour)

    response = client_for("practice_lead").get(f"/api/cases/{theirs.pk}")

    assert response.status_code == 404


def test_case_api_other_trusts_case_is_not_found(lead_client: Any, world: World, other_world: World) -> None:
    make_commissioning(other_world)
    elsewhere = submit_case(other_world)

    response = lead_client.get(f"/api/cases/{elsewhere.pk}")

    assert response.status_code == 404


def test_case_api_missing_case_is_not_found(lead_client: Any, world: World, pbc: Commissioning) -> None:
    assert lead_client.get("/api/cases/999999").status_code == 404


def test_case_api_shows_route_timing_and_scrutiny(lead_client: Any, world: World, pbc: Commissioning) -> None:
    case = submit_case(world, value=120_000)
    scrutinise(case, world)
    cs.document_add(
        actor=SYSTEM,
        case=case,
        title="Referral audit",
        upload=SimpleUploadedFile("audit.pdf", real_pdf(b"audit"), content_type="application/pdf"),
    )

    body = lead_client.get(f"/api/cases/{case.pk}").json()

    assert body["route"] == {
        "decider": "pbc_approvals",
        "decider_label": "The PBC approvals committee",
        "reason": case.route_reason,
        "scheme_version": 1,
        "committee_id": pbc.approvals.pk,
        "committee": pbc.approvals.name,
    }
    assert (body["status"], body["holder"]) == ("scrutiny", "Governance lead and scrutineers")
    assert body["timing"] == {
        "days": 0,
        "target_days": (case.target_date - case.submitted_on).days,
        "target_date": case.target_date.isoformat(),
        "late": False,
        "warning": (
            f"No meeting of {pbc.approvals.name} is scheduled: schedule one before "
            f"{case.target_date:%-d %B %Y}."
        ),
    }
    assert len(body["scrutiny"]) == case.scrutiny.count()  # one row per criterion in force
    assert {(s["aspect"], s["assessment"], s["assessor"]) for s in body["scrutiny"]} == {
        ("clinical", "met", world.people["member"].name),
        ("organisational", "met", world.people["member"].name),
    }
    assert body["scrutiny_complete"] is True
    assert [d["title"] for d in body["documents"]] == ["Referral audit"]
    assert body["decision"] is None


def test_case_api_says_a_case_past_its_target_is_late(
    lead_client: Any, world: World, pbc: Commissioning
) -> None:
    long_ago = timezone.localdate() - dt.timedelta(days=200)
    case = submit_case(world, submitted_on=long_ago)

    timing = lead_client.get(f"/api/cases/{case.pk}").json()["timing"]

    assert timing["days"] == 200
    assert timing["late"] is True


def test_case_api_shows_the_next_meeting_able_to_decide(
    lead_client: Any, world: World, pbc: Commissioning
) -> None:
    meeting = make_meeting(pbc.approvals, days=10)
    case = submit_case(world)

    body = lead_client.get(f"/api/cases/{case.pk}").json()

    assert body["next_meeting"] == timezone.localtime(meeting.starts_at).date().isoformat()
    assert body["timing"]["warning"] == ""


def test_case_api_shows_the_directors_decision(lead_client: Any, world: World, pbc: Commissioning) -> None:
    case = submit_case(world, value=10_000)
    scrutinise(case, world)
    cs.director_decide(actor=SYSTEM, case=case, outcome="rejected", reasons="Duplicates the existing service")

    body = lead_client.get(f"/api/cases/{case.pk}").json()

    assert body["status"] == "rejected"
    assert body["route"]["decider"] == "executive_director"
    assert body["decision"] == {
        "by": "executive_director",
        "decider": "An executive director",
        "outcome": "rejected",
        "reasons": "Duplicates the existing service",
        "decided_on": timezone.localdate().isoformat(),
        "meeting_id": None,
        "item_id": None,
    }


def test_case_api_shows_the_committees_decision(lead_client: Any, world: World, pbc: Commissioning) -> None:
    case = submit_case(world, value=120_000)
    scrutinise(case, world)
    meeting = make_meeting(pbc.approvals, days=3)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    attend_all(meeting, [m.person for m in pbc.approvals.memberships.select_related("person")])
    ms.item_decide(
        actor=SYSTEM, item=item, outcome="approved", contribution="debated_agreed", reasons="Sound evidence"
    )

    body = lead_client.get(f"/api/cases/{case.pk}").json()

    assert (body["status"], body["meeting_id"], body["item_id"]) == ("approved", meeting.pk, item.pk)
    assert body["decision"] == {
        "by": "committee",
        "decider": pbc.approvals.name,
        "outcome": "approved",
        "reasons": "Sound evidence",
        "decided_on": timezone.localtime(meeting.starts_at).date().isoformat(),
        "meeting_id": meeting.pk,
        "item_id": item.pk,
    }


# POST /api/cases


def test_submit_api_creates_a_routed_case(lead_client: Any, world: World, pbc: Commissioning) -> None:
    before = BusinessCase.objects.count()

    response = post_case(lead_client, payload(world, value=120_000))

    body = response.json()
    assert response.status_code == 201, body
    assert BusinessCase.objects.count() == before + 1
    case = BusinessCase.objects.get(pk=body["id"])
    assert (case.trust_id, case.submitter_id, case.value, case.submitted_by) == (
        world.trust.pk,
        world.practice.pk,
        120_000,
        world.users["governance_lead"],
    )
    assert body["route"]["decider"] == case.decider == "pbc_approvals"
    assert body["route"]["reason"] == case.route_reason
    assert body["status"] == "submitted"


@pytest.mark.parametrize(("value", "decider"), [(50_000, "executive_director"), (2_000_000, "board")])
def test_submit_api_routes_by_value(
    lead_client: Any, world: World, pbc: Commissioning, value: int, decider: str
) -> None:
    response = post_case(lead_client, payload(world, value=value))

    assert response.json()["route"]["decider"] == decider


def test_submit_api_practice_lead_submits_for_their_practice(
    client_for: Any, world: World, pbc: Commissioning
) -> None:
    response = post_case(client_for("practice_lead"), payload(world))

    assert response.status_code == 201
    assert BusinessCase.objects.get(pk=response.json()["id"]).submitter_id == world.practice.pk


def test_submit_api_practice_lead_cannot_submit_for_another_practice(
    client_for: Any, world: World, neighbour: Organisation
) -> None:
    before = BusinessCase.objects.count()

    response = post_case(client_for("practice_lead"), payload(world, submitter_id=neighbour.pk))

    assert response.status_code == 403
    assert BusinessCase.objects.count() == before


@pytest.mark.parametrize("role", ["member", "pec_chair", "executive_director", "applicant"])
def test_submit_api_roles_that_do_not_submit_are_forbidden(
    client_for: Any, world: World, pbc: Commissioning, role: str
) -> None:
    response = post_case(client_for(role), payload(world))

    assert response.status_code == 403
    assert BusinessCase.objects.count() == 0


def test_submit_api_anonymous_is_unauthorised(client_for: Any, world: World, pbc: Commissioning) -> None:
    response = post_case(client_for("anonymous"), payload(world))

    assert response.status_code == 401
    assert BusinessCase.objects.count() == 0


def test_submit_api_missing_value_says_to_enter_it(
    lead_client: Any, world: World, pbc: Commissioning
) -> None:
    body = payload(world)
    del body["value"]

    response = post_case(lead_client, body)

    assert response.status_code == 422
    assert response.json()["errors"] == {"value": ["Enter the value of the case in pounds"]}
    assert BusinessCase.objects.count() == 0


def test_submit_api_negative_value_is_refused(lead_client: Any, world: World, pbc: Commissioning) -> None:
    response = post_case(lead_client, payload(world, value=-5))

    assert response.status_code == 422
    assert response.json()["errors"] == {
        "value": ["The value must be more than £0: enter the value in whole pounds, like 45000"]
    }
    assert BusinessCase.objects.count() == 0


@pytest.mark.parametrize("value", ["lots", 12.5, True])
def test_submit_api_value_that_is_not_whole_pounds_is_refused(
    lead_client: Any, world: World, pbc: Commissioning, value: Any
) -> None:
    response = post_case(lead_client, payload(world, value=value))

    assert response.status_code == 422
    assert BusinessCase.objects.count() == 0


def test_submit_api_empty_case_names_every_missing_field(
    lead_client: Any, world: World, pbc: Commissioning
) -> None:
    response = post_case(lead_client, {"submitter_id": world.practice.pk})

    assert response.status_code == 422
    assert set(response.json()["errors"]) == {
        "kind",
        "title",
        "service",
        "value",
        "patient_focus",
        "evidence",
    }
    assert BusinessCase.objects.count() == 0


def test_submit_api_submitter_in_another_trust_is_refused(
    lead_client: Any, world: World, other_world: World, pbc: Commissioning
) -> None:
    response = post_case(lead_client, payload(world, submitter_id=other_world.practice.pk))

    assert response.status_code == 422
    assert list(response.json()["errors"]) == ["submitter"]
    assert BusinessCase.objects.count() == 0


def test_submit_api_without_a_scheme_says_to_adopt_one(lead_client: Any, world: World) -> None:
    response = post_case(lead_client, payload(world))

    assert response.status_code == 422
    assert "Ask the governance lead to adopt one" in response.json()["errors"]["__all__"][0]
    assert BusinessCase.objects.count() == 0


# CSRF and bearer tokens on POST


def test_submit_api_session_post_without_csrf_token_is_refused(world: World, pbc: Commissioning) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["governance_lead"])

    response = post_case(browser, payload(world))

    assert response.status_code == 403
    assert BusinessCase.objects.count() == 0


def test_submit_api_session_post_with_csrf_token_succeeds(world: World, pbc: Commissioning) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.users["governance_lead"])
    browser.get(reverse("api_tokens"))  # any page with a form sets the CSRF cookie
    token = browser.cookies["csrftoken"].value

    response = post_case(browser, payload(world), headers={"X-CSRFToken": token})

    assert response.status_code == 201
    assert BusinessCase.objects.count() == 1


def test_submit_api_bearer_token_needs_no_csrf_token(world: World, pbc: Commissioning) -> None:
    _token, key = token_create(actor=SYSTEM, user=world.users["practice_lead"], name="practice system")
    caller = Client(enforce_csrf_checks=True)

    response = post_case(caller, payload(world), headers=bearer(key))

    assert response.status_code == 201
    case = BusinessCase.objects.get()
    assert case.submitted_by == world.users["practice_lead"]


def test_submit_api_bearer_token_keeps_the_users_limits(
    world: World, neighbour: Organisation, pbc: Commissioning
) -> None:
    _token, key = token_create(actor=SYSTEM, user=world.users["practice_lead"], name="practice system")
    caller = Client(enforce_csrf_checks=True)

    response = post_case(caller, payload(world, submitter_id=neighbour.pk), headers=bearer(key))

    assert response.status_code == 403
    assert response.json() == {"detail": "You can only submit cases for your own practice or PBC group."}
    assert BusinessCase.objects.count() == 0


def test_submit_api_revoked_token_cannot_submit(world: World, pbc: Commissioning) -> None:
    token, key = token_create(actor=SYSTEM, user=world.users["governance_lead"], name="old system")
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    caller = Client(enforce_csrf_checks=True)

    response = post_case(caller, payload(world), headers=bearer(key))

    assert response.status_code == 401
    assert BusinessCase.objects.count() == 0


# GET /api/pipeline (PBC-4)


@pytest.mark.parametrize("role", PIPELINE_ROLES)
def test_pipeline_api_is_for_those_who_see_the_pipeline(
    client_for: Any, world: World, pbc: Commissioning, role: str
) -> None:
    submit_case(world)

    assert client_for(role).get("/api/pipeline").status_code == 200


@pytest.mark.parametrize(("role", "status"), [("practice_lead", 403), ("applicant", 403), ("anonymous", 401)])
def test_pipeline_api_is_refused_to_others(
    client_for: Any, world: World, pbc: Commissioning, role: str, status: int
) -> None:
    submit_case(world)

    assert client_for(role).get("/api/pipeline").status_code == status


def test_pipeline_api_holds_open_cases_of_the_trust_only(
    lead_client: Any, world: World, other_world: World, pbc: Commissioning
) -> None:
    waiting = submit_case(world, value=120_000)
    closed = submit_case(world, value=10_000)
    cs.case_withdraw(actor=SYSTEM, case=closed, reason="No longer needed")
    make_commissioning(other_world)
    elsewhere = submit_case(other_world)

    found = ids_of(lead_client.get("/api/pipeline"))

    assert found == {waiting.pk}
    assert elsewhere.pk not in found


def test_pipeline_api_rows_match_the_pipeline_query(
    lead_client: Any, world: World, pbc: Commissioning
) -> None:
    late = submit_case(world, value=120_000, submitted_on=timezone.localdate() - dt.timedelta(days=100))
    small = submit_case(world, value=10_000)
    scrutinise(small, world)
    make_meeting(pbc.approvals, days=400)
    expected = {row.case.pk: row for row in queries.pipeline(world.trust.pk)}

    items = lead_client.get("/api/pipeline").json()["items"]

    assert [item["id"] for item in items] == list(expected)
    got = {item["id"]: item for item in items}
    assert (got[late.pk]["stage"], got[late.pk]["late"], got[late.pk]["days"]) == ("Submitted", True, 100)
    assert got[late.pk]["holder"] == "Governance lead and scrutineers"
    assert got[late.pk]["warning"] == expected[late.pk].timing.warning != ""
    assert got[late.pk]["next_meeting"] == expected[late.pk].next_meeting.isoformat()
    assert (got[small.pk]["stage"], got[small.pk]["holder"]) == (
        "With the executive director",
        "The executive director",
    )
    assert (got[small.pk]["late"], got[small.pk]["warning"], got[small.pk]["next_meeting"]) == (
        False,
        "",
        None,
    )


def test_pipeline_api_filters(lead_client: Any, world: World, pbc: Commissioning) -> None:
    late = submit_case(world, value=120_000, submitted_on=timezone.localdate() - dt.timedelta(days=100))
    small = submit_case(world, value=10_000)

    assert ids_of(lead_client.get("/api/pipeline", {"late": "true"})) == {late.pk}
    assert ids_of(lead_client.get("/api/pipeline", {"decider": "executive_director"})) == {small.pk}
    assert ids_of(lead_client.get("/api/pipeline", {"status": "submitted"})) == {late.pk, small.pk}
    assert lead_client.get("/api/pipeline", {"decider": "nobody"}).status_code == 422


# Query counts (STYLE habit 3)


def add_cases(world: World, pbc: Commissioning) -> None:
    """Cases at several stages: waiting, with the director, on a meeting's agenda, closed."""
    meeting = make_meeting(pbc.approvals, days=5)
    for i in range(EXTRA):
        case = submit_case(world, value=10_000 if i % 3 == 0 else 120_000 + i)
        if i % 3 == 0:
            scrutinise(case, world)
        elif i % 3 == 1:
            scrutinise(case, world)
            cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)


def count_queries(api_client: Any, url: str) -> tuple[int, Any]:
    with CaptureQueriesContext(connection) as captured:
        response = api_client.get(url)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


@pytest.mark.parametrize("url", ["/api/cases", "/api/pipeline"])
def test_cases_api_query_count_is_constant(
    lead_client: Any, world: World, pbc: Commissioning, url: str
) -> None:
    submit_case(world)
    lead_client.get(url)  # warm caches so only per-request queries count

    few, few_body = count_queries(lead_client, url)
    add_cases(world, pbc)
    many, many_body = count_queries(lead_client, url)

    assert many_body["count"] == few_body["count"] + EXTRA
    assert many == few


def test_cases_api_query_count_is_constant_for_a_practice_lead(
    client_for: Any, world: World, pbc: Commissioning
) -> None:
    practice_lead = client_for("practice_lead")
    submit_case(world)
    practice_lead.get("/api/cases")

    few, few_body = count_queries(practice_lead, "/api/cases")
    add_cases(world, pbc)
    many, many_body = count_queries(practice_lead, "/api/cases")

    assert many_body["count"] == few_body["count"] + EXTRA
    assert many == few
