"""Who may do what with meetings (X-1): the governance lead runs them, the committee's chair
rules on conflicts, records decisions and takes attendance, members read papers and raise
concerns, an action's owner completes it. Services ask these through pecgov.actors.require,
pages through `can` / `has_perm`: the rule is written once, here."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from rules import permissions
from rules.predicates import Predicate

from pecgov.actors import Actor, require
from pecgov.meetings.models import ItemConflict
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Membership
from pecgov.trust.queries import current_q
from pecgov.trust.roles import roles_of
from pecgov.trust.rules import in_own_trust, is_governance_lead, is_trust_user


def predicate(fn: Callable[..., bool]) -> Predicate:
    """`rules.predicate`, typed: the library's decorator is untyped."""
    return Predicate(fn)


def add_perm(name: str, pred: Predicate) -> None:
    permissions.add_perm(name, pred)  # type: ignore[no-untyped-call]  # untyped in the library


def chairs(user: Any, committee_id: int) -> bool:
    """The user chairs (or vice-chairs) this committee today."""
    roles = roles_of(user)
    if roles.person_id is None or committee_id not in roles.committee_ids:
        return False
    return Membership.objects.filter(
        current_q(timezone.localdate()),
        person_id=roles.person_id,
        committee_id=committee_id,
        role__in=[MembershipRole.CHAIR, MembershipRole.VICE_CHAIR],
    ).exists()


def _meeting_of(obj: Any) -> Any:
    """A meeting, or the meeting of an item, an action or a conflict on an item."""
    meeting = getattr(obj, "meeting", None)
    if meeting is None and getattr(obj, "item", None) is not None:
        meeting = obj.item.meeting
    return meeting if meeting is not None else obj


@predicate
def chairs_the_committee(user: Any, obj: Any = None) -> bool:
    meeting = _meeting_of(obj)
    return meeting is not None and chairs(user, meeting.committee_id)


@predicate
def sits_on_the_committee(user: Any, obj: Any = None) -> bool:
    meeting = _meeting_of(obj)
    return meeting is not None and meeting.committee_id in roles_of(user).committee_ids


@predicate
def owns_the_action(user: Any, action: Any = None) -> bool:
    person_id = roles_of(user).person_id
    return action is not None and person_id is not None and getattr(action, "owner_id", None) == person_id


@predicate
def is_the_person(user: Any, conflict: Any = None) -> bool:
    """The user is the person whose conflict this is (COI-8)."""
    person_id = roles_of(user).person_id
    return conflict is not None and person_id is not None and conflict.person_id == person_id


@predicate
def conflicted_on_the_item(user: Any, obj: Any = None) -> bool:
    """The user has a recorded conflict on this item (or on the item of this conflict): someone
    else chairs the item (COI-8)."""
    person_id = roles_of(user).person_id
    item = getattr(obj, "item", obj)
    if person_id is None or item is None or getattr(item, "pk", None) is None:
        return False
    return ItemConflict.objects.filter(item_id=item.pk, person_id=person_id).exists()


add_perm("meetings.view", is_trust_user)
add_perm("meetings.manage", is_governance_lead)
# Conflict handling, decisions and votes: the chair of that committee, or the lead recording for them.
add_perm("meetings.chair", in_own_trust & (is_governance_lead | chairs_the_committee))
# MTG-2: attendance is taken by the committee's chair for their own meetings, or by the lead.
# COI-8: the chairing of one item, and the ruling on one person's conflict: no one rules on their
# own conflict, and a member with a recorded conflict on the item does not chair it.
_chairs = in_own_trust & (is_governance_lead | chairs_the_committee)
add_perm("meetings.chair_item", _chairs & ~conflicted_on_the_item)
add_perm("meetings.rule_on_conflict", _chairs & ~is_the_person & ~conflicted_on_the_item)
add_perm("meetings.record_attendance", in_own_trust & (is_governance_lead | chairs_the_committee))
add_perm("meetings.raise_concern", sits_on_the_committee)
# MTG-5: an action is completed by its owner or by the lead.
add_perm("meetings.complete_action", in_own_trust & (is_governance_lead | owns_the_action))
# The owner of an action on a page already scoped to their trust (the meeting page's "Mark as done").
add_perm("meetings.owns_action", owns_the_action)


def require_chair(actor: Actor, meeting: Any) -> None:
    """The committee's chair (or vice-chair), or the governance lead recording for them, in the
    meeting's own trust: the "meetings.chair" permission, with a message that says which part
    failed."""
    require(actor, "trust.view", meeting, message="This meeting is not in your trust.")
    require(
        actor,
        "meetings.chair",
        meeting,
        message="Only the chair of the committee (or the governance lead for them) can do this.",
    )


def require_chair_of_item(actor: Actor, item: Any) -> None:
    """`require_chair`, and the actor has no conflict recorded on this item: whoever ruled on
    their conflict chairs it (COI-8)."""
    require_chair(actor, item.meeting)
    require(
        actor,
        "meetings.chair_item",
        item,
        message="You have a conflict of interest on this item: the member who ruled on it chairs the item.",
    )
