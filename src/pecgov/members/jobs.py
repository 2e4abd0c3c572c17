"""The daily check of a member's year (PERF-2, PERF-3, NOT-1): a review or an appraisal due
within a fortnight, or overdue, is told to the member and to their line of accountability, once
for each due date (the notification's key names the seat and the date)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from pecgov.members import queries
from pecgov.members.year import accountable_person
from pecgov.notifications.enums import Kind
from pecgov.notifications.services import notify
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Membership, Organisation

NOTICE_DAYS = 14  # as for declarations (notifications.jobs.DUE_NOTICE_DAYS)


def reviews_due(day: dt.date) -> int:
    made = 0
    for trust in Organisation.objects.filter(kind=OrganisationKind.TRUST, closed_on__isnull=True):
        policy = effective_policy(trust)
        for row in queries.overview(trust.pk, policy, on=day):
            for what, due in (("review", row.review_due), ("appraisal", row.appraisal_due)):
                if due is None or due > day + dt.timedelta(days=NOTICE_DAYS):
                    continue
                made += _tell(row.membership, what, due, day, trust.pk)
    return made


def _tell(membership: Membership, what: str, due: dt.date, day: dt.date, trust_id: int) -> int:
    person = membership.person
    chair = accountable_person(membership, day)
    users = [u for u in (person.user, chair.user if chair else None) if u is not None]
    late = due < day
    title = f"{person.name}'s {what} is {'overdue' if late else 'due'}: due {due:%-d %B %Y}"
    return len(
        notify(
            users=users,
            kind=Kind.REVIEW_DUE,
            title=title,
            url=reverse("members:member_year", args=[membership.pk]),
            key=f"{what}-due:{membership.pk}:{due.isoformat()}",
            trust_id=trust_id,
        )
    )
