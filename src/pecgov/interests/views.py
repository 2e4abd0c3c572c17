"""Register of interests pages (COI-1, COI-7, PUB-1): thin views that parse, call a service,
and redirect or render. Declaring or confirming takes one short form (COI-7)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms.models import model_to_dict
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pecgov.actors import may
from pecgov.interests import queries, services
from pecgov.interests.columns import DECLARATION_COLUMNS
from pecgov.interests.enums import Withholding
from pecgov.interests.forms import PUBLISHED, DeclarationForm, PublicationForm, RegisterDateForm, ReturnForm
from pecgov.interests.models import Declaration
from pecgov.trust.models import Organisation, Person
from pecgov.trust.roles import roles_of
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import GET_POST, can, form_page, form_view, paginate, post_action, posted, trust_view

SECTION = "interests"


def _trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=request.trust_id)  # type: ignore[attr-defined]


def _person(request: HttpRequest, pk: int) -> Person:
    """A person in the user's trust; anyone else's is 404, never 403."""
    try:
        return Person.objects.select_related("organisation").get(pk=pk, trust_id=request.trust_id)  # type: ignore[attr-defined]
    except Person.DoesNotExist as error:
        raise Http404 from error


def _declaration(request: HttpRequest, pk: int) -> Declaration:
    try:
        return Declaration.objects.select_related("person", "organisation").get(
            pk=pk,
            person__trust_id=request.trust_id,  # type: ignore[attr-defined]
        )
    except Declaration.DoesNotExist as error:
        raise Http404 from error


def _require_declare_for(request: HttpRequest, person: Person) -> None:
    """The permission the services ask (interests.rules), asked before showing the form (X-1)."""
    if not may(request.user, "interests.declare_for", person):
        raise PermissionDenied(services.OWN_ONLY)


def _is_self(request: HttpRequest, person: Person) -> bool:
    return roles_of(request.user).person_id == person.pk


def _back_to(request: HttpRequest, person: Person) -> str:
    """Members return to their own page; the lead to the person's."""
    if _is_self(request, person):
        return reverse("interests:my_declarations")
    return reverse("interests:person_interests", args=[person.pk])


_form_page = partial(form_page, section=SECTION)


def _split(declarations: list[Declaration]) -> tuple[list[Declaration], list[Declaration]]:
    """In force today or starting later, and ended."""
    today = timezone.localdate()
    ended = [d for d in declarations if queries.has_ended(d, today)]
    return [d for d in declarations if d not in ended], ended


def _person_context(request: HttpRequest, person: Person) -> dict[str, Any]:
    current, ended = _split(queries.declarations_of(person.pk))
    returns = queries.last_returns(person)
    return {
        "person": person,
        "current": current,
        "ended": ended,
        "returns": returns,
        "can_declare": may(request.user, "interests.declare_for", person),
        "can_manage": may(request.user, "interests.manage", person),
        "can_see_reasons": may(request.user, "interests.manage", person) or _is_self(request, person),
        "nil_allowed": services.nil_return_allowed(current, timezone.localdate()),
    }


# The signed-in person's own declarations --------------------------------------------


@trust_view("interests.view_register")
def my_declarations(request: HttpRequest) -> HttpResponse:
    roles = roles_of(request.user)
    context: dict[str, Any] = {"title": "My declarations of interest", "nav_section": SECTION}
    if roles.person_id is None:
        return render(request, "interests/mine.jinja", context | {"person": None})
    person = _person(request, roles.person_id)
    months = services.review_months(_trust(request))
    return render(
        request, "interests/mine.jinja", context | _person_context(request, person) | {"months": months}
    )


# Declaring, changing, ending and publishing ---------------------------------------------


@GET_POST
@trust_view("interests.view_register")
def declaration_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    _require_declare_for(request, person)
    form = DeclarationForm(posted(request), person=person)
    own = _is_self(request, person)
    return form_view(
        request,
        form,
        save=lambda d: services.declaration_create(actor=request.user, person=person, **d),
        done=lambda declaration: f"Interest declared: {declaration.related_name}.",
        then=lambda _: _back_to(request, person),
        page=_form_page,
        title="Declare an interest",
        submit_text="Declare interest",
        cancel=_back_to(request, person),
        caption="" if own else person.name,
        intro="Declare anything that could be seen to affect your judgement: financial interests, "
        "professional and personal ones, and those of people close to you.",
    )


def _updated_message(declaration: Declaration) -> str:
    ended = declaration.end_date is not None and declaration.end_date < timezone.localdate()
    return f"Interest {'ended' if ended else 'updated'}: {declaration.related_name}."


@GET_POST
@trust_view("interests.view_register")
def declaration_edit(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(request, pk)
    person = declaration.person
    _require_declare_for(request, person)
    initial = model_to_dict(declaration, fields=services.EDITABLE)
    form = DeclarationForm(posted(request), person=person, initial=initial)
    return form_view(
        request,
        form,
        save=lambda d: services.declaration_update(actor=request.user, declaration=declaration, **d),
        done=_updated_message,
        then=lambda _: _back_to(request, person),
        page=_form_page,
        title="Change or end a declaration",
        submit_text="Save changes",
        cancel=_back_to(request, person),
        caption=person.name,
        intro="To end an interest, enter the date it ended. Ended interests stay on the register's history.",
    )


@GET_POST
@trust_view("interests.manage")
def declaration_withhold(request: HttpRequest, pk: int) -> HttpResponse:
    declaration = _declaration(request, pk)
    initial = {"withholding": declaration.withholding or PUBLISHED, "reason": declaration.withheld_reason}
    form = PublicationForm(posted(request), initial=initial)
    return form_view(
        request,
        form,
        save=lambda d: services.declaration_withhold(actor=request.user, declaration=declaration, **d),
        done=lambda saved: (
            f"Publication of {saved.related_name} saved: {Withholding(saved.withholding).label}."
        ),
        then=lambda _: reverse("interests:person_interests", args=[declaration.person_id]),
        page=_form_page,
        title="What the public register shows",
        submit_text="Save",
        cancel=reverse("interests:person_interests", args=[declaration.person_id]),
        caption=declaration.person.name,
        intro=f"{declaration.get_category_display()} interest: {declaration.related_name}. "
        "Withhold only with a reason: the public register says that something is withheld.",
    )


@require_POST
@trust_view("interests.view_register")
def interest_return(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    _require_declare_for(request, person)
    form = ReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Select a nil return or a confirmation")
        return redirect(_back_to(request, person))
    made = post_action(
        request,
        lambda: services.interest_return_make(
            actor=request.user, person=person, kind=form.cleaned_data["kind"]
        ),
    )
    if made:
        messages.success(request, f"Recorded: {made.get_kind_display()}.")
    return redirect(_back_to(request, person))


# The register for the trust's users --------------------------------------------------


@trust_view("interests.view_register")
def register(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = RegisterDateForm(request.GET if any(k.startswith("on") for k in request.GET) else None)
    on = form.cleaned_data.get("on") if form.is_bound and form.is_valid() else None
    entries = queries.register(request.trust_id, on or today)  # type: ignore[attr-defined]
    if fmt := export_format(request):
        # ADM-3: the register on the date shown, in the columns the import reads; trust users
        # see every entry's details here as on the page (withholding is from the public only).
        return download(DECLARATION_COLUMNS, entries, fmt=fmt, name=f"register-of-interests-{on or today}")
    page = paginate(request, entries)
    return render(
        request,
        "interests/register.jinja",
        {
            "title": "Register of interests",
            "nav_section": SECTION,
            "form": form,
            "on": on or today,
            "is_today": on is None or on == today,
            "downloads": download_links(request),
            "page": page,
            "my_person_id": roles_of(request.user).person_id,
            "can_manage": can(request, "interests.manage"),
        },
        status=400 if form.errors else 200,
    )


@trust_view("interests.view_register")
def person_interests(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return render(
        request,
        "interests/person.jinja",
        {"title": f"Interests of {person.name}", "nav_section": SECTION} | _person_context(request, person),
    )


@GET_POST
@trust_view("interests.manage")
def overdue(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    months = services.review_months(trust)
    if request.method == "POST":
        sent = post_action(request, lambda: services.reminders_send(actor=request.user, trust=trust))
        if sent:
            messages.success(request, f"{sent} reminder{'s' if sent != 1 else ''} sent by email.")
        else:
            messages.success(request, "No reminders sent: nobody overdue has an email address.")
        return redirect("interests:overdue")
    rows = queries.overdue(trust.pk, months)
    return render(
        request,
        "interests/overdue.jinja",
        {
            "title": "Overdue declarations",
            "nav_section": SECTION,
            "rows": rows,
            "months": months,
            "with_email": sum(1 for r in rows if r.person.email),
        },
    )
