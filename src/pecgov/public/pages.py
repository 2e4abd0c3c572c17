"""The public site's pages for one trust (PUB-1): open to everyone, no sign-in, no JavaScript.
Everything shown comes from `public.queries`, which leaves out what is not published."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from pecgov.meetings.enums import ItemKind
from pecgov.meetings.models import AgendaItem, Meeting, Paper
from pecgov.meetings.papers import paper_file
from pecgov.public import queries
from pecgov.public.common import SECTION, public_view
from pecgov.public.redact import redact
from pecgov.trust.models import Committee, Organisation
from pecgov.ui.viewkit import paginate

# The frozen statement's public PDF is built by the documents work in `meetings`; the first of
# these URL names that exists is linked (none yet: the page is the statement).
STATEMENT_PDF_URLS = ("conflicts:statement_public_pdf", "meetings:statement_public_pdf")


def statement_pdf_url(item: AgendaItem) -> str:
    for name in STATEMENT_PDF_URLS:
        try:
            return reverse(name, kwargs={"pk": item.pk})
        except NoReverseMatch:
            continue
    return ""


def _page(
    request: HttpRequest, template: str, trust: Organisation, title: str, **context: Any
) -> HttpResponse:
    context |= {
        "title": title,
        "nav_section": SECTION,
        "trust": trust,
        "key": queries.trust_key(trust),
        "public_interest": queries.public_interest,
        "public_reason": queries.public_reason,
    }
    return render(request, f"public/{template}.jinja", context)


@public_view
def trust_home(request: HttpRequest, trust: Organisation) -> HttpResponse:
    """The trust's landing page: every part of the public site, one link each."""
    upcoming = list(
        queries.meetings(trust.pk).filter(starts_at__gte=timezone.now()).order_by("starts_at")[:3]
    )
    return _page(
        request,
        "trust",
        trust,
        f"{trust.name}: published information",
        committees=queries.committees(trust.pk),
        upcoming=upcoming,
        days=queries.papers_days(trust),
    )


@public_view
def committee(request: HttpRequest, trust: Organisation, pk: int) -> HttpResponse:
    try:
        members = queries.committee_members(trust.pk, pk)
    except Committee.DoesNotExist as error:
        raise Http404 from error
    return _page(request, "committee", trust, members.committee.name, members=members)


@public_view
def meeting_list(request: HttpRequest, trust: Organisation) -> HttpResponse:
    """The meetings calendar: every meeting held in public, by committee if asked."""
    chosen = request.GET.get("committee", "")
    all_committees = queries.committees(trust.pk)
    committee_id = next((c.pk for c in all_committees if str(c.pk) == chosen), None)
    page = paginate(request, queries.meetings(trust.pk, committee_id=committee_id))
    return _page(
        request,
        "meetings",
        trust,
        "Meetings",
        page=page,
        committees=all_committees,
        committee_id=committee_id,
    )


@public_view
def meeting(request: HttpRequest, trust: Organisation, pk: int) -> HttpResponse:
    try:
        view = queries.meeting_page(trust.pk, pk)
    except Meeting.DoesNotExist as error:
        raise Http404 from error
    minutes_text = ""
    if view.minutes is not None:
        minutes_text = redact(view.minutes.text, queries.minutes_secrets(view.meeting))
    has_pack = view.published and queries.has_public_pack(pk)
    return _page(
        request, "meeting", trust, str(view.meeting), view=view, minutes_text=minutes_text, has_pack=has_pack
    )


@public_view
def paper(request: HttpRequest, trust: Organisation, pk: int) -> FileResponse:
    try:
        found = queries.paper(trust.pk, pk)
    except Paper.DoesNotExist as error:
        raise Http404 from error
    return paper_file(found)


@public_view
def decisions(request: HttpRequest, trust: Organisation) -> HttpResponse:
    """The decisions register: decided public items and decided business cases."""
    kind = request.GET.get("kind", "")
    kind = kind if kind in ItemKind.values else ""
    page = paginate(request, queries.decided_items(trust.pk, kind=kind))
    return _page(
        request,
        "decisions",
        trust,
        "Decisions register",
        page=page,
        kind=kind,
        kinds=ItemKind.choices,
        cases=queries.decided_cases(trust.pk),
    )


@public_view
def statements(request: HttpRequest, trust: Organisation) -> HttpResponse:
    page = paginate(request, queries.statement_items(trust.pk))
    return _page(request, "statements", trust, "Statements to the Board", page=page)


@public_view
def statement(request: HttpRequest, trust: Organisation, pk: int) -> HttpResponse:
    try:
        item = queries.statement_item(trust.pk, pk)
    except AgendaItem.DoesNotExist as error:
        raise Http404 from error
    return _page(
        request,
        "statement",
        trust,
        f"Statement to the Board: {item.title}",
        item=item,
        board=queries.board_decision(item),
        pdf_url=statement_pdf_url(item),
    )
