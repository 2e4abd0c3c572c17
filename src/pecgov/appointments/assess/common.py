"""What the assessment pages share (APP-3 to APP-7): the campaign and application lookups
(404 for anyone outside the panel and the lead, APP-7), who may act, and why an action cannot
be taken now."""

from __future__ import annotations

import re
from typing import Any

from django.http import Http404, HttpRequest

from pecgov.appointments import queries, services
from pecgov.appointments.models import (
    Application,
    Campaign,
    PanelSeat,
)
from pecgov.trust.models import Person
from pecgov.ui.viewkit import trust_id_of, trust_view

SECTION = "appointments"
SAFE_SUFFIX = re.compile(r"\.[a-z0-9]{1,10}")
# Any trust user passes the role check: whether they may see this round is the object lookup's
# question (its panel and the lead only), so everyone else gets 404, never 403 (APP-7).
panel_view = trust_view("trust.view")


# Looking up and who may act -------------------------------------------------------------


def campaign_of(request: HttpRequest, pk: int) -> Campaign:
    try:
        return queries.campaign_in_view(request.user, trust_id_of(request), pk)
    except Campaign.DoesNotExist as error:
        raise Http404 from error


def application_of(request: HttpRequest, pk: int) -> Application:
    try:
        return queries.application_in_view(request.user, trust_id_of(request), pk)
    except Application.DoesNotExist as error:
        raise Http404 from error


def is_lead(request: HttpRequest, campaign: Campaign) -> bool:
    """The trust's governance lead, for this campaign's trust."""
    return request.user.has_perm("trust.manage", campaign)


def chairs(request: HttpRequest, campaign: Campaign) -> bool:
    """The panel's chair or the lead: the same permission the shortlist service asks."""
    return request.user.has_perm("appointments.chair_panel", campaign)


def may_appoint_here(request: HttpRequest, campaign: Campaign) -> bool:
    """The appointer: the same permission the appoint service asks (APP-6)."""
    return request.user.has_perm("appointments.appoint", campaign)


def people_of(seats: list[PanelSeat]) -> list[Person]:
    """The panel's members, each once (someone may sit in two roles), the chair first."""
    found: dict[int, Person] = {}
    for seat in seats:
        found.setdefault(seat.person_id, seat.person)
    return list(found.values())


def long_date(value: Any) -> str:
    return f"{value:%-d %B %Y}"


def sift_problem(application: Application, seat: PanelSeat | None = None) -> str:
    """Why the sift cannot be recorded now: the service's answer, for the page."""
    return next(iter(services.sift_problems(application, seat)), "")


def interview_problem(application: Application, seat: PanelSeat | None = None) -> str:
    """Why the interview cannot be scored now: the service's answer, for the page."""
    return next(iter(services.interview_problems(application, seat)), "")
