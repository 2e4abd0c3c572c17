"""Journey (PUB-2, COI-5, X-3, X-4): the frozen documents of the demo.

A PEC member opens the next meeting and downloads its agenda pack (the demo built it on load);
signed out, anyone downloads the public pack of that meeting; the member reads the statement to the
Board for the Fairfield Surgery recommendation, whose PDF the demo built, and downloads the very
bytes that were stored with its SHA-256. axe-core: zero violations on every page visited.
"""

from __future__ import annotations

import hashlib

from django.urls import reverse
from playwright.sync_api import expect

from pecgov.meetings.models import AgendaPack, StatementVersion


def test_a_member_downloads_the_agenda_pack_and_the_statement(journey, demo: None) -> None:  # type: ignore[no-untyped-def]
    page = journey.page
    pack = AgendaPack.objects.filter(public=False).defer("pdf").order_by("meeting__starts_at").first()
    assert pack is not None, "the demo builds agenda packs for the next two meetings"
    version = StatementVersion.objects.exclude(pdf_sha256="").defer("pdf").order_by("id").first()
    assert version is not None, "the demo builds the statement PDFs"

    journey.sign_in("member")
    journey.goto(reverse("meetings:meeting_detail", args=[pack.meeting_id]))
    link = page.get_by_role("link", name="Download agenda pack")
    expect(link).to_be_visible()
    download = page.request.get(link.get_attribute("href") or "")
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(download.body()).hexdigest() == pack.sha256

    journey.goto(reverse("conflicts:statement", args=[version.item_id]))
    expect(page.locator("main")).to_contain_text("This is version 1 of the statement")
    statement_pdf = page.get_by_role("link", name="Download the statement (PDF)")
    body = page.request.get(statement_pdf.get_attribute("href") or "").body()
    assert hashlib.sha256(body).hexdigest() == version.pdf_sha256

    journey.sign_out()
    public = page.request.get(
        journey.base_url + reverse("meetings:agenda_pack_public", args=[pack.meeting_id])
    )
    assert public.status == 200
    assert public.body().startswith(b"%PDF")
    assert public.body() != download.body()
