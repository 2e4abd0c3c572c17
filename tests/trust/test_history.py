"""History pages show who changed what, before and after, to those entitled (X-2, X-1, ORG-2 to ORG-4).

Changes are made through the services by the governance lead and read by the
PEC chair, so the lead's name on the page can only come from the history.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse

from pecgov.trust import services as ts
from pecgov.trust.enums import EndReason, MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Membership
from tests.factories import World, make_org, make_person
from tests.trust.helpers import text


def _rows(response: Any) -> list[str]:
    """Each row of the history table as plain text: 'when who what changes'."""
    body = text(response).split('<tbody class="nhsuk-table__body">', 1)[1].split("</tbody>", 1)[0]
    rows = body.split("</tr>")[:-1]
    plain = [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
    return [re.sub(r" ([:,.])", r"\1", row) for row in plain]


def _member_seat(world: World) -> Membership:
    return Membership.objects.get(person=world.people["member"], committee=world.pec)


def test_person_history_shows_name_before_and_after_and_who(world: World, client_for: Any) -> None:
    lead = world.users["governance_lead"]
    person = make_person(world.trust, Profession.GP, name="Alex Able")
    ts.person_update(actor=lead, person=person, name="Blair Baker")

    response = client_for("pec_chair").get(reverse("trust:person_history", args=[person.pk]))

    rows = _rows(response)
    assert response.status_code == 200
    assert len(rows) == 2
    newest, created = rows
    assert "Name: Alex Able → Blair Baker" in newest
    assert lead.get_username() in newest
    assert "Person edited" in newest
    assert "System" in created


def test_committee_history_shows_the_rename(world: World, client_for: Any) -> None:
    lead = world.users["governance_lead"]
    old_name = world.pec.name
    ts.committee_update(actor=lead, committee=world.pec, name="Clinical Executive")

    response = client_for("pct_chair").get(reverse("trust:committee_history", args=[world.pec.pk]))

    newest = _rows(response)[0]
    assert response.status_code == 200
    assert f"Name: {old_name} → Clinical Executive" in newest
    assert lead.get_username() in newest


def test_organisation_history_shows_a_code_added(world: World, client_for: Any) -> None:
    lead = world.users["governance_lead"]
    org = make_org(world.trust, OrganisationKind.PRACTICE, "Hilltop Surgery")
    ts.organisation_update(actor=lead, organisation=org, ods_code="Y01234")

    response = client_for("chief_executive").get(reverse("trust:organisation_history", args=[org.pk]))

    newest = _rows(response)[0]
    assert response.status_code == 200
    assert "ODS code: (blank) → Y01234" in newest
    assert lead.get_username() in newest


def test_membership_history_shows_role_change_and_end(world: World, client_for: Any) -> None:
    lead = world.users["governance_lead"]
    seat = _member_seat(world)
    ts.membership_update(actor=lead, membership=seat, role=MembershipRole.VICE_CHAIR)
    ts.membership_end(
        actor=lead, membership=seat, end_date=dt.date(2024, 1, 31), end_reason=EndReason.STOOD_DOWN
    )

    response = client_for("pec_chair").get(reverse("trust:membership_history", args=[seat.pk]))

    ended, edited, created = _rows(response)
    assert response.status_code == 200
    assert "End date: (blank) → 31 January 2024" in ended
    assert "End reason: (blank) → Stood down" in ended
    assert "Membership ended: Stood down" in ended
    assert "Role: Clinical member → Vice-chair" in edited
    assert lead.get_username() in ended
    assert lead.get_username() in edited
    assert lead.get_username() not in created


def _history_urls(world: World) -> list[str]:
    return [
        reverse("trust:person_history", args=[world.people["member"].pk]),
        reverse("trust:committee_history", args=[world.pec.pk]),
        reverse("trust:organisation_history", args=[world.practice.pk]),
        reverse("trust:membership_history", args=[_member_seat(world).pk]),
    ]


def test_history_of_another_trusts_objects_is_not_found(
    world: World, other_world: World, lead_client: Any
) -> None:
    urls = _history_urls(other_world)

    statuses = [lead_client.get(url).status_code for url in urls]

    assert statuses == [404, 404, 404, 404]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("governance_lead", 200),
        ("pec_chair", 200),
        ("pct_chair", 200),
        ("chief_executive", 200),
        ("member", 403),
        ("executive_director", 403),
        ("practice_lead", 403),
        ("applicant", 403),
        ("anonymous", 302),
    ],
)
def test_history_pages_answer_by_role(world: World, client_for: Any, role: str, status: int) -> None:
    urls = _history_urls(world)
    client = client_for(role)

    statuses = [client.get(url).status_code for url in urls]

    assert statuses == [status] * len(urls)
