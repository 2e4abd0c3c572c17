"""Every write to notifications (NOT-1): tell people once, keep their choices, queue their
emails in the outbox, gather the day's digest, and let the lead retry a failed email."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.errors import DomainError
from pecgov.notifications import delivery, mail
from pecgov.notifications.enums import DEFAULT_DELIVERY, MANDATORY, Delivery, Kind, OutboxStatus
from pecgov.notifications.models import Notification, OutboxMessage, Preference

WHY: dict[str, str] = {
    Kind.PAPERS: "You got this email because you sit on the committee that meets.",
    Kind.FLAGGED: "You got this email because an interest you declared touches an item on the agenda. "
    "The chair will rule on it before the item is decided.",
    Kind.CONFLICTS_AWAITING: "You got this email because you chair the committee: conflicts of interest "
    "must be ruled on before the item is decided.",
    Kind.ACTION_ASSIGNED: "You got this email because you own the action.",
    Kind.ACTION_DUE: "You got this email because you own the action.",
    Kind.ACTION_OVERDUE: "You got this email because you own the action.",
    Kind.CASE_WAITING: "You got this email because the scheme of delegation gives you this decision.",
    Kind.CASE_STAGE: "You got this email because you submitted the business case.",
    Kind.DECLARATIONS_DUE: "You got this email because members keep their declarations of interest up to date.",
    Kind.DECLARATIONS_OVERDUE: "You got this email because members keep their declarations of interest up to date.",
    Kind.MINUTES_READY: "You got this email because you sit on the committee.",
    Kind.APPLICATION: "You got this email because you applied for a post.",
    Kind.REVIEW_DUE: "You got this email because you agreed objectives with your chair.",
}
DIGEST_WHY = "You got this email because you chose a daily digest."


def address_of(user: User) -> str:
    """Where a person's email goes: their account's address, else the one on their person record
    (the trust's directory)."""
    if user.email:
        return str(user.email)
    person = getattr(user, "person", None)
    return str(getattr(person, "email", "") or "")


def delivery_for(user: User, kind: str) -> str:
    """The person's choice for this kind, or the default; a duty is never switched off."""
    chosen = Preference.objects.filter(user=user, kind=kind).values_list("delivery", flat=True).first()
    delivery = chosen or DEFAULT_DELIVERY[kind]
    if delivery == Delivery.NONE and kind in MANDATORY:
        return Delivery.NOW
    return delivery


def deliveries_for(user: User) -> dict[str, str]:
    """Every kind with the person's choice or the default (one query)."""
    chosen = dict(Preference.objects.filter(user=user).values_list("kind", "delivery"))
    return {
        kind: Delivery.NOW
        if chosen.get(kind, DEFAULT_DELIVERY[kind]) == Delivery.NONE and kind in MANDATORY
        else chosen.get(kind, DEFAULT_DELIVERY[kind])
        for kind in Kind.values
    }


def notify(
    *,
    users: Iterable[User],
    kind: str,
    title: str,
    url: str,
    key: str,
    trust_id: int | None,
    body: str = "",
    summary: str = "",
) -> list[Notification]:
    """Tell each user once (a repeat of `key` for the same user does nothing): an in-app
    notification, and an email now or in the digest by their choice. `title` and `summary` go into
    emails and must carry nothing confidential; `body` is shown only in the app, to the user."""
    made: list[Notification] = []
    now = timezone.now()
    for user in {u.pk: u for u in users if u is not None and u.is_active}.values():
        if Notification.objects.filter(user=user, key=key).exists():
            continue
        delivery = delivery_for(user, kind)
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    user=user,
                    trust_id=trust_id,
                    kind=kind,
                    title=title[:200],
                    body=body,
                    url=url,
                    key=key[:200],
                    delivery=delivery,
                    created_at=now,
                )
        except IntegrityError:  # told already, by a job running at the same moment
            continue
        made.append(notification)
        if delivery == Delivery.NOW and address_of(user):
            _queue(
                user=user,
                key=f"n:{notification.pk}",
                subject=title,
                lines=[mail.Line(summary or title, url)],
                why=WHY[kind],
                kind=kind,
                trust_id=trust_id,
            )
    return made


def _queue(
    *,
    user: User,
    key: str,
    subject: str,
    lines: Sequence[mail.Line],
    why: str,
    kind: str,
    trust_id: int | None,
) -> OutboxMessage | None:
    """One outbox row per email (NOT-2); sent by the worker once the transaction commits."""
    if OutboxMessage.objects.filter(key=key).exists():
        return None
    text, html = mail.render(
        name=user.get_full_name() or user.get_username(), subject=subject, lines=lines, why=why
    )
    now = timezone.now()
    message = OutboxMessage.objects.create(
        key=key,
        user=user,
        trust_id=trust_id,
        kind=kind,
        to_email=address_of(user),
        subject=subject[:200],
        text=text,
        html=html,
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(_enqueue_delivery)
    return message


def email_queue(
    *,
    key: str,
    to_email: str,
    subject: str,
    text: str,
    html: str,
    user: User | None = None,
    trust_id: int | None = None,
    kind: str = "",
) -> OutboxMessage | None:
    """An email already written (an invitation, a password reset, an address check) put in the
    outbox (NOT-2): no request sends email itself; the worker sends it once the transaction
    commits. The key makes it once only: the same key again queues nothing and returns None."""
    if OutboxMessage.objects.filter(key=key).exists():
        return None
    now = timezone.now()
    message = OutboxMessage.objects.create(
        key=key[:200],
        user=user,
        trust_id=trust_id,
        kind=kind,
        to_email=to_email,
        subject=subject[:200],
        text=text,
        html=html,
        next_attempt_at=now,
        created_at=now,
    )
    transaction.on_commit(_enqueue_delivery)
    return message


def _enqueue_delivery() -> None:
    delivery.deliver_outbox.enqueue()


def queue_reminders(*, trust_id: int, reminders: Sequence[Any]) -> int:
    """The lead's declaration reminders (COI-1), one outbox row each, to the person's address
    whether or not they have an account. Each click of the lead's button sends a new round."""
    stamp = timezone.now().isoformat()
    url = mail.absolute(reverse("interests:my_declarations"))
    queued = 0
    for reminder in reminders:
        key = f"reminder:{reminder.person.pk}:{stamp}"
        if OutboxMessage.objects.filter(key=key).exists():
            continue
        html = mail.render(
            name=reminder.person.name,
            subject=reminder.subject,
            lines=[mail.Line(reminder.text.split("\n\n", 1)[-1].strip(), url)],
            why=WHY[Kind.DECLARATIONS_DUE],
        )[1]
        now = timezone.now()
        OutboxMessage.objects.create(
            key=key,
            user=reminder.person.user,
            trust_id=trust_id,
            kind=Kind.DECLARATIONS_DUE,
            to_email=reminder.to_email,
            subject=reminder.subject[:200],
            text=f"{reminder.text}\n{url}\n",
            html=html,
            next_attempt_at=now,
            created_at=now,
        )
        queued += 1
    if queued:
        transaction.on_commit(_enqueue_delivery)
    return queued


def digest_send(*, day: dt.date) -> int:
    """One email per person gathering their digest notifications made up to the end of `day` and
    not yet gathered; running it twice for a day sends nothing twice. Returns emails queued."""
    end = timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))
    waiting = (
        Notification.objects.filter(delivery=Delivery.DIGEST, digested_at__isnull=True, created_at__lt=end)
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in waiting:
        by_user.setdefault(notification.user_id, []).append(notification)
    queued = 0
    with transaction.atomic():
        for notifications in by_user.values():
            user = notifications[0].user
            if address_of(user) and _queue(
                user=user,
                key=f"digest:{user.pk}:{day.isoformat()}",
                subject=f"PEC Governance: {len(notifications)} update(s) for you",
                lines=[mail.Line(n.title, n.url) for n in notifications],
                why=DIGEST_WHY,
                kind="digest",
                trust_id=notifications[0].trust_id,
            ):
                queued += 1
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                digested_at=timezone.now()
            )
    return queued


def preference_set(*, actor: Actor, user: User, kind: str, delivery: str) -> Preference:
    """A person chooses how they hear of one kind of event; a duty cannot be switched off."""
    require(actor, "notifications.choose", user, message="You can only choose your own emails.")
    if kind not in Kind.values:
        raise DomainError({"kind": "Select what the choice is for"})
    if delivery not in Delivery.values:
        raise DomainError({kind: "Select how you want to hear of it"})
    if delivery == Delivery.NONE and kind in MANDATORY:
        raise DomainError({kind: f"{Kind(kind).label} carries a duty: choose an email now or in the digest"})
    preference, _ = Preference.objects.update_or_create(user=user, kind=kind, defaults={"delivery": delivery})
    return preference


def mark_read(*, actor: Actor, notification: Notification) -> Notification:
    require(actor, "notifications.read", notification, message="This is not your notification.")
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def mark_all_read(*, actor: Actor, user: User) -> int:
    require(actor, "notifications.choose", user, message="You can only mark your own notifications.")
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


def outbox_retry(*, actor: Actor, message: OutboxMessage) -> OutboxMessage:
    """The lead sends a failed email again (NOT-2)."""
    require(actor, "notifications.manage", message, message="Only the trust's governance lead can do this.")
    if message.status != OutboxStatus.FAILED:
        raise DomainError("Only a failed email can be sent again")
    message.status, message.next_attempt_at, message.last_error = OutboxStatus.PENDING, timezone.now(), ""
    message.save(update_fields=["status", "next_attempt_at", "last_error"])
    transaction.on_commit(_enqueue_delivery)
    return message
