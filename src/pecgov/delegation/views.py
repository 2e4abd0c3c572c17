"""TOR pages: the functions catalogue and the Board's delegations (TOR-1), the scheme of delegation
(TOR-2), members' lead areas and tasks (TOR-3), and function coverage (POL-3).

Thin views: parse, call a service, redirect or render. Everything is looked up within the user's
trust, so another trust's function, delegation or lead area answers 404, never 403.
"""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.delegation import queries, services
from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import GROUP_SOURCES, Decider, DecisionKind
from pecgov.delegation.forms import (
    SCHEME_ROWS,
    DelegationForm,
    EndForm,
    FunctionForm,
    LeadAreaForm,
    RetireForm,
    RouteForm,
    SchemeForm,
)
from pecgov.delegation.models import Delegation, Function, LeadArea
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import (
    GET_POST,
    can,
    form_page,
    form_view,
    post_action,
    posted,
    trust_id_of,
    trust_view,
)

SECTION = "delegation"

_form_page = partial(form_page, section=SECTION)


def _trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=trust_id_of(request))


def _function(request: HttpRequest, pk: int) -> Function:
    try:
        return Function.objects.select_related("trust").get(pk=pk, trust_id=trust_id_of(request))
    except Function.DoesNotExist as error:
        raise Http404 from error


def _delegation(request: HttpRequest, pk: int) -> Delegation:
    try:
        return Delegation.objects.select_related("function", "committee").get(
            pk=pk, function__trust_id=trust_id_of(request)
        )
    except Delegation.DoesNotExist as error:
        raise Http404 from error


def _lead(request: HttpRequest, pk: int) -> LeadArea:
    try:
        return LeadArea.objects.select_related("person", "function").get(
            pk=pk, person__trust_id=trust_id_of(request)
        )
    except LeadArea.DoesNotExist as error:
        raise Http404 from error


def _catalogue_url(anchor: str = "") -> str:
    return reverse("delegation:catalogue") + (f"#{anchor}" if anchor else "")


# The functions catalogue (TOR-1) and its coverage (POL-3) ---------------------------------


@trust_view("delegation.view")
def catalogue(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    policy = effective_policy(trust)
    framework = queries.framework(policy)
    groups = queries.catalogue(trust.pk, framework)
    started = queries.catalogue_started(trust.pk)
    findings = queries.coverage_findings(trust, policy=policy) if started else []
    return render(
        request,
        "delegation/catalogue.jinja",
        {
            "title": "Functions and delegation",
            "nav_section": SECTION,
            "groups": groups,
            "empty": not any(group.rows for group in groups),
            "started": started,
            "findings": findings,
            "framework_source": GROUP_SOURCES[framework],
            "policy": policy,
            "can_manage": can(request, "delegation.manage"),
        },
    )


@require_POST
@trust_view("delegation.manage")
def catalogue_seed(request: HttpRequest) -> HttpResponse:
    added = post_action(request, lambda: services.catalogue_seed(actor=request.user, trust=_trust(request)))
    if added:
        messages.success(request, f"Added {added} functions from the guidance.")
    elif added == 0:
        messages.info(
            request, "No functions were added: the catalogue already has every one from the guidance."
        )
    return redirect("delegation:catalogue")


@GET_POST
@trust_view("delegation.manage")
def function_create(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    form = FunctionForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.function_create(actor=request.user, trust=trust, **d),
        done=lambda function: f"Function added: {function.name}.",
        then=lambda function: _catalogue_url(f"function-{function.pk}"),
        page=_form_page,
        title="Add a local function",
        submit_text="Add function",
        cancel=_catalogue_url(),
        intro="A function the trust gives its committees beyond those in the guidance.",
    )


@GET_POST
@trust_view("delegation.manage")
def function_edit(request: HttpRequest, pk: int) -> HttpResponse:
    function = _function(request, pk)
    initial = {"group": function.group, "name": function.name, "description": function.description}
    form = FunctionForm(posted(request), initial=initial)
    return form_view(
        request,
        form,
        save=lambda d: services.function_update(actor=request.user, function=function, **d),
        done=lambda _: f"Function updated: {function.name}.",
        then=lambda _: _catalogue_url(f"function-{function.pk}"),
        page=_form_page,
        title="Edit the function",
        caption=function.name,
        submit_text="Save changes",
        cancel=_catalogue_url(f"function-{function.pk}"),
    )


@GET_POST
@trust_view("delegation.manage")
def function_retire(request: HttpRequest, pk: int) -> HttpResponse:
    function = _function(request, pk)
    form = RetireForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.function_update(
            actor=request.user, function=function, retired_on=d["retired_on"]
        ),
        done=lambda _: f"{function.name} is retired from {function.retired_on:%-d %B %Y}.",
        then=lambda _: _catalogue_url(),
        page=_form_page,
        title="Retire the function",
        caption=function.name,
        submit_text="Retire function",
        cancel=_catalogue_url(f"function-{function.pk}"),
        intro="A retired function leaves the catalogue and no longer counts towards function coverage. "
        "End its delegations first.",
    )


# Delegations from the Board (TOR-1) ---------------------------------------------------------


def _delegated_message(delegation: Delegation) -> str:
    authority = delegation.get_authority_display()
    return (
        f"{delegation.function.name} delegated to {delegation.committee.name} "
        f"({authority[:1].lower()}{authority[1:]})."
    )


@GET_POST
@trust_view("delegation.manage")
def delegation_create(request: HttpRequest, pk: int) -> HttpResponse:
    function = _function(request, pk)
    form = DelegationForm(posted(request), trust=function.trust)
    return form_view(
        request,
        form,
        save=lambda d: services.delegation_create(actor=request.user, function=function, **d),
        done=_delegated_message,
        then=lambda _: _catalogue_url(f"function-{function.pk}"),
        page=_form_page,
        title="Delegate the function",
        caption=function.name,
        submit_text="Delegate function",
        cancel=_catalogue_url(f"function-{function.pk}"),
        intro="Record what the Board agreed: the committee, and the authority it has to act (DH 3.1).",
    )


@GET_POST
@trust_view("delegation.manage")
def delegation_end(request: HttpRequest, pk: int) -> HttpResponse:
    delegation = _delegation(request, pk)
    form = EndForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.delegation_end(actor=request.user, delegation=delegation, **d),
        done=lambda saved: (
            f"The delegation of {delegation.function.name} to {delegation.committee.name} "
            f"ends on {saved.end_date:%-d %B %Y}."
        ),
        then=lambda _: _catalogue_url(f"function-{delegation.function_id}"),
        page=_form_page,
        title="End the delegation",
        caption=f"{delegation.function.name}: {delegation.committee.name}",
        submit_text="End delegation",
        cancel=_catalogue_url(f"function-{delegation.function_id}"),
    )


# Lead areas and tasks (TOR-3) -----------------------------------------------------------------


@trust_view("delegation.view")
def lead_list(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    return render(
        request,
        "delegation/lead_list.jinja",
        {
            "title": "Lead areas and tasks",
            "nav_section": SECTION,
            "leads": queries.lead_areas(trust_id),
            "without_lead": queries.members_without_lead(trust_id),
            "can_manage": can(request, "delegation.manage"),
        },
    )


@GET_POST
@trust_view("delegation.manage")
def lead_create(request: HttpRequest) -> HttpResponse:
    form = LeadAreaForm(posted(request), trust=_trust(request))
    return form_view(
        request,
        form,
        save=lambda d: services.lead_area_create(actor=request.user, **d),
        done=lambda lead: f"{lead.person.name} leads on {lead.area}.",
        then=lambda _: "delegation:lead_list",
        page=_form_page,
        title="Add a lead area",
        submit_text="Add lead area",
        cancel=reverse("delegation:lead_list"),
        intro='Each member has lead areas and tasks (Alliance "Accountability"; DH 5.2).',
    )


@GET_POST
@trust_view("delegation.manage")
def lead_end(request: HttpRequest, pk: int) -> HttpResponse:
    lead = _lead(request, pk)
    form = EndForm(posted(request), noun="lead")
    return form_view(
        request,
        form,
        save=lambda d: services.lead_area_end(actor=request.user, lead=lead, **d),
        done=lambda saved: f"{lead.person.name}'s lead on {lead.area} ends on {saved.end_date:%-d %B %Y}.",
        then=lambda _: "delegation:lead_list",
        page=_form_page,
        title="End the lead area",
        caption=f"{lead.person.name}: {lead.area}",
        submit_text="End lead area",
        cancel=reverse("delegation:lead_list"),
    )


# The scheme of delegation (TOR-2) -------------------------------------------------------------


def _route(form: RouteForm, schemes: dict[str, queries.SchemeView]) -> engine.Route | None:
    """Apply the scheme in force to the value asked about; a problem becomes the form's error."""
    if not form.is_valid():
        return None
    view = schemes[form.cleaned_data["kind"]]
    if view.scheme is None:
        form.add_error("kind", f"No scheme of delegation is in force for a {view.label} yet")
        return None
    problem = engine.value_problem(form.cleaned_data["value"])
    if problem:
        form.add_error("value", problem)
        return None
    try:
        return engine.route(view.bands, form.cleaned_data["value"], kind_label=view.label)
    except engine.NoRoute as error:
        form.add_error("value", str(error))
    return None


@trust_view("delegation.view")
def scheme(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    schemes = queries.current_schemes(trust_id)
    asked = "value" in request.GET or "kind" in request.GET
    form = RouteForm(request.GET if asked else None, initial={"kind": DecisionKind.BUSINESS_CASE})
    answer = _route(form, schemes) if asked else None
    response = render(
        request,
        "delegation/scheme.jinja",
        {
            "title": "Scheme of delegation",
            "nav_section": SECTION,
            "schemes": list(schemes.values()),
            "versions": queries.scheme_versions(trust_id),
            "any_scheme": any(view.scheme for view in schemes.values()),
            "form": form,
            "answer": answer,
            "deciders": dict(Decider.choices),
            "can_manage": can(request, "delegation.manage"),
        },
    )
    if form.is_bound and form.errors:
        response.status_code = 400
    return response


@require_POST
@trust_view("delegation.manage")
def scheme_adopt_default(request: HttpRequest) -> HttpResponse:
    adopted = post_action(
        request, lambda: services.scheme_adopt_default(actor=request.user, trust=_trust(request))
    )
    if adopted:
        messages.success(request, "Starting scheme adopted. Change its bands to match what the Board agreed.")
    elif adopted == []:
        messages.info(request, "Nothing adopted: a scheme is already in force for every kind of decision.")
    return redirect("delegation:scheme")


@GET_POST
@trust_view("delegation.manage")
def scheme_edit(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in DecisionKind.values:
        raise Http404
    trust = _trust(request)
    current = queries.current_scheme(trust.pk, kind)
    rows = max(SCHEME_ROWS, len(current.bands))
    form = SchemeForm(
        posted(request),
        rows=rows,
        initial=SchemeForm.initial_for(current.bands),
    )
    in_force = (
        f"Version {current.scheme.version} is in force." if current.scheme else "No version is in force yet."
    )
    return form_view(
        request,
        form,
        save=lambda d: services.scheme_adopt(
            actor=request.user, trust=trust, decision_kind=kind, bands=d["bands"], reason=d["reason"]
        ),
        done=lambda adopted: f"Version {adopted.version} of the scheme for a {current.label} is in force.",
        then=lambda _: reverse("delegation:scheme") + f"#scheme-{kind}",
        page=_form_page,
        title=f"Change the scheme for a {current.label}",
        caption="Scheme of delegation",
        submit_text="Adopt the new version",
        cancel=reverse("delegation:scheme") + f"#scheme-{kind}",
        intro=f"{in_force} Bands are in whole pounds and include both limits: each band starts £1 above "
        "the one before, the first starts at £0 and the last has no upper limit. Blank rows are ignored.",
        template="delegation/scheme_form.jinja",
    )
