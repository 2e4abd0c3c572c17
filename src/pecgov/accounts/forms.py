"""allauth's forms with the NHS.UK service manual's labels, hints and messages (ADM-5, X-4)."""

from __future__ import annotations

from typing import Any

from allauth.account.forms import LoginForm, ResetPasswordForm, ResetPasswordKeyForm
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.totp.forms import ActivateTOTPForm
from django import forms
from django.contrib.auth import password_validation


def _plain(form: forms.Form) -> None:
    """No placeholders and no autofocus (the NHS.UK pattern); hints are plain text."""
    for field in form.fields.values():
        field.widget.attrs.pop("placeholder", None)
        field.widget.attrs.pop("autofocus", None)


class SignInForm(LoginForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self)
        login, password = self.fields["login"], self.fields["password"]
        login.label = "Username or email address"
        login.widget.attrs["autocomplete"] = "username"
        login.error_messages["required"] = "Enter your username or email address"
        password.help_text = ""  # the reset link sits under the form
        password.error_messages["required"] = "Enter your password"


class PasswordResetRequestForm(ResetPasswordForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self)
        email = self.fields["email"]
        email.label = "Email address"
        email.help_text = "The address your account uses. We will email you a link to set a new password."
        email.error_messages["required"] = "Enter your email address"
        email.error_messages["invalid"] = (
            "Enter an email address in the correct format, like name@example.com"
        )


class NewPasswordForm(ResetPasswordKeyForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self)
        first, second = self.fields["password1"], self.fields["password2"]
        first.label = "New password"
        first.help_text = " ".join(password_validation.password_validators_help_texts())
        second.label = "Confirm your new password"
        second.help_text = ""
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Confirm your new password"


class CodeMixin:
    fields: dict[str, forms.Field]

    def _label_code(self, label: str, hint: str) -> None:
        code = self.fields["code"]
        code.label = label
        code.help_text = hint
        code.widget.attrs.pop("placeholder", None)
        code.widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "text"})
        code.error_messages["required"] = f"Enter the {label.lower()}"


class SecondFactorForm(CodeMixin, AuthenticateForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label_code(
            "Security code",
            "The 6-digit code from your authenticator app, or one of your recovery codes.",
        )


class SecondFactorAgainForm(CodeMixin, ReauthenticateForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label_code("Security code", "The 6-digit code from your authenticator app.")


class SetUpAuthenticatorForm(CodeMixin, ActivateTOTPForm):  # type: ignore[misc]  # allauth ships no type hints
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._label_code("Security code", "The 6-digit code your authenticator app shows after you add it.")
