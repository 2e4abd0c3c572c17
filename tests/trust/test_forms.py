"""ORG forms over HTTP: bad input is explained and saves nothing, good input is saved (ORG-1 to ORG-4, X-4).

Every form is posted as the governance lead. A refused post answers 400 with
the NHS.UK error summary and the specific message; a good post redirects and
the change shows on the detail page. GET never changes anything.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from pecgov.trust import services as ts
from pecgov.trust.enums import (
    CommitteeKind,
    EndReason,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
)
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person
from tests.factories import START, World, make_org, make_person
from tests.trust.helpers import date_fields, date_of, snapshot, text

SYSTEM = ts.SYSTEM


def _member_seat(world: World) -> Membership:
    return Membership.objects.get(person=world.people["member"], committee=world.pec)


def _group_link(world: World) -> OrganisationLink:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Riverside PBC group")
    return ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )


def _section(page: str, start: str, end: str) -> str:
    """The part of a page between two markers, so a name is looked for in the right table."""
    assert start in page
    rest = page.split(start, 1)[1]
    return rest.split(end, 1)[0]


# Refused posts ------------------------------------------------------------------
# Each builder arranges what it needs and returns (url, posted data, messages expected).
# "Missing" cases post the blank boxes a browser sends, not an empty body.

Post = tuple[str, dict[str, Any], list[str]]


def _add_member_url(world: World) -> str:
    return reverse("trust:membership_create", args=[world.pec.pk])


def _newcomer(world: World) -> Person:
    return make_person(world.trust, Profession.PHARMACIST, name="Pat Newcomer")


def membership_end_before_start(world: World) -> Post:
    data = {
        "person": _newcomer(world).pk,
        "role": MembershipRole.CLINICAL,
        **date_fields("start_date", 1, 5, 2021),
        **date_fields("end_date", 30, 4, 2021),
    }
    return _add_member_url(world), data, ["End date must be the same as or after the start date"]


def co_opted_without_scope(world: World) -> Post:
    data = {
        "person": _newcomer(world).pk,
        "role": MembershipRole.CO_OPTED,
        **date_fields("start_date", 1, 5, 2021),
        **date_fields("end_date", 31, 12, 2021),
        "co_opted_scope": "",
    }
    return _add_member_url(world), data, ["Enter the piece of work the member is co-opted for"]


def co_opted_without_end_date(world: World) -> Post:
    data = {
        "person": _newcomer(world).pk,
        "role": MembershipRole.CO_OPTED,
        **date_fields("start_date", 1, 5, 2021),
        "co_opted_scope": "Review of urgent care",
    }
    return _add_member_url(world), data, ["Enter the date the co-opted work ends"]


def duplicate_current_membership(world: World) -> Post:
    member = world.people["member"]
    data = {
        "person": member.pk,
        "role": MembershipRole.CLINICAL,
        **date_fields("start_date", 1, 1, 2023),
    }
    message = f"{member.name} is already a member of {world.pec.name} for some of those dates."
    return _add_member_url(world), data, [message]


def impossible_start_date(world: World) -> Post:
    data = {
        "person": _newcomer(world).pk,
        "role": MembershipRole.CLINICAL,
        **date_fields("start_date", 31, 2, 2020),
    }
    return _add_member_url(world), data, ["Start date must be a real date, for example 15 3 2007"]


def membership_missing_everything(world: World) -> Post:
    data = {
        "person": "",
        "co_opted_scope": "",
        **date_fields("start_date", "", "", ""),
        **date_fields("end_date", "", "", ""),
    }
    return _add_member_url(world), data, ["Select person", "Select role", "Enter start date"]


def membership_edit_end_before_start(world: World) -> Post:
    url = reverse("trust:membership_edit", args=[_member_seat(world).pk])
    data = {
        "role": MembershipRole.CLINICAL,
        **date_of("start_date", START),
        **date_fields("end_date", 1, 1, 2019),
    }
    return url, data, ["End date must be the same as or after the start date"]


def membership_end_substandard_without_note(world: World) -> Post:
    url = reverse("trust:membership_end", args=[_member_seat(world).pk])
    data = {
        **date_fields("end_date", 31, 1, 2024),
        "end_reason": EndReason.SUBSTANDARD_PERFORMANCE,
        "end_note": "",
    }
    return url, data, ["Explain the reason: it is kept in the member's record"]


def membership_end_missing_everything(world: World) -> Post:
    url = reverse("trust:membership_end", args=[_member_seat(world).pk])
    data = {**date_fields("end_date", "", "", ""), "end_note": ""}
    return url, data, ["Enter last day of membership", "Select why the membership ends"]


def membership_ended_before_start(world: World) -> Post:
    url = reverse("trust:membership_end", args=[_member_seat(world).pk])
    data = {**date_fields("end_date", 31, 3, 2020), "end_reason": EndReason.STOOD_DOWN}
    return url, data, ["End date must be the same as or after the start date (1 April 2020)"]


def person_bad_email(world: World) -> Post:
    data = {"name": "Sam Jones", "profession": Profession.GP, "email": "sam.jones.nhs.uk"}
    message = "Enter an email address in the correct format, like name@example.nhs.uk"
    return reverse("trust:person_create"), data, [message]


def person_missing_everything(world: World) -> Post:
    data = {"name": "", "job_title": "", "registration_body": "", "registration_number": "", "email": ""}
    return reverse("trust:person_create"), data, ["Enter full name", "Select profession"]


def person_manager_practising(world: World) -> Post:
    data = {"name": "Max Manager", "profession": Profession.MANAGER, "practising": "on"}
    return reverse("trust:person_create"), data, ["Only clinicians are recorded as practising"]


def person_edit_bad_email(world: World) -> Post:
    member = world.people["member"]
    data = {"name": member.name, "profession": member.profession, "email": "not an email"}
    message = "Enter an email address in the correct format, like name@example.nhs.uk"
    return reverse("trust:person_edit", args=[member.pk]), data, [message]


def organisation_duplicate_ods_code(world: World) -> Post:
    code = world.trust.ods_code
    data = {"name": "Copycat Surgery", "kind": OrganisationKind.PRACTICE, "ods_code": code.lower()}
    message = f"Another organisation already has the ODS code {code}"
    return reverse("trust:organisation_create"), data, [message]


def organisation_missing_everything(world: World) -> Post:
    data = {"name": "  ", "provider_kind": "", "ods_code": "", "parent": ""}
    return reverse("trust:organisation_create"), data, ["Enter name", "Select kind of organisation"]


def organisation_edit_duplicate_ods_code(world: World) -> Post:
    code = world.trust.ods_code
    data = {"name": world.practice.name, "kind": OrganisationKind.PRACTICE, "ods_code": code}
    url = reverse("trust:organisation_edit", args=[world.practice.pk])
    return url, data, [f"Another organisation already has the ODS code {code}"]


def link_of_wrong_kind(world: World) -> Post:
    locality = make_org(world.trust, OrganisationKind.LOCALITY, "North locality")
    data = {
        "kind": LinkKind.MEMBER_OF_PBC_GROUP,
        "to_organisation": locality.pk,
        **date_of("start_date", START),
    }
    url = reverse("trust:organisation_link_create", args=[world.practice.pk])
    message = "A gp practice cannot be linked as 'is a member of the PBC group' to a locality"
    return url, data, [message]


def link_to_itself(world: World) -> Post:
    data = {"kind": LinkKind.PART_OF, "to_organisation": world.practice.pk, **date_of("start_date", START)}
    url = reverse("trust:organisation_link_create", args=[world.practice.pk])
    return url, data, ["An organisation cannot be linked to itself"]


def link_end_impossible_date(world: World) -> Post:
    url = reverse("trust:organisation_link_end", args=[_group_link(world).pk])
    data = date_fields("end_date", 30, 2, 2024)
    return url, data, ["End date must be a real date, for example 15 3 2007"]


def link_end_before_start(world: World) -> Post:
    url = reverse("trust:organisation_link_end", args=[_group_link(world).pk])
    data = date_fields("end_date", 1, 1, 2019)
    return url, data, ["End date must be the same as or after the start date"]


def committee_without_parent(world: World) -> Post:
    data = {"name": "Diabetes group", "kind": CommitteeKind.REFERENCE_GROUP}
    message = "Select the committee this one reports to (usually the Board)"
    return reverse("trust:committee_create"), data, [message]


def committee_missing_everything(world: World) -> Post:
    data = {"name": "", "parent": "", "locality": "", "purpose": ""}
    return reverse("trust:committee_create"), data, ["Enter name", "Select kind of committee"]


def committee_edit_reports_to_itself(world: World) -> Post:
    data = {"name": world.pec.name, "kind": CommitteeKind.PEC, "parent": world.pec.pk}
    url = reverse("trust:committee_edit", args=[world.pec.pk])
    return url, data, ["A committee cannot report to itself"]


REFUSED = [
    membership_end_before_start,
    co_opted_without_scope,
    co_opted_without_end_date,
    duplicate_current_membership,
    impossible_start_date,
    membership_missing_everything,
    membership_edit_end_before_start,
    membership_end_substandard_without_note,
    membership_end_missing_everything,
    membership_ended_before_start,
    person_bad_email,
    person_missing_everything,
    person_manager_practising,
    person_edit_bad_email,
    organisation_duplicate_ods_code,
    organisation_missing_everything,
    organisation_edit_duplicate_ods_code,
    link_of_wrong_kind,
    link_to_itself,
    link_end_impossible_date,
    link_end_before_start,
    committee_without_parent,
    committee_missing_everything,
    committee_edit_reports_to_itself,
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.__name__ for c in REFUSED])
def test_form_with_bad_input_explains_and_saves_nothing(
    world: World, lead_client: Any, case: Callable[[World], Post]
) -> None:
    url, data, messages = case(world)
    before = snapshot()

    response = lead_client.post(url, data)

    page = text(response)
    summary = _section(page, "There is a problem", "</div>")
    assert response.status_code == 400
    assert [m for m in messages if m not in summary] == []
    assert snapshot() == before


# Good posts -----------------------------------------------------------------------


def test_organisation_create_redirects_and_shows_it(world: World, lead_client: Any) -> None:
    data = {"name": "Brookside Surgery", "kind": OrganisationKind.PRACTICE, "ods_code": "y02345"}

    response = lead_client.post(reverse("trust:organisation_create"), data)

    org = Organisation.objects.get(name="Brookside Surgery")
    assert response.status_code == 302
    assert response["Location"] == reverse("trust:organisation_detail", args=[org.pk])
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Brookside Surgery</h1>" in page
    assert "Y02345" in page


def test_organisation_edit_redirects_and_shows_the_change(world: World, lead_client: Any) -> None:
    data = {"name": "Testshire Health Centre", "kind": OrganisationKind.PRACTICE, "ods_code": "Y09876"}

    response = lead_client.post(reverse("trust:organisation_edit", args=[world.practice.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("trust:organisation_detail", args=[world.practice.pk])
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Testshire Health Centre</h1>" in page
    assert "Y09876" in page


def test_organisation_link_create_redirects_and_shows_the_link(world: World, lead_client: Any) -> None:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Riverside PBC group")
    data = {
        "kind": LinkKind.MEMBER_OF_PBC_GROUP,
        "to_organisation": group.pk,
        **date_fields("start_date", 1, 4, 2021),
    }

    response = lead_client.post(reverse("trust:organisation_link_create", args=[world.practice.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("trust:organisation_detail", args=[world.practice.pk])
    links = _section(text(lead_client.get(response["Location"])), "<h2>Links</h2>", "</table>")
    assert "is a member of the PBC group" in links
    assert "Riverside PBC group" in links
    assert "1 April 2021" in links


def test_organisation_link_end_redirects_and_shows_the_end(world: World, lead_client: Any) -> None:
    link = _group_link(world)

    response = lead_client.post(
        reverse("trust:organisation_link_end", args=[link.pk]), date_fields("end_date", 31, 1, 2024)
    )

    link.refresh_from_db()
    assert response.status_code == 302
    assert link.end_date == dt.date(2024, 1, 31)
    links = _section(text(lead_client.get(response["Location"])), "<h2>Links</h2>", "</table>")
    assert "31 January 2024" in links
    assert "Open-ended" not in links


def test_person_create_redirects_and_shows_them(world: World, lead_client: Any) -> None:
    data = {
        "name": "Jo Okafor",
        "profession": Profession.NURSE,
        "job_title": "Community matron",
        "registration_body": "NMC",
        "registration_number": "12A3456B",
        "practising": "on",
        "has_caseload": "on",
        "organisation": world.practice.pk,
        "email": "jo.okafor@example.nhs.uk",
    }

    response = lead_client.post(reverse("trust:person_create"), data)

    person = Person.objects.get(name="Jo Okafor")
    assert response.status_code == 302
    assert response["Location"] == reverse("trust:person_detail", args=[person.pk])
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Jo Okafor</h1>" in page
    assert "Community matron" in page
    assert "NMC 12A3456B" in page
    assert "jo.okafor@example.nhs.uk" in page


def test_person_edit_redirects_and_shows_the_change(world: World, lead_client: Any) -> None:
    member = world.people["member"]
    data = {
        "name": "Mo Renamed",
        "profession": Profession.NURSE,
        "job_title": "Practice nurse lead",
        "practising": "on",
        "has_caseload": "on",
    }

    response = lead_client.post(reverse("trust:person_edit", args=[member.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("trust:person_detail", args=[member.pk])
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Mo Renamed</h1>" in page
    assert "Practice nurse lead" in page


def test_committee_create_redirects_and_shows_it(world: World, lead_client: Any) -> None:
    data = {
        "name": "Respiratory reference group",
        "kind": CommitteeKind.REFERENCE_GROUP,
        "parent": world.pec.pk,
        "purpose": "Advises on COPD pathways",
    }

    response = lead_client.post(reverse("trust:committee_create"), data)

    committee = Committee.objects.get(name="Respiratory reference group")
    assert response.status_code == 302
    assert response["Location"] == reverse("trust:committee_detail", args=[committee.pk])
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Respiratory reference group</h1>" in page
    assert f"reports to {world.pec.name}" in page
    assert "Advises on COPD pathways" in page


def test_committee_edit_redirects_and_shows_the_change(world: World, lead_client: Any) -> None:
    data = {
        "name": "Clinical Executive",
        "kind": CommitteeKind.PEC,
        "parent": world.board.pk,
        "purpose": "Leads clinical commissioning",
    }

    response = lead_client.post(reverse("trust:committee_edit", args=[world.pec.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("trust:committee_detail", args=[world.pec.pk])
    page = text(lead_client.get(response["Location"]))
    assert "<h1>Clinical Executive</h1>" in page
    assert "Leads clinical commissioning" in page


def test_membership_create_redirects_and_shows_the_member(world: World, lead_client: Any) -> None:
    newcomer = _newcomer(world)
    data = {"person": newcomer.pk, "role": MembershipRole.CLINICAL, **date_fields("start_date", 1, 5, 2021)}

    response = lead_client.post(reverse("trust:membership_create", args=[world.pec.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("trust:committee_detail", args=[world.pec.pk])
    current = _section(text(lead_client.get(response["Location"])), 'id="current-members"', "</table>")
    assert "Pat Newcomer" in current
    assert "1 May 2021" in current


def test_co_opted_membership_create_shows_the_work(world: World, lead_client: Any) -> None:
    newcomer = _newcomer(world)
    end = timezone.localdate() + dt.timedelta(days=90)
    data = {
        "person": newcomer.pk,
        "role": MembershipRole.CO_OPTED,
        **date_fields("start_date", 1, 5, 2021),
        **date_of("end_date", end),
        "co_opted_scope": "Review of urgent care",
    }

    response = lead_client.post(reverse("trust:membership_create", args=[world.pec.pk]), data)

    assert response.status_code == 302
    current = _section(text(lead_client.get(response["Location"])), 'id="current-members"', "</table>")
    assert "For: Review of urgent care" in current


def test_membership_edit_redirects_and_shows_the_change(world: World, lead_client: Any) -> None:
    seat = _member_seat(world)
    data = {"role": MembershipRole.VICE_CHAIR, **date_of("start_date", START)}

    response = lead_client.post(reverse("trust:membership_edit", args=[seat.pk]), data)

    seat.refresh_from_db()
    assert response.status_code == 302
    assert seat.role == MembershipRole.VICE_CHAIR
    current = _section(text(lead_client.get(response["Location"])), 'id="current-members"', "</table>")
    row = _section(current, world.people["member"].name, "</tr>")
    assert "Vice-chair" in row


def test_membership_end_moves_the_member_to_past_members(world: World, lead_client: Any) -> None:
    seat = _member_seat(world)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    data = {**date_of("end_date", yesterday), "end_reason": EndReason.STOOD_DOWN}

    response = lead_client.post(reverse("trust:membership_end", args=[seat.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("trust:committee_detail", args=[world.pec.pk])
    page = text(lead_client.get(response["Location"]))
    name = world.people["member"].name
    past = _section(page, "<h2>Past members</h2>", "</table>")
    current = _section(page, 'id="current-members"', "</table>")
    assert name in past
    assert "Stood down" in past
    assert name not in current


# Form pages over GET ---------------------------------------------------------------


def _form_urls(world: World) -> list[str]:
    seat = _member_seat(world)
    link = _group_link(world)
    return [
        reverse("trust:organisation_create"),
        reverse("trust:organisation_edit", args=[world.practice.pk]),
        reverse("trust:organisation_edit", args=[world.trust.pk]),
        reverse("trust:organisation_link_create", args=[world.practice.pk]),
        reverse("trust:organisation_link_end", args=[link.pk]),
        reverse("trust:person_create"),
        reverse("trust:person_edit", args=[world.people["member"].pk]),
        reverse("trust:committee_create"),
        reverse("trust:committee_edit", args=[world.pec.pk]),
        reverse("trust:membership_create", args=[world.pec.pk]),
        reverse("trust:membership_edit", args=[seat.pk]),
        reverse("trust:membership_end", args=[seat.pk]),
    ]


def test_every_form_page_opens_for_the_lead(world: World, lead_client: Any) -> None:
    urls = _form_urls(world)

    statuses = {url: lead_client.get(url).status_code for url in urls}

    assert statuses == dict.fromkeys(urls, 200)


def test_get_with_form_data_in_the_query_changes_nothing(world: World, lead_client: Any) -> None:
    urls = _form_urls(world)
    # Data that would be accepted if it were posted: a GET must still not act on it.
    query = {
        "name": "Sneaky",
        "kind": OrganisationKind.PRACTICE,
        "profession": Profession.GP,
        "person": world.people["pct_chair"].pk,
        "role": MembershipRole.CLINICAL,
        "end_reason": EndReason.STOOD_DOWN,
        "to_organisation": world.trust.pk,
        "parent": world.board.pk,
        **date_fields("start_date", 1, 1, 2022),
        **date_fields("end_date", 1, 2, 2022),
    }
    before = snapshot()

    statuses = [lead_client.get(url, query).status_code for url in urls]

    assert statuses == [200] * len(urls)
    assert snapshot() == before


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_form_urls_refuse_other_methods_and_change_nothing(
    world: World, lead_client: Any, method: str
) -> None:
    urls = _form_urls(world)
    before = snapshot()

    statuses = [getattr(lead_client, method)(url).status_code for url in urls]

    assert statuses == [405] * len(urls)
    assert snapshot() == before


@pytest.mark.parametrize("role", ["member", "pec_chair", "pct_chair", "practice_lead"])
def test_form_post_by_someone_other_than_the_lead_is_forbidden(
    world: World, client_for: Any, role: str
) -> None:
    seat = _member_seat(world)
    data = {**date_fields("end_date", 31, 1, 2024), "end_reason": EndReason.STOOD_DOWN}
    client = client_for(role)  # signing in is an audit event of its own: before the count
    before = snapshot()

    response = client.post(reverse("trust:membership_end", args=[seat.pk]), data)

    assert response.status_code == 403
    assert snapshot() == before


def test_form_for_another_trusts_object_is_not_found(
    world: World, other_world: World, lead_client: Any
) -> None:
    seat = _member_seat(other_world)
    data = {**date_fields("end_date", 31, 1, 2024), "end_reason": EndReason.STOOD_DOWN}
    before = snapshot()

    response = lead_client.post(reverse("trust:membership_end", args=[seat.pk]), data)

    assert response.status_code == 404
    assert snapshot() == before
