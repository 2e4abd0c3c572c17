"""What the appointment services share (APP-1 to APP-7): dates and text as users give them,
the actor's person record and panel seat, and who may act for the panel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from pecgov.actors import Actor, may, require
from pecgov.appointments import rules
from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import Campaign, PanelSeat
from pecgov.errors import NotPermitted
from pecgov.trust.models import Person
from pecgov.trust.roles import roles_of

MEMBERSHIP_RECOMMENDS = rules.MEMBERSHIP_RECOMMENDS
CLOSED_APPLICATIONS = {ApplicationStatus.WITHDRAWN, ApplicationStatus.NOT_SHORTLISTED}


def _today() -> dt.date:
    return timezone.localdate()


def _text(value: Any) -> str:
    return str(value or "").strip()


def _date(value: dt.date) -> str:
    return f"{value:%-d %B %Y}"


def person_of(actor: Actor) -> Person | None:
    """The actor's own person record, if they have one (the system has none)."""
    person_id = roles_of(actor).person_id
    return Person.objects.get(pk=person_id) if person_id else None


# Who is on the panel, and what they may do (the permissions are in appointments/rules.py) ----


def seat_of(actor: Actor, campaign: Campaign) -> PanelSeat | None:
    """The actor's seat on the campaign's panel (their chairing seat first), if any."""
    return rules.seat_of(actor, campaign)


def require_panel_member(actor: Actor, campaign: Campaign) -> PanelSeat:
    """APP-5: the actor's seat, or NotPermitted: only the panel scores ("appointments.score")."""
    require(
        actor,
        "appointments.score",
        campaign,
        message="Only members of the interview panel can score candidates.",
    )
    seat = seat_of(actor, campaign)
    if seat is None:  # the system may act, but it sits on no panel
        raise NotPermitted("Only members of the interview panel can score candidates.")
    return seat


def chairs_or_leads(actor: Actor, campaign: Campaign) -> bool:
    """The panel's chair or the trust's governance lead: they shortlist and, as a rule, appoint."""
    return may(actor, "appointments.chair_panel", campaign)


def require_chair_or_lead(actor: Actor, campaign: Campaign, doing: str) -> None:
    require(
        actor,
        "appointments.chair_panel",
        campaign,
        message=f"Only the chair of the panel or the governance lead can {doing}.",
    )
