"""Notice to outgoing members (APP-3, DH Annex C "Give notice to current PEC members as
necessary"): recorded against each outgoing membership from the appointment plan's notice step,
with who was told, when, the end date they were told and who gave notice."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from pecgov.actors import Actor
from pecgov.appointments.enums import StepKey
from pecgov.appointments.models import MemberNotice, PlanStep
from pecgov.appointments.services.base import _date, _text, _today
from pecgov.audit.recording import actor_user, save_tracked
from pecgov.errors import DomainError
from pecgov.servicekit import event, require_lead
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Membership
from pecgov.trust.queries import current_q


def outgoing_memberships(step: PlanStep, on: dt.date | None = None) -> QuerySet[Membership]:
    """The trust's current PEC seats that may be given notice at this step (not already given)."""
    return (
        Membership.objects.filter(
            current_q(on or _today()),
            committee__trust_id=step.plan.trust_id,
            committee__kind=CommitteeKind.PEC,
        )
        .exclude(notices__step=step)
        .select_related("person", "committee")
        .order_by("person__name", "pk")
    )


def _check_notice(
    step: PlanStep, membership: Membership | None, given_on: dt.date | None, end_date: dt.date | None
) -> Membership:
    if step.key != StepKey.NOTICE:
        raise DomainError("Notice to members is recorded at the plan's notice step.")
    if membership is None or membership.committee.trust_id != step.plan.trust_id:
        raise DomainError({"membership": "Select a current member of the trust's PEC"})
    if given_on is None:
        raise DomainError({"given_on": "Enter the date notice was given"})
    if end_date is None:
        raise DomainError({"end_date": "Enter the end date the member was told"})
    if end_date < given_on:
        raise DomainError({"end_date": "The end date must be on or after the date notice was given"})
    if end_date < membership.start_date:
        raise DomainError(
            {"end_date": f"The seat started on {_date(membership.start_date)}: the end date must be after it"}
        )
    if membership.end_date is not None and membership.end_date < given_on:
        raise DomainError({"membership": f"{membership.person}'s seat ended on {_date(membership.end_date)}"})
    if MemberNotice.objects.filter(step=step, membership=membership).exists():
        raise DomainError({"membership": f"{membership.person} has already been given notice at this step"})
    return membership


def notice_give(
    *,
    actor: Actor,
    step: PlanStep,
    membership: Membership | None,
    given_on: dt.date | None,
    end_date: dt.date | None,
    note: str = "",
) -> MemberNotice:
    """APP-3: the governance lead records notice given to an outgoing member (DH Annex C)."""
    require_lead(actor, step.plan.trust_id)
    membership = _check_notice(step, membership, given_on, end_date)
    assert given_on is not None and end_date is not None
    record = MemberNotice(
        step=step,
        membership=membership,
        given_on=given_on,
        end_date=end_date,
        note=_text(note),
        given_by=actor_user(actor),
        recorded_at=timezone.now(),
    )
    try:
        with transaction.atomic():
            save_tracked(record, actor=actor, reason="Notice given")
            event(
                actor,
                "plan.notice",
                record,
                step.plan.trust_id,
                f"{step.plan.title}: notice given to {membership.person}, seat ends {_date(end_date)}",
            )
    except IntegrityError as error:  # the same notice recorded twice at once
        raise DomainError(
            {"membership": f"{membership.person} has already been given notice at this step"}
        ) from error
    return record
