"""PBC forms (PBC-1 to PBC-3): they parse what was posted; the services decide whether it is allowed.

Most fields are optional here on purpose: the service checks them all at once and says what
to do in its own words, so the page shows every problem in one error summary.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from pecgov.commissioning.enums import Assessment, CaseKind, Criterion, DirectorOutcome
from pecgov.commissioning.models import BusinessCase, CaseDocument
from pecgov.meetings.models import Meeting
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm

# The largest value the database holds (PositiveBigIntegerField): beyond it a save would fail.
LARGEST_VALUE = 9_223_372_036_854_775_807
WHOLE_POUNDS = re.compile(r"-?\d+")


class PoundsField(forms.CharField):
    """A value in whole pounds, typed as text ("45000", "£45,000"). Anything that is not a whole
    number is passed on as typed, so the service says how to write it alongside every other
    problem with the case."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "class": "nhsuk-input--width-10"}),
        )
        super().__init__(required=False, **kwargs)

    def clean(self, value: Any) -> int | str | None:
        text = str(value or "").strip()
        plain = re.sub(r"[£,\s]", "", text)
        if not plain:
            return None
        if not WHOLE_POUNDS.fullmatch(plain):
            return text
        number = int(plain)
        if number > LARGEST_VALUE:
            raise forms.ValidationError("The value is too large: check it is in whole pounds, like 45000")
        return number


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); their type and size are the
    service's rules (the policy's limits)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        # Empty files reach the service, which says "The selected file is empty".
        super().__init__(required=False, allow_empty_file=True, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class CaseForm(ServiceModelForm):
    """PBC-1: a plan or business case from a practice or PBC group. Every field is optional
    here: the service checks them all at once (see the module's note)."""

    prefixes = {"value": "£"}

    value = PoundsField(label="Value", help_text="In whole pounds, like 45000")
    documents = MultipleFileField(label="Supporting documents (optional)")

    class Meta:
        model = BusinessCase
        fields = ["kind", "submitter", "title", "service", "value", "patient_focus", "evidence"]
        labels = {
            "kind": "What are you submitting?",
            "submitter": "Practice or PBC group submitting it",
            "title": "Title",
            "service": "The service",
            "patient_focus": "Patient focus and health inequalities",
            "evidence": "Supporting data and evidence",
        }
        help_texts = {
            "title": "A short name, like 'Community diabetes clinic'",
            "service": "What will be commissioned, and for whom",
            "patient_focus": "How the service puts patients first, and how it addresses health inequalities",
            "evidence": "The data and analysis the case rests on",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "service": forms.Textarea(attrs={"rows": 4}),
            "patient_focus": forms.Textarea(attrs={"rows": 4}),
            "evidence": forms.Textarea(attrs={"rows": 4}),
        }
        error_messages = {
            "kind": {"invalid_choice": "Select whether this is a business case or a commissioning plan"},
            "submitter": {"invalid_choice": "Select the practice or PBC group submitting the case"},
        }

    def __init__(
        self,
        *args: Any,
        trust_id: int,
        practice_ids: frozenset[int] | None,
        allowed_types: str,
        **kwargs: Any,
    ) -> None:
        """`practice_ids` limits the submitters to the organisations a practice or PBC group
        lead leads; None (the governance lead) offers every practice and PBC group."""
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
        self.fields["kind"].choices = CaseKind.choices  # type: ignore[attr-defined]  # no blank radio
        submitters: QuerySet[Organisation] = Organisation.objects.filter(
            trust_id=trust_id, kind__in=[OrganisationKind.PRACTICE, OrganisationKind.PBC_GROUP]
        ).order_by("name")
        if practice_ids is not None:
            submitters = submitters.filter(pk__in=practice_ids)
        self.in_trust("submitter", submitters)
        field = self.fields["submitter"]
        field.empty_label = "Select the practice or PBC group"  # type: ignore[attr-defined]
        field.label_from_instance = lambda o: f"{o.name} ({o.get_kind_display()})"  # type: ignore[attr-defined]
        only = list(submitters[:2])
        if len(only) == 1 and not self.is_bound:
            self.initial.setdefault("submitter", only[0].pk)
        self.fields[
            "documents"
        ].help_text = f"You can choose several files. They must be one of these types: {allowed_types}"


class DocumentForm(ServiceModelForm):
    """A document added to a case: its title from the model; the file's type and size are the
    service's rules."""

    upload = forms.FileField(label="Document", required=False, allow_empty_file=True)

    class Meta:
        model = CaseDocument
        fields = ["title"]
        labels = {"title": "Title"}
        help_texts = {"title": "Leave blank to use the file's name"}

    def __init__(self, *args: Any, allowed_types: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["upload"].help_text = f"It must be one of these types: {allowed_types}"


class ScrutinyForm(NhsFormMixin, forms.Form):
    """PBC-3: for each stated criterion, how the case meets it and why; and who assessed it."""

    assessor = forms.ModelChoiceField(
        label="Who made the assessment",
        queryset=Person.objects.none(),
        required=False,
        error_messages={"invalid_choice": "Select who made the assessment"},
    )

    def __init__(
        self,
        *args: Any,
        trust_id: int,
        person_id: int | None,
        is_lead: bool,
        criteria: list[Criterion],
        **kwargs: Any,
    ) -> None:
        """Only the governance lead records for someone else; anyone else records their own.
        `criteria` are those the trust's policy asks scrutiny to cover (PBC-7)."""
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(trust_id=trust_id).order_by("name")
        if not is_lead:
            people = people.filter(pk__in=[person_id] if person_id else [])
        field = self.fields["assessor"]
        field.queryset = people  # type: ignore[attr-defined]
        if not is_lead:
            field.empty_label = None  # type: ignore[attr-defined]
            field.help_text = "You can record only your own assessment"
        self.initial.setdefault("assessor", person_id)
        self.in_force = list(criteria)
        for criterion in self.in_force:
            self.fields[f"{criterion.value}_assessment"] = forms.ChoiceField(
                label=f"How does the case meet '{criterion.label}'?",
                choices=Assessment.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={"invalid_choice": f"Select how the case meets '{criterion.label}'"},
            )
            self.fields[f"{criterion.value}_comment"] = forms.CharField(
                label=f"Why: {criterion.label.lower()}",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def criteria(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [
            (criterion.label, self[f"{criterion.value}_assessment"], self[f"{criterion.value}_comment"])
            for criterion in self.in_force
        ]

    def assessments(self) -> dict[str, tuple[str, str]]:
        data = self.cleaned_data
        return {
            c.value: (data.get(f"{c.value}_assessment") or "", data.get(f"{c.value}_comment") or "")
            for c in self.in_force
        }


class ScheduleForm(NhsFormMixin, forms.Form):
    """MTG-6: one of the meetings able to decide the case, soonest first."""

    meeting = forms.ModelChoiceField(
        label="Which meeting should decide it?",
        queryset=Meeting.objects.none(),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select one of the meetings listed"},
    )

    def __init__(self, *args: Any, meetings: list[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.meetings = meetings
        self.fields["meeting"].queryset = Meeting.objects.filter(  # type: ignore[attr-defined]
            pk__in=[m.pk for m in meetings]
        )
        if meetings:
            self.initial.setdefault("meeting", meetings[0].pk)


class DecideForm(NhsFormMixin, forms.Form):
    """PBC-2, DH 5.8: an executive director's decision on a small case, with reasons."""

    outcome = forms.ChoiceField(
        label="Decision",
        choices=[(DirectorOutcome.APPROVED, "Approve"), (DirectorOutcome.REJECTED, "Reject")],
        widget=forms.RadioSelect,
        required=False,
        error_messages={"invalid_choice": "Select approve or reject"},
    )
    reasons = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text="They are recorded with the case and shown to the submitter",
    )
    decided_on = NhsDateField(label="Date of the decision", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("decided_on", timezone.localdate())


class NoteForm(NhsFormMixin, forms.Form):
    """A reason for returning or withdrawing a case, or a note with a resubmission."""

    def __init__(self, *args: Any, name: str, label: str, help_text: str = "", **kwargs: Any) -> None:
        """`name` is the service's keyword ("reason" or "note"), so its messages land on the field."""
        super().__init__(*args, **kwargs)
        self.name = name
        self.fields[name] = forms.CharField(
            label=label, widget=forms.Textarea(attrs={"rows": 4}), required=False, help_text=help_text
        )
