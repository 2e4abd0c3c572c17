"""PBC pages: plans and business cases from submission to decision, and the pipeline
(PBC-1 to PBC-4, MTG-6).

Thin views: parse, call a service, redirect or render. A case is looked up among the cases
the user may see (queries.case_in_view), so another trust's case, or another practice's for a
practice lead, answers 404, never 403.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods

from pecgov.commissioning import queries, services
from pecgov.commissioning.enums import CLOSED, STATUS_HINTS, Aspect, CaseStatus
from pecgov.commissioning.forms import (
    CaseForm,
    DecideForm,
    DocumentForm,
    NoteForm,
    ScheduleForm,
    ScrutinyForm,
)
from pecgov.commissioning.models import BusinessCase, CaseDocument, Scrutiny
from pecgov.delegation.enums import Decider
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings.enums import ItemKind, Outcome
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.trust.roles import roles_of
from pecgov.ui.viewkit import can, form_page, paginate, submit, trust_id_of, trust_view

GET_POST = require_http_methods(["GET", "POST"])
SECTION = "commissioning"
FORM_TEMPLATE = "commissioning/case_form.jinja"
CHUNK_SIZE = 64 * 1024
# services.scrutiny_record accepts scrutiny only while the case is in these states.
SCRUTINY_OPEN = {CaseStatus.SUBMITTED, CaseStatus.SCRUTINY}
# Committee outcomes that send nothing on to the Board.
NOT_TO_BOARD = {Outcome.DEFERRED, Outcome.REJECTED, Outcome.NOTED}


def _case(request: HttpRequest, pk: int) -> BusinessCase:
    """The case if the user may see it; anything else is 404 (X-1)."""
    try:
        case = queries.case_in_view(request.user, trust_id_of(request), pk)
    except BusinessCase.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("commissioning.view_case", case):
        raise Http404
    return case


def _require(request: HttpRequest, perm: str, case: BusinessCase) -> None:
    """For those who may see the case but not do this to it: 403."""
    if not request.user.has_perm(perm, case):
        raise PermissionDenied


def _case_url(case: BusinessCase, anchor: str = "") -> str:
    return reverse("commissioning:case_detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


def _allowed_types(trust_id: int) -> str:
    policy = effective_policy(Organisation.objects.get(pk=trust_id))
    return ", ".join(e.strip() for e in str(policy["papers.allowed_extensions"]).split(",") if e.strip())


def _form_page(request: HttpRequest, form: Any, case: BusinessCase | None, **kw: Any) -> HttpResponse:
    kw.setdefault("cancel", _case_url(case) if case else reverse("commissioning:case_list"))
    kw.setdefault("template", FORM_TEMPLATE)
    if case is not None:
        kw.setdefault("caption", f"{case.reference}: {case.title}")
    return form_page(request, form, section=SECTION, case=case, **kw)


# Lists ------------------------------------------------------------------------------------


@trust_view("commissioning.view_cases")
def case_list(request: HttpRequest) -> HttpResponse:
    """PBC-1: the cases the user may see; a practice or PBC group lead sees only their own."""
    status = request.GET.get("status", "")
    if status not in {"", "open", "closed", *CaseStatus.values}:
        status = ""
    search = request.GET.get("q", "").strip()[:100]
    page = paginate(
        request, queries.case_list(request.user, trust_id_of(request), status=status, search=search)
    )
    return render(
        request,
        "commissioning/case_list.jinja",
        {
            "title": "Plans and business cases",
            "nav_section": SECTION,
            "page": page,
            "status": status,
            "search": search,
            "statuses": CaseStatus.choices,
            "closed": CLOSED,
            "can_submit": can(request, "commissioning.submit"),
            "can_see_pipeline": can(request, "commissioning.view_pipeline"),
        },
    )


@trust_view("commissioning.view_pipeline")
def pipeline(request: HttpRequest) -> HttpResponse:
    """PBC-4, MTG-6: every open case, who holds it, how long it has taken and whether a meeting
    can decide it in time. The summary counts every open case, whatever the filters."""
    trust_id = trust_id_of(request)
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values and status not in CLOSED else ""
    decider = request.GET.get("decider", "")
    decider = decider if decider in Decider.values else ""
    late_only = request.GET.get("late") == "yes"
    every = queries.pipeline(trust_id)
    filtered = status or decider or late_only
    rows = (
        queries.pipeline(trust_id, status=status, decider=decider, late_only=late_only) if filtered else every
    )
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "commissioning/pipeline.jinja",
        {
            "title": "Commissioning pipeline",
            "nav_section": SECTION,
            "summary": queries.pipeline_summary(every),
            "page": page,
            "status": status,
            "decider": decider,
            "late_only": late_only,
            "filtered": filtered,
            "statuses": [(v, label) for v, label in CaseStatus.choices if v not in CLOSED],
            "deciders": Decider.choices,
        },
    )


# The case page ----------------------------------------------------------------------------


def _actions(request: HttpRequest, case: BusinessCase, scrutiny_complete: bool) -> list[tuple[str, str]]:
    """The buttons this user may press now: their permission and the lifecycle both allow it."""
    user, status, pk = request.user, case.status, case.pk
    found: list[tuple[str, str]] = []
    if user.has_perm("commissioning.scrutinise") and status in SCRUTINY_OPEN:
        found += [
            (f"Record {a.label.lower()}", reverse("commissioning:case_scrutiny", args=[pk, a.value]))
            for a in Aspect
        ]
    manage = user.has_perm("commissioning.manage")
    if (
        manage
        and case.committee_id
        and scrutiny_complete
        and services.transition_error(status, CaseStatus.ON_AGENDA) is None
    ):
        found.append(("Put it on a meeting's agenda", reverse("commissioning:case_schedule", args=[pk])))
    if (
        user.has_perm("commissioning.decide_director")
        and case.decider == Decider.EXECUTIVE_DIRECTOR
        and services.transition_error(status, CaseStatus.APPROVED) is None
    ):
        found.append(("Record the director's decision", reverse("commissioning:case_decide", args=[pk])))
    if manage and services.transition_error(status, CaseStatus.RETURNED) is None:
        found.append(("Return it for more information", reverse("commissioning:case_return", args=[pk])))
    if user.has_perm("commissioning.act_as_submitter", case):
        if services.transition_error(status, CaseStatus.SUBMITTED) is None:
            found.append(("Resubmit the case", reverse("commissioning:case_resubmit", args=[pk])))
        if status not in CLOSED:
            found.append(("Add a document", reverse("commissioning:document_add", args=[pk])))
        if services.transition_error(status, CaseStatus.WITHDRAWN) is None:
            found.append(("Withdraw the case", reverse("commissioning:case_withdraw", args=[pk])))
    return found


@trust_view("commissioning.view_cases")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """PBC-1 to PBC-4, MTG-6: the case, its route, timeliness, scrutiny, documents and outcome."""
    case = _case(request, pk)
    meetings = services.meetings_able_to_decide(case)
    today = timezone.localdate()
    upcoming = {}
    if case.committee_id is not None:
        upcoming[case.committee_id] = [timezone.localtime(m.starts_at).date() for m in meetings]
    row = queries.case_row(case, upcoming, today)
    grid = queries.scrutiny_grid(case, since=services.scrutiny_since(case))
    item = case.agenda_item
    # The PEC recommended it to the Board: the statement to the Board goes with it (COI-5).
    recommended = (
        item is not None
        and item.kind == ItemKind.RECOMMENDATION
        and bool(item.outcome)
        and item.outcome not in NOT_TO_BOARD
    )
    return render(
        request,
        "commissioning/case_detail.jinja",
        {
            "title": f"{case.reference}: {case.title}",
            "nav_section": SECTION,
            "case": case,
            "row": row,
            "meetings": meetings,
            "needs_meeting": case.committee_id is not None and case.status in queries.NEEDS_MEETING,
            "grid": grid,
            "aspects": list(Aspect),
            "documents": queries.documents(case),
            "timeline": queries.timeline(case),
            "item": item,
            "recommended": recommended,
            "board_decision": queries.board_decision(case),
            "actions": _actions(request, case, grid.complete),
            "awaiting_scrutiny": can(request, "commissioning.manage")
            and case.committee_id is not None
            and not grid.complete
            and case.status in SCRUTINY_OPEN,
            "CaseStatus": CaseStatus,
        },
    )


# Submitting (PBC-1, PBC-2) ---------------------------------------------------------------------


@GET_POST
@trust_view("commissioning.submit")
def case_submit(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    roles = roles_of(request.user)
    posted = request.method == "POST"
    form = CaseForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        trust_id=trust_id,
        practice_ids=None if roles.is_governance_lead else roles.practice_ids,
        allowed_types=_allowed_types(trust_id),
    )
    if posted:
        trust = Organisation.objects.get(pk=trust_id)
        case = submit(form, lambda d: services.case_submit(actor=request.user, trust=trust, **d))
        if case:
            messages.success(request, f"{case.reference} submitted. {case.route_reason}")
            return redirect(_case_url(case))
    return _form_page(
        request,
        form,
        None,
        title="Submit a plan or business case",
        submit_text="Submit",
        intro="The scheme of delegation decides who approves it, by its value. You will see the route "
        "as soon as it is submitted.",
    )


@GET_POST
@trust_view("commissioning.view_cases")
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
    _require(request, "commissioning.act_as_submitter", case)
    posted = request.method == "POST"
    form = DocumentForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        allowed_types=_allowed_types(case.trust_id),
    )
    if posted:
        document = submit(
            form,
            lambda d: services.document_add(
                actor=request.user, case=case, title=d["title"], upload=d["upload"]
            ),
        )
        if document:
            messages.success(request, f"Document added: {document.title}.")
            return redirect(_case_url(case, "documents"))
    return _form_page(request, form, case, title="Add a document", submit_text="Upload document")


def _chunks(document: CaseDocument) -> Iterator[bytes]:
    # Opened only when the body is sent, and closed however the sending ends.
    with document.file.open("rb") as handle:
        yield from iter(lambda: handle.read(CHUNK_SIZE), b"")


@trust_view("commissioning.view_cases")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def document_download(request: HttpRequest, pk: int) -> FileResponse:
    try:
        document = queries.document_in_view(request.user, trust_id_of(request), pk)
    except CaseDocument.DoesNotExist as error:
        raise Http404 from error
    if not document.file.storage.exists(document.file.name):
        raise Http404
    suffix = Path(document.file.name).suffix.lower()
    # The type follows the extension the policy allowed; what the browser claimed is the fallback.
    content_type = mimetypes.guess_type(f"document{suffix}")[0] or document.content_type
    response = FileResponse(_chunks(document), content_type=content_type)
    response["Content-Length"] = str(document.file.size)
    response["Content-Disposition"] = str(content_disposition_header(True, f"{document.title}{suffix}"))
    return response


# Scrutiny, scheduling and deciding (PBC-2, PBC-3, MTG-6) --------------------------------------


@GET_POST
@trust_view("commissioning.scrutinise")
def case_scrutiny(request: HttpRequest, pk: int, aspect: str) -> HttpResponse:
    if aspect not in Aspect.values:
        raise Http404
    case = _case(request, pk)
    roles = roles_of(request.user)
    initial: dict[str, Any] = {"assessor": roles.person_id}
    for row in Scrutiny.objects.filter(case=case, aspect=aspect):
        initial |= {f"{row.criterion}_assessment": row.assessment, f"{row.criterion}_comment": row.comment}
    form = ScrutinyForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        trust_id=case.trust_id,
        person_id=roles.person_id,
        is_lead=roles.is_governance_lead,
    )
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.scrutiny_record(
                actor=request.user,
                case=case,
                aspect=aspect,
                assessor=d["assessor"],
                assessments=form.assessments(),
            ),
        )
        if done:
            messages.success(request, f"{Aspect(aspect).label} recorded for {case.reference}.")
            return redirect(_case_url(case, "scrutiny"))
    closed = case.status not in SCRUTINY_OPEN
    return _form_page(
        request,
        form,
        case,
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
    case = _case(request, pk)
    meetings = services.meetings_able_to_decide(case)
    form = ScheduleForm(request.POST if request.method == "POST" else None, meetings=meetings)
    if request.method == "POST":
        item = submit(
            form, lambda d: services.case_schedule(actor=request.user, case=case, meeting=d["meeting"])
        )
        if item:
            messages.success(
                request, f"{case.reference} is item {item.number} on the agenda of {item.meeting}."
            )
            return redirect(_case_url(case))
    problem = ""
    if case.committee_id is None:
        problem = "The scheme gives this case to an executive director: it does not go to a meeting."
    else:
        problem = services.transition_error(case.status, CaseStatus.ON_AGENDA) or ""
        missing = [] if problem else services.scrutiny_missing(case)
        if missing:
            problem = "Finish the scrutiny before the case goes to a meeting. Still to assess: " + "; ".join(
                missing
            )
    return _form_page(
        request,
        form,
        case,
        title="Put the case on a meeting's agenda",
        submit_text="Add to the agenda",
        template="commissioning/case_schedule.jinja",
        problem=problem,
        meetings=[(m, timezone.localtime(m.starts_at).date() > case.target_date) for m in meetings],
        committee=case.committee,
    )


@GET_POST
@trust_view("commissioning.decide_director")
def case_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """PBC-2, DH 5.8: a director decides a small case. A conflicted director is told why not."""
    case = _case(request, pk)
    form = DecideForm(request.POST if request.method == "POST" else None)

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

    if request.method == "POST":
        decided = submit(form, decide)
        if decided:
            messages.success(request, f"{case.reference}: {decided.get_status_display().lower()}.")
            return redirect(_case_url(case))
    waiting = case.status == CaseStatus.WITH_DIRECTOR
    return _form_page(
        request,
        form,
        case,
        title="Record the director's decision",
        submit_text="Record decision",
        intro=""
        if waiting
        else services.transition_error(case.status, CaseStatus.APPROVED)
        or f"The case is not waiting for a director's decision: it is {case.get_status_display().lower()}.",
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
    form = NoteForm(
        request.POST if request.method == "POST" else None, name=name, label=label, help_text=help_text
    )
    if request.method == "POST":
        done = submit(form, lambda d: act(d[name]))
        if done:
            messages.success(request, f"{case.reference}: {done.get_status_display().lower()}.")
            return redirect(_case_url(case))
    return _form_page(
        request,
        form,
        case,
        title=title,
        submit_text=submit_text,
        intro=services.transition_error(case.status, target) or "",
    )


@GET_POST
@trust_view("commissioning.manage")
def case_return(request: HttpRequest, pk: int) -> HttpResponse:
    case = _case(request, pk)
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
    case = _case(request, pk)
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
    case = _case(request, pk)
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
