"""The upload form of "Bring in your registers" (ADM-2)."""

from __future__ import annotations

from django import forms

from pecgov.imports.enums import Kind
from pecgov.ui.forms import NhsFormMixin


class UploadForm(NhsFormMixin, forms.Form):
    kind = forms.ChoiceField(label="What the file holds", choices=Kind.choices, widget=forms.RadioSelect)
    upload = forms.FileField(
        label="The file",
        required=False,
        help_text="A .csv or .xlsx file with the columns shown below, or NHS Digital's epraccur.csv",
    )


class ConfirmForm(NhsFormMixin, forms.Form):
    """Only the one-time key: the same confirmation sent twice imports once."""
