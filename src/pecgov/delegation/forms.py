"""TOR forms (TOR-1 to TOR-3): they parse what was posted; the services decide whether it is allowed.

A form that adds or edits one function, delegation or lead area is a ModelForm built from the
model (labels and hints given here) that never saves: the view passes `cleaned_data` to the
service through `viewkit.submit`. Retiring, ending and the scheme's bands are acts with their own
words, so those forms stay plain forms.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone

from pecgov.delegation import scheme as engine
from pecgov.delegation.enums import Authority, Decider, DecisionKind, FunctionGroup
from pecgov.delegation.models import Delegation, Function, LeadArea
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Membership, Organisation, Person
from pecgov.trust.queries import current_q
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm

SCHEME_ROWS = 6
POUNDS = re.compile(r"^-?\d+$")


def parse_pounds(text: Any) -> int | None:
    """'£50,000' or '50000' as whole pounds; None when blank. Raises ValueError otherwise.

    A minus sign is kept: the scheme's own check names a negative limit, with every other problem.
    """
    cleaned = str(text or "").strip().replace("£", "").replace(",", "").replace(" ", "")
    if not cleaned:
        return None
    if not POUNDS.match(cleaned):
        raise ValueError(cleaned)
    return int(cleaned)


class PoundsField(forms.Field):
    """An amount in whole pounds, typed with or without '£' and commas."""

    def __init__(self, *args: Any, invalid: str, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"class": "nhsuk-input--width-10", "inputmode": "numeric"})
        )
        super().__init__(*args, **kwargs)
        self.invalid_message = invalid

    def to_python(self, value: Any) -> int | None:
        try:
            return parse_pounds(value)
        except ValueError as error:
            raise forms.ValidationError(self.invalid_message, code="invalid") from error


# The functions catalogue (TOR-1) ------------------------------------------------------


class FunctionForm(ServiceModelForm):
    class Meta:
        model = Function
        fields = ["group", "name", "description"]
        labels = {"group": "Group", "name": "Function", "description": "Description"}
        help_texts = {
            "name": "For example, Leading on unscheduled care",
            "description": "What it covers, in a sentence or two",
        }
        widgets = {"group": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = FunctionGroup.choices  # type: ignore[attr-defined]  # no blank radio
        self.fields["group"].error_messages["required"] = "Select the group the function belongs to"
        self.fields["group"].error_messages["invalid_choice"] = "Select the group the function belongs to"
        self.fields["name"].error_messages["required"] = (
            "Enter the function, for example 'Leading on unscheduled care'"
        )


class RetireForm(NhsFormMixin, forms.Form):
    retired_on = NhsDateField(label="Retired from", help_text="From this day the function is no longer used")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["retired_on"].error_messages["required"] = "Enter the date the function is retired"


class DelegationForm(ServiceModelForm):
    class Meta:
        model = Delegation
        fields = ["committee", "authority", "start_date", "board_reference"]
        labels = {
            "committee": "Committee",
            "authority": "Authority",
            "start_date": "Start date",
            "board_reference": "Board minute or paper",
        }
        help_texts = {
            "committee": "The committee the Board gives the function to",
            "board_reference": "Where the Board agreed it, for example Board minute 2007/112",
        }
        widgets = {"authority": forms.RadioSelect}
        field_classes = {"start_date": NhsDateField}
        error_messages = {"committee": {"invalid_choice": "Select a committee of this trust"}}

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The Board delegates to its committees, never to itself (DH 3.1).
        self.in_trust(
            "committee",
            Committee.objects.filter(trust=trust).exclude(kind=CommitteeKind.BOARD).order_by("name"),
        )
        self.fields["authority"].choices = Authority.choices  # type: ignore[attr-defined]  # no blank radio
        self.fields["committee"].error_messages["required"] = "Select the committee the Board delegates to"
        self.fields["authority"].error_messages["required"] = "Select the authority the committee is given"
        self.fields["authority"].error_messages["invalid_choice"] = (
            "Select the authority the committee is given"
        )
        self.fields["start_date"].error_messages["required"] = "Enter the date the delegation starts"


class EndForm(NhsFormMixin, forms.Form):
    end_date = NhsDateField(label="End date")

    def __init__(self, *args: Any, noun: str = "delegation", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["end_date"].error_messages["required"] = f"Enter the date the {noun} ends"


# Lead areas and tasks (TOR-3) -------------------------------------------------------


class PersonChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at run time
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class FunctionChoice(forms.ModelChoiceField):  # type: ignore[type-arg]  # not subscriptable at run time
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({FunctionGroup(obj.group).label})"


class LeadAreaForm(ServiceModelForm):
    class Meta:
        model = LeadArea
        fields = ["person", "function", "area", "tasks", "start_date"]
        labels = {
            "person": "Member",
            "function": "Function it covers",
            "area": "Lead area",
            "tasks": "Tasks",
            "start_date": "Start date",
        }
        help_texts = {
            "person": "Only people with a committee seat today can lead",
            "function": "A lead for a function in a key group counts towards function coverage",
            "area": "Leave blank to use the function's name",
        }
        field_classes = {"person": PersonChoice, "function": FunctionChoice, "start_date": NhsDateField}
        error_messages = {
            "person": {"invalid_choice": "Select a member of one of the trust's committees"},
            "function": {"invalid_choice": "Select a current function of this trust"},
        }

    def __init__(self, *args: Any, trust: Organisation, on: dt.date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        on = on or timezone.localdate()
        seated = Membership.objects.filter(current_q(on), person=OuterRef("pk"), committee__trust=trust)
        self.in_trust("person", Person.objects.filter(Exists(seated), trust=trust).order_by("name"))
        self.in_trust(
            "function",
            Function.objects.filter(trust=trust).exclude(retired_on__lte=on).order_by("group", "name"),
        )
        self.fields["area"].required = False  # the service uses the function's name
        self.fields["person"].error_messages["required"] = "Select the member who leads"
        self.fields["start_date"].error_messages["required"] = "Enter the date the lead starts"


# The scheme of delegation (TOR-2) -------------------------------------------------------

DECIDER_CHOICES = [("", "Choose who decides"), *Decider.choices]


class SchemeForm(NhsFormMixin, forms.Form):
    """Up to six value bands and who decides each, plus why the scheme changes.

    Only the amounts are checked here (that they are whole pounds): whether the bands make a sound
    scheme is the service's rule, so every gap, overlap and missing decider is named at once.
    """

    reason = forms.CharField(
        label="Why the scheme is changing",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For the record, for example 'Board minute 2007/131: limit raised'",
    )

    def __init__(self, *args: Any, rows: int = SCHEME_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for i in range(rows):
            band = i + 1
            self.fields[f"lower_{i}"] = PoundsField(
                label="From (£)",
                required=False,
                invalid=f"Band {band}: enter where the band starts in whole pounds, like 50001",
            )
            self.fields[f"upper_{i}"] = PoundsField(
                label="Up to (£)",
                required=False,
                help_text="Leave blank for no upper limit",
                invalid=f"Band {band}: enter where the band ends in whole pounds, like 250000",
            )
            self.fields[f"decider_{i}"] = forms.ChoiceField(
                label="Who decides",
                choices=DECIDER_CHOICES,
                required=False,
                error_messages={"invalid_choice": f"Band {band}: choose who decides from the list"},
            )
        self.fields["reason"].error_messages["required"] = "Enter why the scheme is changing"
        self.order_fields([f for i in range(rows) for f in (f"lower_{i}", f"upper_{i}", f"decider_{i}")])

    @staticmethod
    def initial_for(bands: tuple[engine.Band, ...] | list[engine.Band]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for i, band in enumerate(bands):
            initial |= {
                f"lower_{i}": str(band.lower),
                f"upper_{i}": "" if band.upper is None else str(band.upper),
                f"decider_{i}": band.decider,
            }
        return initial

    def band_rows(self) -> list[tuple[int, list[forms.BoundField]]]:
        """For the template: each band's number and its three fields."""
        return [
            (i + 1, [self[f"lower_{i}"], self[f"upper_{i}"], self[f"decider_{i}"]]) for i in range(self.rows)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        bands: list[engine.Band] = []
        for i in range(self.rows):
            lower, upper, decider = (data.get(f"{k}_{i}") for k in ("lower", "upper", "decider"))
            if any(f"{k}_{i}" in self.errors for k in ("lower", "upper", "decider")):
                continue
            if lower is None and upper is None and not decider:
                continue  # a blank row
            if lower is None:
                self.add_error(f"lower_{i}", f"Band {i + 1}: enter where the band starts, like 0")
                continue
            bands.append(engine.Band(lower, upper, decider or ""))
        data["bands"] = bands
        return data


class RouteForm(NhsFormMixin, forms.Form):
    """'Who decides?': the scheme in force applied to one value (TOR-2, PBC-2)."""

    kind = forms.ChoiceField(label="Kind of decision", choices=DecisionKind.choices)
    value = PoundsField(
        label="Value (£)",
        help_text="In whole pounds, for example 60000",
        invalid="Enter the value in whole pounds, like 60000",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].error_messages["invalid_choice"] = "Select the kind of decision"
        self.fields["value"].error_messages["required"] = "Enter the value in whole pounds, like 60000"
