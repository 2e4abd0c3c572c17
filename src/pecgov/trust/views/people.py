"""ORG-2 pages: the people of the trust."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from pecgov.trust import queries, services
from pecgov.trust.columns import PERSON_COLUMNS
from pecgov.trust.enums import Profession
from pecgov.trust.forms import PersonForm
from pecgov.trust.models import Person
from pecgov.trust.views.common import get_in_trust, history_page, own_trust
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import GET_POST, can, form_view, found, paginate, posted, trust_id_of, trust_view

SECTION = "people"


@trust_view("trust.view")
def person_list(request: HttpRequest) -> HttpResponse:
    profession = request.GET.get("profession", "")
    profession = profession if profession in Profession.values else ""
    search = request.GET.get("q", "").strip()[:100]
    rows = queries.people(trust_id_of(request), profession=profession, search=search)
    if fmt := export_format(request):  # ADM-3: the same filter, in the columns the import reads
        return download(PERSON_COLUMNS, rows, fmt=fmt, name="people")
    page = paginate(request, rows)
    return render(
        request,
        "trust/person_list.jinja",
        {
            "title": "People",
            "nav_section": SECTION,
            "page": page,
            "profession": profession,
            "q": search,
            "professions": Profession.choices,
            "downloads": download_links(request),
            "can_manage": can(request, "trust.manage"),
        },
    )


@trust_view("trust.view")
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = found(queries.person_detail, request, pk)
    return render(
        request,
        "trust/person_detail.jinja",
        {
            "title": person.name,
            "nav_section": SECTION,
            "person": person,
            "can_manage": can(request, "trust.manage"),
            "can_history": can(request, "trust.view_history"),
        },
    )


@GET_POST
@trust_view("trust.manage")
def person_create(request: HttpRequest) -> HttpResponse:
    trust = own_trust(request)
    form = PersonForm(posted(request), trust=trust)
    return form_view(
        request,
        form,
        save=lambda d: services.person_create(actor=request.user, trust=trust, **d),
        done=lambda person: f"{person.name} added.",
        then=lambda person: reverse("trust:person_detail", args=[person.pk]),
        title="Add a person",
        submit_text="Add person",
        cancel=reverse("trust:person_list"),
        section=SECTION,
    )


@GET_POST
@trust_view("trust.manage")
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_in_trust(Person, request, pk)
    form = PersonForm(posted(request), trust=own_trust(request), instance=person)
    return form_view(
        request,
        form,
        save=lambda d: services.person_update(actor=request.user, person=person, **d),
        done=lambda _: f"{person.name} updated.",
        then=lambda _: reverse("trust:person_detail", args=[person.pk]),
        title=f"Edit {person.name}",
        submit_text="Save changes",
        cancel=reverse("trust:person_detail", args=[pk]),
        section=SECTION,
    )


@trust_view("trust.view_history")
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_in_trust(Person, request, pk)
    return history_page(request, person, reverse("trust:person_detail", args=[pk]), SECTION)
