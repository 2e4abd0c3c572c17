"""Forms of a member's year: they parse what was posted; the services decide what is allowed.
A form that adds one row is a ModelForm that never saves (`ServiceModelForm`); acts with their
own words (a review's progress per objective, ticking induction, returning a claim) are plain."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.delegation.models import LeadArea
from pecgov.members.enums import Rag, Readiness
from pecgov.members.models import (
    Appraisal,
    Claim,
    Objective,
    PayRate,
    PdpAction,
    ProgressNote,
    TimeCommitment,
    TrainingRecord,
)
from pecgov.trust.forms import ServiceModelForm
from pecgov.trust.models import Membership, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin


class ObjectiveForm(ServiceModelForm):
    class Meta:
        model = Objective
        fields = ["title", "measure", "lead_area", "workstream", "due_date"]
        labels = {"title": "Objective", "lead_area": "Lead area it serves", "due_date": "Due date"}
        help_texts = {
            "title": "What the member will deliver",
            "lead_area": "Optional: one of the member's lead areas (terms of reference)",
            "workstream": "Optional: the workstream or plan it belongs to",
        }
        field_classes = {"due_date": NhsDateField}

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_trust("lead_area", LeadArea.objects.filter(person_id=membership.person_id).order_by("area"))


class ProgressForm(ServiceModelForm):
    class Meta:
        model = ProgressNote
        fields = ["rag", "note"]
        labels = {"rag": "How is it going?", "note": "Progress"}
        widgets = {"rag": forms.RadioSelect}


class ReviewForm(NhsFormMixin, forms.Form):
    """PERF-2: the review meeting, then progress against each of the member's objectives."""

    held_on = NhsDateField(label="Date of the review")
    chief_executive_present = forms.BooleanField(label="The chief executive took part", required=False)
    actions = forms.CharField(label="Actions agreed", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, objectives: list[Objective], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.objectives = objectives
        for objective in objectives:
            self.fields[f"rag_{objective.pk}"] = forms.ChoiceField(
                label=f"Status of: {objective.title}", choices=Rag.choices, initial=objective.rag
            )
            self.fields[f"note_{objective.pk}"] = forms.CharField(
                label=f"Progress on: {objective.title}", widget=forms.Textarea, required=False
            )

    def progress(self) -> dict[int, tuple[str, str]]:
        data = self.cleaned_data
        return {o.pk: (data.pop(f"rag_{o.pk}"), data.pop(f"note_{o.pk}")) for o in self.objectives}


class AppraisalStartForm(NhsFormMixin, forms.Form):
    jointly = forms.BooleanField(label="Appraise jointly with the chief executive", required=False)


class SelfAssessmentForm(ServiceModelForm):
    class Meta:
        model = Appraisal
        fields = ["self_assessment", "competency_assessment"]
        labels = {
            "self_assessment": "Your self-assessment against your objectives",
            "competency_assessment": "Your self-assessment against the competencies you were appointed against",
        }


class AssessmentForm(ServiceModelForm):
    class Meta:
        model = Appraisal
        fields = ["held_on", "appraiser_assessment", "outcome"]
        labels = {"held_on": "Date of the appraisal meeting", "outcome": "Overall outcome"}
        field_classes = {"held_on": NhsDateField}
        widgets = {"outcome": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        self.fields["outcome"].required = True
        self.fields["outcome"].choices = self.fields["outcome"].choices[1:]  # type: ignore[attr-defined]


class PdpForm(ServiceModelForm):
    class Meta:
        model = PdpAction
        fields = ["need", "action", "support", "by_when"]
        labels = {"support": "Support needed", "by_when": "By when"}
        field_classes = {"by_when": NhsDateField}


class InductionForm(NhsFormMixin, forms.Form):
    item = forms.ChoiceField(label="Checklist item done", widget=forms.RadioSelect)
    done_on = NhsDateField(label="Date done")

    def __init__(
        self, *args: Any, checklist: list[dict[str, str]], done: dict[str, str], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(e["key"], e["text"]) for e in checklist if e["key"] not in done]  # type: ignore[attr-defined]


class MentorForm(NhsFormMixin, forms.Form):
    mentor = forms.ModelChoiceField(label="Mentor", queryset=Person.objects.none())

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people = Person.objects.filter(trust_id=membership.person.trust_id).exclude(pk=membership.person_id)
        self.fields["mentor"].queryset = people.order_by("name")  # type: ignore[attr-defined]


class TrainingForm(ServiceModelForm):
    class Meta:
        model = TrainingRecord
        fields = ["course", "provider", "start_date", "end_date", "hours", "leadership", "pdp_action"]
        labels = {
            "pdp_action": "Development plan action it serves",
            "start_date": "Start date",
            "end_date": "End date",
        }
        help_texts = {"pdp_action": "Optional"}
        field_classes = {"start_date": NhsDateField, "end_date": NhsDateField}

    def __init__(self, *args: Any, membership: Membership, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_trust(
            "pdp_action", PdpAction.objects.filter(appraisal__membership__person_id=membership.person_id)
        )


class SuccessorForm(NhsFormMixin, forms.Form):
    target = forms.ChoiceField(label="Seat or lead area")
    person = forms.ModelChoiceField(label="Successor", queryset=Person.objects.none())
    readiness = forms.ChoiceField(label="Ready", choices=Readiness.choices, widget=forms.RadioSelect)
    development = forms.CharField(
        label="Development that would get them there", widget=forms.Textarea, required=False
    )

    def __init__(self, *args: Any, targets: list[tuple[str, str]], trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = targets  # type: ignore[attr-defined]
        self.fields["person"].queryset = Person.objects.filter(trust_id=trust_id).order_by("name")  # type: ignore[attr-defined]


class PayRateForm(ServiceModelForm):
    class Meta:
        model = PayRate
        fields = [
            "role",
            "basis",
            "sessions_per_week",
            "rate_per_session",
            "annual_allowance",
            "locum_rate_per_session",
        ]
        labels = {
            "basis": "Paid by",
            "sessions_per_week": "Sessions a week",
            "rate_per_session": "Rate per session (£)",
            "annual_allowance": "Annual allowance (£)",
            "locum_rate_per_session": "Locum backfill rate per session (£)",
        }
        widgets = {"basis": forms.RadioSelect}


class CommitmentForm(ServiceModelForm):
    class Meta:
        model = TimeCommitment
        fields = ["sessions_per_week", "pattern", "rate_per_session", "annual_allowance"]
        labels = {
            "sessions_per_week": "Agreed sessions a week",
            "pattern": "Pattern",
            "rate_per_session": "Rate per session paid (£)",
            "annual_allowance": "Annual allowance paid (£)",
        }
        help_texts = {"pattern": "For example, Tuesday mornings and one evening a month"}


class ClaimForm(ServiceModelForm):
    class Meta:
        model = Claim
        fields = ["month", "sessions", "locum_sessions", "locum_cost"]
        labels = {
            "month": "Month claimed for",
            "sessions": "Sessions worked",
            "locum_sessions": "Sessions covered by a locum",
            "locum_cost": "Locum cost (£)",
        }
        help_texts = {"month": "Any day in the month, for example 1 3 2027"}
        field_classes = {"month": NhsDateField}


class ReturnForm(NhsFormMixin, forms.Form):
    reason = forms.CharField(label="Why is the claim returned?", widget=forms.Textarea)
