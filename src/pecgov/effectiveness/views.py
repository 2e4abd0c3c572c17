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
