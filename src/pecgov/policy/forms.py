"""Forms for choosing a pack and recording an override; the services check the rules."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.policy.packs import PolicyPack, load_packs
from pecgov.ui.forms import NhsFormMixin


class PackForm(NhsFormMixin, forms.Form):
    pack = forms.ChoiceField(label="Policy pack", widget=forms.RadioSelect)
    reason = forms.CharField(label="Reason for the change", widget=forms.Textarea, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["pack"].choices = [(k, p.title) for k, p in sorted(load_packs().items())]  # type: ignore[attr-defined]


class OverrideForm(NhsFormMixin, forms.Form):
    key = forms.ChoiceField(label="Parameter")
    value = forms.CharField(
        label="Local value",
        required=False,
        help_text="A number, yes or no, a date like 2007-10-01, or none to switch the rule off where allowed",
    )
    reason = forms.CharField(
        label="Reason for the local decision",
        widget=forms.Textarea,
        required=False,
        help_text="Shown with every finding that uses this value",
    )

    def __init__(self, *args: Any, pack: PolicyPack, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = [("", "Choose a parameter")] + [  # type: ignore[attr-defined]
            (key, f"{p.description} ({key})") for key, p in pack.parameters.items()
        ]
        self.fields["key"].error_messages["required"] = "Select the parameter to override"
