"""The site administrator's pages (ADM-1): trusts, opened, renamed, closed, and their first lead."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pecgov.onboarding import queries, services
from pecgov.onboarding.forms import LeadForm, ReasonForm, TrustForm, TrustRenameForm
from pecgov.onboarding.views.common import GET_POST, posted, site_admin_view
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import form_page, paginate, submit

SECTION = "trusts"


def _trust(pk: int) -> Organisation:
    found = queries.trusts().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


@site_admin_view
def trust_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.trusts())
    return render(
        request, "onboarding/trust_list.jinja", {"title": "Trusts", "nav_section": SECTION, "page": page}
    )


@GET_POST
@site_admin_view
def trust_create(request: HttpRequest) -> HttpResponse:
    form = TrustForm(posted(request), initial={"pack": "dh2007"})
    if request.method == "POST":
        trust = submit(form, lambda d: services.trust_open(actor=request.user, **d))
        if trust:
            messages.success(request, f"{trust.name} set up. Now name its governance lead.")
            return redirect("onboarding:trust_detail", trust.pk)
    return form_page(
        request,
        form,
        title="Set up a trust",
        submit_text="Set up trust",
        cancel=reverse("onboarding:trust_list"),
        section=SECTION,
        intro="The trust gets its policy pack, a Board and its PEC. Its governance lead brings in the rest.",
    )


@site_admin_view
def trust_detail(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(pk)
    return render(
        request,
        "onboarding/trust_detail.jinja",
        {"title": trust.name, "nav_section": SECTION, "trust": trust},
    )


@GET_POST
@site_admin_view
def trust_rename(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(pk)
    form = TrustRenameForm(posted(request), instance=trust)
    if request.method == "POST":
        done = submit(form, lambda d: services.trust_rename(actor=request.user, trust=trust, name=d["name"]))
        if done:
            messages.success(request, f"Trust renamed to {done.name}.")
            return redirect("onboarding:trust_detail", pk)
    back = reverse("onboarding:trust_detail", args=[pk])
    return form_page(
        request, form, title=f"Rename {trust.name}", submit_text="Rename", cancel=back, section=SECTION
    )


@GET_POST
@site_admin_view
def trust_close(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(pk)
    form = ReasonForm(posted(request))
    if request.method == "POST":
        done = submit(
            form, lambda d: services.trust_close(actor=request.user, trust=trust, reason=d["reason"])
        )
        if done:
            messages.success(request, f"{trust.name} closed.")
            return redirect("onboarding:trust_detail", pk)
    return form_page(
        request,
        form,
        title=f"Close {trust.name}",
        submit_text="Close trust",
        cancel=reverse("onboarding:trust_detail", args=[pk]),
        section=SECTION,
        intro="Its records are kept. Invitations not yet accepted are withdrawn and no one new can be invited.",
    )


@GET_POST
@site_admin_view
def trust_lead(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(pk)
    form = LeadForm(posted(request))
    if request.method == "POST":
        made = submit(form, lambda d: services.trust_name_lead(actor=request.user, trust=trust, **d))
        if made:
            invitation, _token = made
            messages.success(request, f"Invitation sent to {invitation.email}.")
            return redirect("onboarding:trust_detail", pk)
    return form_page(
        request,
        form,
        title=f"Name the governance lead of {trust.name}",
        submit_text="Send invitation",
        cancel=reverse("onboarding:trust_detail", args=[pk]),
        section=SECTION,
        intro="They get an email with a link to set their password. They then invite the trust's staff.",
    )
