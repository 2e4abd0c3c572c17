"""The annual report's forms: create one for a period, write its title and narrative (EFF-2).
They parse; the service validates and saves."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.effectiveness.models import AnnualReport
from pecgov.ui.forms import NhsDateField, ServiceModelForm


class ReportCreateForm(ServiceModelForm):
    class Meta:
        model = AnnualReport
        fields = ["start", "end", "title"]
        labels = {"start": "First day of the period", "end": "Last day of the period", "title": "Title"}
        help_texts = {
            "start": "Usually the start of the financial year, for example 1 4 2007",
            "end": "For example 31 3 2008. A report covers a year at most",
            "title": "Leave empty to call it the annual report on the PEC's effectiveness for the period",
        }
        field_classes = {"start": NhsDateField, "end": NhsDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False


class ReportEditForm(ServiceModelForm):
    class Meta:
        model = AnnualReport
        fields = ["title", "narrative"]
        labels = {"narrative": "Summary for the Board"}
        help_texts = {
            "narrative": "A short narrative: what the measures, the surveys and the scorecard say about "
            "the year, and what the PEC will do about it. Leave a blank line between paragraphs",
        }
        widgets = {"narrative": forms.Textarea(attrs={"rows": 10})}
