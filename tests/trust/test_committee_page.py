"""The committee page on a day (ORG-4, POL-2): ending a membership today says the member counts
until the end of the day and shows the committee as it will stand; a co-option past its end
date is named with what to do; role grants are audit events (X-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import NotPermitted
from pecgov.trust import services as ts
from pecgov.trust.enums import EndReason, GrantRole, MembershipRole, Profession
from pecgov.trust.models import Membership, RoleGrant
from tests.factories import SYSTEM, World, make_person, make_user, seat
from tests.trust.helpers import date_of, text

pytestmark = pytest.mark.django_db


def today() -> dt.date:
    return timezone.localdate()


def _member_seat(world: World) -> Membership:
    return Membership.objects.get(person=world.people["member"], committee=world.pec)


def _detail(world: World) -> str:
    return reverse("trust:committee_detail", args=[world.pec.pk])


def test_ending_a_membership_today_says_when_it_takes_effect(world: World, lead_client: Any) -> None:
    seat_ = _member_seat(world)
    name = seat_.person.name
    tomorrow = today() + dt.timedelta(days=1)
    data = {**date_of("end_date", today()), "end_reason": EndReason.STOOD_DOWN}

    response = lead_client.post(reverse("trust:membership_end", args=[seat_.pk]), data)

    assert response.status_code == 302
    assert response["Location"] == f"{_detail(world)}?on={tomorrow:%Y-%m-%d}"
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"{name} counts as a member of {world.pec.name} until the end of {today():%-d %B %Y}; "
        f"{world.pec.name} will have 5 members from {tomorrow:%-d %B %Y}."
    ]


def test_committee_page_on_a_later_day_shows_the_committee_then(world: World, lead_client: Any) -> None:
    seat_ = _member_seat(world)
    ts.membership_end(actor=SYSTEM, membership=seat_, end_date=today(), end_reason=EndReason.STOOD_DOWN)
    tomorrow = today() + dt.timedelta(days=1)

    later = text(lead_client.get(_detail(world), {"on": tomorrow.isoformat()}))
    now = text(lead_client.get(_detail(world)))

    name = seat_.person.name
    assert f"Showing the committee as it stands on <strong>{tomorrow:%-d %B %Y}</strong>" in later
    assert name not in later.split('id="current-members"', 1)[1].split("</table>", 1)[0]
    assert name in now.split('id="current-members"', 1)[1].split("</table>", 1)[0]
    assert f"{name} counts as a member until the end of today." in now
    assert f"?on={tomorrow.isoformat()}" in now.split('id="ending-today"', 1)[1]


@pytest.mark.parametrize("on", ["yesterday-ish", "2026-13-45", ""])
def test_committee_page_with_a_day_that_is_not_a_date_shows_today(
    world: World, lead_client: Any, on: str
) -> None:
    response = lead_client.get(_detail(world), {"on": on})

    assert response.status_code == 200
    assert "Showing the committee as it stands on" not in text(response)
    assert "Checked today against" in text(response)


def test_committee_page_names_a_co_option_past_its_end_date(world: World, lead_client: Any) -> None:
    ended = today() - dt.timedelta(days=3)
    person = make_person(world.trust, Profession.PHARMACIST, name="Ravi Gill")
    lapsed = seat(
        person, world.pec, MembershipRole.CO_OPTED, end_date=ended, co_opted_scope="Prescribing review"
    )

    page = text(lead_client.get(_detail(world)))

    findings = page.split('id="findings"', 1)[1].split("</table>", 1)[0]
    assert f"Ravi Gill's co-option ended on {ended:%-d %B %Y} but the membership is still open" in findings
    past = page.split('id="past-members"', 1)[1].split("</table>", 1)[0]
    assert reverse("trust:membership_end", args=[lapsed.pk]) in past
    assert reverse("trust:membership_edit", args=[lapsed.pk]) in past


def test_role_grant_writes_an_audit_event(world: World) -> None:
    user = make_user()
    before = AuditEvent.objects.count()

    grant = ts.role_grant(
        actor=world.users["governance_lead"],
        user=user,
        trust=world.trust,
        role=GrantRole.PRACTICE_LEAD,
        organisation=world.practice,
    )

    event = AuditEvent.objects.order_by("-pk").first()
    assert AuditEvent.objects.count() == before + 1
    assert event is not None
    assert (event.action, event.trust_id, event.summary) == (
        "role.grant",
        world.trust.pk,
        f"Granted Practice or PBC group lead to {user.get_username()}",
    )
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_role_grant_again_writes_nothing(world: World) -> None:
    user = make_user()
    ts.role_grant(actor=SYSTEM, user=user, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD)
    before = AuditEvent.objects.count()

    ts.role_grant(actor=SYSTEM, user=user, trust=world.trust, role=GrantRole.GOVERNANCE_LEAD)

    assert AuditEvent.objects.count() == before


def test_role_grant_by_another_trusts_lead_is_refused(world: World, other_world: World) -> None:
    before = AuditEvent.objects.count()

    with pytest.raises(NotPermitted, match=r"^Only the trust's governance lead can change this\.$"):
        ts.role_grant(
            actor=other_world.users["governance_lead"],
            user=make_user(),
            trust=world.trust,
            role=GrantRole.GOVERNANCE_LEAD,
        )

    assert AuditEvent.objects.count() == before
