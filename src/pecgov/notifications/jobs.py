"""The recurring checks (NOT-1, NOT-2): declarations due and overdue, actions due and overdue,
members flagged and conflicts awaiting a ruling on coming meetings, offers whose reply-by date is
near (APP-3), and the daily digest. Each is
idempotent: the notifications it makes are keyed by what they are about, so running a day's job
twice tells no one twice."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from pecgov.appointments.models import Offer
from pecgov.interests.queries import overdue
from pecgov.interests.services import review_months
from pecgov.meetings.models import Action, Meeting
from pecgov.notifications import queries
from pecgov.notifications.enums import Kind
from pecgov.notifications.events import flags_for_meeting
from pecgov.notifications.services import digest_send, notify
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation

# How far ahead a member is told a declaration or an action falls due, and a coming meeting is
# screened (local defaults, NOT-1).
DUE_NOTICE_DAYS = 14
ACTION_NOTICE_DAYS = 3
MEETING_HORIZON_DAYS = 21

# Apps above this one add their daily checks by connecting a receiver (kwargs: day) that returns
# the number of notifications it made: reviews and appraisals due (PERF-2, PERF-3, in members).
daily_checks = Signal()


@dataclass
class DailyRun:
    declarations: int = 0
    actions: int = 0
    flags: int = 0
    offers: int = 0
    digests: int = 0
    others: int = 0


def declarations(day: dt.date) -> int:
    """COI-1: due within the policy's review period (a fortnight's notice), then overdue."""
    made = 0
    for trust in Organisation.objects.filter(kind=OrganisationKind.TRUST, closed_on__isnull=True):
        months = review_months(trust)
        late = {o.person.pk: o for o in overdue(trust.pk, months, on=day)}
        soon = {
            o.person.pk: o for o in overdue(trust.pk, months, on=day + dt.timedelta(days=DUE_NOTICE_DAYS))
        }
        users = queries.users_of_people(set(late) | set(soon))
        url = reverse("interests:my_declarations")
        for person_id, user in users.items():
            entry = late.get(person_id) or soon[person_id]
            since = entry.last_return.date().isoformat() if entry.last_return else "never"
            kind = Kind.DECLARATIONS_OVERDUE if person_id in late else Kind.DECLARATIONS_DUE
            title = (
                "Your declarations of interest are overdue"
                if person_id in late
                else f"Your declarations of interest are due within {DUE_NOTICE_DAYS} days"
            )
            made += len(
                notify(
                    users=[user],
                    kind=kind,
                    title=title,
                    summary=f"Declare your interests, or make a nil return, at least every {months} months.",
                    url=url,
                    key=f"{kind}:{person_id}:{since}",
                    trust_id=trust.pk,
                )
            )
    return made


def actions(day: dt.date) -> int:
    """MTG-5: an action due in a few days, then overdue, each told once."""
    made = 0
    due = Action.objects.filter(
        done_on__isnull=True, due_date__lte=day + dt.timedelta(days=ACTION_NOTICE_DAYS)
    )
    for action in due.select_related("owner__user", "meeting"):
        user = action.owner.user
        if user is None:
            continue
        late = action.due_date < day
        made += len(
            notify(
                users=[user],
                kind=Kind.ACTION_OVERDUE if late else Kind.ACTION_DUE,
                title=f"Your action is {'overdue' if late else 'due'}: due {action.due_date:%-d %B %Y}",
                body=action.description,
                url=reverse("meetings:meeting_detail", args=[action.meeting_id]),
                key=f"action-{'overdue' if late else 'due'}:{action.pk}",
                trust_id=action.owner.trust_id,
            )
        )
    return made


def flags(day: dt.date) -> int:
    """COI-2, COI-3: every coming meeting within the horizon, screened."""
    start = timezone.now()
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=MEETING_HORIZON_DAYS), dt.time()))
    coming = Meeting.objects.filter(starts_at__gte=start, starts_at__lt=end).exclude(status="cancelled")
    return sum(flags_for_meeting(meeting) for meeting in coming.select_related("committee"))


def offers(day: dt.date) -> int:
    """APP-3: a candidate who has not answered is told once when the reply-by date is within the
    pack's number of days; only the applicant hears, and the email says only that it is near."""
    made = 0
    waiting = Offer.objects.filter(
        accepted__isnull=True, respond_by__isnull=False, respond_by__gte=day
    ).select_related("application__applicant", "application__campaign__trust")
    notice: dict[int, int] = {}
    for offer in waiting:
        trust = offer.application.campaign.trust
        if trust.pk not in notice:
            days = effective_policy(trust)["appointment.offer_reminder_days"]
            notice[trust.pk] = days if isinstance(days, int) else 0
        assert offer.respond_by is not None
        if offer.respond_by > day + dt.timedelta(days=notice[trust.pk]):
            continue
        made += len(
            notify(
                users=[offer.application.applicant],
                kind=Kind.APPLICATION,
                title=f"Please answer your offer by {offer.respond_by:%-d %B %Y}",
                summary="The date to answer the offer you were made is near. Sign in to accept or decline it.",
                url=reverse("applicants:my_application", args=[offer.application_id]),
                key=f"offer-deadline:{offer.pk}:{offer.respond_by.isoformat()}",
                trust_id=None,
            )
        )
    return made


def run_daily(day: dt.date) -> DailyRun:
    result = DailyRun(
        declarations=declarations(day), actions=actions(day), flags=flags(day), offers=offers(day)
    )
    result.others = sum(int(made or 0) for _receiver, made in daily_checks.send(DailyRun, day=day))
    result.digests = digest_send(day=day)
    return result


@task()
def daily(day: str) -> dict[str, int]:
    """The day's checks as a task (the scheduler enqueues it; `pecgov notifications daily` runs it)."""
    return asdict(run_daily(dt.date.fromisoformat(day)))
