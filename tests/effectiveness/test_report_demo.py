"""The demo's annual report (EFF-2, EFF-3): a draft for the demo year with a narrative, every
section filled, and a scorecard with an amber and a red, each saying why."""

from __future__ import annotations

import io
import time
from typing import Any

import pytest
from django.core.management import call_command

from pecgov.effectiveness.models import AnnualReport
from pecgov.effectiveness.report.pdf import render_pdf
from pecgov.effectiveness.report.views import shown_content

pytestmark = pytest.mark.django_db


def test_demo_report_has_every_section_and_an_amber_and_a_red(settings: Any) -> None:
    settings.DEMO_MODE = True
    call_command("load_demo", stdout=io.StringIO())
    report = AnnualReport.objects.get()
    assert report.status == "draft" and report.narrative.startswith("This is the PEC's first year")
    content = shown_content(report)
    assert [s["unavailable"] for s in content["sections"]] == ["", "", ""]
    ratings = {p["key"]: p for p in content["scorecard"]}
    assert ratings["clinical_leadership"]["rating"] == "amber"  # five of nine members developed
    assert ratings["decision_making"]["rating"] == "red"  # most items only noted
    assert ratings["third_pin"]["rating"] == "red"  # two SHA meetings without the PEC chair
    assert all(p["reasons"] for p in content["scorecard"])
    started = time.perf_counter()
    pdf = render_pdf(content)
    seconds = time.perf_counter() - started
    assert pdf.startswith(b"%PDF")
    print(f"demo annual report PDF: {len(pdf)} bytes in {seconds:.2f} s")
