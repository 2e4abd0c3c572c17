"""The emails: plain text and NHS.UK-styled HTML, each with the link to the page, why the person
got it and a link to their choices (NOT-1). Bodies never carry confidential content: the caller
gives a safe summary and the page shows the rest to whoever may see it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse


@dataclass(frozen=True)
class Line:
    """One thing to see: a safe summary and the page it is on."""

    summary: str
    url: str


def absolute(url: str) -> str:
    if url.startswith(("http://", "https://")):
        return url
    base = str(getattr(settings, "SITE_URL", "http://127.0.0.1:8000")).rstrip("/")
    return f"{base}{url}"


def render(*, name: str, subject: str, lines: Sequence[Line], why: str) -> tuple[str, str]:
    """The text and HTML bodies of one email."""
    context = {
        "name": name,
        "subject": subject,
        "lines": [Line(line.summary, absolute(line.url)) for line in lines],
        "why": why,
        "preferences_url": absolute(reverse("notifications:preferences")),
        "service": "PEC Governance",
    }
    text = render_to_string("notifications/email.txt.jinja", context)
    html = render_to_string("notifications/email.html.jinja", context)
    return text, html
