"""The annual appraisal and the development plan (PERF-3). Confidential (X-1): the pages that show
its content answer 404 to everyone but the member and their appraisers (and the lead where the
policy says), and every read is recorded in the ledger."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pecgov.members import queries
from pecgov.members.competencies import competencies_for
from pecgov.members.forms import AppraisalStartForm, AssessmentForm, PdpForm, SelfAssessmentForm
from pecgov.members.models import Appraisal
from pecgov.members.services import appraisals as services
from pecgov.members.views.common import SECTION, check, member_form, seat
from pecgov.ui.viewkit import GET_POST, post_action, posted, trust_id_of, trust_view


def _appraisal(request: HttpRequest, pk: int) -> Appraisal:
    try:
        return queries.appraisal_in_view(request.user, trust_id_of(request), pk)
    except Appraisal.DoesNotExist as error:
        raise Http404 from error


def _url(appraisal: Appraisal) -> str:
    return reverse("members:appraisal_detail", args=[appraisal.pk])


@trust_view("members.view")
def appraisal_list(request: HttpRequest) -> HttpResponse:
    """The appraisals the user may know of; the lead sees that each happened and when."""
    rows = list(queries.appraisals_for(request.user, trust_id_of(request)))
    return render(
        request,
        "members/appraisal_list.jinja",
        {
            "title": "Appraisals",
            "nav_section": SECTION,
            "rows": [(a, request.user.has_perm("members.view_appraisal", a)) for a in rows],
        },
    )


@GET_POST
@trust_view("members.view")
def appraisal_start(request: HttpRequest, pk: int) -> HttpResponse:
    membership = seat(request, pk, "members.start_appraisal")
    return member_form(
        request,
        AppraisalStartForm(posted(request)),
        save=lambda d: services.appraisal_start(actor=request.user, membership=membership, **d),
        done=lambda _: f"Appraisal started for {membership.person.name}.",
        then=_url,
        title="Start this year's appraisal",
        caption=membership.person.name,
        submit_text="Start appraisal",
        cancel=reverse("members:member_year", args=[membership.pk]),
        intro="You appraise as the member's line of accountability (DH 7.1). The appraisal is confidential "
        "to the member and their appraisers.",
    )


@trust_view("members.view")
def appraisal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _appraisal(request, pk)
    services.appraisal_read(actor=request.user, appraisal=appraisal, how="page")
    user = request.user
    return render(
        request,
        "members/appraisal.jinja",
        {
            "title": f"Appraisal of {appraisal.membership.person.name}",
            "nav_section": SECTION,
            "a": appraisal,
            "objectives": queries.objectives_of(appraisal.membership),
            "competencies": competencies_for(appraisal.membership),
            "pdp": list(appraisal.pdp.all()),
            "can_self": user.has_perm("members.self_assess", appraisal) and not appraisal.signed,
            "can_assess": user.has_perm("members.assess", appraisal) and not appraisal.signed,
            "can_plan": user.has_perm("members.plan_development", appraisal) and not appraisal.signed,
            "can_sign": user.has_perm("members.sign_appraisal", appraisal) and not appraisal.signed,
        },
    )


def _edit(request: HttpRequest, pk: int, perm: str, form_class: type, act: str, title: str) -> HttpResponse:
    appraisal = _appraisal(request, pk)
    check(request, perm, appraisal)
    service = getattr(services, act)
    return member_form(
        request,
        form_class(posted(request), instance=appraisal),
        save=lambda d: service(actor=request.user, appraisal=appraisal, **d),
        done=lambda _: "Saved. Both of you sign the appraisal again once it is complete.",
        then=lambda _: _url(appraisal),
        title=title,
        caption=str(appraisal),
        submit_text="Save",
        cancel=_url(appraisal),
    )


@GET_POST
@trust_view("members.view")
def appraisal_self(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(
        request,
        pk,
        "members.self_assess",
        SelfAssessmentForm,
        "appraisal_self_assess",
        "Your self-assessment",
    )


@GET_POST
@trust_view("members.view")
def appraisal_assess(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(
        request, pk, "members.assess", AssessmentForm, "appraisal_assess", "The appraiser's assessment"
    )


@GET_POST
@trust_view("members.view")
def pdp_add(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _appraisal(request, pk)
    check(request, "members.plan_development", appraisal)
    return member_form(
        request,
        PdpForm(posted(request)),
        save=lambda d: services.pdp_add(actor=request.user, appraisal=appraisal, **d),
        done=lambda made: f"Added to the development plan: {made.need}.",
        then=lambda _: _url(appraisal) + "#pdp",
        title="Add to the personal development plan",
        caption=str(appraisal),
        submit_text="Add to plan",
        cancel=_url(appraisal) + "#pdp",
    )


@require_POST
@trust_view("members.view")
def appraisal_sign(request: HttpRequest, pk: int) -> HttpResponse:
    appraisal = _appraisal(request, pk)
    done = post_action(request, lambda: services.appraisal_sign(actor=request.user, appraisal=appraisal))
    if done:
        messages.success(
            request, "Signed." if not done.signed else "Signed by both: the appraisal is complete."
        )
    return redirect(_url(appraisal))


@trust_view("members.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def appraisal_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """PERF-3: the signed appraisal and its plan as a PDF (WeasyPrint; nothing fetched)."""
    appraisal = _appraisal(request, pk)
    if not appraisal.signed:
        raise Http404
    from weasyprint import HTML  # loaded on first use: it is slow to import

    services.appraisal_read(actor=request.user, appraisal=appraisal, how="PDF")
    html = render_to_string(
        "members/appraisal_print.jinja",
        {
            "a": appraisal,
            "objectives": queries.objectives_of(appraisal.membership),
            "competencies": competencies_for(appraisal.membership),
            "pdp": list(appraisal.pdp.all()),
            "printed": timezone.now(),
        },
    )
    pdf = bytes(HTML(string=html, base_url=None).write_pdf())
    name = f"appraisal-{appraisal.membership.person.name.lower().replace(' ', '-')}-{appraisal.year_start:%Y}.pdf"
    return FileResponse(io.BytesIO(pdf), filename=name, content_type="application/pdf")
