"""Forms of the implementation checklist (EFF-1): they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.checklist.models import Checklist, ChecklistAction
from pecgov.trust.models import Person
from pecgov.ui.forms import NhsDateField, ServiceModelForm


class HttpsUrlField(forms.URLField):
    """A link; one typed without a scheme is taken as https://."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("assume_scheme", "https")
        super().__init__(**kwargs)


class TargetForm(ServiceModelForm):
    class Meta:
        model = Checklist
        fields = ["target_date"]
        labels = {"target_date": "Target date"}
        help_texts = {"target_date": "When every action should be done. For example 1 10 2007"}
        field_classes = {"target_date": NhsDateField}


class ActionForm(ServiceModelForm):
    class Meta:
        model = ChecklistAction
        fields = ["owner", "due_date", "status", "evidence", "evidence_url"]
        labels = {"owner": "Owner", "due_date": "Due date", "status": "Status", "evidence": "Evidence"}
        help_texts = {
            "owner": "The person in the trust responsible for this action",
            "due_date": "Leave empty to use the checklist's target date",
            "evidence": "What shows the action is done, such as the Board paper that agreed it",
            "evidence_url": "Optional: a link to the evidence, starting https://",
        }
        widgets = {"status": forms.RadioSelect, "evidence": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"due_date": NhsDateField, "evidence_url": HttpsUrlField}
        error_messages = {
            "owner": {"invalid_choice": "Select a person in this trust"},
            "evidence_url": {
                "invalid": "Enter a link starting https://, such as https://example.org/paper.pdf"
            },
        }

    def __init__(self, *args: Any, trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_trust("owner", Person.objects.filter(trust_id=trust_id).order_by("name", "pk"))
        owner: Any = self.fields["owner"]
        owner.empty_label = "No owner yet"
