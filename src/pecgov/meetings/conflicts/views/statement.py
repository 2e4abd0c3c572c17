"""The statement to the Board and the Board's own decision (COI-5, COI-6): the page, the frozen
versions and their PDFs, marking it sent, and recording the Board's decision."""

from __future__ import annotations

import io

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.meetings import queries as mq
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.conflicts import statement as stmt
from pecgov.meetings.conflicts import tasks as statement_tasks
from pecgov.meetings.conflicts.forms import (
    BoardDecisionForm,
)
from pecgov.meetings.conflicts.views.item import _item, _item_url
from pecgov.meetings.enums import ItemKind
from pecgov.meetings.models import AgendaItem, BoardDecision, StatementVersion
from pecgov.servicekit import stored_pdf
from pecgov.ui.viewkit import GET_POST, form_view, post_action, posted, trust_view

# The statement to the Board and the Board's decision (COI-5, COI-6) -------------------------


def _statement(item: AgendaItem) -> stmt.Statement:
    if item.kind != ItemKind.RECOMMENDATION:
        raise Http404("A statement to the Board is made for recommendations only")
    return stmt.build(item)


def _chosen_version(request: HttpRequest, versions: list[StatementVersion]) -> StatementVersion | None:
    """The version asked for (?version=N), else the latest; None before the statement is sent."""
    if not versions:
        return None
    wanted = request.GET.get("version", "")
    if not wanted:
        return versions[0]
    chosen = next((v for v in versions if str(v.version) == wanted), None)
    if chosen is None:
        raise Http404
    return chosen


@trust_view("meetings.view")
def statement_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The statement: once sent, the stored version the Board saw, with every version listed (COI-5)."""
    item = _item(request, pk)
    statement = _statement(item)
    versions = stmt.versions(item)
    shown = _chosen_version(request, versions)
    allowed = mq.allowed_actions(item, request.user)
    pdf_base = reverse("conflicts:statement_pdf", args=[item.pk])
    return render(
        request,
        "conflicts/statement.jinja",
        {
            "title": f"Statement to the Board: {item.title}",
            "s": statement,
            "item_url": _item_url(item),
            "can_record_board": "board_decision" in allowed,
            "can_send": "send_statement" in allowed,
            "versions": versions,
            "shown": shown,
            "pdf_base": pdf_base,
            "pdf_url": pdf_base + (f"?version={shown.version}" if shown else ""),
        },
    )


@trust_view("meetings.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def statement_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF: once sent, the stored bytes of the version asked for, never a new rendering (COI-5).
    The page offers the link only once the task has built it; a request before that builds it."""
    item = _item(request, pk)
    if item.kind != ItemKind.RECOMMENDATION:
        raise Http404("A statement to the Board is made for recommendations only")
    shown = _chosen_version(request, stmt.versions(item))
    if shown is None:  # a draft: built from the record as it stands (not frozen, not stored)
        pdf = stmt.render_pdf(_statement(item), request)
        filename = f"statement-to-the-board-item-{item.pk}.pdf"
    else:
        pdf = stored_pdf(shown, statement_tasks.build_pdf)
        filename = f"statement-to-the-board-item-{item.pk}-version-{shown.version}.pdf"
    return FileResponse(io.BytesIO(pdf), filename=filename, content_type="application/pdf")


@require_POST
@trust_view("meetings.manage")
def statement_send(request: HttpRequest, pk: int) -> HttpResponse:
    """The lead marks the statement sent to the Board: it is frozen as it stands (COI-5)."""
    item = _item(request, pk)
    version = post_action(request, lambda: conflict_services.statement_send(actor=request.user, item=item))
    if version:
        messages.success(request, f"Statement sent to the Board and kept as version {version.version}.")
    return redirect(reverse("conflicts:statement", args=[item.pk]) + "#versions")


@GET_POST
@trust_view("meetings.manage")
def board_decision(request: HttpRequest, pk: int) -> HttpResponse:
    """The Board's own decision on a recommendation, having considered the conflicts (MTG-3, COI-6)."""
    item = _item(request, pk)
    if item.kind != ItemKind.RECOMMENDATION:
        raise Http404
    statement_url = reverse("conflicts:statement", args=[item.pk])
    if BoardDecision.objects.filter(item=item).exists():
        messages.info(request, "The Board's decision on this recommendation is already recorded.")
        return redirect(statement_url)
    return form_view(
        request,
        BoardDecisionForm(posted(request)),
        save=lambda d: ms.board_decision_record(actor=request.user, item=item, **d),
        done=lambda decision: f"The Board's decision is recorded: {decision.get_outcome_display()}.",
        then=lambda _: statement_url,
        page=_decision_page,
        item=item,
        statement_url=statement_url,
    )


def _decision_page(
    request: HttpRequest, form: BoardDecisionForm, *, item: AgendaItem, statement_url: str
) -> HttpResponse:
    return render(
        request,
        "conflicts/board_decision.jinja",
        {
            "title": "Record the Board's decision",
            "item": item,
            "form": form,
            "ready": item.went_to_board,
            "statement_url": statement_url,
            "item_url": _item_url(item),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
