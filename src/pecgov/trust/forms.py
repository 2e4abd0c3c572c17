"""Forms for the ORG pages. They parse input; the services enforce every rule (X-4)."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.trust.enums import (
    CommitteeKind,
    EndReason,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
    ProviderKind,
)
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin

EDITABLE_ORG_KINDS = [(k, label) for k, label in OrganisationKind.choices if k != OrganisationKind.TRUST]


class OrganisationForm(NhsFormMixin, forms.Form):
    name = forms.CharField(label="Name", max_length=200)
    kind = forms.ChoiceField(
        label="Kind of organisation", choices=EDITABLE_ORG_KINDS, widget=forms.RadioSelect
    )
    provider_kind = forms.ChoiceField(
        label="Kind of provider",
        choices=ProviderKind.choices,
        required=False,
        help_text="Only for providers",
    )
    ods_code = forms.CharField(
        label="ODS code",
        max_length=12,
        required=False,
        help_text="The national organisation code, if it has one, for example Y01234",
    )
    parent = forms.ModelChoiceField(
        label="Parent organisation", queryset=Organisation.objects.none(), required=False
    )

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Organisation.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]


class OrganisationEditForm(OrganisationForm):
    closed_on = NhsDateField(
        label="Closed on", required=False, help_text="Only if the organisation has closed or merged"
    )


class OrganisationLinkForm(NhsFormMixin, forms.Form):
    kind = forms.ChoiceField(label="How it is linked", choices=LinkKind.choices, widget=forms.RadioSelect)
    to_organisation = forms.ModelChoiceField(
        label="Linked organisation", queryset=Organisation.objects.none()
    )
    start_date = NhsDateField(label="Start date")
    end_date = NhsDateField(
        label="End date", required=False, help_text="Leave blank if the link is open-ended"
    )

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to_organisation"].queryset = Organisation.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]


class EndDateForm(NhsFormMixin, forms.Form):
    end_date = NhsDateField(label="End date")


class PersonForm(NhsFormMixin, forms.Form):
    name = forms.CharField(label="Full name", max_length=200)
    profession = forms.ChoiceField(label="Profession", choices=Profession.choices, widget=forms.RadioSelect)
    job_title = forms.CharField(label="Job title", max_length=200, required=False)
    registration_body = forms.CharField(
        label="Registration body",
        max_length=100,
        required=False,
        help_text="For example GMC, NMC, GPhC or HCPC",
    )
    registration_number = forms.CharField(label="Registration number", max_length=50, required=False)
    practising = forms.BooleanField(label="Practising clinician", required=False)
    has_caseload = forms.BooleanField(label="Carries a caseload", required=False)
    organisation = forms.ModelChoiceField(
        label="Main practice or employer", queryset=Organisation.objects.none(), required=False
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        error_messages={"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"},
    )

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]


class CommitteeForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=200,
        help_text="The name the trust uses, for example Clinical Executive",
    )
    kind = forms.ChoiceField(
        label="Kind of committee", choices=CommitteeKind.choices, widget=forms.RadioSelect
    )
    parent = forms.ModelChoiceField(label="Reports to", queryset=Committee.objects.none(), required=False)
    locality = forms.ModelChoiceField(
        label="Locality covered",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="Only for an Area Commissioning Forum",
    )
    purpose = forms.CharField(label="Purpose and delegated authority", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = Committee.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]
        self.fields["locality"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            trust=trust, kind=OrganisationKind.LOCALITY
        )


class MembershipForm(NhsFormMixin, forms.Form):
    person = forms.ModelChoiceField(label="Person", queryset=Person.objects.none())
    role = forms.ChoiceField(label="Role", choices=MembershipRole.choices, widget=forms.RadioSelect)
    start_date = NhsDateField(label="Start date")
    end_date = NhsDateField(
        label="End date",
        required=False,
        help_text="Leave blank: members serve until they stand down, unless local policy sets a term. Required for co-opted members.",
    )
    co_opted_scope = forms.CharField(
        label="Co-opted for",
        widget=forms.Textarea,
        required=False,
        help_text="Only for co-opted members: the named piece of work",
    )

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]


class MembershipEditForm(NhsFormMixin, forms.Form):
    role = MembershipForm.base_fields["role"]
    start_date = MembershipForm.base_fields["start_date"]
    end_date = MembershipForm.base_fields["end_date"]
    co_opted_scope = MembershipForm.base_fields["co_opted_scope"]


class MembershipEndForm(NhsFormMixin, forms.Form):
    end_date = NhsDateField(label="Last day of membership")
    end_reason = forms.ChoiceField(
        label="Why the membership ends", choices=EndReason.choices, widget=forms.RadioSelect
    )
    end_note = forms.CharField(
        label="Explanation",
        widget=forms.Textarea,
        required=False,
        help_text="Required for substandard performance or another reason",
    )
