"""ORG pages: thin views that parse, call a service, and redirect or render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from pecgov.trust import queries, services, signals
from pecgov.trust.enums import CommitteeKind, OrganisationKind, Profession
from pecgov.trust.forms import (
    CommitteeForm,
    EndDateForm,
    MembershipEditForm,
    MembershipEndForm,
    MembershipForm,
    OrganisationEditForm,
    OrganisationForm,
    OrganisationLinkForm,
    PersonForm,
)
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person
from pecgov.ui.viewkit import can, form_page, paginate, submit, trust_view

GET_POST = require_http_methods(["GET", "POST"])


def _trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=request.trust_id)  # type: ignore[attr-defined]


def _get(model: type[Any], request: HttpRequest, pk: int, **scope: Any) -> Any:
    """Fetch within the user's trust; anything else is 404, never 403."""
    lookup = scope or {"trust_id": request.trust_id}  # type: ignore[attr-defined]
    try:
        return model.objects.get(pk=pk, **lookup)
    except model.DoesNotExist as error:
        raise Http404 from error


_form_page = form_page


@trust_view("trust.view")
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    kind = kind if kind in OrganisationKind.values else ""
    search = request.GET.get("q", "").strip()[:100]
    page = paginate(request, queries.organisations(request.trust_id, kind=kind, search=search))  # type: ignore[attr-defined]
    return render(
        request,
        "trust/organisation_list.jinja",
        {
            "title": "Organisations",
            "nav_section": "organisations",
            "page": page,
            "kind": kind,
            "q": search,
            "kinds": OrganisationKind.choices,
            "can_manage": can(request, "trust.manage"),
        },
    )


@trust_view("trust.view")
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        org = queries.organisation_detail(request.trust_id, pk)  # type: ignore[attr-defined]
    except Organisation.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "trust/organisation_detail.jinja",
        {
            "title": org.name,
            "nav_section": "organisations",
            "org": org,
            "can_manage": can(request, "trust.manage"),
            "can_history": can(request, "trust.view_history"),
        },
    )


@GET_POST
@trust_view("trust.manage")
def organisation_create(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    form = OrganisationForm(request.POST if request.method == "POST" else None, trust=trust)
    if request.method == "POST":
        org = submit(form, lambda d: services.organisation_create(actor=request.user, trust=trust, **d))
        if org:
            messages.success(request, f"{org.name} added.")
            return redirect("trust:organisation_detail", org.pk)
    return _form_page(
        request,
        form,
        title="Add an organisation",
        submit_text="Add organisation",
        cancel=reverse("trust:organisation_list"),
        section="organisations",
    )


@GET_POST
@trust_view("trust.manage")
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(Organisation, request, pk)
    initial = {
        "name": org.name,
        "kind": org.kind,
        "provider_kind": org.provider_kind,
        "ods_code": org.ods_code,
        "parent": org.parent_id,
        "closed_on": org.closed_on,
    }
    form = OrganisationEditForm(
        request.POST if request.method == "POST" else None, trust=_trust(request), initial=initial
    )
    if org.kind == OrganisationKind.TRUST:
        form.fields.pop("kind")
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.organisation_update(
                actor=request.user,
                organisation=org,
                **{k: v for k, v in d.items() if initial.get(k) != (v.pk if hasattr(v, "pk") else v)},
            ),
        )
        if done:
            messages.success(request, f"{org.name} updated.")
            return redirect("trust:organisation_detail", org.pk)
    return _form_page(
        request,
        form,
        title=f"Edit {org.name}",
        submit_text="Save changes",
        cancel=reverse("trust:organisation_detail", args=[org.pk]),
        section="organisations",
    )


@GET_POST
@trust_view("trust.manage")
def organisation_link_create(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(Organisation, request, pk)
    form = OrganisationLinkForm(request.POST if request.method == "POST" else None, trust=_trust(request))
    if request.method == "POST":
        link = submit(
            form,
            lambda d: services.organisation_link_create(actor=request.user, from_organisation=org, **d),
        )
        if link:
            messages.success(request, f"Link added: {link}.")
            return redirect("trust:organisation_detail", org.pk)
    return _form_page(
        request,
        form,
        title=f"Link {org.name} to another organisation",
        submit_text="Add link",
        cancel=reverse("trust:organisation_detail", args=[org.pk]),
        section="organisations",
    )


@GET_POST
@trust_view("trust.manage")
def organisation_link_end(request: HttpRequest, pk: int) -> HttpResponse:
    link = _get(OrganisationLink, request, pk, from_organisation__trust_id=request.trust_id)  # type: ignore[attr-defined]
    form = EndDateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(form, lambda d: services.organisation_link_end(actor=request.user, link=link, **d))
        if done:
            messages.success(request, f"Link ended: {link}.")
            return redirect("trust:organisation_detail", link.from_organisation_id)
    return _form_page(
        request,
        form,
        title=f"End the link: {link}",
        submit_text="End link",
        cancel=reverse("trust:organisation_detail", args=[link.from_organisation_id]),
        section="organisations",
    )


@trust_view("trust.view_history")
def organisation_history(request: HttpRequest, pk: int) -> HttpResponse:
    org = _get(Organisation, request, pk)
    return _history_page(request, org, reverse("trust:organisation_detail", args=[pk]), "organisations")


def _history_page(
    request: HttpRequest, obj: Any, back: str, section: str, extra: list[Any] | None = None
) -> HttpResponse:
    return render(
        request,
        "trust/history.jinja",
        {
            "title": f"History of {obj}",
            "nav_section": section,
            "entries": queries.object_history(obj),
            "back_url": back,
            "extra": extra or [],
        },
    )


# People -----------------------------------------------------------------------


@trust_view("trust.view")
def person_list(request: HttpRequest) -> HttpResponse:
    profession = request.GET.get("profession", "")
    profession = profession if profession in Profession.values else ""
    search = request.GET.get("q", "").strip()[:100]
    page = paginate(request, queries.people(request.trust_id, profession=profession, search=search))  # type: ignore[attr-defined]
    return render(
        request,
        "trust/person_list.jinja",
        {
            "title": "People",
            "nav_section": "people",
            "page": page,
            "profession": profession,
            "q": search,
            "professions": Profession.choices,
            "can_manage": can(request, "trust.manage"),
        },
    )


@trust_view("trust.view")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        person = queries.person_detail(request.trust_id, pk)  # type: ignore[attr-defined]
    except Person.DoesNotExist as error:
        raise Http404 from error
    return render(
        request,
        "trust/person_detail.jinja",
        {
            "title": person.name,
            "nav_section": "people",
            "person": person,
            "can_manage": can(request, "trust.manage"),
            "can_history": can(request, "trust.view_history"),
        },
    )


@GET_POST
@trust_view("trust.manage")
def person_create(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    form = PersonForm(request.POST if request.method == "POST" else None, trust=trust)
    if request.method == "POST":
        person = submit(form, lambda d: services.person_create(actor=request.user, trust=trust, **d))
        if person:
            messages.success(request, f"{person.name} added.")
            return redirect("trust:person_detail", person.pk)
    return _form_page(
        request,
        form,
        title="Add a person",
        submit_text="Add person",
        cancel=reverse("trust:person_list"),
        section="people",
    )


@GET_POST
@trust_view("trust.manage")
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    fields = [
        "name",
        "profession",
        "job_title",
        "registration_body",
        "registration_number",
        "practising",
        "has_caseload",
        "email",
    ]
    initial = {f: getattr(person, f) for f in fields} | {"organisation": person.organisation_id}
    form = PersonForm(
        request.POST if request.method == "POST" else None, trust=_trust(request), initial=initial
    )
    if request.method == "POST":
        done = submit(form, lambda d: services.person_update(actor=request.user, person=person, **d))
        if done:
            messages.success(request, f"{person.name} updated.")
            return redirect("trust:person_detail", person.pk)
    return _form_page(
        request,
        form,
        title=f"Edit {person.name}",
        submit_text="Save changes",
        cancel=reverse("trust:person_detail", args=[pk]),
        section="people",
    )


@trust_view("trust.view_history")
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = _get(Person, request, pk)
    return _history_page(request, person, reverse("trust:person_detail", args=[pk]), "people")


# Committees and memberships -------------------------------------------------------


@trust_view("trust.view")
def committee_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, queries.committees(request.trust_id))  # type: ignore[attr-defined]
    return render(
        request,
        "trust/committee_list.jinja",
        {
            "title": "Committees",
            "nav_section": "committees",
            "page": page,
            "can_manage": can(request, "trust.manage"),
        },
    )


@trust_view("trust.view")
def committee_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        view = queries.committee_detail(request.trust_id, pk)  # type: ignore[attr-defined]
    except Committee.DoesNotExist as error:
        raise Http404 from error
    is_pec = view.committee.kind == CommitteeKind.PEC
    return render(
        request,
        "trust/committee_detail.jinja",
        {
            "title": view.committee.name,
            "nav_section": "committees",
            "view": view,
            "c": view.committee,
            "is_pec": is_pec,
            **signals.findings_for(view.committee),  # policy: findings, worst, policy; delegation: coverage
            "can_manage": can(request, "trust.manage"),
            "can_history": can(request, "trust.view_history"),
        },
    )


@GET_POST
@trust_view("trust.manage")
def committee_create(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    form = CommitteeForm(request.POST if request.method == "POST" else None, trust=trust)
    if request.method == "POST":
        committee = submit(form, lambda d: services.committee_create(actor=request.user, trust=trust, **d))
        if committee:
            messages.success(request, f"{committee.name} added.")
            return redirect("trust:committee_detail", committee.pk)
    return _form_page(
        request,
        form,
        title="Add a committee",
        submit_text="Add committee",
        cancel=reverse("trust:committee_list"),
        section="committees",
    )


@GET_POST
@trust_view("trust.manage")
def committee_edit(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _get(Committee, request, pk)
    initial = {
        "name": committee.name,
        "kind": committee.kind,
        "parent": committee.parent_id,
        "locality": committee.locality_id,
        "purpose": committee.purpose,
    }
    form = CommitteeForm(
        request.POST if request.method == "POST" else None, trust=_trust(request), initial=initial
    )
    if request.method == "POST":
        done = submit(form, lambda d: services.committee_update(actor=request.user, committee=committee, **d))
        if done:
            messages.success(request, f"{committee.name} updated.")
            return redirect("trust:committee_detail", pk)
    return _form_page(
        request,
        form,
        title=f"Edit {committee.name}",
        submit_text="Save changes",
        cancel=reverse("trust:committee_detail", args=[pk]),
        section="committees",
    )


@trust_view("trust.view_history")
def committee_history(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _get(Committee, request, pk)
    return _history_page(request, committee, reverse("trust:committee_detail", args=[pk]), "committees")


@GET_POST
@trust_view("trust.manage")
def membership_create(request: HttpRequest, pk: int) -> HttpResponse:
    committee = _get(Committee, request, pk)
    form = MembershipForm(request.POST if request.method == "POST" else None, trust=_trust(request))
    if request.method == "POST":
        membership = submit(
            form, lambda d: services.membership_create(actor=request.user, committee=committee, **d)
        )
        if membership:
            messages.success(request, f"{membership.person.name} added to {committee.name}.")
            return redirect("trust:committee_detail", pk)
    return _form_page(
        request,
        form,
        title=f"Add a member to {committee.name}",
        submit_text="Add member",
        cancel=reverse("trust:committee_detail", args=[pk]),
        section="committees",
        intro="Members are office holders, not representatives of their profession (DH 7.1).",
    )


def _membership(request: HttpRequest, pk: int) -> Membership:
    try:
        return queries.membership_detail(request.trust_id, pk)  # type: ignore[attr-defined]
    except Membership.DoesNotExist as error:
        raise Http404 from error


@GET_POST
@trust_view("trust.manage")
def membership_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    initial = {
        "role": membership.role,
        "start_date": membership.start_date,
        "end_date": membership.end_date,
        "co_opted_scope": membership.co_opted_scope,
    }
    form = MembershipEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST":
        done = submit(
            form,
            lambda d: services.membership_update(actor=request.user, membership=membership, **d),
        )
        if done:
            messages.success(request, f"Membership of {membership.person.name} updated.")
            return redirect("trust:committee_detail", membership.committee_id)
    return _form_page(
        request,
        form,
        title=f"Edit membership: {membership.person.name}",
        submit_text="Save changes",
        cancel=reverse("trust:committee_detail", args=[membership.committee_id]),
        caption=membership.committee.name,
        section="committees",
    )


@GET_POST
@trust_view("trust.manage")
def membership_end(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    form = MembershipEndForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        done = submit(form, lambda d: services.membership_end(actor=request.user, membership=membership, **d))
        if done:
            messages.success(
                request,
                f"{membership.person.name}'s membership of {membership.committee.name} ends on {done.end_date:%-d %B %Y}.",
            )
            return redirect("trust:committee_detail", membership.committee_id)
    return _form_page(
        request,
        form,
        title=f"End {membership.person.name}'s membership",
        submit_text="End membership",
        cancel=reverse("trust:committee_detail", args=[membership.committee_id]),
        caption=membership.committee.name,
        section="committees",
        intro="Tenure ends when a member stands down, takes another role, or performance is substandard (DH 7.2).",
    )


@trust_view("trust.view_history")
def membership_history(request: HttpRequest, pk: int) -> HttpResponse:
    membership = _membership(request, pk)
    return _history_page(
        request,
        membership,
        reverse("trust:committee_detail", args=[membership.committee_id]),
        "committees",
    )
