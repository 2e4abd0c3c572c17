"""Lead areas (TOR-3) and the scheme of delegation (TOR-2) over HTTP (X-1, X-4).

Forms are posted as the governance lead: a good post changes the record and redirects, a bad
one answers 400 with the NHS.UK error summary and its message, and saves nothing. The
"Who decides?" tester answers any question without a server error.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from pecgov.delegation import scheme as engine
from pecgov.delegation import services as ds
from pecgov.delegation.models import LeadArea, Scheme
from pecgov.delegation.queries import current_scheme
from pecgov.trust.enums import Profession
from tests.delegation.helpers import give_lead, local, refused_post, section, summary_of
from tests.factories import START, SYSTEM, World, make_person
from tests.trust.helpers import date_fields, date_of, text

TODAY = timezone.localdate()
SCHEME = "/delegation/scheme/"


# Lead areas and tasks (TOR-3) ---------------------------------------------------------------------


def test_lead_list_shows_leads_and_members_without_one(world: World, client_for: Any) -> None:
    give_lead(world, area="Urgent care")
    give_lead(world, person_key="pec_chair", area="Prescribing")

    page = text(client_for("member").get("/delegation/leads/"))

    leads = section(page, "lead-areas")
    assert [name for name in re.findall(r'<a href="/people/\d+/">([^<]+)</a>', leads)] == sorted(
        [world.people["member"].name, world.people["pec_chair"].name]
    )
    assert "Urgent care" in leads and "Prescribing" in leads
    without = section(page, "without-lead")
    assert world.people["executive_director"].name in without
    assert world.people["member"].name not in without
    assert "/delegation/leads/new/" not in page


def test_lead_create_valid_post_takes_the_function_name(world: World, lead_client: Any) -> None:
    function = local(world)
    data = {
        "person": world.people["member"].pk,
        "function": function.pk,
        "area": "",
        "tasks": "Urgent care review",
        **date_of("start_date", START),
    }

    response = lead_client.post("/delegation/leads/new/", data)

    assert response.status_code == 302
    lead = LeadArea.objects.get()
    assert (lead.person, lead.function, lead.area, lead.tasks) == (
        world.people["member"],
        function,
        "Leading on unscheduled care",
        "Urgent care review",
    )


def test_lead_create_form_offers_only_people_with_a_seat(world: World, lead_client: Any) -> None:
    outsider = make_person(world.trust, Profession.GP, name="Dr No Seat")

    page = text(lead_client.get("/delegation/leads/new/"))

    assert f'<option value="{world.people["member"].pk}"' in page
    assert f'<option value="{outsider.pk}"' not in page


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"person": "outsider"}, ["Select a member of one of the trust's committees"]),
        ({"area": "", "function": ""}, ["Enter the lead area, or select the function it covers"]),
        (
            {"person": "", **date_fields("start_date", "", "", "")},
            ["Select the member who leads", "Enter the date the lead starts"],
        ),
        (
            date_of("start_date", START - dt.timedelta(days=1)),
            ["has no committee seat on that date: lead areas are for members"],
        ),
    ],
    ids=["no seat", "no area", "blank", "before the seat"],
)
def test_lead_create_bad_post_is_refused(
    world: World, lead_client: Any, change: dict[str, Any], expected: list[str]
) -> None:
    outsider = make_person(world.trust, Profession.GP, name="Dr No Seat")
    data = {
        "person": world.people["member"].pk,
        "area": "Urgent care",
        **date_of("start_date", START),
    } | change
    if data["person"] == "outsider":
        data["person"] = outsider.pk

    refused_post(lead_client, "/delegation/leads/new/", data, expected)


def test_lead_end_valid_post_ends_it(world: World, lead_client: Any) -> None:
    lead = give_lead(world, area="Urgent care")

    response = lead_client.post(f"/delegation/leads/{lead.pk}/end/", date_of("end_date", TODAY))

    lead.refresh_from_db()
    assert response.status_code == 302
    assert lead.end_date == TODAY


def test_lead_end_without_a_date_is_refused(world: World, lead_client: Any) -> None:
    lead = give_lead(world, area="Urgent care")

    refused_post(
        lead_client,
        f"/delegation/leads/{lead.pk}/end/",
        date_fields("end_date", "", "", ""),
        ["Enter the date the lead ends"],
    )


# The scheme of delegation (TOR-2) -------------------------------------------------------------------


def adopt(world: World) -> None:
    ds.scheme_adopt_default(actor=SYSTEM, trust=world.trust)


def test_scheme_page_without_a_scheme_offers_the_lead_the_starting_scheme(
    world: World, client_for: Any
) -> None:
    lead_page = text(client_for("governance_lead").get(SCHEME))
    member_page = text(client_for("member").get(SCHEME))

    assert '<form method="post" action="/delegation/scheme/adopt/">' in lead_page
    assert "Adopt the starting scheme" in lead_page
    assert "Adopt the starting scheme" not in member_page
    assert "No scheme is in force for a PBC business case yet." in member_page


def test_scheme_adopt_post_adopts_the_starting_scheme(world: World, lead_client: Any) -> None:
    response = lead_client.post("/delegation/scheme/adopt/")

    assert response.status_code == 302
    assert Scheme.objects.filter(trust=world.trust).count() == 2
    page = text(lead_client.get(SCHEME))
    bands = section(page, "bands-business_case")
    rows_seen = re.findall(
        r'<td\s+class="nhsuk-table__cell"\s+data-band="\d+"\s*>\s*([^<]+?)\s*</td>\s*'
        r'<td\s+class="nhsuk-table__cell"\s*>\s*([^<]+?)\s*</td>',
        bands,
    )
    assert rows_seen == [
        ("Up to £50,000", "An executive director"),
        ("£50,001 to £250,000", "The PBC approvals committee"),
        ("£250,001 to £1,000,000", "The PEC, recommending to the Board"),
        ("£1,000,001 or more", "The Board"),
    ]
    assert "Adopt the starting scheme" not in page


def test_scheme_adopt_post_by_a_member_is_forbidden(world: World, client_for: Any) -> None:
    assert client_for("member").post("/delegation/scheme/adopt/").status_code == 403
    assert Scheme.objects.count() == 0


@pytest.mark.parametrize(
    ("value", "decider", "reason"),
    [
        (
            "60000",
            "The PBC approvals committee",
            "A PBC business case of £60,000 falls in the band £50,001 to £250,000",
        ),
        (
            "£50,000",
            "An executive director",
            "A PBC business case of £50,000 falls in the band up to £50,000",
        ),
        ("1,000,001", "The Board", "A PBC business case of £1,000,001 falls in the band £1,000,001 or more"),
    ],
)
def test_scheme_who_decides_names_the_decider_and_why(
    world: World, client_for: Any, value: str, decider: str, reason: str
) -> None:
    adopt(world)

    response = client_for("member").get(SCHEME, {"kind": "business_case", "value": value})

    page = text(response)
    assert response.status_code == 200
    answer = page[page.index('id="route-answer"') :].split("</div>\n  </div>", 1)[0]
    assert f">{decider}</h3>" in answer
    assert reason in answer


@pytest.mark.parametrize(
    ("params", "message", "adopted"),
    [
        ({"kind": "business_case", "value": "lots"}, "Enter the value in whole pounds, like 60000", True),
        ({"kind": "business_case", "value": "12.50"}, "Enter the value in whole pounds, like 60000", True),
        ({"kind": "business_case", "value": ""}, "Enter the value in whole pounds, like 60000", True),
        ({"kind": "business_case", "value": "-5"}, "The value cannot be negative: enter £0 or more", True),
        (
            {"kind": "business_case", "value": str(10**20)},
            "The value is too large: enter the value in whole pounds, like 45000",
            True,
        ),
        ({"kind": "lunch", "value": "5"}, "Select the kind of decision", True),
        (
            {"kind": "business_case", "value": "5"},
            "No scheme of delegation is in force for a PBC business case yet",
            False,
        ),
    ],
    ids=["words", "pence", "blank", "negative", "too large", "unknown kind", "no scheme"],
)
def test_scheme_who_decides_with_a_bad_question_explains(
    world: World, client_for: Any, params: dict[str, str], message: str, adopted: bool
) -> None:
    if adopted:
        adopt(world)

    response = client_for("member").get(SCHEME, params)

    assert response.status_code == 400
    assert message in summary_of(text(response))
    assert 'id="route-answer"' not in text(response)


def scheme_data(bands: list[tuple[str, str, str]], reason: str = "Board minute 2020/131") -> dict[str, str]:
    data = {"reason": reason}
    for i, (lower, upper, decider) in enumerate(bands):
        data |= {f"lower_{i}": lower, f"upper_{i}": upper, f"decider_{i}": decider}
    return data


def test_scheme_edit_form_is_filled_from_the_scheme_in_force(world: World, lead_client: Any) -> None:
    adopt(world)

    page = text(lead_client.get("/delegation/scheme/business_case/edit/"))

    assert re.search(r'id="id_lower_1"[^>]*value="50001"', page)
    assert re.search(r'id="id_upper_3"[^>]*value=""', page)
    assert re.search(r'<option value="executive_director" selected', page)
    assert 'id="id_lower_5"' in page  # six rows, two of them blank


def test_scheme_edit_valid_post_adopts_a_new_version(world: World, lead_client: Any) -> None:
    adopt(world)
    data = scheme_data(
        [("0", "20,000", "executive_director"), ("", "", ""), ("20001", "", "pbc_approvals")],
        reason="Board minute 2020/131: smaller limit",
    )

    response = lead_client.post("/delegation/scheme/business_case/edit/", data)

    assert response.status_code == 302
    assert response["Location"] == f"{SCHEME}#scheme-business_case"
    view = current_scheme(world.trust.pk, "business_case")
    assert view.scheme is not None and view.scheme.version == 2
    assert list(view.bands) == [
        engine.Band(0, 20_000, "executive_director"),
        engine.Band(20_001, None, "pbc_approvals"),
    ]
    page = text(lead_client.get(SCHEME))
    earlier = section(page, "versions-business_case")
    assert "Starting scheme from the policy's executive-director limit" in earlier
    assert "Board minute 2020/131: smaller limit" in section(page, "scheme-business_case")


def test_scheme_edit_bad_scheme_shows_every_problem_and_keeps_the_version_in_force(
    world: World, lead_client: Any
) -> None:
    adopt(world)
    data = scheme_data(
        [("-5", "10000", "executive_director"), ("20000", "30000", ""), ("25000", "90000", "pbc_approvals")]
    )

    page = refused_post(
        lead_client,
        "/delegation/scheme/business_case/edit/",
        data,
        [
            "The band -£5 to £10,000 has a negative limit: values start at £0",
            "Choose who decides for the band £20,000 to £30,000",
            "Values from £10,001 to £19,999 have no decider: close the gap between the bands",
            "The bands £20,000 to £30,000 and £25,000 to £90,000 overlap",
            "Values above £90,000 have no decider: the last band must have no upper limit",
        ],
    )

    view = current_scheme(world.trust.pk, "business_case")
    assert view.scheme is not None and view.scheme.version == 1
    assert list(view.bands) == engine.default_bands(50_000)
    assert re.search(r'id="id_lower_0"[^>]*value="-5"', page)  # what was typed is kept


@pytest.mark.parametrize(
    ("bands", "reason", "expected"),
    [
        (
            [("0", "", "board"), ("50k", "", "board")],
            "Why",
            ["Band 2: enter where the band starts in whole pounds, like 50001"],
        ),
        ([("0", "ten", "board")], "Why", ["Band 1: enter where the band ends in whole pounds, like 250000"]),
        (
            [("0", "100", "board"), ("", "200", "board")],
            "Why",
            ["Band 2: enter where the band starts, like 0"],
        ),
        ([("0", "", "king")], "Why", ["Band 1: choose who decides from the list"]),
        ([("0", "", "board")], "", ["Enter why the scheme is changing"]),
        ([], "Why", ["Add at least one band: every value needs someone to decide it"]),
    ],
    ids=[
        "words for an amount",
        "words for an upper limit",
        "no lower limit",
        "unknown decider",
        "no reason",
        "no bands",
    ],
)
def test_scheme_edit_bad_post_is_refused(
    world: World, lead_client: Any, bands: list[tuple[str, str, str]], reason: str, expected: list[str]
) -> None:
    refused_post(
        lead_client, "/delegation/scheme/commissioning_plan/edit/", scheme_data(bands, reason), expected
    )


def test_scheme_edit_of_an_unknown_kind_is_not_found(world: World, lead_client: Any) -> None:
    assert lead_client.get("/delegation/scheme/lunch/edit/").status_code == 404
