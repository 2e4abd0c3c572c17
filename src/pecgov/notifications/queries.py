"""Who to tell (NOT-1): the users behind the people who sit on a committee, chair it, or hold a
role, each in one query. Only people on a committee hear of its items, so nothing of a committee's
confidential business reaches anyone else (X-1)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db.models import QuerySet

from pecgov.notifications.models import Notification
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.queries import current_q

CHAIRS = (MembershipRole.CHAIR, MembershipRole.VICE_CHAIR)


def unread_count(user: object) -> int:
    """How many of the person's notifications are unread (NOT-1), in one query."""
    from_user = getattr(user, "pk", None)
    return Notification.objects.filter(user_id=from_user, read_at__isnull=True).count() if from_user else 0


def _users(**filters: object) -> QuerySet[User]:
    return User.objects.filter(is_active=True, person__isnull=False, **filters).distinct()


def committee_users(committee_id: int, on: dt.date) -> list[User]:
    seated = current_q(on, "person__memberships__")
    return list(_users(person__memberships__committee_id=committee_id).filter(seated))


def chair_users(committee_id: int, on: dt.date) -> list[User]:
    seated = current_q(on, "person__memberships__")
    return list(
        _users(person__memberships__committee_id=committee_id, person__memberships__role__in=CHAIRS).filter(
            seated
        )
    )


def executive_director_users(trust_id: int, on: dt.date) -> list[User]:
    seated = current_q(on, "person__memberships__")
    return list(
        _users(
            person__memberships__committee__trust_id=trust_id,
            person__memberships__committee__kind=CommitteeKind.BOARD,
            person__memberships__role=MembershipRole.EXECUTIVE_DIRECTOR,
        ).filter(seated)
    )


def users_of_people(person_ids: Iterable[int]) -> dict[int, User]:
    """Person id to user, for the people who have an account."""
    return {user.person.pk: user for user in _users(person__pk__in=list(person_ids)).select_related("person")}
