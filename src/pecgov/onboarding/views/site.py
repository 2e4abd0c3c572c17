"""The site administrator's pages (ADM-1): trusts, opened, renamed, closed, and their first lead."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pecgov.onboarding import queries, services
from pecgov.onboarding.forms import LeadForm, ReasonForm, TrustForm, TrustRenameForm
from pecgov.onboarding.views.common import show_link_in_demo, site_admin_view
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import GET_POST, form_view, paginate, posted

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
    return form_view(
        request,
        TrustForm(posted(request), initial={"pack": "dh2007"}),
        save=lambda d: services.trust_open(actor=request.user, **d),
        done=lambda trust: f"{trust.name} set up. Now name its governance lead.",
        then=lambda trust: reverse("onboarding:trust_detail", args=[trust.pk]),
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
    return _trust_form(
        request,
        trust,
        TrustRenameForm(posted(request), instance=trust),
        save=lambda d: services.trust_rename(actor=request.user, trust=trust, name=d["name"]),
        done=lambda renamed: f"Trust renamed to {renamed.name}.",
        title=f"Rename {trust.name}",
        submit_text="Rename",
    )


@GET_POST
@site_admin_view
def trust_close(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(pk)
    return _trust_form(
        request,
        trust,
        ReasonForm(posted(request)),
        save=lambda d: services.trust_close(actor=request.user, trust=trust, reason=d["reason"]),
        done=lambda _: f"{trust.name} closed.",
        title=f"Close {trust.name}",
        submit_text="Close trust",
        intro="Its records are kept. Invitations not yet accepted are withdrawn and no one new can be invited.",
    )


@GET_POST
@site_admin_view
def trust_lead(request: HttpRequest, pk: int) -> HttpResponse:
    trust = _trust(pk)
    return _trust_form(
        request,
        trust,
        LeadForm(posted(request)),
        save=lambda d: services.trust_name_lead(actor=request.user, trust=trust, **d),
        done=lambda made: f"Invitation sent to {made[0].email}.",
        after=lambda made: show_link_in_demo(request, made[1]),
        title=f"Name the governance lead of {trust.name}",
        submit_text="Send invitation",
        intro="They get an email with a link to set their password. They then invite the trust's staff.",
    )


def _trust_form(request: HttpRequest, trust: Organisation, form: forms.BaseForm, **page: Any) -> HttpResponse:
    """An act on one trust: back to the trust's page, done or not."""
    back = reverse("onboarding:trust_detail", args=[trust.pk])
    return form_view(request, form, then=lambda _: back, cancel=back, section=SECTION, **page)
