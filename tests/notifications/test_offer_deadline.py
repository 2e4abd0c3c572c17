"""The offer's reply-by date (APP-3) and the daily reminder to the candidate (NOT-1): the date
defaults from the pack, is refused in the past or after the start, is shown to the applicant, and
the daily job tells the applicant, and no one else, once when it is near."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.appointments import services as aps
from pecgov.appointments.enums import ApplicationStatus
from pecgov.appointments.models import Offer
from pecgov.errors import DomainError
from pecgov.notifications import jobs
from pecgov.notifications.models import Notification
from pecgov.policy.services import policy_override
from tests.appointment_factories import appoint_args, interviewed_round
from tests.factories import SYSTEM, World

pytestmark = pytest.mark.django_db


def offer_with(world: World, **kw: Any) -> tuple[Any, Offer]:
    rnd = interviewed_round(world)
    application = rnd.applications[0]
    return application, aps.appoint(actor=SYSTEM, application=application, **appoint_args(**kw))


def test_the_reply_by_date_defaults_to_the_packs_days_from_today(world: World) -> None:
    """APP-3: 14 days (the pack's default) from the day the offer is made."""
    _application, offer = offer_with(world)

    assert offer.respond_by == timezone.localdate() + dt.timedelta(days=14)


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (-1, "The reply-by date must be today or in the future"),
        (31, "The reply-by date must be on or before the start date"),
    ],
)
def test_a_reply_by_date_in_the_past_or_after_the_start_is_refused(
    world: World, days: int, message: str
) -> None:
    """APP-3, X-4: a clear message on the field, and nothing saved."""
    rnd = interviewed_round(world)
    application = rnd.applications[0]

    with pytest.raises(DomainError) as refused:
        aps.appoint(
            actor=SYSTEM,
            application=application,
            **appoint_args(respond_by=timezone.localdate() + dt.timedelta(days=days)),
        )

    assert refused.value.errors == {"respond_by": [message]}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SHORTLISTED
    assert not Offer.objects.exists()


def test_the_applicant_sees_the_date_to_answer_by(world: World) -> None:
    """APP-3: shown with the offer's terms until the candidate answers."""
    application, offer = offer_with(world)
    client = Client()
    client.force_login(application.applicant)

    page = client.get(reverse("applicants:my_application", args=[application.pk])).content.decode()

    assert "Please answer by" in page
    assert f"{offer.respond_by:%-d %B %Y}" in page


def test_the_daily_job_tells_the_applicant_once_and_no_one_else(world: World) -> None:
    """APP-3, NOT-1: nothing while the date is far; one notification to the applicant when it is
    within the pack's 3 days; running the day's job again tells no one twice."""
    application, offer = offer_with(world, respond_by=timezone.localdate() + dt.timedelta(days=10))
    today = timezone.localdate()

    assert jobs.offers(today) == 0
    assert jobs.offers(today + dt.timedelta(days=7)) == 1
    assert jobs.offers(today + dt.timedelta(days=7)) == 0
    assert jobs.offers(today + dt.timedelta(days=8)) == 0

    told = list(Notification.objects.filter(key__startswith="offer-deadline:"))
    assert [n.user_id for n in told] == [application.applicant.pk]
    assert offer.respond_by is not None
    assert f"{offer.respond_by:%-d %B %Y}" in told[0].title


def test_an_answered_offer_or_a_passed_date_tells_no_one(world: World) -> None:
    """APP-3: once answered there is nothing to remind; after the date, no late reminder."""
    _application, offer = offer_with(world, respond_by=timezone.localdate() + dt.timedelta(days=2))
    aps.offer_respond(actor=SYSTEM, offer=offer, accept=False)

    assert jobs.offers(timezone.localdate()) == 0
    Offer.objects.filter(pk=offer.pk).update(accepted=None)
    assert jobs.offers(timezone.localdate() + dt.timedelta(days=3)) == 0
    assert not Notification.objects.filter(key__startswith="offer-deadline:").exists()


def test_the_trust_sets_how_near_the_date_must_be(world: World) -> None:
    """APP-3, POL-1: the reminder's notice is a pack parameter a trust may override."""
    policy_override(
        actor=SYSTEM, trust=world.trust, key="appointment.offer_reminder_days", value=10, reason="Local"
    )
    application, _offer = offer_with(world, respond_by=timezone.localdate() + dt.timedelta(days=10))

    assert jobs.offers(timezone.localdate()) == 1
    assert Notification.objects.get(key__startswith="offer-deadline:").user_id == application.applicant.pk


def test_the_daily_run_includes_the_offers(world: World) -> None:
    """NOT-1: the scheduled daily job runs the offer check with the others."""
    offer_with(world, respond_by=timezone.localdate() + dt.timedelta(days=1))

    assert jobs.run_daily(timezone.localdate()).offers == 1
