"""Helpers for the search tests: a paper whose PDF holds text, and searching as a user."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from weasyprint import HTML


def pdf_with(text: str, name: str = "paper") -> SimpleUploadedFile:
    data = HTML(string=f"<p>{text}</p>").write_pdf()
    assert data is not None
    return SimpleUploadedFile(f"{name}.pdf", data, content_type="application/pdf")
