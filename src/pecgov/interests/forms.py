"""Forms for the register of interests pages. They parse input; the services enforce every rule (X-4).

Fields the services check (kind of interest, organisation or name, description, dates) are not
required here, so the page shows the service's own message, the same one the API gives.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.interests.enums import Category, ReturnKind, Withholding
from pecgov.trust.models import Organisation
from pecgov.ui.forms import NhsDateField, NhsFormMixin

# The "published in full" choice is the empty string in the model; radios need a value of their own,
# so that posting nothing is an error rather than quietly publishing an entry.
PUBLISHED = "published"
PUBLICATION_CHOICES = [
    (PUBLISHED, "Published in full"),
    (Withholding.DETAILS.value, "Details withheld: the public sees the person and the kind of interest only"),
    (Withholding.ENTRY.value, "Entry withheld: the public sees only that an entry is withheld"),
]


class DeclarationForm(NhsFormMixin, forms.Form):
    category = forms.ChoiceField(
        label="Kind of interest", choices=Category.choices, widget=forms.RadioSelect, required=False
    )
    organisation = forms.ModelChoiceField(
        label="Organisation the interest relates to",
        queryset=Organisation.objects.none(),
        required=False,
        empty_label="Not in the list",
    )
    organisation_name = forms.CharField(
        label="Or the organisation's name",
        max_length=200,
        required=False,
        help_text="If it is not in the list, for example a company or charity",
    )
    description = forms.CharField(
        label="Describe the interest",
        widget=forms.Textarea,
        required=False,
        help_text="For example: GP partner, director, shareholder, trustee, spouse employed there",
    )
    start_date = NhsDateField(label="Date the interest began", required=False)
    end_date = NhsDateField(
        label="Date the interest ended",
        required=False,
        help_text="Leave blank if it continues. To end an interest, enter the last day it applied.",
    )

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A chosen organisation replaces a typed name, as it does when declaring.
        if data.get("organisation") is not None:
            data["organisation_name"] = ""
        return data


class PublicationForm(NhsFormMixin, forms.Form):
    withholding = forms.ChoiceField(
        label="What the public register shows", choices=PUBLICATION_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason for withholding",
        widget=forms.Textarea,
        required=False,
        help_text="Required if anything is withheld. It is kept with the entry and is not published.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["withholding"].error_messages["required"] = "Select what the public register shows"

    def clean_withholding(self) -> str:
        value = self.cleaned_data["withholding"]
        return "" if value == PUBLISHED else value


class ReturnForm(forms.Form):
    kind = forms.ChoiceField(
        choices=ReturnKind.choices,
        error_messages={
            "required": "Select a nil return or a confirmation",
            "invalid_choice": "Select a nil return or a confirmation",
        },
    )


class RegisterDateForm(forms.Form):
    """The register's "as it stood on" filter, read from the query string."""

    on = NhsDateField(
        label="Show the register as it stood on",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 15 3 2007"},
        help_text="For example, 15 3 2007. Leave blank for today.",
    )
