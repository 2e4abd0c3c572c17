"""Who may see and act on an appointment round (APP-3 to APP-7, X-1): the single source of who
may do what, asked by the services (through pecgov.actors.require) and by the pages.

Applications, scores and panel notes are confidential to the campaign's panel and the
governance lead. Object-level access (which campaign) is decided by `queries.campaign_in_view`,
which answers "does not exist" for a campaign the user must not know about, so pages give 404.
The object-aware permissions below take a campaign (or an application, for the offer).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rules import permissions
from rules.predicates import Predicate

from pecgov.appointments.enums import PostKind
from pecgov.appointments.models import Application, Campaign, PanelSeat
from pecgov.policy.services import effective_policy
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import in_own_trust, is_governance_lead, is_pct_chair

MEMBERSHIP_RECOMMENDS = "membership_recommends"


def predicate(fn: Callable[..., bool]) -> Predicate:
    """`rules.predicate`, typed: the library's decorator is untyped."""
    return Predicate(fn)


def add_perm(name: str, pred: Predicate) -> None:
    permissions.add_perm(name, pred)  # type: ignore[no-untyped-call]  # untyped in the library


def seat_of(user: Any, campaign: Campaign) -> PanelSeat | None:
    """The user's seat on the campaign's panel (their chairing seat first), if any."""
    person_id = roles_of(user).person_id
    if person_id is None:
        return None
    return PanelSeat.objects.filter(campaign=campaign, person_id=person_id).order_by("-is_chair").first()


def membership_recommends(campaign: Campaign) -> bool:
    """APP-6: this campaign is for the PEC chair under the Alliance model, where the new PEC's
    members recommend and the PCT chair appoints (`appointment.chair_model`)."""
    if campaign.post.kind != PostKind.CHAIR:
        return False
    return effective_policy(campaign.trust).values().get("appointment.chair_model") == MEMBERSHIP_RECOMMENDS


def _sits_on_a_panel(user: Any) -> bool:
    person_id = roles_of(user).person_id
    if person_id is None:
        return False
    # Asked by the navigation on every page and again by the view: one query per request.
    cached = getattr(user, "_pecgov_sits_on_a_panel", None)
    if cached is None:
        cached = PanelSeat.objects.filter(person_id=person_id).exists()
        user._pecgov_sits_on_a_panel = cached
    return bool(cached)


def _is_pec_member_or_pct_chair(user: Any) -> bool:
    roles = roles_of(user)
    return roles.is_pec_member or roles.is_pct_chair


def _sits_on_the_panel(user: Any, campaign: Campaign | None) -> bool:
    """APP-4: the user has a seat on this campaign's panel."""
    return campaign is not None and seat_of(user, campaign) is not None


def _chairs_the_panel(user: Any, campaign: Campaign | None) -> bool:
    """The user's seat on this campaign's panel is the chairing seat."""
    seat = seat_of(user, campaign) if campaign is not None else None
    return seat is not None and seat.is_chair


def _chair_by_membership(user: Any, campaign: Campaign | None) -> bool:
    """APP-6: the Alliance model applies to this campaign (the PCT chair appoints)."""
    return campaign is not None and membership_recommends(campaign)


def _is_the_applicant(user: Any, application: Application | None) -> bool:
    return application is not None and application.applicant_id == getattr(user, "pk", None)


def _is_the_seats_person(user: Any, seat: PanelSeat | None) -> bool:
    person_id = roles_of(user).person_id
    return seat is not None and person_id is not None and seat.person_id == person_id


def _chairs_the_seats_panel(user: Any, seat: PanelSeat | None) -> bool:
    return seat is not None and _chairs_the_panel(user, seat.campaign)


sits_on_a_panel = predicate(_sits_on_a_panel)
is_pec_member_or_pct_chair = predicate(_is_pec_member_or_pct_chair)
sits_on_the_panel = predicate(_sits_on_the_panel)
chairs_the_panel = predicate(_chairs_the_panel)
chair_by_membership = predicate(_chair_by_membership)
is_the_applicant = predicate(_is_the_applicant)
is_the_seats_person = predicate(_is_the_seats_person)
chairs_the_seats_panel = predicate(_chairs_the_seats_panel)

add_perm("appointments.manage", is_governance_lead)
add_perm("appointments.view", is_governance_lead | sits_on_a_panel)
add_perm("appointments.recommend", is_governance_lead | is_pec_member_or_pct_chair)
# APP-3, APP-5: a panel member sifts and scores the campaign's candidates.
add_perm("appointments.score", in_own_trust & sits_on_the_panel)
# APP-3, APP-4: the panel's chair or the governance lead draws up the shortlist and records how a
# panel member's conflict is handled.
add_perm("appointments.chair_panel", in_own_trust & (is_governance_lead | chairs_the_panel))
# APP-3, APP-6: who appoints. Under the Alliance chair model the PCT chair appoints the PEC chair;
# otherwise the panel's chair or the governance lead.
add_perm(
    "appointments.appoint",
    in_own_trust
    & (
        (chair_by_membership & is_pct_chair)
        | (~chair_by_membership & (is_governance_lead | chairs_the_panel))
    ),
)
# APP-3: the candidate answers their offer, or the governance lead records the answer for them.
add_perm("appointments.answer_offer", is_the_applicant | (in_own_trust & is_governance_lead))
# APP-4, COI-3: a panel member declares their own conflict with a candidate (or the lead for them);
# the panel's chair or the lead records how it is handled, never the conflicted member.
add_perm("appointments.declare_conflict", in_own_trust & (is_the_seats_person | is_governance_lead))
add_perm(
    "appointments.handle_conflict",
    in_own_trust & (is_governance_lead | chairs_the_seats_panel) & ~is_the_seats_person,
)
