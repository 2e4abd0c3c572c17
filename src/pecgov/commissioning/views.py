"""PBC pages that read: the cases, the pipeline, the decisions register, one case and its
documents (PBC-1 to PBC-4, PBC-7, MTG-6). The pages that change a case are in `steps`.

Thin views: parse, ask a query, render. A case is looked up among the cases the user may see
(queries.case_in_view), so another trust's case, or another practice's for a practice lead,
answers 404, never 403.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path

from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import actions as case_actions
from pecgov.commissioning import committee as approvals
from pecgov.commissioning import queries, register, services
from pecgov.commissioning.columns import CASE_COLUMNS, DECISION_COLUMNS
from pecgov.commissioning.enums import CLOSED, Aspect, CaseStatus
from pecgov.commissioning.models import BusinessCase, CaseDocument
from pecgov.commissioning.scrutiny import SCRUTINY_OPEN, criteria_for
from pecgov.delegation.enums import Decider
from pecgov.policy.engine import worst
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import can, paginate, trust_id_of, trust_view

SECTION = "commissioning"


def case_in_view(request: HttpRequest, pk: int) -> BusinessCase:
    """The case if the user may see it; anything else is 404 (X-1)."""
    try:
        case = queries.case_in_view(request.user, trust_id_of(request), pk)
    except BusinessCase.DoesNotExist as error:
        raise Http404 from error
    if not request.user.has_perm("commissioning.view_case", case):
        raise Http404
    return case


def case_url(case: BusinessCase, anchor: str = "") -> str:
    return reverse("commissioning:case_detail", args=[case.pk]) + (f"#{anchor}" if anchor else "")


# Lists ------------------------------------------------------------------------------------


@trust_view("commissioning.view_cases")
def case_list(request: HttpRequest) -> HttpResponse:
    """PBC-1: the cases the user may see; a practice or PBC group lead sees only their own."""
    status = request.GET.get("status", "")
    if status not in {"", "open", "closed", *CaseStatus.values}:
        status = ""
    search = request.GET.get("q", "").strip()[:100]
    cases = queries.case_list(request.user, trust_id_of(request), status=status, search=search)
    if fmt := export_format(request):  # ADM-3: the cases this user may see, with the same filter
        return download(CASE_COLUMNS, cases, fmt=fmt, name="business-cases")
    page = paginate(request, cases)
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
            "downloads": download_links(request),
        },
    )


@trust_view("commissioning.view_pipeline")
def pipeline(request: HttpRequest) -> HttpResponse:
    """PBC-4, MTG-6: every open case, who holds it, how long it has taken and whether a meeting
    can decide it in time; decided cases too when asked (PBC-7). The summary counts every open
    case, whatever the filters."""
    trust_id = trust_id_of(request)
    state = request.GET.get("state", "open")
    state = state if state in queries.PIPELINE_STATES else "open"
    status = request.GET.get("status", "")
    status = status if status in CaseStatus.values else ""
    decider = request.GET.get("decider", "")
    decider = decider if decider in Decider.values else ""
    late_only = request.GET.get("late") == "yes"
    every = queries.pipeline(trust_id)
    filtered = bool(status or decider or late_only or state != "open")
    rows = (
        queries.pipeline(trust_id, status=status, decider=decider, late_only=late_only, state=state)
        if filtered
        else every
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
            "state": state,
            "states": list(queries.PIPELINE_STATES.items()),
            "status": status,
            "decider": decider,
            "late_only": late_only,
            "filtered": filtered,
            "statuses": CaseStatus.choices,
            "deciders": Decider.choices,
        },
    )


# The decisions register (PBC-7, ORG-8) -------------------------------------------------------


def _register_filters(request: HttpRequest) -> tuple[str, str]:
    decider = request.GET.get("decider", "")
    outcome = request.GET.get("outcome", "")
    return (
        decider if decider in Decider.values else "",
        outcome if outcome in register.DECIDED else "",
    )


@trust_view("commissioning.view_pipeline")
def decisions(request: HttpRequest) -> HttpResponse:
    """PBC-7: every decided case with its decider, date, route, reasons and turnaround; the
    median and 90th percentile turnaround by route and by quarter; and whether the PBC
    approvals committee is set up as DH 5.8 asks (ORG-8)."""
    trust_id = trust_id_of(request)
    decider, outcome = _register_filters(request)
    every = register.decisions(trust_id)
    rows = register.decisions(trust_id, decider=decider, outcome=outcome) if decider or outcome else every
    policy = effective_policy(Organisation.objects.get(pk=trust_id))
    committees = [
        (committee, approvals.approvals_findings(committee, policy.values()))
        for committee in approvals.trust_approvals_committees(trust_id)
    ]
    return render(
        request,
        "commissioning/decisions.jinja",
        {
            "title": "Decisions register",
            "nav_section": SECTION,
            "page": Paginator(rows, 100).get_page(request.GET.get("page")),
            "turnaround": register.turnaround_summary(every) if every else None,
            "decider": decider,
            "outcome": outcome,
            "deciders": Decider.choices,
            "outcomes": [(value, CaseStatus(value).label) for value in sorted(register.DECIDED)],
            "filtered": bool(decider or outcome),
            "committees": [(c, found, worst(found)) for c, found in committees],
        },
    )


@trust_view("commissioning.view_pipeline")
def decisions_csv(request: HttpRequest) -> HttpResponse:
    """PBC-7, ADM-3: the register as a spreadsheet (CSV, or Excel with `?download=xlsx`), with
    the page's filters. Text a spreadsheet would run as a formula is written after an apostrophe
    (pecgov.ui.tabular)."""
    decider, outcome = _register_filters(request)
    rows = register.decisions(trust_id_of(request), decider=decider, outcome=outcome)
    return download(DECISION_COLUMNS, rows, fmt=export_format(request) or "csv", name="decisions-register")


# The case page ----------------------------------------------------------------------------

ACTION_LABELS = {
    case_actions.SCHEDULE: ("Put it on a meeting's agenda", "commissioning:case_schedule"),
    case_actions.DECIDE: ("Record the director's decision", "commissioning:case_decide"),
    case_actions.RETURN: ("Return it for more information", "commissioning:case_return"),
    case_actions.RESUBMIT: ("Resubmit the case", "commissioning:case_resubmit"),
    case_actions.ADD_DOCUMENT: ("Add a document", "commissioning:document_add"),
    case_actions.WITHDRAW: ("Withdraw the case", "commissioning:case_withdraw"),
}


def _action_links(allowed: frozenset[str], pk: int) -> list[tuple[str, str]]:
    """The buttons for the actions allowed, in the order a user works through a case."""
    found: list[tuple[str, str]] = []
    if case_actions.SCRUTINISE in allowed:
        found += [
            (f"Record {a.label.lower()}", reverse("commissioning:case_scrutiny", args=[pk, a.value]))
            for a in Aspect
        ]
    for code, (label, name) in ACTION_LABELS.items():
        if code in allowed:
            found.append((label, reverse(name, args=[pk])))
    return found


@trust_view("commissioning.view_cases")
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """PBC-1 to PBC-4, MTG-6: the case, its route, timeliness, scrutiny, documents and outcome."""
    case = case_in_view(request, pk)
    meetings = services.meetings_able_to_decide(case)
    upcoming = {}
    if case.committee_id is not None:
        upcoming[case.committee_id] = [timezone.localtime(m.starts_at).date() for m in meetings]
    row = queries.case_row(case, upcoming, timezone.localdate())
    grid = queries.scrutiny_grid(case, criteria_for(case.trust), since=services.scrutiny_since(case))
    item = case.agenda_item
    allowed = case_actions.allowed_actions(case, request.user, scrutiny_complete=grid.complete)
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
            # The PEC recommended it to the Board: the statement to the Board goes with it (COI-5).
            "recommended": item is not None and item.went_to_board,
            "board_decision": queries.board_decision(case),
            "decided_by": register.decider_of(case) if case.status in register.DECIDED else "",
            "can_see_register": can(request, "commissioning.view_pipeline"),
            "actions": _action_links(allowed, case.pk),
            "awaiting_scrutiny": request.user.has_perm("commissioning.manage", case)
            and case.committee_id is not None
            and not grid.complete
            and case.status in SCRUTINY_OPEN,
            "CaseStatus": CaseStatus,
        },
    )


@trust_view("commissioning.view_cases")  # type: ignore[arg-type]  # FileResponse streams the file
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
    return FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"{document.title}{suffix}",
        content_type=content_type,
    )
