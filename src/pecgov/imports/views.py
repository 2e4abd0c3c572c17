"""ADM-2 pages: "Bring in your registers": upload, see the problems or a preview, import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.errors import DomainError
from pecgov.imports import services
from pecgov.imports.enums import Kind
from pecgov.imports.forms import ConfirmForm, UploadForm
from pecgov.imports.kinds import columns_of
from pecgov.imports.models import ImportRun, RunStatus
from pecgov.imports.queries import recent_runs
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import GET_POST, form_view, posted, posted_files, submit, trust_id_of, trust_view

SECTION = "imports"
# Statuses the page keeps refreshing on, while the task queue works.
WORKING = {RunStatus.CHECKING, RunStatus.IMPORTING}


@GET_POST
@trust_view("trust.manage")
def start(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    form = UploadForm(posted(request), posted_files(request))

    def keep(data: dict[str, Any]) -> ImportRun:
        upload = request.FILES.get("upload")
        if upload is None:
            raise DomainError({"upload": "Select a file to upload"})
        if (upload.size or 0) > services.MAX_BYTES:
            raise DomainError({"upload": f"The file must be smaller than {services.MAX_BYTES // 2**20}MB"})
        return services.import_upload(
            actor=request.user,
            trust=trust,
            kind=data["kind"],
            filename=upload.name or "",
            content=upload.read(),
        )

    return form_view(
        request,
        form,
        save=keep,
        then=lambda run: reverse("imports:run", args=[run.pk]),
        page=_start_page,
        trust=trust,
    )


def _start_page(request: HttpRequest, form: UploadForm, *, trust: Organisation) -> HttpResponse:
    context = {
        "title": "Bring in your registers",
        "nav_section": SECTION,
        "form": form,
        "runs": recent_runs(trust.pk),
        "columns": [(kind.label, columns_of(kind)) for kind in Kind],
    }
    return render(request, "imports/start.jinja", context, status=400 if form.errors else 200)


def _run(request: HttpRequest, pk: int) -> ImportRun:
    try:
        return (
            ImportRun.objects.select_related("trust")
            .defer("content")
            .get(pk=pk, trust_id=trust_id_of(request))
        )
    except ImportRun.DoesNotExist as error:
        raise Http404 from error


@trust_view("trust.manage")
def run(request: HttpRequest, pk: int) -> HttpResponse:
    found = _run(request, pk)
    return render(
        request,
        "imports/run.jinja",
        {
            "title": f"{found.get_kind_display()}: {found.filename}",
            "nav_section": SECTION,
            "run": found,
            "working": found.status in WORKING,
            "form": ConfirmForm(),
            "RunStatus": RunStatus,
        },
    )


@require_POST
@trust_view("trust.manage")
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    found = _run(request, pk)
    form = ConfirmForm(request.POST)
    done = submit(form, lambda _: services.import_confirm(actor=request.user, run=found))
    if done is not None and done.status == RunStatus.DONE:
        counts = done.counts
        messages.success(
            request,
            f"Imported {done.filename}: {counts.get('create', 0)} added, {counts.get('update', 0)} changed.",
        )
    elif done is not None and done.status == RunStatus.FAILED:
        messages.error(
            request, "Nothing was imported: the file no longer fits the records. See the problems below."
        )
    return redirect("imports:run", found.pk)
