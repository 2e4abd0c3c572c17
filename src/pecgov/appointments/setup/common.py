"""What the set-up pages share (APP-1 to APP-4): the trust and campaign lookups (404 for a
campaign the user may not see, APP-7, X-1), the form page and the worst composition finding."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse

from pecgov.appointments import queries
from pecgov.appointments.models import (
    Campaign,
)
from pecgov.policy.engine import Finding, Status
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import can, form_page, trust_id_of

SECTION = "appointments"
FORM = "appointments/setup/form.jinja"
SEVERITY = {Status.FAIL: 0, Status.WARN: 1, Status.PASS: 2}


def trust_of(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_id_of(request))


def campaign_of(request: HttpRequest, pk: int) -> Campaign:
    """The campaign if the user may see it: the lead's trust's, or one they sit on; else 404."""
    try:
        return queries.campaign_in_view(request.user, trust_id_of(request), pk)
    except Campaign.DoesNotExist as error:
        raise Http404 from error


def is_lead(request: HttpRequest) -> bool:
    return can(request, "appointments.manage")


def show_form(
    request: HttpRequest, form: Any, *, title: str, submit_text: str, cancel: str, **extra: Any
) -> HttpResponse:
    """A form on its own page, answering 400 while it has errors (X-4), with the competencies
    grouped by heading and optional details above the form."""
    return form_page(
        request,
        form,
        title=title,
        submit_text=submit_text,
        cancel=cancel,
        section=SECTION,
        template=FORM,
        **extra,
    )


def worst(findings: list[Finding]) -> Finding | None:
    return min(findings, key=lambda f: SEVERITY.get(Status(f.status), 3)) if findings else None
