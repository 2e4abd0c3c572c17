"""Forms of the SHA engagement log (ORG-7): they parse; the services decide."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.engagement.models import ShaEntry
from pecgov.trust.models import Person
from pecgov.ui.forms import NhsDateField, ServiceModelForm


class EntryForm(ServiceModelForm):
    class Meta:
        model = ShaEntry
        fields = ["held_on", "kind", "subject", "sha_attendees", "notes"]
        labels = {
            "held_on": "Date",
            "kind": "What kind of meeting or communication",
            "notes": "Notes (optional)",
        }
        help_texts = {
            "held_on": "For example 12 6 2007",
            "subject": "For example Financial recovery plan",
            "sha_attendees": "Optional: names and roles of the SHA's people, one a line",
        }
        widgets = {
            "kind": forms.RadioSelect,
            "sha_attendees": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"held_on": NhsDateField}

    attendees = forms.ModelMultipleChoiceField(
        label="Who from the trust attended",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Whether the PEC chair was there follows from who chaired the PEC on the date",
        error_messages={"invalid_choice": "Select people in this trust"},
    )

    def __init__(self, *args: Any, trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_trust("attendees", leaders(trust_id))


def leaders(trust_id: int) -> Any:
    """The people who could attend: members of the trust's Board and committees (current or
    past), so the list stays short at national scale."""
    return (
        Person.objects.filter(trust_id=trust_id, memberships__isnull=False).distinct().order_by("name", "pk")
    )
