"""Applicants' forms (APP-3): an application for a post, and an applicant's own account.

The forms parse what was posted and catch what they can at once, so the page shows every
problem in one error summary; the services decide the rest (closing date, one application per
post, the trust's rules), and their messages appear the same way.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import UserCreationForm, UsernameField
from django.core.exceptions import ValidationError

from pecgov.appointments.models import Application, Campaign
from pecgov.appointments.services import APPLICATION_FIELDS, DeclaredInterest
from pecgov.appointments.services.applications import USERNAME_TAKEN
from pecgov.errors import DomainError
from pecgov.interests.enums import Category
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import Profession
from pecgov.trust.models import Organisation
from pecgov.ui.forms import NhsFormMixin, ServiceModelForm
from pecgov.uploads import check_upload

# Three fixed rows for declared interests: enough for most applicants, no JavaScript needed.
INTEREST_ROWS = 3
INTEREST_PARTS = ("category", "organisation", "description")


def interest_field(row: int, part: str) -> str:
    return f"interest_{row}_{part}"


class ApplicationForm(ServiceModelForm):
    """APP-3: an application with a CV, a supporting statement and declared interests. The
    applicant's own fields come from `Application`; the CV upload and the rows of declared
    interests are fields of this form only (the service stores the file and the interests)."""

    cv = forms.FileField(label="Your CV", required=False, allow_empty_file=True)

    class Meta:
        model = Application
        fields = list(APPLICATION_FIELDS)
        labels = {
            "name": "Full name",
            "email": "Email address",
            "profession": "Profession",
            "registration_body": "Professional registration body (optional)",
            "registration_number": "Registration number (optional)",
            "practising": "I am a practising clinician",
            "has_caseload": "I carry a caseload",
            "organisation": "Your practice or employer in the trust (optional)",
            "statement": "Supporting statement",
            "nil_interests": "I have no interests to declare",
        }
        help_texts = {
            "registration_body": "For example, GMC or NMC",
            "organisation": "",
            "statement": "How you meet the person specification and the competencies for the post",
        }
        error_messages = {
            "email": {"invalid": "Enter an email address in the correct format, like name@example.com"},
            "profession": {"invalid_choice": "Select your profession"},
            "organisation": {
                "invalid_choice": "Select a practice or employer in this trust, or leave it blank"
            },
        }
        widgets = {"statement": forms.Textarea(attrs={"rows": 10})}

    field_order = [*(f for f in APPLICATION_FIELDS if f != "nil_interests"), "cv", "nil_interests"]

    def __init__(self, *args: Any, campaign: Campaign, rows: int = INTEREST_ROWS, **kwargs: Any) -> None:
        """`rows`: how many rows of declared interests (the page's three; the API's as many as sent)."""
        super().__init__(*args, **kwargs)
        self.rows = rows
        self.fields["name"].error_messages["required"] = "Enter your full name"
        self.fields["email"].error_messages["required"] = "Enter your email address"
        self.fields["profession"].error_messages["required"] = "Select your profession"
        self.fields["statement"].error_messages["required"] = "Enter your supporting statement"
        self.fields["profession"].choices = [("", "Select your profession"), *Profession.choices]  # type: ignore[attr-defined]
        self.campaign = campaign
        self.policy = effective_policy(campaign.trust)
        organisations = Organisation.objects.filter(trust_id=campaign.trust_id, closed_on__isnull=True)
        org_field = self.fields["organisation"]
        assert isinstance(org_field, forms.ModelChoiceField)
        org_field.queryset = organisations
        org_field.empty_label = "Not in this trust"
        allowed = ", ".join(
            e.strip() for e in str(self.policy["papers.allowed_extensions"]).split(",") if e.strip()
        )
        self.fields[
            "cv"
        ].help_text = (
            f"One of these file types: {allowed}. Smaller than {self.policy['papers.max_megabytes']}MB."
        )
        for row in range(1, rows + 1):
            self.fields[interest_field(row, "category")] = forms.ChoiceField(
                label="Kind of interest",
                choices=[("", "Select the kind of interest"), *Category.choices],
                required=False,
                error_messages={"invalid_choice": f"Select the kind of interest {row}"},
            )
            self.fields[interest_field(row, "organisation")] = forms.ModelChoiceField(
                label="Organisation in the trust (optional)",
                queryset=organisations,
                required=False,
                empty_label="None, or not in this trust",
                error_messages={"invalid_choice": f"Select an organisation in this trust for interest {row}"},
            )
            self.fields[interest_field(row, "description")] = forms.CharField(
                label="Describe the interest",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=2000,
            )

    def main_fields(self) -> list[forms.BoundField]:
        """The fields before the interests, in order (the template lays the interests out in rows)."""
        return [self[name] for name in self.base_fields if name not in {"cv", "nil_interests"}]

    def interest_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[interest_field(row, part)] for part in INTEREST_PARTS] for row in range(1, self.rows + 1)
        ]

    def clean_cv(self) -> Any:
        upload = self.cleaned_data.get("cv")
        if not upload:
            raise ValidationError("Select your CV to upload")
        try:
            check_upload(self.policy, upload, field="cv", noun="CV")
        except DomainError as error:
            raise ValidationError(error.messages) from error
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        declared = []
        for row in range(1, self.rows + 1):
            category = data.get(interest_field(row, "category")) or ""
            organisation = data.get(interest_field(row, "organisation"))
            description = (data.get(interest_field(row, "description")) or "").strip()
            if not (category or organisation or description):
                continue  # a blank row is ignored
            if not category:
                self.add_error(interest_field(row, "category"), f"Select the kind of interest {row}")
            if not description:
                self.add_error(interest_field(row, "description"), f"Describe interest {row}")
            if category and description:
                declared.append(DeclaredInterest(category, description, organisation))
        if not declared and not data.get("nil_interests") and not self._interest_errors():
            self.add_error("nil_interests", "Declare your interests, or confirm you have none to declare")
        if declared and data.get("nil_interests"):
            self.add_error("nil_interests", "You have declared interests: do not also confirm you have none")
        if data.get("has_caseload") and not data.get("practising"):
            self.add_error("has_caseload", "Only a practising clinician can carry a caseload")
        data["interests"] = declared
        return data

    def _interest_errors(self) -> bool:
        return any(name.startswith("interest_") for name in self.errors)

    def application_fields(self) -> dict[str, Any]:
        """What application_submit takes as its keyword fields."""
        return {name: self.cleaned_data.get(name) for name in APPLICATION_FIELDS}


class RegisterForm(NhsFormMixin, UserCreationForm):  # type: ignore[type-arg]  # the project's user model
    """An applicant's own account: Django's user creation, with the project's password rules."""

    error_messages = {"password_mismatch": "The passwords do not match: enter the same password twice"}

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We use it to contact you about your applications",
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.com"},
    )

    class Meta:
        model = get_user_model()
        fields = ("username", "email")
        field_classes = {"username": UsernameField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.label = "Username"
        username.help_text = "Up to 150 characters: letters, digits and @ . + - _ only"
        username.widget.attrs.pop("autofocus", None)  # the NHS.UK pattern: no autofocus
        username.widget.attrs["autocomplete"] = "username"
        password1, password2 = self.fields["password1"], self.fields["password2"]
        password1.label = "Create a password"
        password1.help_text = " ".join(password_validation.password_validators_help_texts())
        password2.label = "Confirm your password"
        password2.help_text = "Enter the same password again"
        username.error_messages["required"] = "Enter a username"
        password1.error_messages["required"] = "Create a password"
        password2.error_messages["required"] = "Confirm your password"
        username.error_messages["max_length"] = "The username must be 150 characters or fewer"

    def clean_username(self) -> str:
        username = str(self.cleaned_data.get("username") or "")
        model = get_user_model()
        if username and model.objects.filter(username__iexact=username).exists():
            raise ValidationError(USERNAME_TAKEN)
        return username
