"""What the appointment services share (APP-1 to APP-7): dates and text as users give them,
the actor's person record and panel seat, and who may act for the panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import Campaign, PanelSeat
from pecgov.errors import NotPermitted
from pecgov.servicekit import SYSTEM
from pecgov.trust.models import Person
from pecgov.trust.roles import roles_of

MEMBERSHIP_RECOMMENDS = "membership_recommends"
CLOSED_APPLICATIONS = {ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_SHORTLISTED}


def _today() -> dt.date:
    return timezone.localdate()


def _text(value: Any) -> str:
    return str(value or "").strip()


def _date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def person_of(actor: Any) -> Person | None:
    """The actor's own person record, if they have one."""
    if actor == SYSTEM:
        return None
    person_id = roles_of(actor).person_id
    return Person.objects.get(pk=person_id) if person_id else None


# Who is on the panel, and what they may do -------------------------------------------------------


def seat_of(actor: Any, campaign: Campaign) -> PanelSeat | None:
    """The actor's seat on the campaign's panel (their chairing seat first), if any."""
    person_id = roles_of(actor).person_id if actor != SYSTEM else None
    if person_id is None:
        return None
    return PanelSeat.objects.filter(campaign=campaign, person_id=person_id).order_by("-is_chair").first()


def _require_panel_member(actor: Any, campaign: Campaign) -> PanelSeat:
    seat = seat_of(actor, campaign)
    if seat is None:
        raise NotPermitted("Only members of the interview panel can score candidates.")
    return seat


def chairs_or_leads(actor: Any, campaign: Campaign) -> bool:
    """The panel's chair or the trust's governance lead: they shortlist and, as a rule, appoint."""
    if actor == SYSTEM:
        return True
    roles = roles_of(actor)
    if roles.is_governance_lead and roles.trust_id == campaign.trust_id:
        return True
    seat = seat_of(actor, campaign)  # the chairing seat first
    return seat is not None and seat.is_chair


def _require_chair_or_lead(actor: Any, campaign: Campaign, doing: str) -> None:
    if not chairs_or_leads(actor, campaign):
        raise NotPermitted(f"Only the chair of the panel or the governance lead can {doing}.")
