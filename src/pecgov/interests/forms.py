"""Forms for the register of interests pages. They parse input; the services hold every rule (X-4).

The declaration form takes its fields from the model. Fields the service checks (kind of
interest, organisation or name, description, dates) are not required here: the form asks the
service's own `declaration_problems`, so the page shows every problem at once, in the words the
API gives too.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.interests import services
from pecgov.interests.enums import Category, Withholding
from pecgov.interests.models import REASON_MAX, Declaration, InterestReturn
from pecgov.trust.models import Organisation, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin

# The "published in full" choice is the empty string in the model; radios need a value of their own,
# so that posting nothing is an error rather than quietly publishing an entry.
PUBLISHED = "published"
PUBLICATION_CHOICES = [
    (PUBLISHED, "Published in full"),
    (Withholding.DETAILS.value, "Details withheld: the public sees the person and the kind of interest only"),
    (Withholding.ENTRY.value, "Entry withheld: the public sees only that an entry is withheld"),
]


def plain_text_messages(form: forms.BaseForm) -> None:
    """Say what to do when typed text is too long or holds a character that cannot be saved,
    instead of Django's "Ensure this value has at most ..." (X-4). Fields named in the service's
    TEXT_LIMITS use the service's words."""
    for name, field in form.fields.items():
        if name not in services.TEXT_LIMITS:
            continue
        field.error_messages["max_length"] = services.too_long(name)
        field.error_messages["null_characters_not_allowed"] = services.unsavable(name)


class DeclarationForm(NhsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """Declare, change or end an interest (COI-1). Used to read what was posted; the service saves."""

    class Meta:
        model = Declaration
        fields = ["category", "organisation", "organisation_name", "description", "start_date", "end_date"]
        labels = {
            "category": "Kind of interest",
            "organisation": "Organisation the interest relates to",
            "organisation_name": "Or the organisation's name",
            "description": "Describe the interest",
            "start_date": "Date the interest began",
            "end_date": "Date the interest ended",
        }
        help_texts = {
            "organisation_name": "If it is not in the list, for example a company or charity",
            "description": "For example: GP partner, director, shareholder, trustee, spouse employed there",
            "end_date": "Leave blank if it continues. To end an interest, enter the last day it applied.",
        }
        widgets = {"category": forms.RadioSelect, "description": forms.Textarea}
        field_classes = {"start_date": NhsDateField, "end_date": NhsDateField}

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person
        for field in self.fields.values():
            field.required = False
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = Category.choices  # radios without the blank "---------" choice
        organisation = self.fields["organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.filter(trust_id=person.trust_id).order_by("name")
        organisation.empty_label = "Not in the list"
        plain_text_messages(self)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # A chosen organisation replaces a typed name, as it does when declaring.
        if data.get("organisation") is not None:
            data["organisation_name"] = ""
        # Every problem at once: those the fields found, then the service's on the others.
        for field, problem in services.declaration_problems(self.person, data).items():
            if field not in self.errors:
                self.add_error(field, problem)
        return data

    def _post_clean(self) -> None:
        """No model checks here: the service checks the declaration as a whole and says every
        problem in plain words; the model's constraint messages are the database's words."""


class PublicationForm(NhsFormMixin, forms.Form):
    """What the public register shows (PUB-1): a decision on one entry, with its own choices."""

    withholding = forms.ChoiceField(
        label="What the public register shows", choices=PUBLICATION_CHOICES, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason for withholding",
        widget=forms.Textarea,
        required=False,
        max_length=REASON_MAX,
        help_text="Required if anything is withheld. It is kept with the entry and is not published.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["withholding"].error_messages["required"] = "Select what the public register shows"
        plain_text_messages(self)

    def clean_withholding(self) -> str:
        value = self.cleaned_data["withholding"]
        return "" if value == PUBLISHED else str(value)


class ReturnForm(forms.ModelForm):  # type: ignore[type-arg]
    """A nil return or a confirmation (COI-1), posted by a button."""

    class Meta:
        model = InterestReturn
        fields = ["kind"]
        error_messages = {
            "kind": {
                "required": "Select a nil return or a confirmation",
                "invalid_choice": "Select a nil return or a confirmation",
            }
        }


class RegisterDateForm(forms.Form):
    """The register's "as it stood on" filter, read from the query string."""

    on = NhsDateField(
        label="Show the register as it stood on",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 15 3 2007"},
        help_text="For example, 15 3 2007. Leave blank for today.",
    )
