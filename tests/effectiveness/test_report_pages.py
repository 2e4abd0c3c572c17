"""The annual report's pages, PDF, CSV and API (EFF-2) and the scorecard's page (EFF-3)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report import services
from pecgov.meetings import services as ms
from tests.downloads import close_download
from tests.effectiveness.report_fixtures import draft_report, small_year
from tests.factories import SYSTEM, World
from tests.meeting_factories import attend_all, make_item, make_meeting, pec_people

pytestmark = pytest.mark.django_db


def detail(report: AnnualReport) -> str:
    return reverse("effectiveness:report_detail", args=[report.pk])


def download(client: Any, url: str) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, url
    body = b"".join(response.streaming_content)
    close_download(response)
    return body


def test_lead_creates_writes_and_publishes_the_report(world: World, client_for: Any) -> None:
    """EFF-2: create for a period, write the narrative, publish: the page then shows it frozen."""
    small_year(world)
    lead = client_for("governance_lead")
    end = timezone.localdate()
    start = end - dt.timedelta(days=364)
    response = lead.post(
        reverse("effectiveness:report_create"),
        {
            "start-day": start.day,
            "start-month": start.month,
            "start-year": start.year,
            "end-day": end.day,
            "end-month": end.month,
            "end-year": end.year,
            "title": "",
        },
    )
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(report)
    response = lead.post(
        reverse("effectiveness:report_edit", args=[report.pk]),
        {"title": report.title, "narrative": "The PEC debated more than it noted."},
    )
    assert response.status_code == 302
    html = lead.get(detail(report)).content.decode()
    assert "Draft: the figures show the record as it stands now" in html
    assert "The PEC debated more than it noted." in html
    assert lead.post(reverse("effectiveness:report_publish", args=[report.pk])).status_code == 302
    report.refresh_from_db()
    html = lead.get(detail(report)).content.decode()
    assert report.is_published
    assert "Publish the report to the Board" not in html
    assert report.sha256 in html
    assert download(lead, reverse("effectiveness:report_pdf", args=[report.pk])).startswith(b"%PDF")


def test_a_bad_period_is_refused_on_the_form(world: World, client_for: Any) -> None:
    """EFF-2, X-4: the error summary names the problem and nothing is saved."""
    response = client_for("governance_lead").post(
        reverse("effectiveness:report_create"),
        {
            "start-day": "1",
            "start-month": "4",
            "start-year": "2008",
            "end-day": "31",
            "end-month": "3",
            "end-year": "2008",
            "title": "",
        },
    )
    assert response.status_code == 400
    assert "The last day must be the same as or after the first day" in response.content.decode()
    assert AnnualReport.objects.count() == 0


def test_each_chart_is_inline_svg_named_by_its_caption_with_its_table(world: World, client_for: Any) -> None:
    """EFF-2 (NHS.UK): every chart is an <svg role="img"> named by its figure's caption, with no
    script and no inline style, and its data as a table beside it."""
    small_year(world)
    report = draft_report(world)
    html = client_for("member").get(detail(report)).content.decode()
    for key in ("rubber_stamp", "contributions", "attendance"):
        figure = re.search(rf'<figure class="pecgov-figure" id="chart-{key}">(.*?)</figure>', html, re.S)
        assert figure is not None, key
        body = figure.group(1)
        assert f'<svg role="img" aria-labelledby="chart-{key}-caption"' in body
        assert f'id="chart-{key}-caption"' in body
        assert "<table" in body and "The data in the chart" in body
        assert "<script" not in body and "<style" not in body and ' style="' not in body


def _numbers(report: AnnualReport) -> dict[str, str]:
    figures = report.content["sections"][0]["figures"]
    return {f["key"]: f["value"] for f in figures}


def test_the_same_numbers_on_the_page_in_the_pdf_the_csv_and_the_api(world: World, client_for: Any) -> None:
    """EFF-2: one published report; every measure's value and each rating is the same on the page,
    in the PDF's text, in the CSV and from the API."""
    small_year(world)
    report = draft_report(world)
    services.report_publish(actor=world.users["governance_lead"], report=report)
    report.refresh_from_db()
    numbers = _numbers(report)
    assert numbers["rubber_stamp_ratio"] == "33.3%"  # 1 of the 3 items recorded was only noted
    assert numbers["meetings_held"] == "1 meeting"
    client = client_for("pec_chair")

    page = client.get(detail(report)).content.decode()
    for key, value in numbers.items():
        assert re.search(rf'data-key="{key}"[^>]*>\s*(<a [^>]*>)?{re.escape(value)}<', page), key

    pdf = download(client, reverse("effectiveness:report_pdf", args=[report.pk]))
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split())
    labels = {f["key"]: f["label"] for f in report.content["sections"][0]["figures"]}
    for key, value in numbers.items():
        assert f"{labels[key]} {value}" in text, key

    rows = list(
        csv.reader(
            io.StringIO(download(client, reverse("effectiveness:report_csv", args=[report.pk])).decode())
        )
    )
    in_csv = {row[1]: row[2] for row in rows if row[0] == "Measures from the record"}
    assert {labels[k]: v for k, v in numbers.items()}.items() <= in_csv.items()

    api = client.get(f"/api/effectiveness/reports/{report.pk}").json()
    assert {f["key"]: f["value"] for f in api["content"]["sections"][0]["figures"]} == numbers
    ratings = {p["key"]: p["words"] for p in report.content["scorecard"]}
    assert {p["key"]: p["words"] for p in api["content"]["scorecard"]} == ratings
    assert {row[1]: row[2] for row in rows if row[0] == "Scorecard"} == {
        p["principle"]: p["words"] for p in report.content["scorecard"]
    }
    for principle in report.content["scorecard"]:
        assert re.search(
            rf'id="principle-{principle["key"]}".*?data-rating="{principle["rating"]}"', page, re.S
        )
        assert principle["words"] in text


def test_scorecard_page_rates_each_principle_and_says_why(world: World, client_for: Any) -> None:
    """EFF-3: five principles and the third pin, each rated with its reasons; the thin reason of
    the local variation makes local freedom amber."""
    small_year(world)
    html = client_for("governance_lead").get(reverse("effectiveness:scorecard")).content.decode()
    assert html.count('class="pecgov-principle"') == 6
    assert re.search(r'id="principle-local_freedom".*?data-rating="amber"', html, re.S)
    assert "1 of 1 local variations give a reason shorter than 20 characters" in html
    assert "0 of 0 high-level meetings with the SHA were held without the PEC chair" in html
    api = client_for("governance_lead").get("/api/effectiveness/scorecard").json()
    assert [p["key"] for p in api] == [
        "patient_focus",
        "clinical_leadership",
        "decision_making",
        "professions",
        "local_freedom",
        "third_pin",
    ]


def _grow(world: World, n: int) -> None:
    people = pec_people(world)
    for i in range(n):
        meeting = make_meeting(world.pec, days=-20 - 30 * i)
        attend_all(meeting, people)
        item = make_item(meeting, kind="information", title=f"Report {i}")
        ms.item_decide(actor=SYSTEM, item=item, outcome="noted", contribution="noted_only", reasons="")


def count(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_report_page_query_count_is_flat(world: World, client_for: Any) -> None:
    """EFF-2: the draft report page (measures, charts, scorecard) makes the same number of queries
    for one meeting and for six."""
    report = draft_report(world)
    client = client_for("governance_lead")
    _grow(world, 1)
    few = count(client, detail(report))
    _grow(world, 5)
    many = count(client, detail(report))
    assert many == few


def test_a_scorecard_period_longer_than_ten_years_is_refused_at_once(world: World, client_for: Any) -> None:
    """X-4, EFF-3: found by the API fuzzing, a period of centuries kept the server working out
    each day's composition; the page says the period is too long (400), the API 422, at once."""
    lead = client_for("governance_lead")
    far = {"start": "0001-01-01", "end": "9999-12-31"}

    page = lead.get(reverse("effectiveness:scorecard"), far)
    api = lead.get("/api/effectiveness/scorecard", far)
    within = lead.get("/api/effectiveness/scorecard", {"start": "2007-04-01", "end": "2008-03-31"})

    assert page.status_code == 400
    assert "at most 10 years" in page.content.decode()
    assert api.status_code == 422 and "at most 10 years" in api.json()["detail"]
    assert within.status_code == 200 and len(within.json()) >= 5
