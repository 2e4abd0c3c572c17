"""A survey's results by respondent group (EFF-2), as a page and as CSV, with the minimum
group size rule: a group under it shows no numbers."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from pecgov.surveys import queries
from pecgov.surveys.models import Survey, SurveyStatus
from pecgov.surveys.results import SCALE, SurveyResults, fewer_than
from pecgov.surveys.views.common import survey_in_trust
from pecgov.ui.tabular import show
from pecgov.ui.viewkit import can, trust_view

HEAD = ["Question", "Kind", "Group", "Shown", "Sent", "Answered", *[label for _, label in SCALE]]
HEAD += ["Don't know", "Mean (1 to 5)", "Free-text answers", "Text"]


def _readable(request: HttpRequest, pk: int) -> Survey:
    """A survey whose results the user may read: a draft only for the lead."""
    survey = survey_in_trust(request, pk)
    if survey.state == SurveyStatus.DRAFT and not can(request, "surveys.manage"):
        raise Http404
    return survey


@trust_view("surveys.view")
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _readable(request, pk)
    results = queries.results_of(survey)
    context = {"title": f"Results: {survey.name}", "survey": survey, "results": results, "scale": SCALE}
    return render(request, "surveys/results.jinja", context)


def rows_of(results: SurveyResults) -> list[list[object]]:
    """The CSV's rows: one a question a group; a hidden group's row carries no numbers."""
    rows: list[list[object]] = []
    for g in results.groups:
        # A hidden group's count reads "fewer than N", as on the pages and in the API (EFF-2).
        rows.append(["Response rate", "", g.label, "no" if g.hidden else "yes", g.sent, g.answered_text])
    for q in results.questions:
        for a in q.groups:
            points: list[int | None] = (
                list(a.distribution) if a.distribution is not None else [None] * len(SCALE)
            )
            texts = " | ".join(a.texts)
            rows.append(
                [
                    q.text,
                    q.kind,
                    a.label,
                    "no" if a.hidden else "yes",
                    None,
                    fewer_than(results.minimum_group_size) if a.hidden else a.answered,
                    *points,
                    a.dont_know,
                    a.mean,
                    a.text_count,
                    texts,
                ]
            )
    return rows


@trust_view("surveys.view")
def survey_results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _readable(request, pk)
    results = queries.results_of(survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="survey-{survey.pk}-results.csv"'
    writer = csv.writer(response)
    writer.writerow(HEAD)
    for row in rows_of(results):
        writer.writerow([show(v) for v in row])
    return response
