"""The meetings router and the lookups its modules share: every object within the caller's
trust (another trust's is 404), read with the page's permission "meetings.view" (X-1)."""

from django.http import HttpRequest
from ninja import Router

from pecgov.api.listing import found, trust_of
from pecgov.meetings import queries
from pecgov.meetings.models import Action, AgendaItem, Meeting, Minutes, Paper
from pecgov.trust.models import Person

router = Router(tags=["meetings"])


def trust_id(request: HttpRequest, perm: str = "meetings.view") -> int:
    return trust_of(request, perm)


def meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    return found(_meeting, trust_id(request), meeting_id)


def _meeting(trust: int, pk: int) -> Meeting:
    return Meeting.objects.select_related("committee__trust").get(pk=pk, committee__trust_id=trust)


def item(request: HttpRequest, item_id: int) -> AgendaItem:
    return found(queries.item_in_trust, trust_id(request), item_id)


def paper(request: HttpRequest, paper_id: int) -> Paper:
    return found(queries.paper_in_trust, trust_id(request), paper_id)


def minutes(request: HttpRequest, minutes_id: int) -> Minutes:
    return found(queries.minutes_in_trust, trust_id(request), minutes_id)


def action(request: HttpRequest, action_id: int) -> Action:
    return found(queries.action_in_trust, trust_id(request), action_id)


def person_in(trust: int, person_id: int | None) -> Person | None:
    """A person of the trust, or None (the service then names the field)."""
    if person_id is None:
        return None
    return Person.objects.filter(pk=person_id, trust_id=trust).first()
