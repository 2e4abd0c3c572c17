"""What the members pages share: finding a seat, an objective or a claim within the user's trust
(404 otherwise), asking an object's permission (403), the form page (`form_view` in the
members' section)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from pecgov.members import queries
from pecgov.members.models import Objective
from pecgov.trust.models import Membership
from pecgov.ui.viewkit import form_view, trust_id_of

SECTION = "members"
member_form = partial(form_view, section=SECTION)


def check(request: HttpRequest, perm: str, obj: Any) -> None:
    """The role may use the page, but not on this object: 403."""
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def seat(request: HttpRequest, pk: int, perm: str = "members.view_year") -> Membership:
    try:
        membership = queries.seat(trust_id_of(request), pk)
    except Membership.DoesNotExist as error:
        raise Http404 from error
    check(request, perm, membership)
    return membership


def objective(request: HttpRequest, pk: int, perm: str) -> Objective:
    try:
        found = Objective.objects.select_related("membership__person", "membership__committee").get(
            pk=pk, membership__committee__trust_id=trust_id_of(request)
        )
    except Objective.DoesNotExist as error:
        raise Http404 from error
    check(request, perm, found)
    return found
