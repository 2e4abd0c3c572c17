"""PBC group forms (PBC-6, ORG-6): they parse what was posted; `pbc_services` decides whether it
is allowed."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.pbc import queries as pbc_queries
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin


def _say(form: forms.Form, messages: dict[str, str]) -> None:
    """The services' own words for a missing answer (after NhsFormMixin's generic ones)."""
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class MaturityForm(NhsFormMixin, forms.Form):
    level = forms.ChoiceField(label="Maturity level", choices=Maturity.choices, widget=forms.RadioSelect)
    assessed_on = NhsDateField(label="Date of the assessment")
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="What the assessment was based on",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _say(
            self,
            {
                "level": "Select the group's maturity level",
                "assessed_on": "Enter the date of the assessment",
            },
        )


class SupportForm(NhsFormMixin, forms.Form):
    description = forms.CharField(
        label="Support",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the PCT or the PEC provides, for example help with budget reports",
    )
    intensity = forms.ChoiceField(
        label="How intensive", choices=SupportIntensity.choices, widget=forms.RadioSelect
    )
    provided_by = forms.CharField(
        label="Provided by",
        max_length=200,
        required=False,
        help_text="A person, team or organisation",
    )
    start_date = NhsDateField(label="Start date")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _say(
            self,
            {
                "description": "Describe the support: what the PCT or the PEC provides the group",
                "intensity": "Select how intensive the support is",
                "start_date": "Enter the date the support starts",
            },
        )


class EndForm(NhsFormMixin, forms.Form):
    end_date = NhsDateField(label="End date")

    def __init__(self, *args: Any, noun: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _say(self, {"end_date": f"Enter the date the {noun} ends"})


class LinkForm(NhsFormMixin, forms.Form):
    group = forms.ModelChoiceField(
        label="PBC group",
        queryset=Organisation.objects.none(),
        empty_label="Select a group",
        error_messages={"invalid_choice": "Select a PBC group or consortium in this trust"},
    )
    model = forms.ChoiceField(
        label="How the group links to the PEC", choices=LinkModel.choices, widget=forms.RadioSelect
    )
    person = forms.ModelChoiceField(
        label="Lead commissioner or linked PEC member",
        queryset=Person.objects.none(),
        required=False,
        empty_label="None",
        help_text="For a lead commissioner on the PEC, or a PEC member linked to the group",
        error_messages={"invalid_choice": "Select a person who has a seat on the PEC"},
    )
    committee = forms.ModelChoiceField(
        label="Committee of PBC leads",
        queryset=Committee.objects.none(),
        required=False,
        empty_label="None",
        help_text="For a separate committee of PBC lead commissioners that links to the PEC",
        error_messages={"invalid_choice": "Select a committee of PBC lead commissioners in this trust"},
    )
    arrangements = forms.CharField(
        label="Arrangements",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="How and how often they meet. Needed when the group meets the PEC.",
    )
    start_date = NhsDateField(label="Start date")

    def __init__(self, *args: Any, trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _say(
            self,
            {
                "group": "Select a PBC group or consortium in this trust",
                "model": "Select how the group links to the PEC",
                "start_date": "Enter the date the link starts",
            },
        )
        self.fields["group"].queryset = pbc_queries.open_groups(trust_id)  # type: ignore[attr-defined]
        self.fields["person"].queryset = pbc_queries.pec_people(trust_id)  # type: ignore[attr-defined]
        leads = Committee.objects.filter(trust_id=trust_id, kind=CommitteeKind.PBC_LEADS).order_by(
            "name", "id"
        )
        self.fields["committee"].queryset = leads  # type: ignore[attr-defined]
