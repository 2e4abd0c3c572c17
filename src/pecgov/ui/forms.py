"""Form helpers shared by every app: NHS.UK date input, field rendering parameters."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django import forms

from pecgov.ui.safety.guards import too_long
from pecgov.ui.versions import KEY_FIELD, VERSION_FIELD, encode, on_edit_page, shown_values, versioned_row


class SplitDateWidget(forms.Widget):
    """Day, month and year boxes (the NHS.UK date input), posted as name-day/-month/-year."""

    parts = ("day", "month", "year")

    @staticmethod
    def _part(data: Any, name: str, part: str) -> str:
        # The NHS.UK macro posts name[day]; name-day is accepted too for simple clients.
        return str(data.get(f"{name}[{part}]", data.get(f"{name}-{part}", ""))).strip()

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:
        values = [self._part(data, name, part) for part in self.parts]
        if not any(values):
            return None
        day, month, year = values
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return not any(f"{name}-{part}" in data or f"{name}[{part}]" in data for part in self.parts)

    def split(self, value: Any) -> dict[str, str]:
        if isinstance(value, dt.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return {"day": day, "month": month, "year": year}
        return {"day": "", "month": "", "year": ""}


class NhsDateField(forms.DateField):
    widget = SplitDateWidget
    default_error_messages = {
        "invalid": "%(label)s must be a real date, for example 15 3 2007",
        "required": "Enter a date",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(*args, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        try:
            return super().to_python(value)
        except forms.ValidationError as error:
            label = str(self.label or "Date")
            raise forms.ValidationError(
                self.error_messages["invalid"] % {"label": label}, code="invalid"
            ) from error


class NhsFormMixin:
    """What every form shares: plain-English messages naming the field, as the service manual
    asks, and two hidden fields that keep data safe (X-5, pecgov.ui.versions):

    - `submission_key`, a one-time key: `viewkit.submit` claims it with the save, so the same
      form sent twice saves once and the repeat is answered with the first result;
    - `read_version`, on a form that edits a saved record (a ModelForm's instance, a record
      given as `version_of=`, or a form given `initial` values on an edit page): the values it
      showed, so a save over someone else's newer change is refused with what changed.

    Both are optional on the way in: a client that does not send them is not checked.
    """

    def __init__(self, *args: Any, version_of: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version_of = version_of
        for field in self.fields.values():  # type: ignore[attr-defined]
            label = str(field.label or "").strip()
            if not label:
                continue
            if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
                field.error_messages["required"] = f"Select {label[0].lower() + label[1:]}"
            else:
                field.error_messages["required"] = f"Enter {label[0].lower() + label[1:]}"
            limit = getattr(field, "max_length", None)
            if isinstance(field, forms.CharField) and limit:
                field.error_messages["max_length"] = too_long(label, int(limit))
        self._add_safety_fields()

    def _add_safety_fields(self) -> None:
        form: Any = self
        form.fields[KEY_FIELD] = forms.CharField(
            required=False, max_length=64, widget=forms.HiddenInput, initial=secrets.token_urlsafe(24)
        )
        if versioned_row(form) is not None or (form.initial and on_edit_page()):
            form.fields[VERSION_FIELD] = forms.CharField(
                required=False,
                max_length=20_000,
                widget=forms.HiddenInput,
                initial=encode(shown_values(form)),
            )

    def full_clean(self) -> None:
        """Validate, then keep the safety fields out of `cleaned_data`, which views pass to
        services as keyword arguments."""
        super().full_clean()  # type: ignore[misc]
        form: Any = self
        cleaned = getattr(form, "cleaned_data", None)
        if cleaned is None:
            return
        form.submitted_key = cleaned.pop(KEY_FIELD, "") or ""
        form.read_version = cleaned.pop(VERSION_FIELD, "") or ""


class ServiceModelForm(NhsFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    """The one base for a form that adds or edits one model's fields (X-4): fields, labels and
    limits come from the model (a form may declare a field again to keep a page's own wording).

    It only parses. It never saves and never runs the model's own checks (`_post_clean`): the
    view passes `cleaned_data` to the service through `viewkit.submit` / `viewkit.form_view`, and
    the service validates the whole record and says what is wrong in its own words, on the field.
    So the form never changes its `instance` either: an edit page may give `instance=` (its
    values fill the fields in) or `initial=`, and the service compares against the saved row.

    A page for a new record shows only the `initial` the view gives: Django's ModelForm puts no
    blank row's values in `initial`, and a model default reaches the page only as the initial
    value of a field the form does not declare itself.
    """

    def _post_clean(self) -> None:
        return None

    def in_trust(self, field: str, queryset: Any) -> None:
        """Offer only the trust's rows in a choice of a related row."""
        self.fields[field].queryset = queryset  # type: ignore[attr-defined]


def field_kind(bound_field: forms.BoundField) -> str:
    widget = bound_field.field.widget
    if isinstance(widget, SplitDateWidget):
        return "date"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.PasswordInput):
        return "password"
    return "input"


def field_items(bound_field: forms.BoundField) -> list[dict[str, Any]]:
    """Choices as the NHS.UK select/radios/checkboxes macros expect them."""
    value = bound_field.value()
    selected = {str(v) for v in value} if isinstance(value, list | tuple) else {str(value)}
    items: list[dict[str, Any]] = []
    for choice_value, label in bound_field.field.choices:  # type: ignore[attr-defined]
        key = str(getattr(choice_value, "value", choice_value))
        items.append(
            {
                "value": key,
                "text": str(label),
                "selected": key in selected,
                "checked": key in selected,
            }
        )
    return items


def date_items(bound_field: forms.BoundField) -> list[dict[str, Any]]:
    widget = bound_field.field.widget
    raw = bound_field.value()
    parts = widget.split(raw) if isinstance(widget, SplitDateWidget) else {}
    error = " nhsuk-input--error" if bound_field.errors else ""
    return [
        {"name": "day", "value": parts.get("day", ""), "classes": "nhsuk-input--width-2" + error},
        {
            "name": "month",
            "value": parts.get("month", ""),
            "classes": "nhsuk-input--width-2" + error,
        },
        {"name": "year", "value": parts.get("year", ""), "classes": "nhsuk-input--width-4" + error},
    ]


def error_list(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's list: each error links to its field (day box for dates)."""
    items: list[dict[str, str]] = []
    for name, errors in form.errors.items():
        if name == "__all__":
            items.extend({"text": str(e), "href": "#main-form"} for e in errors)
            continue
        field = form.fields.get(name)
        anchor = f"id_{name}"
        if field is not None and isinstance(field.widget, SplitDateWidget):
            anchor = f"id_{name}-day"
        elif field is not None and isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor = f"id_{name}"  # the NHS.UK macro gives the first option the prefix itself
        items.extend({"text": str(e), "href": f"#{anchor}"} for e in errors)
    return items
