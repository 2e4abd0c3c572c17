"""Reads the appointment pages share (APP-1 to APP-7), each a fixed number of queries.

Confidentiality (APP-7): `campaigns_for` is the only way pages find campaigns, so a panel
member sees the campaigns they sit on and no other; an applicant sees only their own
applications (`applications_of`)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pecgov.appointments.enums import ApplicationStatus, CampaignStatus
from pecgov.appointments.models import (
    Application,
    AppointmentPlan,
    Campaign,
    InterviewScore,
    MemberNotice,
    PanelSeat,
    PlanStep,
    Post,
    SiftScore,
)
from pecgov.trust.roles import roles_of

# Campaign.stage reads these (APP-3): the round's stage without a query per campaign.
OFFER_COUNTS = {
    "offers_pending": Count(
        "applications", filter=Q(applications__status=ApplicationStatus.OFFERED), distinct=True
    ),
    "offers_accepted": Count(
        "applications", filter=Q(applications__status=ApplicationStatus.ACCEPTED), distinct=True
    ),
}


def campaigns_for(user: Any, trust_id: int) -> QuerySet[Campaign]:
    """The campaigns the user may see: all the trust's for the lead, else those they sit on."""
    roles = roles_of(user)
    campaigns = Campaign.objects.filter(trust_id=trust_id).select_related("post", "post__committee")
    if roles.is_governance_lead and roles.trust_id == trust_id:
        return campaigns
    if roles.person_id is None:
        return campaigns.none()
    return campaigns.filter(seats__person_id=roles.person_id).distinct()


def campaign_list(user: Any, trust_id: int) -> QuerySet[Campaign]:
    return campaigns_for(user, trust_id).annotate(
        application_count=Count(
            "applications", filter=~Q(applications__status=ApplicationStatus.WITHDRAWN), distinct=True
        ),
        seat_count=Count("seats", distinct=True),
        **OFFER_COUNTS,
    )


def campaign_in_view(user: Any, trust_id: int, pk: int) -> Campaign:
    """The campaign if the user may see it; Campaign.DoesNotExist otherwise (pages answer 404)."""
    return campaigns_for(user, trust_id).get(pk=pk)


def application_in_view(user: Any, trust_id: int, pk: int) -> Application:
    """An application in a campaign the user may see; Application.DoesNotExist otherwise."""
    return (
        Application.objects.filter(campaign__in=campaigns_for(user, trust_id))
        .select_related("campaign", "campaign__post", "campaign__post__committee", "organisation")
        .get(pk=pk)
    )


def seats(campaign: Campaign) -> list[PanelSeat]:
    return list(campaign.seats.select_related("person").order_by("-is_chair", "person__name", "role"))


def applications(campaign: Campaign, statuses: list[str] | None = None) -> list[Application]:
    rows = campaign.applications.select_related("organisation").prefetch_related("interests__organisation")
    if statuses is not None:
        rows = rows.filter(status__in=statuses)
    return list(rows.order_by("name", "id"))


def sift_table(campaign: Campaign, apps: list[Application]) -> dict[int, dict[int, dict[int, int]]]:
    """application id -> scorer person id -> criterion -> score, in one query."""
    table: dict[int, dict[int, dict[int, int]]] = defaultdict(lambda: defaultdict(dict))
    for app_id, scorer_id, criterion, score in SiftScore.objects.filter(application__in=apps).values_list(
        "application_id", "scorer_id", "criterion", "score"
    ):
        table[app_id][scorer_id][criterion] = score
    return table


def interview_table(apps: list[Application]) -> dict[int, dict[int, dict[str, int]]]:
    """application id -> scorer person id -> competency key -> score, in one query."""
    table: dict[int, dict[int, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for app_id, scorer_id, key, score in InterviewScore.objects.filter(application__in=apps).values_list(
        "application_id", "scorer_id", "competency", "score"
    ):
        table[app_id][scorer_id][key] = score
    return table


def plans(trust_id: int) -> QuerySet[AppointmentPlan]:
    return AppointmentPlan.objects.filter(trust_id=trust_id).prefetch_related(
        Prefetch("steps", PlanStep.objects.select_related("owner").order_by("position"))
    )


def posts(trust_id: int) -> QuerySet[Post]:
    return Post.objects.filter(trust_id=trust_id).select_related("committee")


def open_campaigns(on: dt.date | None = None) -> QuerySet[Campaign]:
    """Posts open for applications today, for the public list (APP-3)."""
    on = on or timezone.localdate()
    return (
        Campaign.objects.filter(status=CampaignStatus.ADVERTISED, opens_on__lte=on, closes_on__gte=on)
        .select_related("post", "post__committee", "trust")
        .order_by("closes_on", "id")
    )


def applications_of(user: Any) -> QuerySet[Application]:
    return (
        Application.objects.filter(applicant=user)
        .select_related("campaign", "campaign__post", "campaign__trust")
        .order_by("-submitted_at")
    )


def notices_of(memberships: list[int]) -> QuerySet[MemberNotice]:
    """APP-3 (DH Annex C): the notice given to these memberships (ids) from an appointment plan,
    with who gave it; for a member's membership on the trust pages."""
    return (
        MemberNotice.objects.filter(membership_id__in=memberships)
        .select_related("membership__person", "given_by", "step__plan")
        .order_by("given_on", "pk")
    )


def plan_notices(plan: AppointmentPlan) -> list[MemberNotice]:
    """APP-3: the notice given from this plan's notice step, oldest first."""
    return list(
        MemberNotice.objects.filter(step__plan=plan)
        .select_related("membership__person", "membership__committee", "given_by")
        .order_by("given_on", "pk")
    )
