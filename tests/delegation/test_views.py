"""TOR pages over HTTP (TOR-1 to TOR-3, POL-3, X-1, X-4).

Forms are posted as the governance lead: a good post changes the record and redirects,
a bad one answers 400 with the NHS.UK error summary and its message, and saves nothing.
Other trust users see the pages but every change answers 403; another trust's lead
gets 404 for this trust's records.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from pecgov.delegation import services as ds
from pecgov.delegation.enums import FunctionGroup
from pecgov.delegation.models import Delegation, Function
from pecgov.policy.services import policy_choose_pack
from tests.delegation.helpers import delegate, give_lead, local, refused_post, rows, section
from tests.factories import START, SYSTEM, World
from tests.trust.helpers import date_fields, date_of, text

TODAY = timezone.localdate()
CATALOGUE = "/delegation/"
SCHEME = "/delegation/scheme/"


# The catalogue page (TOR-1) and its coverage (POL-3) -----------------------------------------


def test_catalogue_empty_shows_the_lead_the_seed_button(world: World, lead_client: Any) -> None:
    response = lead_client.get(CATALOGUE)

    page = text(response)
    assert response.status_code == 200
    assert '<form method="post" action="/delegation/seed/">' in page
    assert "Add the functions from the guidance" in page
    assert "Not checked yet: the trust has no functions catalogue." in page
    assert 'id="coverage-findings"' not in page


def test_catalogue_empty_tells_a_member_the_lead_has_not_set_it_up(world: World, client_for: Any) -> None:
    page = text(client_for("member").get(CATALOGUE))

    assert "The governance lead has not set up the functions catalogue yet." in page
    assert "/delegation/seed/" not in page
    assert "Add a local function" not in page


def test_catalogue_seed_post_adds_the_guidance_and_shows_the_findings(world: World, lead_client: Any) -> None:
    response = lead_client.post("/delegation/seed/")

    assert response.status_code == 302
    assert response["Location"] == CATALOGUE
    added = Function.objects.filter(trust=world.trust).count()
    assert added == len(ds.catalogue_entries())
    page = text(lead_client.get(CATALOGUE))
    assert f"Added {added} functions from the guidance." in page
    assert "Add the functions from the guidance" not in page
    findings = section(page, "coverage-findings")
    assert re.findall(r'data-rule="([\w.]+)" data-status="(\w+)"', findings) == [
        ("coverage.vision", "fail"),
        ("coverage.commissioning", "fail"),
        ("coverage.clinical_effectiveness", "fail"),
        ("coverage.communications", "fail"),
    ]
    assert "4 key groups not delegated and led." in page
    vision = page[page.index('id="group-vision"') : page.index('id="group-commissioning"')]
    assert "Giving short, medium and long term direction and vision" in vision


def test_catalogue_seed_by_a_member_is_forbidden(world: World, client_for: Any) -> None:
    response = client_for("member").post("/delegation/seed/")

    assert response.status_code == 403
    assert Function.objects.count() == 0


def test_catalogue_shows_delegations_leads_and_the_passing_group(world: World, client_for: Any) -> None:
    function = local(world)
    delegate(function, world.pec, board_reference="Board minute 2020/41")
    give_lead(world, function)

    page = text(client_for("member").get(CATALOGUE))

    row = page[page.index(f'id="function-{function.pk}"') :].split("</tr>", 1)[0]
    assert (
        "Professional Executive Committee: to decide on the Board's behalf, since 1 April 2020 "
        "(Board minute 2020/41)" in row
    )
    assert world.people["member"].name in row
    assert 'data-rule="coverage.vision" data-status="pass"' in page
    assert "3 key groups not delegated and led." in page
    assert "/delegation/functions/" not in page  # a member has no change links


def test_catalogue_key_groups_follow_the_alliance_framework(world: World, lead_client: Any) -> None:
    policy_choose_pack(actor=SYSTEM, trust=world.trust, pack="alliance2006")
    local(world, name="Developing joint strategies", group=FunctionGroup.COMMUNICATIONS)

    page = text(lead_client.get(CATALOGUE))

    headings = re.findall(r'<h2 id="group-(\w+)-heading">[^<]*(<strong[^>]*>\s*Key group\s*</strong>)?', page)
    assert [(group, bool(tag)) for group, tag in headings] == [
        ("vision", True),
        ("commissioning", True),
        ("probity", True),
        ("clinical_effectiveness", True),
        ("accountability", True),
        ("communications", False),
    ]
    assert len(re.findall(r'data-rule="coverage\.', page)) == 5
    assert 'Alliance "The Roles"' in page


def test_catalogue_leaves_out_retired_functions(world: World, lead_client: Any) -> None:
    function = local(world, name="Old function")
    ds.function_update(actor=SYSTEM, function=function, retired_on=TODAY)

    page = text(lead_client.get(CATALOGUE))

    assert "Old function" not in page


# Adding, editing and retiring functions (TOR-1) ---------------------------------------------


def test_function_create_valid_post_adds_the_function(world: World, lead_client: Any) -> None:
    data = {"group": "clinical_effectiveness", "name": "Medicines management", "description": "Prescribing"}

    response = lead_client.post("/delegation/functions/new/", data)

    function = Function.objects.get(trust=world.trust, name="Medicines management")
    assert response.status_code == 302
    assert response["Location"] == f"{CATALOGUE}#function-{function.pk}"
    assert (function.group, function.description, function.source) == (
        "clinical_effectiveness",
        "Prescribing",
        "Local",
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {"group": "", "name": "  "},
            [
                "Select the group the function belongs to",
                "Enter the function, for example 'Leading on unscheduled care'",
            ],
        ),
        ({"group": "sport", "name": "Football"}, ["Select the group the function belongs to"]),
        (
            {"group": "vision", "name": "Leading on unscheduled care"},
            ["This group already has a function with this name"],
        ),
    ],
    ids=["blank", "unknown group", "duplicate"],
)
def test_function_create_bad_post_is_refused(
    world: World, lead_client: Any, data: dict[str, str], expected: list[str]
) -> None:
    local(world)

    refused_post(lead_client, "/delegation/functions/new/", data, expected)


def test_function_edit_shows_the_function_and_saves_changes(world: World, lead_client: Any) -> None:
    function = local(world)
    url = f"/delegation/functions/{function.pk}/edit/"
    assert 'value="Leading on unscheduled care"' in text(lead_client.get(url))

    response = lead_client.post(
        url, {"group": "commissioning", "name": "Unscheduled care", "description": ""}
    )

    function.refresh_from_db()
    assert response.status_code == 302
    assert (function.group, function.name) == ("commissioning", "Unscheduled care")


def test_function_edit_to_a_taken_name_is_refused(world: World, lead_client: Any) -> None:
    local(world, name="Taken")
    function = local(world)

    refused_post(
        lead_client,
        f"/delegation/functions/{function.pk}/edit/",
        {"group": "vision", "name": "Taken"},
        ["This group already has a function with this name"],
    )
    function.refresh_from_db()
    assert function.name == "Leading on unscheduled care"


def test_function_retire_while_delegated_is_refused(world: World, lead_client: Any) -> None:
    function = local(world)
    delegate(function, world.pec)

    refused_post(
        lead_client,
        f"/delegation/functions/{function.pk}/retire/",
        date_of("retired_on", TODAY),
        ["End the function's delegations before retiring it: it is still delegated"],
    )


def test_function_retire_without_a_date_is_refused(world: World, lead_client: Any) -> None:
    function = local(world)

    refused_post(
        lead_client,
        f"/delegation/functions/{function.pk}/retire/",
        date_fields("retired_on", "", "", ""),
        ["Enter the date the function is retired"],
    )


def test_function_retire_valid_post_retires_it(world: World, lead_client: Any) -> None:
    function = local(world)

    response = lead_client.post(f"/delegation/functions/{function.pk}/retire/", date_of("retired_on", TODAY))

    function.refresh_from_db()
    assert response.status_code == 302
    assert function.retired_on == TODAY
    assert f"Leading on unscheduled care is retired from {TODAY:%-d %B %Y}." in text(
        lead_client.get(CATALOGUE)
    )


# Delegating a function (TOR-1) ------------------------------------------------------------------


def test_delegation_create_form_offers_committees_but_not_the_board(world: World, lead_client: Any) -> None:
    function = local(world)

    page = text(lead_client.get(f"/delegation/functions/{function.pk}/delegate/"))

    assert f'<option value="{world.pec.pk}"' in page
    assert f'<option value="{world.board.pk}"' not in page
    assert "To decide on the Board's behalf" in page


def test_delegation_create_valid_post_delegates(world: World, lead_client: Any) -> None:
    function = local(world)
    data = {
        "committee": world.pec.pk,
        "authority": "recommend",
        **date_of("start_date", START),
        "board_reference": "Board minute 2020/41",
    }

    response = lead_client.post(f"/delegation/functions/{function.pk}/delegate/", data)

    assert response.status_code == 302
    delegation = Delegation.objects.get(function=function)
    assert (
        delegation.committee,
        delegation.authority,
        delegation.start_date,
        delegation.board_reference,
    ) == (
        world.pec,
        "recommend",
        START,
        "Board minute 2020/41",
    )


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"committee": "", "authority": "", **date_fields("start_date", "", "", "")},
            [
                "Select the committee the Board delegates to",
                "Select the authority the committee is given",
                "Enter the date the delegation starts",
            ],
        ),
        ({"committee": "board"}, ["Select a committee of this trust"]),
        ({"committee": "other"}, ["Select a committee of this trust"]),
        ({"authority": "veto"}, ["Select the authority the committee is given"]),
        (date_fields("start_date", 31, 2, 2020), ["Start date must be a real date, for example 15 3 2007"]),
        (
            {"again": True},
            ["Professional Executive Committee already holds this function: end that delegation first"],
        ),
    ],
    ids=["blank", "the Board", "another trust's committee", "unknown authority", "impossible date", "twice"],
)
def test_delegation_create_bad_post_is_refused(
    world: World, other_world: World, lead_client: Any, change: dict[str, Any], expected: list[str]
) -> None:
    function = local(world)
    if change.pop("again", False):
        delegate(function, world.pec)
    committees = {"board": world.board.pk, "other": other_world.pec.pk}
    data = {"committee": world.pec.pk, "authority": "decide", **date_of("start_date", START)} | change
    data["committee"] = committees.get(str(data["committee"]), data["committee"])

    refused_post(lead_client, f"/delegation/functions/{function.pk}/delegate/", data, expected)


def test_delegation_end_valid_post_ends_it(world: World, lead_client: Any) -> None:
    delegation = delegate(local(world), world.pec)

    response = lead_client.post(f"/delegation/delegations/{delegation.pk}/end/", date_of("end_date", TODAY))

    delegation.refresh_from_db()
    assert response.status_code == 302
    assert delegation.end_date == TODAY


def test_delegation_end_before_it_started_is_refused(world: World, lead_client: Any) -> None:
    delegation = delegate(local(world), world.pec)

    refused_post(
        lead_client,
        f"/delegation/delegations/{delegation.pk}/end/",
        date_of("end_date", START - dt.timedelta(days=1)),
        ["The delegation cannot end before it started"],
    )


# Who may change what (X-1) ------------------------------------------------------------------------


def change_urls(world: World) -> list[str]:
    function = local(world)
    delegation = delegate(function, world.pec)
    lead = give_lead(world, function)
    return [
        "/delegation/functions/new/",
        f"/delegation/functions/{function.pk}/edit/",
        f"/delegation/functions/{function.pk}/retire/",
        f"/delegation/functions/{function.pk}/delegate/",
        f"/delegation/delegations/{delegation.pk}/end/",
        "/delegation/leads/new/",
        f"/delegation/leads/{lead.pk}/end/",
        "/delegation/scheme/business_case/edit/",
    ]


@pytest.mark.parametrize("role", ["member", "pec_chair", "chief_executive", "practice_lead"])
def test_trust_users_see_the_pages_but_cannot_change_anything(
    world: World, client_for: Any, role: str
) -> None:
    client = client_for(role)
    urls = change_urls(world)
    before = rows()

    seen = [client.get(url).status_code for url in (CATALOGUE, "/delegation/leads/", SCHEME)]
    gets = [client.get(url).status_code for url in urls]
    posts = [client.post(url, {"name": "X", "group": "vision", "reason": "X"}).status_code for url in urls]

    assert seen == [200, 200, 200]
    assert gets == [403] * len(urls)
    assert posts == [403] * len(urls)
    assert rows() == before


def test_another_trusts_lead_gets_not_found_and_changes_nothing(
    world: World, other_world: World, client_for: Any
) -> None:
    from django.test import Client

    client = Client()
    client.force_login(other_world.users["governance_lead"])
    urls = [u for u in change_urls(world) if re.search(r"/\d+/", u)]
    before = rows()

    statuses = [
        client.post(url, date_of("end_date", TODAY) | {"name": "X", "group": "vision"}).status_code
        for url in urls
    ]

    assert statuses == [404] * len(urls)
    assert rows() == before


# POL-3 on the PEC's committee page ------------------------------------------------------------------


def test_committee_page_without_a_catalogue_says_functions_are_not_checked(
    world: World, client_for: Any
) -> None:
    page = text(client_for("pec_chair").get(f"/committees/{world.pec.pk}/"))

    functions = section(page, "functions")
    assert '<h2 id="functions-heading">Functions delegated and led</h2>' in functions
    assert "Not checked yet: the trust has no functions catalogue." in functions
    assert 'href="/delegation/"' in functions
    assert "Every rule is met." in page  # the composition findings are unchanged


def test_committee_page_shows_function_coverage_beside_composition(world: World, client_for: Any) -> None:
    function = local(world)
    delegate(function, world.pec)
    give_lead(world, function)

    page = text(client_for("pec_chair").get(f"/committees/{world.pec.pk}/"))

    functions = page[page.index('id="functions"') :].split("</section>", 1)[0]
    assert re.findall(r'data-rule="([\w.]+)" data-status="(\w+)"', functions) == [
        ("coverage.vision", "pass"),
        ("coverage.commissioning", "fail"),
        ("coverage.clinical_effectiveness", "fail"),
        ("coverage.communications", "fail"),
    ]
    assert "3 key groups not delegated and led." in functions
    assert '<a href="/delegation/">See the functions and their delegations</a>' in functions
    assert "Every rule is met." in page


def test_committee_page_of_another_committee_has_no_function_coverage(world: World, client_for: Any) -> None:
    local(world)

    page = text(client_for("pec_chair").get(f"/committees/{world.board.pk}/"))

    assert 'id="functions"' not in page
