"""Agenda items and papers (MTG-1). Thin views: parse, call a service, redirect or render."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse

from pecgov.meetings import queries, services
from pecgov.meetings.forms import ItemForm, PaperForm
from pecgov.meetings.papers import paper_file
from pecgov.meetings.views.common import detail_url, meeting_form_page, meeting_or_404
from pecgov.ui.viewkit import GET_POST, form_view, found, posted, posted_files, trust_view

EDITABLE = ("title", "kind", "description", "confidential", "confidential_reason")


@GET_POST
@trust_view("meetings.manage")
def item_create(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_or_404(request, pk)
    form = ItemForm(
        posted(request),
        trust=meeting.committee.trust,
        filter_text=request.GET.get("organisations", ""),
    )
    return form_view(
        request,
        form,
        save=lambda d: services.item_add(
            actor=request.user, meeting=meeting, **(d | {"affected": list(d["affected"])})
        ),
        done=lambda item: f"Item added: {item}.",
        then=lambda _: detail_url(pk, "agenda"),
        page=meeting_form_page,
        title="Add an agenda item",
        caption=str(meeting),
        submit_text="Add item",
        cancel=detail_url(pk, "agenda"),
    )


@GET_POST
@trust_view("meetings.manage")
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(queries.item_in_trust, request, pk)
    initial = {
        "title": item.title,
        "kind": item.kind,
        "description": item.description,
        "affected": [o.pk for o in item.affected.all()],
        "confidential": item.confidential,
        "confidential_reason": item.confidential_reason,
    }
    form = ItemForm(
        posted(request),
        trust=item.meeting.committee.trust,
        initial=initial,
        filter_text=request.GET.get("organisations", ""),
    )
    return form_view(
        request,
        form,
        save=lambda d: services.item_update(
            actor=request.user,
            item=item,
            affected=list(d["affected"]),
            **{k: d[k] for k in EDITABLE if d[k] != initial[k]},
        ),
        done=lambda _: f"Item updated: {item}.",
        then=lambda _: detail_url(item.meeting_id, "agenda"),
        page=meeting_form_page,
        title=f"Edit item {item.number}",
        caption=str(item.meeting),
        submit_text="Save changes",
        cancel=detail_url(item.meeting_id, "agenda"),
        intro="This item has been decided: its record can no longer be changed." if item.is_decided else "",
    )


@GET_POST
@trust_view("meetings.manage")
def paper_create(request: HttpRequest, pk: int) -> HttpResponse:
    item = found(queries.item_in_trust, request, pk)
    form = PaperForm(posted(request), posted_files(request))
    return form_view(
        request,
        form,
        save=lambda d: services.paper_add(actor=request.user, item=item, **d),
        done=lambda paper: f"Paper added to item {item.number}: {paper.title}.",
        then=lambda _: detail_url(item.meeting_id, "agenda"),
        page=meeting_form_page,
        title=f"Add a paper to item {item.number}",
        caption=f"{item.meeting}: {item.title}",
        submit_text="Upload paper",
        cancel=detail_url(item.meeting_id, "agenda"),
    )


@trust_view("meetings.view")  # type: ignore[arg-type]  # streams: not an HttpResponse subclass
def paper_download(request: HttpRequest, pk: int) -> FileResponse:
    return paper_file(found(queries.paper_in_trust, request, pk))
