"""Forms for the onboarding pages. They parse input; the services enforce every rule (X-4)."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.policy.packs import load_packs
from pecgov.trust.enums import GrantRole, Profession
from pecgov.trust.models import Organisation, Person
from pecgov.ui.forms import NhsFormMixin


class TrustForm(NhsFormMixin, forms.Form):
    name = forms.CharField(label="Trust name", max_length=200)
    ods_code = forms.CharField(
        label="ODS code", max_length=12, help_text="The trust's national code, for example 5ZZ"
    )
    pack = forms.ChoiceField(label="Policy pack", widget=forms.RadioSelect)
    pec_name = forms.CharField(
        label="What the trust calls its PEC",
        max_length=200,
        required=False,
        help_text="Leave blank for Professional Executive Committee",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [(key, pack.title) for key, pack in sorted(load_packs().items())]  # type: ignore[attr-defined]


class TrustRenameForm(NhsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Organisation
        fields = ["name"]
        labels = {"name": "New name"}

    def _post_clean(self) -> None:
        return None  # the service validates and saves


class ReasonForm(NhsFormMixin, forms.Form):
    reason = forms.CharField(label="Reason", max_length=1000, widget=forms.Textarea)


class LeadForm(NhsFormMixin, forms.Form):
    name = forms.CharField(label="Full name", max_length=200)
    email = forms.EmailField(label="Email address", max_length=254, help_text="The invitation is sent here")


class InviteForm(NhsFormMixin, forms.Form):
    """Invite someone on the records, or add a new person and invite them (ADM-4)."""

    person = forms.ModelChoiceField(
        label="Person on the trust's records",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Someone new (fill in below)",
        help_text="Only people without an account are listed",
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        required=False,
        help_text="Leave blank to use the address on their record",
    )
    name = forms.CharField(label="Full name, for someone new", max_length=200, required=False)
    profession = forms.ChoiceField(
        label="Profession, for someone new",
        required=False,
        choices=[("", "Select"), *list(Profession.choices)],
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("person") is None:
            if not data.get("name"):
                self.add_error(
                    "name", "Select a person on the records, or enter the full name of someone new"
                )
            if not data.get("profession"):
                self.add_error("profession", "Select the new person's profession")
            if not data.get("email"):
                self.add_error("email", "Enter the new person's email address")
        return data


class GrantForm(NhsFormMixin, forms.Form):
    role = forms.ChoiceField(label="Role", choices=GrantRole.choices, widget=forms.RadioSelect)
    organisation = forms.ModelChoiceField(
        label="Practice or PBC group",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="For a practice or PBC group lead: the organisation they act for",
    )

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class PasswordForm(NhsFormMixin, forms.Form):
    """Set a password: Django's password validators run in the service (ADM-4)."""

    password = forms.CharField(
        label="New password",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 8 characters, not a common password, not like your email address",
    )
    password_again = forms.CharField(
        label="Confirm the password",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password_again") and data["password"] != data["password_again"]:
            self.add_error("password_again", "The two passwords are different: enter the same password twice")
        data.pop("password_again", None)
        return data
