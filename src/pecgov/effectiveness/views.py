"""The measures of effectiveness pages (EFF-2, MTG-4, PBC-4): thin views over
`queries.measures_for`, the single source the CSV, the API and the annual report share."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from pecgov.effectiveness import queries, records
from pecgov.effectiveness.columns import measure_columns
from pecgov.effectiveness.forms import PeriodForm
from pecgov.effectiveness.measuring import total_contributions
from pecgov.policy.services import effective_policy
from pecgov.trust.models import Organisation
from pecgov.ui.tabular import download, download_links, export_format
from pecgov.ui.viewkit import paginate, trust_id_of, trust_view

SECTION = "effectiveness"
PERM = "effectiveness.view_measures"


def _form(request: HttpRequest) -> tuple[Organisation, PeriodForm]:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    return trust, PeriodForm(request.GET, trust=trust)


# The effectiveness section's pages (EFF-1, EFF-2, EFF-3, ORG-7), each shown to those who may open it.
SECTION_PAGES = (
    (
        "effectiveness:measures",
        PERM,
        "Measures of effectiveness",
        "Attendance, what the committee did with its items (the rubber-stamp ratio), the Board's decisions, "
        "conflicts handled, business-case turnaround and composition, from the record.",
    ),
    (
        "effectiveness:report_list",
        "effectiveness.view_report",
        "Annual reports to the Board",
        "The year's measures with charts, the surveys, the checklist, the scorecard and the statements to the Board.",
    ),
    (
        "effectiveness:scorecard",
        "effectiveness.view_report",
        "Guiding principles scorecard",
        "The five principles of DH 2.2 and the SHA's third pin, rated green, amber or red, each saying why.",
    ),
    (
        "surveys:list",
        "surveys.view",
        "Effectiveness surveys",
        "What PEC members, the Board and partners think of the PEC, anonymously.",
    ),
    (
        "checklist:index",
        "checklist.view",
        "Implementation checklist",
        "DH Annex C's actions as a plan, ticked where the record proves them.",
    ),
    (
        "engagement:index",
        "engagement.view",
        "Engagement with the SHA",
        "High-level meetings and communications with the SHA, and whether the PEC chair was there.",
    ),
)


@trust_view("trust.view")
def index(request: HttpRequest) -> HttpResponse:
    """Does the PEC work? The section's pages this user may open (EFF-1 to EFF-3, ORG-7)."""
    pages = [
        {"href": reverse(name), "title": title, "text": text}
        for name, perm, title, text in SECTION_PAGES
        if request.user.has_perm(perm)
    ]
    context = {"title": "Effectiveness", "nav_section": SECTION, "pages": pages}
    return render(request, "effectiveness/index.jinja", context)


@trust_view(PERM)
def measures(request: HttpRequest) -> HttpResponse:
    """Every measure of the period with its definition and source, each number linking to the
    records it counts; the rubber-stamp ratio by quarter (EFF-2, MTG-4; DH 3.1). `?download=csv`
    (or xlsx) gives the same measures as a file."""
    trust, form = _form(request)
    context = {"title": "Measures of effectiveness", "nav_section": SECTION, "form": form}
    if not form.is_valid():
        return render(request, "effectiveness/measures.jinja", context, status=400)
    committee, start, end = form.period
    found = queries.measures_for(trust=trust, committee=committee, start=start, end=end)
    if fmt := export_format(request):
        name = f"measures-{committee.name.lower().replace(' ', '-')}-{start}-{end}"
        return download(measure_columns(found), found.measures, fmt=fmt, name=name)
    context.update(
        {
            "m": found,
            "total": total_contributions(found.contributions),
            "downloads": download_links(request),
            "query": request.GET.urlencode(),
        }
    )
    return render(request, "effectiveness/measures.jinja", context)


@trust_view(PERM)
def measure_records(request: HttpRequest) -> HttpResponse:
    """The records one measure counts, for the committee and period of its number (EFF-2).
    Without a measure, the measures page is where one is chosen."""
    if not request.GET.get("measure"):
        return redirect(f"{reverse('effectiveness:measures')}?{request.GET.urlencode()}".rstrip("?"))
    trust, form = _form(request)
    context = {"title": "Records counted", "nav_section": SECTION, "form": form}
    if not form.is_valid():
        return render(request, "effectiveness/measures_records.jinja", context, status=400)
    committee, start, end = form.period
    found = records.records_for(
        trust=trust,
        committee=committee,
        start=start,
        end=end,
        key=request.GET.get("measure", ""),
        minutes_target=queries.minutes_target(effective_policy(trust)),
    )
    if found is None:
        raise Http404("There is no such measure")
    back = request.GET.copy()
    back.pop("measure", None)
    back.pop("page", None)
    context.update(
        {
            "title": f"Records counted: {found.label}",
            "found": found,
            "page": paginate(request, found.rows),
            "committee": committee,
            "start": start,
            "end": end,
            "back": back.urlencode(),
        }
    )
    return render(request, "effectiveness/measures_records.jinja", context)
