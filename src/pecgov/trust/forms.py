"""Forms for the ORG pages. They parse input; the services enforce every rule (X-4).

A form that adds or edits one organisation, person, committee or membership is a ModelForm: its
fields, labels and help come from the model. Ending a link or a membership is an act with its
own words, not an edit of the row, so those forms stay plain forms.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.trust.enums import EndReason, LinkKind, OrganisationKind
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm

EDITABLE_ORG_KINDS = [(k, label) for k, label in OrganisationKind.choices if k != OrganisationKind.TRUST]


class OrganisationForm(ServiceModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "kind", "provider_kind", "ods_code", "parent", "address", "postcode", "open_date"]
        labels = {
            "kind": "Kind of organisation",
            "provider_kind": "Kind of provider",
            "parent": "Parent organisation",
            "open_date": "Opened on",
        }
        help_texts = {
            "provider_kind": "Only for providers",
            "ods_code": "The national organisation code, if it has one, for example Y01234",
            "address": "Without the postcode. One line each for the building, street and town",
            "postcode": "For example AV1 0AB",
            "open_date": "For example 1 4 1974, if you know it",
        }
        widgets = {"kind": forms.RadioSelect, "address": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"open_date": NhsDateField}

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EDITABLE_ORG_KINDS  # type: ignore[attr-defined]
        self.in_trust("parent", Organisation.objects.filter(trust=trust).order_by("name"))
        if self.instance.pk is not None and self.instance.kind == OrganisationKind.TRUST:
            self.fields.pop("kind")  # the trust's own record stays a trust


class OrganisationEditForm(OrganisationForm):
    class Meta(OrganisationForm.Meta):
        fields = [*OrganisationForm.Meta.fields, "closed_on"]
        labels = {**OrganisationForm.Meta.labels, "closed_on": "Closed on"}
        help_texts = {
            **OrganisationForm.Meta.help_texts,
            "closed_on": "Only if the organisation has closed or merged",
        }
        field_classes = {**OrganisationForm.Meta.field_classes, "closed_on": NhsDateField}


class OrganisationLinkForm(NhsFormMixin, forms.Form):
    """A new link names the organisation it starts from in the URL, so it is a plain form."""

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


class PersonForm(ServiceModelForm):
    class Meta:
        model = Person
        fields = [
            "name",
            "profession",
            "job_title",
            "registration_body",
            "registration_number",
            "practising",
            "has_caseload",
            "organisation",
            "email",
        ]
        labels = {
            "name": "Full name",
            "practising": "Practising clinician",
            "has_caseload": "Carries a caseload",
            "organisation": "Main practice or employer",
            "email": "Email address",
        }
        help_texts = {"registration_body": "For example GMC, NMC, GPhC or HCPC", "organisation": ""}
        widgets = {"profession": forms.RadioSelect}
        error_messages = {
            "email": {"invalid": "Enter an email address in the correct format, like name@example.nhs.uk"}
        }

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_trust("organisation", Organisation.objects.filter(trust=trust).order_by("name"))


class CommitteeForm(ServiceModelForm):
    class Meta:
        model = Committee
        fields = ["name", "kind", "parent", "locality", "purpose"]
        labels = {
            "kind": "Kind of committee",
            "parent": "Reports to",
            "locality": "Locality covered",
            "purpose": "Purpose and delegated authority",
        }
        help_texts = {
            "name": "The name the trust uses, for example Clinical Executive",
            "locality": "Only for an Area Commissioning Forum",
        }
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = Committee._meta.get_field("kind").choices  # type: ignore[attr-defined]
        self.in_trust("parent", Committee.objects.filter(trust=trust).order_by("name"))
        self.in_trust("locality", Organisation.objects.filter(trust=trust, kind=OrganisationKind.LOCALITY))


_MEMBERSHIP_END_HELP = (
    "Leave blank: members serve until they stand down, unless local policy sets a term. "
    "Required for co-opted members."
)


class MembershipEditForm(ServiceModelForm):
    class Meta:
        model = Membership
        fields = ["role", "start_date", "end_date", "co_opted_scope"]
        help_texts = {
            "end_date": _MEMBERSHIP_END_HELP,
            "co_opted_scope": "Only for co-opted members: the named piece of work",
        }
        labels = {"co_opted_scope": "Co-opted for"}
        widgets = {"role": forms.RadioSelect}
        field_classes = {"start_date": NhsDateField, "end_date": NhsDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = Membership._meta.get_field("role").choices  # type: ignore[attr-defined]


class MembershipForm(MembershipEditForm):
    class Meta(MembershipEditForm.Meta):
        fields = ["person", *MembershipEditForm.Meta.fields]

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.in_trust("person", Person.objects.filter(trust=trust).order_by("name"))


class MembershipEndForm(NhsFormMixin, forms.Form):
    """Ending a tenure (ORG-4, DH 7.2): the member's last day, why, and an explanation."""

    end_date = NhsDateField(
        label="Last day of membership", help_text="The member counts until the end of that day"
    )
    end_reason = forms.ChoiceField(
        label="Why the membership ends", choices=EndReason.choices, widget=forms.RadioSelect
    )
    end_note = forms.CharField(
        label="Explanation",
        widget=forms.Textarea,
        required=False,
        help_text="Required for substandard performance or another reason",
    )
