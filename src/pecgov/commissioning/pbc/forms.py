"""PBC group forms (PBC-6, ORG-6): they parse what was posted; `pbc_services` decides whether it
is allowed.

A form that records one maturity assessment, one support arrangement or one link is a ModelForm
over that model (it never saves: the view passes `cleaned_data` to the service). Ending support
or a link is an act with its own words, so `EndForm` stays a plain form.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.commissioning.enums import LinkModel, Maturity, SupportIntensity
from pecgov.commissioning.models import MaturityAssessment, PbcLink, Support
from pecgov.commissioning.pbc import queries as pbc_queries
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm


def _say(form: forms.BaseForm, messages: dict[str, str]) -> None:
    """The services' own words for a missing answer (after NhsFormMixin's generic ones)."""
    for name, message in messages.items():
        form.fields[name].error_messages["required"] = message


class MaturityForm(ServiceModelForm):
    class Meta:
        model = MaturityAssessment
        fields = ["level", "assessed_on", "note"]
        labels = {"level": "Maturity level", "assessed_on": "Date of the assessment", "note": "Note"}
        help_texts = {"note": "What the assessment was based on"}
        widgets = {"level": forms.RadioSelect, "note": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"assessed_on": NhsDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["level"].choices = Maturity.choices  # type: ignore[attr-defined]  # no blank radio
        _say(
            self,
            {
                "level": "Select the group's maturity level",
                "assessed_on": "Enter the date of the assessment",
            },
        )


class SupportForm(ServiceModelForm):
    class Meta:
        model = Support
        fields = ["description", "intensity", "provided_by", "start_date"]
        labels = {
            "description": "Support",
            "intensity": "How intensive",
            "provided_by": "Provided by",
            "start_date": "Start date",
        }
        help_texts = {
            "description": "What the PCT or the PEC provides, for example help with budget reports",
            "provided_by": "A person, team or organisation",
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "intensity": forms.RadioSelect}
        field_classes = {"start_date": NhsDateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["intensity"].choices = SupportIntensity.choices  # type: ignore[attr-defined]
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


class LinkForm(ServiceModelForm):
    class Meta:
        model = PbcLink
        fields = ["group", "model", "person", "committee", "arrangements", "start_date"]
        labels = {
            "group": "PBC group",
            "model": "How the group links to the PEC",
            "person": "Lead commissioner or linked PEC member",
            "committee": "Committee of PBC leads",
            "arrangements": "Arrangements",
            "start_date": "Start date",
        }
        help_texts = {
            "person": "For a lead commissioner on the PEC, or a PEC member linked to the group",
            "committee": "For a separate committee of PBC lead commissioners that links to the PEC",
            "arrangements": "How and how often they meet. Needed when the group meets the PEC.",
        }
        error_messages = {
            "group": {"invalid_choice": "Select a PBC group or consortium in this trust"},
            "person": {"invalid_choice": "Select a person who has a seat on the PEC"},
            "committee": {"invalid_choice": "Select a committee of PBC lead commissioners in this trust"},
        }
        widgets = {"model": forms.RadioSelect, "arrangements": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"start_date": NhsDateField}

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
        self.fields["model"].choices = LinkModel.choices  # type: ignore[attr-defined]
        self.in_trust("group", pbc_queries.open_groups(trust_id))
        self.in_trust("person", pbc_queries.pec_people(trust_id))
        leads = Committee.objects.filter(trust_id=trust_id, kind=CommitteeKind.PBC_LEADS).order_by(
            "name", "id"
        )
        self.in_trust("committee", leads)
        self.fields["group"].empty_label = "Select a group"  # type: ignore[attr-defined]
        for name in ("person", "committee"):
            self.fields[name].empty_label = "None"  # type: ignore[attr-defined]
