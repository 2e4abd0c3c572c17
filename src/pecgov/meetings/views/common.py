"""What the meeting pages share: lookups within the user's trust (another trust's meeting is
404, never 403), links and the form page."""

from __future__ import annotations

from functools import partial

from django.http import Http404, HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.http import url_has_allowed_host_and_scheme

from pecgov.meetings.models import Meeting
from pecgov.ui.viewkit import form_page, trust_id_of

SECTION = "meetings"


def meeting_or_404(request: HttpRequest, pk: int) -> Meeting:
    try:
        return Meeting.objects.select_related("committee__trust").get(
            pk=pk, committee__trust_id=trust_id_of(request)
        )
    except Meeting.DoesNotExist as error:
        raise Http404 from error


def item_url(pk: int) -> str:
    """The agenda item's page (conflicts and decision), owned by the conflicts area."""
    try:
        return reverse("conflicts:item_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return f"/items/{pk}/"


def detail_url(meeting_pk: int, anchor: str = "") -> str:
    return reverse("meetings:meeting_detail", args=[meeting_pk]) + (f"#{anchor}" if anchor else "")


meeting_form_page = partial(form_page, section=SECTION, template="meetings/form.jinja")


def next_or(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return fallback
