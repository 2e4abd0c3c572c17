"""Forms for assessing candidates (APP-3 sift and shortlist, APP-5 interview scores, APP-6
appointment and recommendation): they parse what was posted; the services decide.

Scores are taken as posted: "0", "6", "abc" or nothing reach the service, which refuses them in
its own words (scoring.validate_score), so a page never has two sets of rules for one score.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.text import Truncator

from pecgov.appointments import scoring
from pecgov.appointments.models import Application, Post
from pecgov.ui.forms import NhsDateField, NhsFormMixin

WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
SCORE_CHOICES = [(str(value), f"{value}: {label}") for value, label in scoring.SCALE_LABELS.items()]


class PassOnChoiceField(forms.ChoiceField):
    """Offers its choices as radios but passes on whatever was posted: the service says what is
    wrong with a value that is not one of them."""

    def valid_value(self, value: Any) -> bool:
        return True


def score_value(raw: Any) -> int | str | None:
    """A posted score: a whole number as an int, blank as None, anything else as typed."""
    text = str(raw or "").strip()
    if not text:
        return None
    return int(text) if WHOLE_NUMBER.fullmatch(text) else text


def short(text: str, words: int = 8) -> str:
    return Truncator(text).words(words, truncate="…")


class ScoresForm(NhsFormMixin, forms.Form):
    """One score from 1 to 5 and an optional note per item scored: a person-specification
    criterion in the sift (APP-3), a competency at interview (APP-5).

    Field names follow the services' error keys: `<prefix><key>` for the score, so a refused score
    shows against its own radios, and `note_<prefix><key>` for the note."""

    def __init__(self, *args: Any, items: Sequence[tuple[Any, str]], prefix_name: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = [key for key, _ in items]
        self.prefix_name = prefix_name
        for key, label in items:
            self.fields[f"{prefix_name}{key}"] = PassOnChoiceField(
                label=label, choices=SCORE_CHOICES, widget=forms.RadioSelect, required=False
            )
            self.fields[f"note_{prefix_name}{key}"] = forms.CharField(
                label=f"Notes on “{short(label)}” (optional)",
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
            )

    def pair(self, key: Any) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"{self.prefix_name}{key}"], self[f"note_{self.prefix_name}{key}"]

    def scores(self) -> dict[Any, tuple[int | str | None, str]]:
        data = self.cleaned_data
        return {
            key: (
                score_value(data.get(f"{self.prefix_name}{key}")),
                data.get(f"note_{self.prefix_name}{key}") or "",
            )
            for key in self.keys
        }


class ShortlistForm(NhsFormMixin, forms.Form):
    """APP-3: for every application, shortlisted or not and why; a note on the whole shortlist."""

    DECISIONS = [("yes", "Shortlist"), ("no", "Do not shortlist")]

    def __init__(self, *args: Any, applications: Sequence[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.applications = list(applications)
        for application in self.applications:
            self.fields[f"decision_{application.pk}"] = PassOnChoiceField(
                label=f"Shortlist {application.name}?",
                choices=self.DECISIONS,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=f"Reason for the decision on {application.name}",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
        self.fields["note"] = forms.CharField(
            label="Note on the shortlist (optional)",
            help_text="For example, how the panel agreed the shortlist",
            widget=forms.Textarea(attrs={"rows": 3}),
            required=False,
        )

    def rows(self) -> list[tuple[Application, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"decision_{a.pk}"], self[f"reason_{a.pk}"]) for a in self.applications]

    def decisions(self) -> dict[int, tuple[bool, str]]:
        """Only the applications with a yes or no: the service names any left without one."""
        data = self.cleaned_data
        found = {}
        for application in self.applications:
            decision = data.get(f"decision_{application.pk}")
            if decision in {"yes", "no"}:
                found[application.pk] = (decision == "yes", data.get(f"reason_{application.pk}") or "")
        return found


class AppointForm(NhsFormMixin, forms.Form):
    """APP-3, APP-6: the decision's reasons and the offer's terms, from the post's by default."""

    reason = forms.CharField(
        label="Reasons for the appointment",
        help_text="Recorded with the decision, so an auditor can see why this candidate was chosen",
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
    )
    start_date = NhsDateField(label="Start date", required=False)
    tenure_terms = forms.CharField(
        label="Terms of tenure", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    time_commitment = forms.CharField(
        label="Time commitment",
        help_text="For example, 2 sessions a week",
        max_length=200,
        required=False,
        error_messages={"max_length": "The time commitment must be 200 characters or fewer"},
    )
    respond_by = NhsDateField(
        label="Reply by",
        help_text="The date the candidate is asked to answer by. Leave it blank for the policy's number of days from today",
        required=False,
    )

    def __init__(self, *args: Any, post: Post, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.initial.setdefault("tenure_terms", post.tenure_terms)
        self.initial.setdefault("time_commitment", post.time_commitment)


class OfferResponseForm(NhsFormMixin, forms.Form):
    """The candidate's answer to the offer, received by letter or email and recorded by the lead."""

    answer = forms.ChoiceField(
        label="What was the candidate's answer?",
        choices=[("accept", "They accepted the offer"), ("decline", "They declined the offer")],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether the candidate accepted or declined the offer",
            "invalid_choice": "Select whether the candidate accepted or declined the offer",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # NhsFormMixin rewrites "required" from the label; this question needs its own words.
        self.fields["answer"].error_messages["required"] = (
            "Select whether the candidate accepted or declined the offer"
        )


class RecommendForm(NhsFormMixin, forms.Form):
    """APP-6 (Alliance): the shortlisted candidate a PEC member recommends for chair, and why."""

    application = PassOnChoiceField(
        label="Which candidate do you recommend for chair?", widget=forms.RadioSelect, required=False
    )
    reason = forms.CharField(
        label="Why do you recommend them?", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, applications: Sequence[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_pk = {str(a.pk): a for a in applications}
        self.fields["application"].choices = [(str(a.pk), a.name) for a in applications]  # type: ignore[attr-defined]

    def clean_application(self) -> Application:
        chosen = self.by_pk.get(str(self.cleaned_data.get("application") or ""))
        if chosen is None:
            raise forms.ValidationError("Select the candidate you recommend")
        return chosen
