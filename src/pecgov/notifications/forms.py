"""Each person's choice of how they hear of each kind of event (NOT-1)."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.notifications.enums import MANDATORY, Delivery, Kind
from pecgov.ui.forms import NhsFormMixin


class PreferencesForm(NhsFormMixin, forms.Form):
    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            mandatory = kind in MANDATORY
            choices = [(d.value, d.label) for d in Delivery if not (mandatory and d == Delivery.NONE)]
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=choices,
                widget=forms.RadioSelect,
                initial=current[kind.value],
                help_text="This carries a duty, so it is always emailed: choose when." if mandatory else "",
            )
