"""The shared form base and the one create/edit page (pecgov.ui.forms.ServiceModelForm,
pecgov.ui.viewkit.form_view): a form only parses, the service decides, a broken rule is shown
on the form and nothing is saved (X-4); a repeated submit saves once (X-5)."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from pecgov.errors import DomainError
from pecgov.trust.models import Organisation
from pecgov.ui.forms import ServiceModelForm
from pecgov.ui.safety.models import Submission
from pecgov.ui.safety.submissions import form_key
from pecgov.ui.versions import KEY_FIELD
from pecgov.ui.viewkit import form_view


class NameForm(ServiceModelForm):
    class Meta:
        model = Organisation
        fields = ["name"]


def test_a_service_model_form_parses_and_leaves_its_instance_alone() -> None:
    """X-4: the service, not the form, changes and checks the record: a valid form has not
    written its values into the instance it was given (a plain ModelForm would have)."""
    org = Organisation(name="Old name")
    form = NameForm({"name": "New name"}, instance=org)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"name": "New name"}
    assert org.name == "Old name"


def _post(data: dict[str, Any]) -> HttpRequest:
    request = RequestFactory().post("/somewhere/", data)
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


SHOWN: list[Any] = []


def _shown(request: HttpRequest, form: Any, **context: Any) -> HttpResponse:
    SHOWN.append(form)
    return HttpResponse(context["title"], status=400 if form.errors else 200)


def _page(request: HttpRequest, save: Any) -> HttpResponse:
    form = NameForm(request.POST if request.method == "POST" else None)
    return form_view(
        request,
        form,
        save=save,
        done=lambda saved: f"{saved} added.",
        then=lambda saved: f"/organisations/{saved}/",
        page=_shown,
        title="Add an organisation",
    )


def test_a_get_shows_the_page() -> None:
    """X-4: an unbound form is shown by the page the view names, with its context."""
    response = _page(RequestFactory().get("/somewhere/"), save=lambda d: pytest.fail("saved on a GET"))
    assert response.status_code == 200
    assert response.content == b"Add an organisation"


@pytest.mark.django_db
def test_a_good_post_calls_the_service_says_so_and_redirects() -> None:
    """X-4, X-5: the service gets the cleaned data without the safety fields; the person is
    told what happened and sent on; the one-time key is claimed."""
    calls: list[dict[str, Any]] = []

    def save(data: dict[str, Any]) -> str:
        calls.append(data)
        return "Riverside"

    request = _post({"name": "Riverside", KEY_FIELD: "key-once"})
    response = _page(request, save)
    assert response.status_code == 302
    assert response["Location"] == "/organisations/Riverside/"
    assert calls == [{"name": "Riverside"}]
    assert [str(m) for m in get_messages(request)] == ["Riverside added."]
    assert Submission.objects.filter(key=form_key("key-once")).exists()


@pytest.mark.django_db
def test_a_broken_rule_is_shown_on_the_field_and_nothing_is_kept() -> None:
    """X-4: a DomainError from the service becomes the field's error, the page answers 400,
    and the transaction is rolled back (the one-time key is not kept either)."""

    def save(data: dict[str, Any]) -> str:
        raise DomainError({"name": ["An organisation with this name already exists"]})

    request = _post({"name": "Riverside", KEY_FIELD: "key-refused"})
    response = _page(request, save)
    assert response.status_code == 400
    assert SHOWN[-1].errors == {"name": ["An organisation with this name already exists"]}
    assert list(get_messages(request)) == []
    assert not Submission.objects.filter(key=form_key("key-refused")).exists()


def test_a_form_error_never_reaches_the_service() -> None:
    """X-4: a blank required field stops at the form."""
    request = _post({"name": ""})
    response = _page(request, save=lambda d: pytest.fail("the service was called"))
    assert response.status_code == 400


def test_the_base_form_is_a_model_form() -> None:
    """The shared base is Django's ModelForm: fields and limits come from the model."""
    form = NameForm()
    assert isinstance(form, forms.ModelForm)
    assert form.fields["name"].max_length == Organisation._meta.get_field("name").max_length  # type: ignore[attr-defined]
