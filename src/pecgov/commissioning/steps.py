"""PBC pages that change a case: submit, add a document, record scrutiny, put it on a
meeting's agenda, record the director's decision, return, resubmit and withdraw (PBC-1 to
PBC-4, MTG-6). Each asks the same `rules` permission as its service and shows the service's
own answer to why it cannot be done now."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import services
from pecgov.commissioning.enums import STATUS_HINTS, Aspect, CaseStatus
from pecgov.commissioning.forms import (
    CaseForm,
    DecideForm,
    DocumentForm,
    NoteForm,
    ScheduleForm,
    ScrutinyForm,
)
from pecgov.commissioning.models import BusinessCase, Scrutiny
from pecgov.commissioning.scrutiny import SCRUTINY_OPEN, criteria_for
from pecgov.commissioning.views import SECTION, case_in_view, case_url
from pecgov.errors import DomainError, NotPermitted
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import GET_POST, form_page, form_view, posted, posted_files, trust_id_of, trust_view

FORM_TEMPLATE = "commissioning/case_form.jinja"


def _require(request: HttpRequest, perm: str, case: BusinessCase) -> None:
    """For those who may see the case but not do this to it: 403 (the same permission the
    service asks)."""
    if not request.user.has_perm(perm, case):
        raise PermissionDenied


def _allowed_types(trust_id: int) -> str:
    policy = effective_policy(Organisation.objects.get(pk=trust_id))
    return ", ".join(e.strip() for e in str(policy["papers.allowed_extensions"]).split(",") if e.strip())


def _form_page(request: HttpRequest, form: Any, *, case: BusinessCase | None, **kw: Any) -> HttpResponse:
    kw.setdefault("cancel", case_url(case) if case else reverse("commissioning:case_list"))
    kw.setdefault("template", FORM_TEMPLATE)
    if case is not None:
        kw.setdefault("caption", f"{case.reference}: {case.title}")
    return form_page(request, form, section=SECTION, case=case, **kw)


# Submitting (PBC-1, PBC-2) ---------------------------------------------------------------------


@GET_POST
@trust_view("commissioning.submit")
def case_submit(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    roles = roles_of(request.user)
    form = CaseForm(
        posted(request),
        posted_files(request),
        trust_id=trust_id,
        practice_ids=None if roles.is_governance_lead else roles.practice_ids,
        allowed_types=_allowed_types(trust_id),
    )
    return form_view(
        request,
        form,
        save=lambda d: services.case_submit(
            actor=request.user, trust=Organisation.objects.get(pk=trust_id), **d
        ),
        done=lambda case: f"{case.reference} submitted. {case.route_reason}",
        then=lambda case: case_url(case),
        page=_form_page,
        case=None,
        title="Submit a plan or business case",
        submit_text="Submit",
        intro="The scheme of delegation decides who approves it, by its value. You will see the route "
        "as soon as it is submitted.",
    )


@GET_POST
@trust_view("commissioning.view_cases")
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_view(request, pk)
    _require(request, "commissioning.act_as_submitter", case)
    form = DocumentForm(
        posted(request),
        posted_files(request),
        allowed_types=_allowed_types(case.trust_id),
    )
    return form_view(
        request,
        form,
        save=lambda d: services.document_add(
            actor=request.user, case=case, title=d["title"], upload=d["upload"]
        ),
        done=lambda document: f"Document added: {document.title}.",
        then=lambda _: case_url(case, "documents"),
        page=_form_page,
        case=case,
        title="Add a document",
        submit_text="Upload document",
    )


# Scrutiny, scheduling and deciding (PBC-2, PBC-3, MTG-6) --------------------------------------


@GET_POST
@trust_view("commissioning.scrutinise")
def case_scrutiny(request: HttpRequest, pk: int, aspect: str) -> HttpResponse:
    if aspect not in Aspect.values:
        raise Http404
    case = case_in_view(request, pk)
    roles = roles_of(request.user)
    initial: dict[str, Any] = {"assessor": roles.person_id}
    for row in Scrutiny.objects.filter(case=case, aspect=aspect):
        initial |= {f"{row.criterion}_assessment": row.assessment, f"{row.criterion}_comment": row.comment}
    form = ScrutinyForm(
        posted(request),
        initial=initial,
        trust_id=case.trust_id,
        person_id=roles.person_id,
        is_lead=roles.is_governance_lead,
        criteria=criteria_for(case.trust),
    )
    closed = case.status not in SCRUTINY_OPEN
    return form_view(
        request,
        form,
        save=lambda d: services.scrutiny_record(
            actor=request.user,
            case=case,
            aspect=aspect,
            assessor=d["assessor"],
            assessments=form.assessments(),
        ),
        done=lambda _: f"{Aspect(aspect).label} recorded for {case.reference}.",
        then=lambda _: case_url(case, "scrutiny"),
        page=_form_page,
        case=case,
        title=f"Record {Aspect(aspect).label.lower()}",
        submit_text=f"Save {Aspect(aspect).label.lower()}",
        intro=f"Scrutiny cannot be recorded now because {STATUS_HINTS[case.status]}."
        if closed
        else "Assess the case against each stated criterion (DH 5.3). Someone with an interest in "
        "the submitting practice or its PBC group cannot assess it.",
        template="commissioning/case_scrutiny.jinja",
    )


@GET_POST
@trust_view("commissioning.manage")
def case_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """MTG-6: the meetings of the deciding committee, the next one first."""
    case = case_in_view(request, pk)
    meetings = services.meetings_able_to_decide(case)
    form = ScheduleForm(posted(request), meetings=meetings)
    return form_view(
        request,
        form,
        save=lambda d: services.case_schedule(actor=request.user, case=case, meeting=d["meeting"]),
        done=lambda item: f"{case.reference} is item {item.number} on the agenda of {item.meeting}.",
        then=lambda _: case_url(case),
        page=_form_page,
        case=case,
        title="Put the case on a meeting's agenda",
        submit_text="Add to the agenda",
        template="commissioning/case_schedule.jinja",
        problem=services.schedule_problem(case),
        meetings=[(m, timezone.localtime(m.starts_at).date() > case.target_date) for m in meetings],
        committee=case.committee,
    )


@GET_POST
@trust_view("commissioning.decide_director")
def case_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """PBC-2, DH 5.8: a director decides a small case. A conflicted director is told why not."""
    case = case_in_view(request, pk)
    form = DecideForm(posted(request))

    def decide(data: dict[str, Any]) -> BusinessCase:
        try:
            return services.director_decide(
                actor=request.user,
                case=case,
                outcome=data["outcome"],
                reasons=data["reasons"],
                decided_on=data["decided_on"],
            )
        except NotPermitted as error:  # a conflict of interest: show it, do not answer 403
            raise DomainError(str(error)) from error

    return form_view(
        request,
        form,
        save=decide,
        done=lambda decided: f"{case.reference}: {decided.get_status_display().lower()}.",
        then=lambda _: case_url(case),
        page=_form_page,
        case=case,
        title="Record the director's decision",
        submit_text="Record decision",
        intro=services.director_problem(case),
    )


# Returning, resubmitting and withdrawing (PBC-2, PBC-4) -----------------------------------------


def _note_page(
    request: HttpRequest,
    case: BusinessCase,
    *,
    name: str,
    label: str,
    target: str,
    title: str,
    submit_text: str,
    act: Callable[[str], BusinessCase],
    help_text: str = "",
) -> HttpResponse:
    form = NoteForm(posted(request), name=name, label=label, help_text=help_text)
    return form_view(
        request,
        form,
        save=lambda d: act(d[name]),
        done=lambda saved: f"{case.reference}: {saved.get_status_display().lower()}.",
        then=lambda _: case_url(case),
        page=_form_page,
        case=case,
        title=title,
        submit_text=submit_text,
        intro=services.transition_error(case.status, target) or "",
    )


@GET_POST
@trust_view("commissioning.manage")
def case_return(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_view(request, pk)
    return _note_page(
        request,
        case,
        name="reason",
        label="What more does the submitter need to provide?",
        target=CaseStatus.RETURNED,
        title="Return the case for more information",
        submit_text="Return the case",
        act=lambda text: services.case_return(actor=request.user, case=case, reason=text),
    )


@GET_POST
@trust_view("commissioning.view_cases")
def case_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_view(request, pk)
    _require(request, "commissioning.act_as_submitter", case)
    return _note_page(
        request,
        case,
        name="note",
        label="What has changed? (optional)",
        help_text=f"It was returned because: {case.status_note}" if case.status_note else "",
        target=CaseStatus.SUBMITTED,
        title="Resubmit the case",
        submit_text="Resubmit",
        act=lambda text: services.case_resubmit(actor=request.user, case=case, note=text),
    )


@GET_POST
@trust_view("commissioning.view_cases")
def case_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    case = case_in_view(request, pk)
    _require(request, "commissioning.act_as_submitter", case)
    return _note_page(
        request,
        case,
        name="reason",
        label="Why is the case withdrawn?",
        target=CaseStatus.WITHDRAWN,
        title="Withdraw the case",
        submit_text="Withdraw the case",
        act=lambda text: services.case_withdraw(actor=request.user, case=case, reason=text),
    )
