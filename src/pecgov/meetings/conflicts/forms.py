"""Forms for the agenda item page: conflict handling, votes, the decision, concerns and the
Board's decision (COI-3 to COI-6, MTG-2 to MTG-4). They parse input; the services enforce every rule."""

from __future__ import annotations

from typing import Any

from django import forms

from pecgov.interests.enums import Handling
from pecgov.interests.models import Declaration
from pecgov.meetings.enums import BoardOutcome, Contribution, ItemKind, Outcome, VoteChoice
from pecgov.trust.models import Person
from pecgov.ui.forms import NhsDateField, NhsFormMixin, SplitDateWidget, field_items

HANDLING_HINTS: dict[str, str] = {
    Handling.EXCLUDE_DECISION.value: "They may give advice but take no part in the decision or the vote (DH 5.8).",
    Handling.EXCLUDE_DEBATE.value: "They leave the room for the debate and the decision on this item (Alliance).",
    Handling.NO_ACTION.value: "The interest does not affect this item. Say why in the reason.",
}


class ConflictForm(NhsFormMixin, forms.Form):
    """One person's conflict on one item. `interest` and `declaration` carry what screening
    showed the chair, so the record says what was ruled on."""

    handling = forms.ChoiceField(
        label="How the conflict is handled", choices=Handling.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label="Reason",
        widget=forms.Textarea,
        required=False,
        help_text="Required if no action is needed: say why the interest does not affect this item",
    )
    interest = forms.CharField(widget=forms.HiddenInput, required=False)
    declaration = forms.ModelChoiceField(
        queryset=Declaration.objects.none(), widget=forms.HiddenInput, required=False
    )
    # COI-8: who ruled on the chair's own conflict and chaired the item.
    ruled_by = forms.ModelChoiceField(
        label="Who ruled on it and chaired this item",
        queryset=Person.objects.none(),
        required=False,
        help_text="The vice-chair, or a member the meeting named. Needed when this is the chair's own conflict",
    )
    # COI-8: the optional advice of a clinical reference group, recorded before the handling.
    referred_to = forms.CharField(label="Who was asked for advice", required=False, max_length=200)
    referral_advice = forms.CharField(label="What they advised", widget=forms.Textarea, required=False)
    referred_on = NhsDateField(label="When they advised", required=False)

    def __init__(
        self, *args: Any, person_id: int, policy_default: str = "", trust_id: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.person_id = person_id
        self.policy_default = policy_default
        self.fields["declaration"].queryset = Declaration.objects.filter(person_id=person_id)  # type: ignore[attr-defined]
        people = Person.objects.filter(trust_id=trust_id).exclude(pk=person_id).order_by("name")
        self.fields["ruled_by"].queryset = people  # type: ignore[attr-defined]

    def handling_items(self) -> list[dict[str, Any]]:
        """The radios with a hint on each; the policy's proposal for a financial interest says so."""
        items = field_items(self["handling"])
        for item in items:
            hint = HANDLING_HINTS.get(item["value"], "")
            if item["value"] == self.policy_default:
                hint = f"{hint} Your trust's policy proposes this for a financial interest."
            item["id"] = f"c{self.person_id}-handling-{item['value']}"
            item["hint"] = {"text": hint}
        if items:
            items[0]["id"] = f"c{self.person_id}-handling"
        return items


class VoteForm(NhsFormMixin, forms.Form):
    person = forms.ModelChoiceField(label="Member", queryset=Person.objects.none())
    choice = forms.ChoiceField(label="Vote", choices=VoteChoice.choices, widget=forms.RadioSelect)

    def __init__(self, *args: Any, trust_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Any person in the trust parses; the service says why someone cannot vote (COI-3).
        self.fields["person"].queryset = Person.objects.filter(trust_id=trust_id)  # type: ignore[attr-defined]
        self.fields["person"].error_messages["invalid_choice"] = "Select a member present at the meeting"


class DecideForm(NhsFormMixin, forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    contribution = forms.ChoiceField(
        label="What the committee did with the item",
        choices=Contribution.choices,
        widget=forms.RadioSelect,
        help_text="The record shows the committee's contribution, not a rubber stamp",
    )
    reasons = forms.CharField(label="Reasons for the decision", widget=forms.Textarea, required=False)
    evidence = forms.CharField(
        label="Data, analysis and evidence relied on", widget=forms.Textarea, required=False
    )
    changes_made = forms.CharField(
        label="What the committee changed",
        widget=forms.Textarea,
        required=False,
        help_text="Required if the item was approved with changes",
    )

    def __init__(self, *args: Any, kind: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kind == ItemKind.INFORMATION:
            # An information item can only be noted; offer only what the service accepts.
            self.fields["outcome"].choices = [(Outcome.NOTED, Outcome.NOTED.label)]  # type: ignore[attr-defined]
            self.fields["contribution"].choices = [(Contribution.NOTED_ONLY, Contribution.NOTED_ONLY.label)]  # type: ignore[attr-defined]


class ConcernForm(NhsFormMixin, forms.Form):
    text = forms.CharField(
        label="Your concern",
        widget=forms.Textarea,
        help_text="Say whose conflict it is and why you think it was not handled well. "
        "Your name is recorded with the concern.",
    )


class BoardDecisionForm(NhsFormMixin, forms.Form):
    decided_on = NhsDateField(label="Date of the Board's decision")
    outcome = forms.ChoiceField(
        label="The Board's decision", choices=BoardOutcome.choices, widget=forms.RadioSelect
    )
    conflicts_considered = forms.BooleanField(
        label="The Board considered the statement of conflicts",
        help_text="The Board must acknowledge where conflicts lay and be confident they were dealt with",
    )
    note = forms.CharField(
        label="Note",
        widget=forms.Textarea,
        required=False,
        help_text="For example, how the Board is confident the conflicts were dealt with",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["conflicts_considered"].error_messages["required"] = (
            "Confirm the Board considered the statement of conflicts before recording its decision"
        )


def error_items(form: forms.BaseForm, anchors: dict[str, str], form_anchor: str) -> list[dict[str, str]]:
    """The error summary's list for a form on a page of several forms: each error links to the
    field's own id (`anchors`), errors about the whole form to the form itself."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        if name in anchors:
            href = anchors[name]
        elif field is not None and isinstance(field.widget, SplitDateWidget):
            href = f"#id_{name}-day"
        elif field is not None and not field.widget.is_hidden:
            href = f"#id_{name}"
        else:
            href = form_anchor
        items.extend({"text": str(e), "href": href} for e in errors)
    return items
