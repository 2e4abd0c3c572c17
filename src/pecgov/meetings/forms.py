"""MTG forms: they parse what was posted; the services decide whether it is allowed (MTG-1, MTG-2, MTG-5)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.utils import timezone

from pecgov.meetings.enums import AttendanceStatus, ItemKind
from pecgov.meetings.models import Action, AgendaItem, Meeting
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Committee, Organisation, Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin, ServiceModelForm

TIME_PATTERN = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*$")
TIME_ERROR = "Start time must be a real time in the 24-hour clock, like 14:30"

# How the affected organisations are grouped on the item form: a trust has dozens of them.
ORGANISATION_GROUPS: list[tuple[str, str, set[str]]] = [
    ("practice", "GP practices", {OrganisationKind.PRACTICE}),
    ("pbc_group", "PBC groups and consortia", {OrganisationKind.PBC_GROUP}),
    ("provider", "Providers", {OrganisationKind.PROVIDER}),
    (
        "other",
        "Other organisations",
        {k for k in OrganisationKind.values if k not in {"practice", "pbc_group", "provider", "trust"}},
    ),
]


class TimeField(forms.Field):
    """A time typed as HH:MM (the NHS.UK pattern for times is a plain text input)."""

    widget = forms.TextInput

    def to_python(self, value: Any) -> dt.time | None:
        text = str(value or "").strip()
        if not text:
            return None
        match = TIME_PATTERN.match(text)
        if not match:
            raise forms.ValidationError(TIME_ERROR, code="invalid")
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour > 23 or minute > 59:
            raise forms.ValidationError(TIME_ERROR, code="invalid")
        return dt.time(hour, minute)


class _StartsAtMixin(forms.Form):
    """The start as a date (NHS.UK date input) and a time, combined into `starts_at` in Europe/London."""

    starts_on = NhsDateField(label="Date")
    start_time = TimeField(
        label="Start time",
        help_text="Use the 24-hour clock, for example 14:30",
        widget=forms.TextInput(attrs={"class": "nhsuk-input--width-5", "inputmode": "numeric"}),
    )

    def _say_what_is_missing(self) -> None:
        # After NhsFormMixin, whose "Enter date" is too terse for these two.
        self.fields["starts_on"].error_messages["required"] = "Enter the date of the meeting"
        self.fields["start_time"].error_messages["required"] = "Enter the start time, like 14:30"

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, time = data.pop("starts_on", None), data.pop("start_time", None)
        data["starts_at"] = timezone.make_aware(dt.datetime.combine(day, time)) if day and time else None
        return data

    @staticmethod
    def initial_for(meeting: Meeting) -> dict[str, Any]:
        local = timezone.localtime(meeting.starts_at)
        return {"starts_on": local.date(), "start_time": f"{local:%H:%M}"}


class MeetingForm(_StartsAtMixin, ServiceModelForm):
    class Meta:
        model = Meeting
        fields = ["committee", "location", "public"]
        labels = {
            "committee": "Committee",
            "location": "Where the meeting is held",
            "public": "Held in public",
        }
        help_texts = {"public": "Approved minutes of meetings held in public are published"}
        error_messages = {"committee": {"invalid_choice": "Select a committee of this trust"}}

    field_order = ["committee", "starts_on", "start_time", "location", "public"]

    def __init__(self, *args: Any, trust: Organisation, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._say_what_is_missing()
        self.fields["committee"].queryset = Committee.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]


class MeetingEditForm(_StartsAtMixin, ServiceModelForm):
    class Meta:
        model = Meeting
        fields = ["location", "public", "status"]
        labels = {"location": "Where the meeting is held", "public": "Held in public", "status": "Status"}
        help_texts = MeetingForm.Meta.help_texts
        widgets = {"status": forms.RadioSelect}

    field_order = ["starts_on", "start_time", "location", "public", "status"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._say_what_is_missing()


class ItemForm(ServiceModelForm):
    class Meta:
        model = AgendaItem
        fields = ["title", "kind", "description", "affected", "confidential", "confidential_reason"]
        labels = {
            "title": "Title",
            "kind": "Kind of item",
            "description": "Description",
            "affected": "Organisations the item affects",
            "confidential": "Taken in private",
            "confidential_reason": "Why it is taken in private",
        }
        help_texts = {
            "affected": "Conflicts of interest are screened against these organisations",
            # PUB-1: the public site withholds the item and says an item was taken in private.
            "confidential": "The public site and public papers leave this item out",
            "confidential_reason": "Required when the item is taken in private",
        }
        widgets = {"kind": forms.RadioSelect, "affected": forms.CheckboxSelectMultiple}
        error_messages = {"affected": {"invalid_choice": "Select organisations in this trust"}}

    def __init__(self, *args: Any, trust: Organisation, filter_text: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ItemKind.choices  # type: ignore[attr-defined]  # no blank radio
        # MTG-1: a plain text filter (a GET field, no JavaScript) narrows the long list of boxes.
        self.filter_text = filter_text.strip()
        self.organisations = list(
            Organisation.objects.filter(trust=trust)
            .exclude(kind=OrganisationKind.TRUST)
            .only("id", "name", "kind")
            .order_by("name")
        )
        field = self.fields["affected"]
        field.queryset = Organisation.objects.filter(pk__in=[o.pk for o in self.organisations])  # type: ignore[attr-defined]

    def affected_groups(self) -> list[dict[str, Any]]:
        """The organisations as checkbox groups by kind, each item ready for the NHS.UK macro."""
        value = self["affected"].value() or []
        chosen = {str(getattr(v, "pk", v)) for v in value}
        groups = []
        for key, legend, kinds in ORGANISATION_GROUPS:
            wanted = self.filter_text.lower()
            items = [
                {"value": str(o.pk), "text": o.name, "checked": str(o.pk) in chosen}
                for o in self.organisations
                if o.kind in kinds and (not wanted or wanted in o.name.lower() or str(o.pk) in chosen)
            ]
            if items:
                groups.append(
                    {"key": key, "legend": legend, "items": items, "chosen": any(i["checked"] for i in items)}
                )
        return groups


class PaperForm(NhsFormMixin, forms.Form):
    title = forms.CharField(
        label="Title", max_length=200, required=False, help_text="Leave blank to use the file's name"
    )
    # Whether a file was chosen, its type and size are the service's rules (policy limits).
    upload = forms.FileField(label="Paper", required=False)


class AttendanceForm(NhsFormMixin, forms.Form):
    """One radio group per member (and per person already in attendance), and one person to add."""

    person = forms.ModelChoiceField(
        label="Add someone in attendance who is not a member",
        queryset=Person.objects.none(),
        required=False,
        help_text="For example an officer presenting a paper. They are recorded as present.",
        error_messages={"invalid_choice": "Select a person in this trust who is not a member"},
    )

    def __init__(
        self, *args: Any, trust: Organisation, people: list[tuple[Person, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.people = people
        for person, kind in people:
            self.fields[self.key(person)] = forms.ChoiceField(
                label=person.name,
                choices=AttendanceStatus.choices,
                widget=forms.RadioSelect,
                required=False,
                help_text="" if kind == "member" else "In attendance, not a member",
                error_messages={
                    "invalid_choice": f"Select whether {person.name} was present, sent apologies or was absent"
                },
            )
        already = [p.pk for p, _ in people]
        self.fields["person"].queryset = (  # type: ignore[attr-defined]
            Person.objects.filter(trust=trust).exclude(pk__in=already).order_by("name")
        )
        self.order_fields([self.key(p) for p, _ in people] + ["person"])

    @staticmethod
    def key(person: Person) -> str:
        return f"person_{person.pk}"


class MinutesForm(NhsFormMixin, forms.Form):
    text = forms.CharField(
        label="Minutes", widget=forms.Textarea(attrs={"rows": 24}), required=False, strip=False
    )
    correction_note = forms.CharField(
        label="What is corrected and why",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Shown with the minutes: the approved version stays visible",
    )


class MinutesApproveForm(NhsFormMixin, forms.Form):
    at_meeting = forms.ModelChoiceField(
        label="Meeting that approved the minutes",
        queryset=Meeting.objects.none(),
        help_text="A later meeting of the same committee. Once approved, the minutes are locked.",
        error_messages={"invalid_choice": "Minutes are approved at a later meeting of the same committee"},
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["at_meeting"]
        field.queryset = (  # type: ignore[attr-defined]
            Meeting.objects.filter(committee_id=meeting.committee_id, starts_at__gt=meeting.starts_at)
            .select_related("committee")
            .order_by("starts_at")
        )
        field.label_from_instance = lambda m: (  # type: ignore[attr-defined]
            f"{timezone.localtime(m.starts_at):%-d %B %Y, %H:%M}, {m.location}"
        )


class ActionForm(ServiceModelForm):
    due_date = NhsDateField(label="Due date")

    class Meta:
        model = Action
        fields = ["description", "owner", "due_date", "item"]
        labels = {
            "description": "What needs to be done",
            "owner": "Who owns the action",
            "item": "Agenda item",
        }
        help_texts = {"item": "Optional"}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "owner": {"invalid_choice": "Select a person in this trust"},
            "item": {"invalid_choice": "Select an item of this meeting"},
        }

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            trust_id=meeting.committee.trust_id
        ).order_by("name")
        self.fields["item"].queryset = AgendaItem.objects.filter(meeting=meeting).order_by("number")  # type: ignore[attr-defined]
