"""ORG-1 pages: organisations and the links between them."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pecgov.trust import queries, services
from pecgov.trust.columns import ORGANISATION_COLUMNS
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.forms import EndDateForm, OrganisationEditForm, OrganisationForm, OrganisationLinkForm
from pecgov.trust.models import Organisation, OrganisationLink
from pecgov.trust.views.common import get_in_trust, history_page, own_trust
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import GET_POST, can, form_view, found, paginate, posted, trust_id_of, trust_view

SECTION = "organisations"


@trust_view("trust.view")
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrganisationKind.values else ""
    search = request.GET.get("q", "").strip()[:100]
    rows = queries.organisations(trust_id_of(request), kind=kind, search=search)
    if fmt := export_format(request):  # ADM-3: the same filter, in the columns the import reads
        rows = rows.exclude(kind=OrganisationKind.TRUST)
        return download(ORGANISATION_COLUMNS, rows, fmt=fmt, name="organisations")
    page = paginate(request, rows)
    return render(
        request,
        "trust/organisation_list.jinja",
        {
            "title": "Organisations",
            "nav_section": SECTION,
            "page": page,
            "kind": kind,
            "q": search,
            "kinds": OrganisationKind.choices,
            "downloads": download_links(request),
            "can_manage": can(request, "trust.manage"),
        },
    )


@trust_view("trust.view")
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = found(queries.organisation_detail, request, pk)
    return render(
        request,
        "trust/organisation_detail.jinja",
        {
            "title": org.name,
            "nav_section": SECTION,
            "org": org,
            "can_manage": can(request, "trust.manage"),
            "can_history": can(request, "trust.view_history"),
        },
    )


@GET_POST
@trust_view("trust.manage")
def organisation_create(request: HttpRequest) -> HttpResponse:
    trust = own_trust(request)
    form = OrganisationForm(posted(request), trust=trust)
    return form_view(
        request,
        form,
        save=lambda d: services.organisation_create(actor=request.user, trust=trust, **d),
        done=lambda org: f"{org.name} added.",
        then=lambda org: reverse("trust:organisation_detail", args=[org.pk]),
        title="Add an organisation",
        submit_text="Add organisation",
        cancel=reverse("trust:organisation_list"),
        section=SECTION,
    )


@GET_POST
@trust_view("trust.manage")
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_in_trust(Organisation, request, pk)
    form = OrganisationEditForm(posted(request), trust=own_trust(request), instance=org)
    return form_view(
        request,
        form,
        save=lambda d: services.organisation_update(actor=request.user, organisation=org, **d),
        done=lambda _: f"{org.name} updated.",
        then=lambda _: reverse("trust:organisation_detail", args=[org.pk]),
        title=f"Edit {org.name}",
        submit_text="Save changes",
        cancel=reverse("trust:organisation_detail", args=[org.pk]),
        section=SECTION,
    )


@GET_POST
@trust_view("trust.manage")
def organisation_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_in_trust(Organisation, request, pk)
    form = OrganisationLinkForm(posted(request), trust=own_trust(request))
    return form_view(
        request,
        form,
        save=lambda d: services.organisation_link_create(actor=request.user, from_organisation=org, **d),
        done=lambda link: f"Link added: {link}.",
        then=lambda _: reverse("trust:organisation_detail", args=[org.pk]),
        title=f"Link {org.name} to another organisation",
        submit_text="Add link",
        cancel=reverse("trust:organisation_detail", args=[org.pk]),
        section=SECTION,
    )


@GET_POST
@trust_view("trust.manage")
def organisation_link_end(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_in_trust(OrganisationLink, request, pk, from_organisation__trust_id=trust_id_of(request))
    form = EndDateForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.organisation_link_end(actor=request.user, link=link, **d),
        done=lambda _: f"Link ended: {link}.",
        then=lambda _: reverse("trust:organisation_detail", args=[link.from_organisation_id]),
        title=f"End the link: {link}",
        submit_text="End link",
        cancel=reverse("trust:organisation_detail", args=[link.from_organisation_id]),
        section=SECTION,
    )


@trust_view("trust.view_history")
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_in_trust(Organisation, request, pk)
    return history_page(request, org, reverse("trust:organisation_detail", args=[pk]), SECTION)
