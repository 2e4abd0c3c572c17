"""The agenda item page and the statement to the Board (COI-3 to COI-7, MTG-2 to MTG-4): the chair
sees who is conflicted and why, records handling, votes and the decision; members raise concerns;
the governance lead records the Board's own decision. Thin views: parse, call a service, redirect
or render; the services enforce every rule."""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from pecgov.interests.enums import Handling
from pecgov.meetings import queries as mq
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.conflicts.forms import (
    HANDLING_HINTS,
    ConcernForm,
    ConflictForm,
    DecideForm,
    VoteForm,
    error_items,
)
from pecgov.meetings.enums import AttendanceStatus, AttendeeKind, ItemKind
from pecgov.meetings.models import AgendaItem, BoardDecision, ItemConflict, Vote
from pecgov.trust.enums import MembershipRole
from pecgov.trust.models import Person
from pecgov.trust.roles import roles_of
from pecgov.ui.safety.submissions import claim_submission
from pecgov.ui.versions import KEY_FIELD
from pecgov.ui.viewkit import GET_POST, form_view, posted, submit, trust_id_of, trust_view


def _item(request: HttpRequest, pk: int) -> AgendaItem:
    """The item within the user's trust; another trust's item is 404, never 403."""
    try:
        return AgendaItem.objects.select_related("meeting__committee__trust").get(
            pk=pk, meeting__committee__trust_id=trust_id_of(request)
        )
    except AgendaItem.DoesNotExist as error:
        raise Http404 from error


def _require(request: HttpRequest, perm: str, obj: Any) -> None:
    """The page asks the same `rules` permission the service enforces (meetings/rules.py)."""
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
    chair: bool = False


@dataclass
class Voter:
    person: Person
    excluded: ItemConflict | None
    vote: Vote | None


def _conflict_entries(
    row: mq.ItemRow,
    *,
    editable: bool,
    policy_default: str,
    bound: dict[str, forms.Form],
    chairs: set[int],
    trust_id: int,
    data: Any = None,
) -> list[ConflictEntry]:
    """One entry per person screening flags (or whose handling is recorded). With `data` (the
    posted table), each editable row's form is bound to it under the prefix `c<person id>`."""
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
            form.policy_default = policy_default  # so the re-shown choices still say what policy proposes
        elif editable:
            default = conflict_services.proposed_handling(
                financial=financial, default_for_financial=policy_default
            )
            declaration = next((c.declaration_id for c in found if c.declaration_id), None)
            form = ConflictForm(
                data,
                prefix=f"c{person_id}",
                person_id=person_id,
                policy_default=policy_default,
                trust_id=trust_id,
                initial={
                    "handling": record.handling if record else default,
                    "reason": record.reason if record else "",
                    "interest": " ".join(explanations) or (record.interest if record else ""),
                    "declaration": declaration or (record.declaration_id if record else None),
                    "ruled_by": record.ruled_by_id if record else None,
                    "referred_to": record.referred_to if record else "",
                    "referral_advice": record.referral_advice if record else "",
                    "referred_on": record.referred_on if record else None,
                },
            )
        entries.append(
            ConflictEntry(person_id, name, explanations, financial, record, form, person_id in chairs)
        )
    return entries


def _conflict_anchors(person_id: int) -> dict[str, str]:
    """Each row's fields have the ids `c<person id>-<field>` (the table's names too)."""
    return {
        name: f"#c{person_id}-{name}"
        for name in ("handling", "reason", "ruled_by", "referred_to", "referral_advice")
    } | {"referred_on": f"#c{person_id}-referred_on-day"}


def _summary_errors(
    bound: dict[str, forms.Form], entries: list[ConflictEntry]
) -> tuple[forms.Form | None, list[dict[str, str]]]:
    """Every row of the conflicts table with an error, in table order; else the one other form."""
    failed = [e.form for e in entries if e.form is not None and e.form.is_bound and e.form.errors]
    if failed:
        items = [
            item
            for e in entries
            if e.form is not None and e.form.is_bound and e.form.errors
            for item in error_items(e.form, _conflict_anchors(e.person_id), "#conflicts-form")
        ]
        return failed[0], items
    for key, form in bound.items():
        if form.errors and not key.startswith("conflict-"):
            return form, error_items(form, {}, f"#{key}-form")
    return None, []


def _voters(view: mq.MeetingView, row: mq.ItemRow) -> list[Voter]:
    """The members present, each with their vote and any exclusion (COI-3)."""
    votes = {v.person_id: v for v in Vote.objects.filter(item=row.item).select_related("person")}
    excluded = {pid: c for pid, c in row.handled.items() if c.excluded_from_decision}
    return [
        Voter(a.person, excluded.get(a.person_id), votes.get(a.person_id))
        for a in view.attendance
        if a.status == AttendanceStatus.PRESENT and a.kind == AttendeeKind.MEMBER
    ]


def _vote_options(vote_form: forms.Form, voters: list[Voter]) -> list[dict[str, Any]]:
    chosen = str(vote_form["person"].value() or "")
    return [{"value": "", "text": "Select a member"}] + [
        {"value": str(v.person.pk), "text": v.person.name, "selected": str(v.person.pk) == chosen}
        for v in voters
        if v.excluded is None
    ]


def _table_entries(
    request: HttpRequest,
    view: mq.MeetingView,
    row: mq.ItemRow,
    *,
    can_chair: bool,
    bound: dict[str, forms.Form] | None = None,
    data: Any = None,
) -> list[ConflictEntry]:
    """The rows of the conflicts table; the chair's editable ones carry a form (COI-3)."""
    entries = _conflict_entries(
        row,
        editable=can_chair and not row.item.is_decided,
        policy_default=conflict_services.financial_default(view.meeting.committee.trust),
        bound=bound or {},
        chairs={m.person_id for m in view.members if m.role == MembershipRole.CHAIR},
        trust_id=trust_id_of(request),
        data=data,
    )
    # COI-8: no one is offered the form to rule on their own conflict.
    me = roles_of(request.user).person_id
    for entry in entries:
        if entry.person_id == me:
            entry.form = None
    return entries


def _board_decision(item: AgendaItem) -> BoardDecision | None:
    return BoardDecision.objects.filter(item=item).select_related("recorded_by").first()


def _item_page(
    request: HttpRequest,
    item: AgendaItem,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
    entries: list[ConflictEntry] | None = None,
) -> HttpResponse:
    """The item with its conflicts, quorum, votes, decision, concerns and the Board's decision.
    A fixed number of queries whatever the size of the meeting."""
    bound = bound or {}
    view = mq.meeting_view(trust_id_of(request), item.meeting_id)
    row = next(r for r in view.rows if r.item.pk == item.pk)
    meeting, current = view.meeting, row.item
    allowed = mq.allowed_actions(current, request.user)
    can_chair = "record_conflict" in allowed
    policy_default = conflict_services.financial_default(meeting.committee.trust)
    if entries is None:
        entries = _table_entries(request, view, row, can_chair=can_chair, bound=bound)
    votable = current.takes_votes
    voters = _voters(view, row) if votable else []
    vote_form = bound.get("vote") or VoteForm(trust_id=trust_id_of(request))
    is_recommendation = current.kind == ItemKind.RECOMMENDATION
    board = _board_decision(current) if is_recommendation else None
    failed, errors = _summary_errors(bound, entries)
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
            "handling_help": [(Handling(v).label, h) for v, h in HANDLING_HINTS.items()],
            "table_form": any(e.form is not None for e in entries),
            "table_key": str(request.POST.get(KEY_FIELD, ""))[:64] or secrets.token_urlsafe(24),
            "votable": votable,
            "voters": voters,
            "vote_form": vote_form,
            "vote_options": _vote_options(vote_form, voters),
            "decide_form": bound.get("decide", DecideForm(kind=current.kind)),
            "concerns": mq.concerns(current),
            "board": board,
            "is_recommendation": is_recommendation,
            "can_chair": can_chair,
            "allowed": allowed,
            "can_concern": "concern" in allowed,
            "can_record_board": "board_decision" in allowed,
            "policy_default": Handling(policy_default).label if policy_default in Handling.values else "",
        },
        status=status,
    )


@GET_POST
@trust_view("meetings.view")
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The item page; a POST is the conflicts table: the handling of every flagged person (COI-3)."""
    item = _item(request, pk)
    if request.method == "POST":
        return _conflicts_save(request, item)
    return _item_page(request, item)


def _conflicts_save(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    """The chair's one form for all of an item's conflicts (COI-3): each row is recorded through
    `conflict_record`, all in one transaction. A broken rule on any row is shown on that row's
    field and nothing is saved (X-4)."""
    _require(request, "meetings.chair", item.meeting)
    view = mq.meeting_view(trust_id_of(request), item.meeting_id)
    row = next(r for r in view.rows if r.item.pk == item.pk)
    allowed = mq.allowed_actions(row.item, request.user)
    entries = _table_entries(request, view, row, can_chair="record_conflict" in allowed, data=request.POST)
    rows = [(e, e.form) for e in entries if e.form is not None]  # the rows this person may record
    if not rows:
        messages.info(request, "There is no conflict handling for you to record on this item.")
        return redirect(_item_url(item, "conflicts"))
    people = Person.objects.in_bulk([e.person_id for e, _ in rows])
    saved = 0
    with transaction.atomic():
        # The table's one-time key: the same table sent twice saves once.
        claim_submission(str(request.POST.get(KEY_FIELD, ""))[:64])
        for entry, form in rows:
            if submit(form, partial(_record, request, item, people[entry.person_id])) is not None:
                saved += 1
        if saved != len(rows):
            transaction.set_rollback(True)
    if saved == len(rows):
        messages.success(
            request,
            "Conflict handling saved." if saved != 1 else f"Conflict handling saved for {rows[0][0].name}.",
        )
        return redirect(_item_url(item, "conflicts"))
    return _item_page(request, item, entries=entries, status=400)


def _record(request: HttpRequest, item: AgendaItem, person: Person, d: dict[str, Any]) -> ItemConflict:
    return conflict_services.conflict_record(
        actor=request.user,
        item=item,
        person=person,
        handling=d["handling"],
        interest=d["interest"],
        reason=d["reason"],
        declaration=d["declaration"],
        ruled_by=d["ruled_by"],
        referred_to=d["referred_to"],
        referral_advice=d["referral_advice"],
        referred_on=d["referred_on"],
    )


def _item_with(key: str) -> Callable[..., HttpResponse]:
    """The item page again with the one form that failed, under `key`, bound and shown with its
    errors (400): each of the page's forms posts to its own URL and comes back here (X-4)."""

    def page(request: HttpRequest, form: forms.Form, *, item: AgendaItem) -> HttpResponse:
        return _item_page(request, item, bound={key: form}, status=400)

    return page


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
    return form_view(
        request,
        ConflictForm(request.POST, person_id=person.pk, trust_id=trust_id_of(request)),
        save=partial(_record, request, item, person),
        done=lambda record: f"{person.name}: {record.get_handling_display().lower()}.",
        then=lambda _: _item_url(item, "conflicts"),
        page=_item_with(f"conflict-{person.pk}"),
        item=item,
    )


@require_POST
@trust_view("meetings.view")
def vote_record(request: HttpRequest, pk: int) -> HttpResponse:
    """A member's vote; an excluded member's vote cannot be recorded (COI-3)."""
    item = _item(request, pk)
    _require(request, "meetings.chair", item.meeting)
    return form_view(
        request,
        VoteForm(request.POST, trust_id=trust_id_of(request)),
        save=lambda d: ms.vote_record(actor=request.user, item=item, person=d["person"], choice=d["choice"]),
        done=lambda vote: f"Vote recorded: {vote.person.name}, {vote.get_choice_display().lower()}.",
        then=lambda _: _item_url(item, "votes"),
        page=_item_with("vote"),
        item=item,
    )


@require_POST
@trust_view("meetings.view")
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The outcome, the committee's contribution, reasons and evidence (MTG-3, MTG-4)."""
    item = _item(request, pk)
    _require(request, "meetings.chair", item.meeting)
    return form_view(
        request,
        DecideForm(request.POST, kind=item.kind),
        save=lambda d: ms.item_decide(actor=request.user, item=item, **d),
        done=lambda decided: f"Decision recorded: {decided.get_outcome_display().lower()}.",
        then=lambda _: _item_url(item, "decision"),
        page=_item_with("decide"),
        item=item,
    )


@GET_POST
@trust_view("meetings.view")
def concern_create(request: HttpRequest, pk: int) -> HttpResponse:
    """A committee member's concern that a conflict was not handled well (COI-4)."""
    item = _item(request, pk)
    _require(request, "meetings.raise_concern", item.meeting)
    return form_view(
        request,
        ConcernForm(posted(request)),
        save=lambda d: conflict_services.concern_raise(actor=request.user, item=item, text=d["text"]),
        done=lambda _: "Your concern is recorded with the item.",
        then=lambda _: _item_url(item, "concerns"),
        title="Raise a concern about how a conflict was handled",
        caption=f"{item.meeting}: item {item.number}. {item.title}",
        intro="Committee members can record a concern if they think a conflict of interest "
        "was not dealt with well. The concern is shown on the item and in the statement to the Board.",
        submit_text="Record concern",
        cancel=_item_url(item, "concerns"),
    )
