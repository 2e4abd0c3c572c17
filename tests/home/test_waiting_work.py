"""The home page shows each person the work waiting for them (COI-3, COI-8, PBC-2, COI-1) and the
PEC's status the way its committee page does (POL-2, POL-3, POL-4); each part in a fixed number
of queries."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pecgov.commissioning.enums import CaseStatus
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation.enums import FunctionGroup
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.trust.enums import MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Organisation, Person
from tests.commissioning_factories import make_commissioning, scrutinise, submit_case
from tests.delegation.helpers import local
from tests.factories import SYSTEM, World, make_org, make_person, make_user, seat
from tests.meeting_factories import declare, make_item, make_meeting

STATUS = re.compile(r'nhsuk-tag nhsuk-tag--(?:red|yellow|green)"\s*>\s*(Fail|Warning|Pass)\s*<')
RANK = {"Pass": 0, "Warning": 1, "Fail": 2}


def section(html: str, element_id: str) -> str:
    assert f'id="{element_id}"' in html, element_id
    return html.split(f'id="{element_id}"', 1)[1].split("</section>", 1)[0]


def count_queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


# The signed-out landing page (APP-3, PUB-1) ----------------------------------------------------


def test_landing_page_links_to_open_posts_registering_and_the_public_register(client: Any, db: Any) -> None:
    html = client.get("/").content.decode()

    assert 'href="/posts/"' in html
    assert 'href="/account/register/"' in html
    assert 'href="/public/"' in html


# A member's declarations (COI-1) ----------------------------------------------------------------


def test_member_home_links_to_their_declarations(client_for: Any, world: World) -> None:
    html = client_for("member").get("/").content.decode()

    assert 'href="/interests/mine/"' in section(html, "my-declarations")


def test_lead_without_a_person_record_has_no_declarations_link(lead_client: Any, world: World) -> None:
    html = lead_client.get("/").content.decode()

    assert 'id="my-declarations"' not in html


# The executive director's cases (PBC-2, TOR-2) --------------------------------------------------


def director_case(world: World, title: str = "Community diabetes clinic") -> BusinessCase:
    case = submit_case(world, value=30_000, title=title)
    scrutinise(case, world)
    case.refresh_from_db()
    assert case.status == CaseStatus.WITH_DIRECTOR
    return case


def test_director_home_shows_the_case_waiting_for_their_decision(client_for: Any, world: World) -> None:
    make_commissioning(world)
    case = director_case(world)

    html = section(client_for("executive_director").get("/").content.decode(), "director-cases")

    assert f'href="/commissioning/cases/{case.pk}/"' in html
    assert case.reference in html


def test_director_home_says_when_nothing_waits(client_for: Any, world: World) -> None:
    html = section(client_for("executive_director").get("/").content.decode(), "director-cases")

    assert "No business cases are waiting for your decision." in html


def test_member_home_has_no_director_cases(client_for: Any, world: World) -> None:
    make_commissioning(world)
    director_case(world)

    assert 'id="director-cases"' not in client_for("member").get("/").content.decode()


def test_director_home_query_count_is_flat(client_for: Any, world: World) -> None:
    make_commissioning(world)
    director_case(world, "Case 0")
    client = client_for("executive_director")
    few = count_queries(client, "/")
    for i in range(1, 30):
        director_case(world, f"Case {i}")
    many = count_queries(client, "/")

    assert section(client.get("/").content.decode(), "director-cases").count("/commissioning/cases/") == 30
    assert many == few


# The chair's conflicts to rule on (COI-3, COI-8) ------------------------------------------------


def flagged_member(world: World) -> tuple[Person, Organisation]:
    provider = make_org(world.trust, OrganisationKind.PROVIDER, "Riverside Diagnostics Ltd")
    declare(world.people["member"], provider, description="Shareholder")
    return world.people["member"], provider


def test_chair_home_shows_conflicts_waiting_for_their_ruling(client_for: Any, world: World) -> None:
    member, provider = flagged_member(world)
    item = make_item(make_meeting(world.pec, days=10), title="Diagnostics contract", affected=[provider])

    html = section(client_for("pec_chair").get("/").content.decode(), "awaiting-ruling")

    assert f'href="/items/{item.pk}/"' in html
    assert member.name in html


def test_chair_home_drops_a_conflict_once_handled(client_for: Any, world: World) -> None:
    member, provider = flagged_member(world)
    item = make_item(make_meeting(world.pec, days=10), title="Diagnostics contract", affected=[provider])
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=member, handling="exclude_decision", interest="Shareholder"
    )

    html = section(client_for("pec_chair").get("/").content.decode(), "awaiting-ruling")

    assert f'href="/items/{item.pk}/"' not in html
    assert "No conflicts are waiting for your ruling on coming meetings." in html


def test_chair_home_leaves_out_past_meetings(client_for: Any, world: World) -> None:
    _, provider = flagged_member(world)
    item = make_item(make_meeting(world.pec, days=-10), title="Diagnostics contract", affected=[provider])

    html = section(client_for("pec_chair").get("/").content.decode(), "awaiting-ruling")

    assert f'href="/items/{item.pk}/"' not in html


def test_chairs_own_conflict_waits_for_the_vice_chair_not_the_chair(
    client_for: Any, client: Any, world: World
) -> None:
    vice = make_person(world.trust, Profession.GP, name="Vice Chair", user=make_user("vice-chair"))
    seat(vice, world.pec, MembershipRole.VICE_CHAIR)
    item = make_item(make_meeting(world.pec, days=10), title="Practice extension", affected=[world.practice])
    client.force_login(vice.user)

    chairs_view = section(client_for("pec_chair").get("/").content.decode(), "awaiting-ruling")
    vice_view = section(client.get("/").content.decode(), "awaiting-ruling")

    assert f'href="/items/{item.pk}/"' not in chairs_view
    assert f'href="/items/{item.pk}/"' in vice_view
    assert world.people["pec_chair"].name in vice_view


def test_member_home_has_no_rulings(client_for: Any, world: World) -> None:
    assert 'id="awaiting-ruling"' not in client_for("member").get("/").content.decode()


def test_chair_home_query_count_is_flat(client_for: Any, world: World) -> None:
    _, provider = flagged_member(world)
    make_item(make_meeting(world.pec, days=10), affected=[provider])
    client = client_for("pec_chair")
    few = count_queries(client, "/")
    for i in range(29):
        make_item(make_meeting(world.pec, days=11 + i), affected=[provider])
    many = count_queries(client, "/")

    assert section(client.get("/").content.decode(), "awaiting-ruling").count('href="/items/') == 30
    assert many == few


# One status on the home page and the committee page (POL-3, POL-4) -------------------------------


def worst_word(html: str) -> str:
    words = STATUS.findall(html)
    assert words
    return max(words, key=RANK.__getitem__)


@pytest.mark.parametrize("catalogue", [False, True])
def test_home_status_equals_the_committee_pages_worst(
    lead_client: Any, world: World, catalogue: bool
) -> None:
    if catalogue:  # a catalogue with no key function delegated: function coverage fails
        local(world, group=FunctionGroup.VISION)

    home = section(lead_client.get("/").content.decode() + "</section>", "pec-status")
    committee = lead_client.get(f"/committees/{world.pec.pk}/").content.decode()

    assert worst_word(home) == worst_word(committee)
    assert worst_word(home) == ("Fail" if catalogue else "Pass")
