"""PBC group pages (ORG-6, PBC-5, PBC-6): the groups and their links to the PEC, one group's
maturity, support and links, and plans seen by locality and Area Commissioning Forum.

Thin views: parse, call a `pbc_services` function, redirect or render. Everything is looked up
within the user's trust, so another trust's group answers 404, never 403.
"""

from __future__ import annotations

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from pecgov.commissioning.enums import LinkModel
from pecgov.commissioning.maturity import short_label
from pecgov.commissioning.pbc import queries as pbc_queries
from pecgov.commissioning.pbc import services as pbc_services
from pecgov.commissioning.pbc.forms import EndForm, LinkForm, MaturityForm, SupportForm
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import GET_POST, can, form_page, form_view, found, posted, trust_id_of, trust_view

SECTION = "commissioning"
_form_page = partial(form_page, section=SECTION)


def _group(trust_id: int, pk: int) -> Organisation:
    return pbc_queries.pbc_groups(trust_id).select_related("trust").get(pk=pk)


def _group_url(pk: int, anchor: str = "") -> str:
    return reverse("pbc:group", args=[pk]) + (f"#{anchor}" if anchor else "")


def case_url(pk: int) -> str:
    """A case's page, owned by the commissioning pages; "" while it does not exist."""
    try:
        return reverse("commissioning:case_detail", kwargs={"pk": pk})
    except NoReverseMatch:
        return ""


@trust_view("commissioning.view_pbc")
def overview(request: HttpRequest) -> HttpResponse:
    rows = pbc_queries.groups_overview(trust_id_of(request))
    return render(
        request,
        "commissioning/pbc_overview.jinja",
        {
            "title": "PBC groups and the PEC",
            "nav_section": SECTION,
            "rows": rows,
            "uses": pbc_queries.links_by_model(rows),
            "warned": [row for row in rows if row.warnings],
            "can_manage": can(request, "commissioning.manage_pbc"),
            "can_see_plans": can(request, "commissioning.view_pipeline"),
        },
    )


@trust_view("commissioning.view_pbc")
def group(request: HttpRequest, pk: int) -> HttpResponse:
    page = found(pbc_queries.group_page, request, pk)
    return render(
        request,
        "commissioning/pbc_group.jinja",
        {
            "title": page.group.name,
            "nav_section": SECTION,
            "page": page,
            "group": page.group,
            "short_label": short_label,
            "LinkModel": LinkModel,
            "can_manage": can(request, "commissioning.manage_pbc"),
        },
    )


@trust_view("commissioning.view_pipeline")
def plans(request: HttpRequest) -> HttpResponse:
    """PBC-5: a practice lead sees only their own cases elsewhere, so this page needs the pipeline."""
    sections = pbc_queries.plans_by_locality(trust_id_of(request))
    return render(
        request,
        "commissioning/pbc_plans.jinja",
        {
            "title": "Plans and business cases by locality",
            "nav_section": SECTION,
            "sections": sections,
            "total": sum(len(s.plans) for s in sections),
            "case_url": case_url,
        },
    )


@GET_POST
@trust_view("commissioning.manage_pbc")
def maturity_new(request: HttpRequest, pk: int) -> HttpResponse:
    org = found(_group, request, pk)
    form = MaturityForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: pbc_services.maturity_record(actor=request.user, group=org, **d),
        done=lambda saved: f"Maturity recorded: {short_label(saved.level).lower()}.",
        then=lambda _: _group_url(pk, "maturity"),
        page=_form_page,
        title="Record the group's maturity",
        caption=org.name,
        submit_text="Record maturity",
        cancel=_group_url(pk, "maturity"),
        intro="Support should be developmental and withdraw as the group matures (DH 5.4).",
    )


@GET_POST
@trust_view("commissioning.manage_pbc")
def support_new(request: HttpRequest, pk: int) -> HttpResponse:
    org = found(_group, request, pk)
    form = SupportForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: pbc_services.support_add(actor=request.user, group=org, **d),
        done=lambda saved: f"Support added: {saved}.",
        then=lambda _: _group_url(pk, "support"),
        page=_form_page,
        title="Add support for the group",
        caption=org.name,
        submit_text="Add support",
        cancel=_group_url(pk, "support"),
    )


@GET_POST
@trust_view("commissioning.manage_pbc")
def support_end(request: HttpRequest, pk: int) -> HttpResponse:
    support = found(pbc_queries.support_in_trust, request, pk)
    form = EndForm(posted(request), noun="support")
    return form_view(
        request,
        form,
        save=lambda d: pbc_services.support_end(actor=request.user, support=support, **d),
        done=lambda saved: f"Support ended: {saved}.",
        then=lambda _: _group_url(support.group_id, "support"),
        page=_form_page,
        title="End the support",
        caption=f"{support.group.name}: {support}",
        submit_text="End support",
        cancel=_group_url(support.group_id, "support"),
    )


@GET_POST
@trust_view("commissioning.manage_pbc")
def link_new(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    wanted = request.GET.get("group", "")
    initial = {"group": int(wanted)} if wanted.isdigit() else {}
    form = LinkForm(posted(request), trust_id=trust_id, initial=initial)
    back = (
        _group_url(int(wanted), "links")
        if wanted.isdigit() and pbc_queries.pbc_groups(trust_id).filter(pk=int(wanted)).exists()
        else reverse("pbc:overview")
    )
    return form_view(
        request,
        form,
        save=lambda d: pbc_services.link_create(
            actor=request.user, trust=Organisation.objects.get(pk=trust_id), **d
        ),
        done=lambda link: f"Link to the PEC added: {link}.",
        then=lambda link: _group_url(link.group_id, "links"),
        page=_form_page,
        title="Link a PBC group to the PEC",
        submit_text="Add link",
        cancel=back,
        intro="Choose one of the four models for PEC and PBC links (DH 5.5). A lead commissioner "
        "must be a member of the PEC, or co-opted, on the start date.",
    )


@GET_POST
@trust_view("commissioning.manage_pbc")
def link_end(request: HttpRequest, pk: int) -> HttpResponse:
    link = found(pbc_queries.link_in_trust, request, pk)
    form = EndForm(posted(request), noun="link")
    return form_view(
        request,
        form,
        save=lambda d: pbc_services.link_end(actor=request.user, link=link, **d),
        done=lambda saved: f"Link to the PEC ended: {saved}.",
        then=lambda _: _group_url(link.group_id, "links"),
        page=_form_page,
        title="End the link to the PEC",
        caption=str(link),
        submit_text="End link",
        cancel=_group_url(link.group_id, "links"),
    )
