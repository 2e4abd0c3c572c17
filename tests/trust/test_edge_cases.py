"""Edge cases of the ORG services and forms (ORG-4, X-4): empty posts, ending twice, reopening, no-op edits."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError
from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, OrganisationKind
from tests.factories import START, SYSTEM, World, make_org
from tests.trust.helpers import snapshot


def test_membership_end_form_empty_post_shows_errors_and_saves_nothing(
    world: World, lead_client: Any
) -> None:
    membership = world.pec.memberships.first()
    before = snapshot()
    response = lead_client.post(f"/memberships/{membership.pk}/end/", {})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert snapshot() == before


def test_organisation_link_end_twice_is_refused(world: World) -> None:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP)
    link = ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )
    ts.organisation_link_end(actor=SYSTEM, link=link, end_date=START + dt.timedelta(days=10))
    with pytest.raises(DomainError) as error:
        ts.organisation_link_end(actor=SYSTEM, link=link, end_date=START + dt.timedelta(days=20))
    assert error.value.errors == {"__all__": ["This link has already ended"]}
    link.refresh_from_db()
    assert link.end_date == START + dt.timedelta(days=10)


def test_membership_reopened_by_edit_clears_end_reason(world: World) -> None:
    membership = world.pec.memberships.first()
    ts.membership_end(
        actor=SYSTEM, membership=membership, end_date=timezone.localdate(), end_reason="stood_down"
    )
    ts.membership_update(actor=SYSTEM, membership=membership, end_date=None)
    membership.refresh_from_db()
    assert (membership.end_date, membership.end_reason, membership.end_note) == (None, "", "")
    ts.membership_end(
        actor=SYSTEM, membership=membership, end_date=timezone.localdate(), end_reason="other_role"
    )
    membership.refresh_from_db()
    assert membership.end_reason == "other_role"


def test_edit_with_no_changes_records_no_event(world: World) -> None:
    events = AuditEvent.objects.count()
    ts.organisation_update(actor=SYSTEM, organisation=world.practice, name=world.practice.name)
    ts.person_update(actor=SYSTEM, person=world.people["member"], name=world.people["member"].name)
    ts.committee_update(actor=SYSTEM, committee=world.pec, name=world.pec.name)
    assert AuditEvent.objects.count() == events
