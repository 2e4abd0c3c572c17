"""Two people editing one record: the second save is refused with what changed, and nothing
is lost (X-5; ASVS 5.0 2.3.3). Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pecgov.interests.models import Declaration
from pecgov.meetings.models import Meeting
from pecgov.trust.models import Membership, MembershipRole
from tests.factories import World, make_person, seat
from tests.integrity.helpers import date_parts, form_values, page_text, safety_fields, session_for
from tests.meeting_factories import declare, make_meeting

REFUSED = "Someone else changed this while you were editing"


def membership_data(membership: Membership, **changes: Any) -> dict[str, Any]:
    start = changes.pop("start_date", membership.start_date)
    return {
        "role": membership.role,
        **date_parts("start_date", start),
        **date_parts("end_date", membership.end_date),
        "co_opted_scope": membership.co_opted_scope,
        **changes,
    }


def test_membership_second_save_is_refused_with_what_changed(world: World) -> None:
    person = make_person(world.trust, "nurse")
    membership = seat(person, world.pec, MembershipRole.CLINICAL, start=dt.date(2026, 4, 1))
    url = f"/memberships/{membership.pk}/edit/"
    first, second = session_for(world.users["governance_lead"]), session_for(world.users["governance_lead"])
    first_form, second_form = safety_fields(first.get(url)), safety_fields(second.get(url))

    saved = first.post(url, membership_data(membership, start_date=dt.date(2026, 5, 1)) | first_form)
    refused = second.post(url, membership_data(membership, co_opted_scope="Urgent care review") | second_form)

    assert saved.status_code == 302
    assert refused.status_code == 400
    assert (
        f"{REFUSED}: start date 1 April 2026 → 1 May 2026. Your changes have not been saved; "
        "review and save again." in page_text(refused)
    )
    membership.refresh_from_db()
    assert (membership.start_date, membership.co_opted_scope) == (dt.date(2026, 5, 1), "")


def test_membership_refused_form_shows_the_newer_value_and_saving_again_keeps_both(world: World) -> None:
    person = make_person(world.trust, "nurse")
    membership = seat(person, world.pec, MembershipRole.CLINICAL, start=dt.date(2026, 4, 1))
    url = f"/memberships/{membership.pk}/edit/"
    first, second = session_for(world.users["governance_lead"]), session_for(world.users["governance_lead"])
    first_form, second_form = safety_fields(first.get(url)), safety_fields(second.get(url))
    first.post(url, membership_data(membership, start_date=dt.date(2026, 5, 1)) | first_form)

    refused = second.post(url, membership_data(membership, role=MembershipRole.VICE_CHAIR) | second_form)
    # The refused page carries the other person's start date and the newer version.
    again = membership_data(membership, start_date=dt.date(2026, 5, 1), role=MembershipRole.VICE_CHAIR)
    saved = second.post(url, again | safety_fields(refused))

    assert refused.status_code == 400
    assert saved.status_code == 302, page_text(saved)
    membership.refresh_from_db()
    assert (membership.start_date, membership.role) == (dt.date(2026, 5, 1), MembershipRole.VICE_CHAIR)


def declaration_data(declaration: Declaration, **changes: Any) -> dict[str, Any]:
    return {
        "category": declaration.category,
        "organisation": declaration.organisation_id or "",
        "organisation_name": declaration.organisation_name,
        "description": declaration.description,
        **date_parts("start_date", declaration.start_date),
        **date_parts("end_date", declaration.end_date),
        **changes,
    }


def test_declaration_second_save_is_refused_and_nothing_is_lost(world: World) -> None:
    declaration = declare(world.people["member"], world.practice, description="GP partner")
    url = f"/interests/declarations/{declaration.pk}/edit/"
    first, second = session_for(world.users["governance_lead"]), session_for(world.users["governance_lead"])
    first_form, second_form = safety_fields(first.get(url)), safety_fields(second.get(url))

    saved = first.post(url, declaration_data(declaration, description="Senior GP partner") | first_form)
    refused = second.post(url, declaration_data(declaration, **date_parts("end_date", None)) | second_form)

    assert saved.status_code == 302
    assert refused.status_code == 400
    assert f"{REFUSED}: describe the interest GP partner → Senior GP partner." in page_text(refused)
    declaration.refresh_from_db()
    assert declaration.description == "Senior GP partner"


def test_meeting_second_save_is_refused(world: World) -> None:
    meeting = make_meeting(world.pec, location="Boardroom, Trust HQ")
    url = f"/meetings/{meeting.pk}/edit/"
    first, second = session_for(world.users["governance_lead"]), session_for(world.users["governance_lead"])
    first_page, second_page = first.get(url), second.get(url)
    assert first_page.status_code == 200
    data = form_values(first_page)

    saved = first.post(url, data | {"location": "Room 2, Trust HQ"} | safety_fields(first_page))
    refused = second.post(url, data | {"location": "Room 3, Trust HQ"} | safety_fields(second_page))

    assert saved.status_code == 302
    assert refused.status_code == 400
    assert f"{REFUSED}: " in page_text(refused)
    assert "Boardroom, Trust HQ → Room 2, Trust HQ" in page_text(refused)
    meeting.refresh_from_db()
    assert meeting.location == "Room 2, Trust HQ"
    assert Meeting.objects.filter(location="Room 3, Trust HQ").count() == 0
