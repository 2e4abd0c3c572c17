"""The survey forms (EFF-2): they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.surveys.models import Question, QuestionKind, Survey
from pecgov.surveys.results import DONT_KNOW, GROUP_LABELS, LIKERT, PARTNER_GROUPS, SCALE
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm


class SurveyForm(ServiceModelForm):
    period_start = NhsDateField(label="Period from")
    period_end = NhsDateField(label="Period to")

    class Meta:
        model = Survey
        fields = ["name", "period_start", "period_end"]
        labels = {"name": "Survey name"}


class QuestionForm(ServiceModelForm):
    kind = forms.ChoiceField(label="Kind of answer", choices=QuestionKind.choices, widget=forms.RadioSelect)

    class Meta:
        model = Question
        fields = ["text", "kind"]
        labels = {"text": "Question"}
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class PartnersForm(NhsFormMixin, forms.Form):
    group = forms.ChoiceField(
        label="Partners' group",
        choices=[(g, GROUP_LABELS[g]) for g in PARTNER_GROUPS],
        widget=forms.RadioSelect,
    )
    emails = forms.CharField(
        label="Email addresses",
        help_text="One a line. They need no account: each gets their own link.",
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class OpenForm(NhsFormMixin, forms.Form):
    closes_on = NhsDateField(label="Closing date", help_text="Answers are taken until the end of this day.")


LIKERT_CHOICES = [(str(point), label) for point, label in SCALE] + [(str(DONT_KNOW), "Don't know")]


class AnswerForm(NhsFormMixin, forms.Form):
    """One field a question, named by the question's key."""

    def __init__(self, *args: Any, questions: list[Question], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n, q in enumerate(questions, start=1):
            label = f"{n}. {q.text}"
            if q.kind == LIKERT:
                field: forms.Field = forms.ChoiceField(
                    label=label, choices=LIKERT_CHOICES, widget=forms.RadioSelect
                )
                field.error_messages["required"] = "Select how far you agree, or “Don't know”"
            else:
                field = forms.CharField(
                    label=label, required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
                )
            self.fields[q.key] = field
