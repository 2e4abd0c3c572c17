"""The period and committee the measures are for, read from the query string of the page, the
CSV, the records page and the API alike (EFF-2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from pecgov.effectiveness.queries import default_committee, default_period, year_from
from pecgov.trust.models import Committee, Organisation
from pecgov.ui.forms import NhsDateField, SplitDateWidget

# A guard against a sweep of centuries of days, not a policy number.
LONGEST_PERIOD_DAYS = 3660
PERIOD_TOO_LONG = "The period can be at most 10 years long: choose a later start or an earlier end"


class PeriodDateWidget(SplitDateWidget):
    """The NHS.UK day, month and year boxes; a link or an API client may send one ISO date
    (`from=2007-04-01`) instead."""

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:
        whole = str(data.get(name, "")).strip()
        return whole or super().value_from_datadict(data, files, name)

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and super().value_omitted_from_data(data, files, name)


class CommitteeField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A committee id; a value no id could be (a word, a number past the database's range) is
    the same "choose from the list" as an unknown id, never a database error."""

    def to_python(self, value: Any) -> Any:
        text = str(value or "").strip()
        if text and not is_committee_id(text):
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def is_committee_id(value: str) -> bool:
    return value.isdigit() and len(value) <= 18


class PeriodForm(forms.Form):
    committee = CommitteeField(
        queryset=Committee.objects.none(),
        required=False,
        empty_label=None,
        label="Committee",
        error_messages={"invalid_choice": "Choose one of your trust's committees from the list"},
    )

    def __init__(self, data: Any, *, trust: Organisation) -> None:
        super().__init__(data)
        self.trust = trust
        self.fields["committee"].queryset = Committee.objects.filter(trust=trust).order_by("name")  # type: ignore[attr-defined]
        for name, label in (("from", "From"), ("to", "To")):
            self.fields[name] = NhsDateField(
                label=label,
                required=False,
                widget=PeriodDateWidget,
                help_text="For example, 1 4 2007. Leave blank for the last 12 months.",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        start, end = data.get("from"), data.get("to")
        if end is None:
            end = default_period()[1] if start is None else year_from(start)
        start = start or default_period(end)[0]
        if start > end:
            self.add_error("to", "The end of the period must be the same as or after its start")
        elif (end - start).days >= LONGEST_PERIOD_DAYS:
            self.add_error("to", PERIOD_TOO_LONG)
        committee = data.get("committee") or default_committee(self.trust)
        if committee is None:
            self.add_error("committee", "Your trust has no committees yet: add one first")
        data.update({"from": start, "to": end, "committee": committee})
        return data

    @property
    def period(self) -> tuple[Committee, dt.date, dt.date]:
        """The committee and period asked for, once the form is valid."""
        return self.cleaned_data["committee"], self.cleaned_data["from"], self.cleaned_data["to"]
