"""The agenda item page and the statement to the Board (COI-3 to COI-7, MTG-2 to MTG-4): the chair
sees who is conflicted and why, records handling, votes and the decision; members raise concerns;
the governance lead records the Board's own decision. Thin views: parse, call a service, redirect
or render; the services enforce every rule."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods, require_POST

from pecgov.interests.enums import Handling
from pecgov.meetings import queries as mq
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.conflicts import statement as stmt
from pecgov.meetings.conflicts.forms import (
    BoardDecisionForm,
    ConcernForm,
    ConflictForm,
    DecideForm,
    VoteForm,
    error_items,
)
from pecgov.meetings.enums import AttendanceStatus, AttendeeKind, ItemKind, Outcome
from pecgov.meetings.models import AgendaItem, BoardDecision, ItemConflict, Vote
from pecgov.trust.models import Person
from pecgov.ui.viewkit import can, submit, trust_id_of, trust_view

GET_POST = require_http_methods(["GET", "POST"])
VOTING_KINDS = {ItemKind.DECISION, ItemKind.RECOMMENDATION}
# Outcomes that send nothing to the Board (board_decision_record refuses them).
NOT_TO_BOARD = {Outcome.DEFERRED, Outcome.REJECTED, Outcome.NOTED}


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    """The item within the user's trust; another trust's item is 404, never 403."""
    try:
        return AgendaItem.objects.select_related("meeting__committee__trust").get(
            pk=pk, meeting__committee__trust_id=trust_id_of(request)
        )
    except AgendaItem.DoesNotExist as error:
        raise Http404 from error


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _item_url(item: AgendaItem, anchor: str = "") -> str:
    return reverse("conflicts:item_detail", args=[item.pk]) + (f"#{anchor}" if anchor else "")


def _optional_url(name: str, *args: Any) -> str | None:
    """A link into another area's pages, if that area provides it."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


# The item page ---------------------------------------------------------------------


@dataclass
class ConflictEntry:
    """One screened (or recorded) person on the item: why they are conflicted and how it is handled."""

    person_id: int
    name: str
    explanations: list[str]
    financial: bool
    record: ItemConflict | None
    form: ConflictForm | None


@dataclass
class Voter:
    person: Person
    excluded: ItemConflict | None
    vote: Vote | None


def _conflict_entries(
    row: mq.ItemRow, *, editable: bool, policy_default: str, bound: dict[str, forms.Form]
) -> list[ConflictEntry]:
    entries = []
    screened = row.people
    recorded_only = sorted(
        (c for pid, c in row.handled.items() if pid not in screened), key=lambda c: c.person.name
    )
    people = [(pid, found[0].name, found) for pid, found in screened.items()]
    people += [(c.person_id, c.person.name, []) for c in recorded_only]
    for person_id, name, found in people:
        record = row.handled.get(person_id)
        financial = any(c.financial for c in found)
        explanations = list(dict.fromkeys(c.explanation for c in found))
        posted = bound.get(f"conflict-{person_id}")
        form = posted if isinstance(posted, ConflictForm) else None
        if form is not None:
            form.policy_default = policy_default  # so the re-shown radios still say what policy proposes
        elif editable:
            default = conflict_services.proposed_handling(
                financial=financial, default_for_financial=policy_default
            )
            declaration = next((c.declaration_id for c in found if c.declaration_id), None)
            form = ConflictForm(
                person_id=person_id,
                policy_default=policy_default,
                initial={
                    "handling": record.handling if record else default,
                    "reason": record.reason if record else "",
                    "interest": " ".join(explanations) or (record.interest if record else ""),
                    "declaration": declaration or (record.declaration_id if record else None),
                },
            )
        entries.append(ConflictEntry(person_id, name, explanations, financial, record, form))
    return entries


def _summary_errors(bound: dict[str, forms.Form]) -> tuple[forms.Form | None, list[dict[str, str]]]:
    for key, form in bound.items():
        if not form.errors:
            continue
        if key.startswith("conflict-"):
            pid = key.removeprefix("conflict-")
            anchors = {"handling": f"#c{pid}-handling", "reason": f"#c{pid}-reason"}
            return form, error_items(form, anchors, f"#conflict-form-{pid}")
        return form, error_items(form, {}, f"#{key}-form")
    return None, []


def _item_page(
    request: HttpRequest, item: AgendaItem, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    """The item with its conflicts, quorum, votes, decision, concerns and the Board's decision.
    A fixed number of queries whatever the size of the meeting."""
    bound = bound or {}
    view = mq.meeting_view(trust_id_of(request), item.meeting_id)
    row = next(r for r in view.rows if r.item.pk == item.pk)
    meeting, current = view.meeting, row.item
    decided = current.is_decided
    can_chair = request.user.has_perm("meetings.chair", meeting)
    policy_default = conflict_services.financial_default(meeting.committee.trust)
    entries = _conflict_entries(
        row, editable=can_chair and not decided, policy_default=policy_default, bound=bound
    )
    votable = current.kind in VOTING_KINDS
    voters: list[Voter] = []
    if votable:
        votes = {v.person_id: v for v in Vote.objects.filter(item=current).select_related("person")}
        excluded = {pid: c for pid, c in row.handled.items() if c.excluded_from_decision}
        voters = [
            Voter(a.person, excluded.get(a.person_id), votes.get(a.person_id))
            for a in view.attendance
            if a.status == AttendanceStatus.PRESENT and a.kind == AttendeeKind.MEMBER
        ]
    vote_form = bound.get("vote")
    if vote_form is None:
        vote_form = VoteForm(trust_id=trust_id_of(request))
    chosen = str(vote_form["person"].value() or "")
    vote_options = [{"value": "", "text": "Select a member"}] + [
        {"value": str(v.person.pk), "text": v.person.name, "selected": str(v.person.pk) == chosen}
        for v in voters
        if v.excluded is None
    ]
    is_recommendation = current.kind == ItemKind.RECOMMENDATION
    board = (
        BoardDecision.objects.filter(item=current).select_related("recorded_by").first()
        if is_recommendation
        else None
    )
    can_manage = can(request, "meetings.manage")
    failed, errors = _summary_errors(bound)
    return render(
        request,
        "conflicts/item_detail.jinja",
        {
            "title": f"{current.number}. {current.title}",
            "form": failed,
            "errors": errors,
            "item": current,
            "meeting": meeting,
            "meeting_url": _optional_url("meetings:meeting_detail", meeting.pk),
            "row": row,
            "entries": entries,
            "votable": votable,
            "voters": voters,
            "vote_form": vote_form,
            "vote_options": vote_options,
            "decide_form": bound.get("decide", DecideForm(kind=current.kind)),
            "concerns": mq.concerns(current),
            "board": board,
            "is_recommendation": is_recommendation,
            "can_chair": can_chair,
            "can_concern": request.user.has_perm("meetings.raise_concern", meeting),
            "can_record_board": can_manage and board is None and _board_ready(current),
            "policy_default": Handling(policy_default).label if policy_default in Handling.values else "",
        },
        status=status,
    )


@trust_view("meetings.view")
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _item_page(request, _item(request, pk))


@require_POST
@trust_view("meetings.view")
def conflict_record(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    """The chair (or the lead for them) records how one person's conflict is handled (COI-3)."""
    item = _item(request, pk)
    _require(request, "meetings.chair", item.meeting)
    try:
        person = Person.objects.get(pk=person_pk, trust_id=trust_id_of(request))
    except Person.DoesNotExist as error:
        raise Http404 from error
    form = ConflictForm(request.POST, person_id=person.pk)
    record = submit(
        form,
        lambda d: conflict_services.conflict_record(
            actor=request.user,
            item=item,
            person=person,
            handling=d["handling"],
            interest=d["interest"],
            reason=d["reason"],
            declaration=d["declaration"],
        ),
    )
    if record:
        messages.success(request, f"{person.name}: {record.get_handling_display().lower()}.")
        return redirect(_item_url(item, f"conflict-{person.pk}"))
    return _item_page(request, item, bound={f"conflict-{person.pk}": form}, status=400)


@require_POST
@trust_view("meetings.view")
def vote_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's vote; an excluded member's vote cannot be recorded (COI-3)."""
    item = _item(request, pk)
    _require(request, "meetings.chair", item.meeting)
    form = VoteForm(request.POST, trust_id=trust_id_of(request))
    vote = submit(
        form,
        lambda d: ms.vote_record(actor=request.user, item=item, person=d["person"], choice=d["choice"]),
    )
    if vote:
        messages.success(request, f"Vote recorded: {vote.person.name}, {vote.get_choice_display().lower()}.")
        return redirect(_item_url(item, "votes"))
    return _item_page(request, item, bound={"vote": form}, status=400)


@require_POST
@trust_view("meetings.view")
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome, the committee's contribution, reasons and evidence (MTG-3, MTG-4)."""
    item = _item(request, pk)
    _require(request, "meetings.chair", item.meeting)
    form = DecideForm(request.POST, kind=item.kind)
    decided = submit(form, lambda d: ms.item_decide(actor=request.user, item=item, **d))
    if decided:
        messages.success(request, f"Decision recorded: {decided.get_outcome_display().lower()}.")
        return redirect(_item_url(item, "decision"))
    return _item_page(request, item, bound={"decide": form}, status=400)


@GET_POST
@trust_view("meetings.view")
def concern_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A committee member's concern that a conflict was not handled well (COI-4)."""
    item = _item(request, pk)
    _require(request, "meetings.raise_concern", item.meeting)
    form = ConcernForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        concern = submit(
            form, lambda d: conflict_services.concern_raise(actor=request.user, item=item, text=d["text"])
        )
        if concern:
            messages.success(request, "Your concern is recorded with the item.")
            return redirect(_item_url(item, "concerns"))
    return render(
        request,
        "ui/form_page.jinja",
        {
            "title": "Raise a concern about how a conflict was handled",
            "caption": f"{item.meeting}: item {item.number}. {item.title}",
            "intro": "Committee members can record a concern if they think a conflict of interest "
            "was not dealt with well. The concern is shown on the item and in the statement to the Board.",
            "form": form,
            "submit_text": "Record concern",
            "cancel_url": _item_url(item, "concerns"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


# The statement to the Board and the Board's decision (COI-5, COI-6) -------------------------


def _board_ready(item: AgendaItem) -> bool:
    """The committee made this recommendation to the Board (board_decision_record's rule, for links)."""
    return item.kind == ItemKind.RECOMMENDATION and item.is_decided and item.outcome not in NOT_TO_BOARD


def _statement(item: AgendaItem) -> stmt.Statement:
    if item.kind != ItemKind.RECOMMENDATION:
        raise Http404("A statement to the Board is made for recommendations only")
    return stmt.build(item)


@trust_view("meetings.view")
def statement_page(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    statement = _statement(item)
    return render(
        request,
        "conflicts/statement.jinja",
        {
            "title": f"Statement to the Board: {item.title}",
            "s": statement,
            "item_url": _item_url(item),
            # hasattr() loads the one-to-one once; the template reuses it.
            "can_record_board": can(request, "meetings.manage")
            and _board_ready(item)
            and not hasattr(item, "board_decision"),
        },
    )


@trust_view("meetings.view")
def statement_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item(request, pk)
    pdf = stmt.render_pdf(_statement(item), request)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="statement-to-the-board-item-{item.pk}.pdf"'
    return response


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
    form = BoardDecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        decision = submit(form, lambda d: ms.board_decision_record(actor=request.user, item=item, **d))
        if decision:
            messages.success(request, f"The Board's decision is recorded: {decision.get_outcome_display()}.")
            return redirect(statement_url)
    return render(
        request,
        "conflicts/board_decision.jinja",
        {
            "title": "Record the Board's decision",
            "item": item,
            "form": form,
            "ready": _board_ready(item),
            "statement_url": statement_url,
            "item_url": _item_url(item),
        },
        status=400 if form.is_bound and form.errors else 200,
    )
