"""The one create/edit page's `after=` hook (pecgov.ui.viewkit.form_view): what a page does
with the request besides once the service has answered (signing the invitee in, ADM-4; the demo
invitation link, ADM-1), after the success message and never when the form is refused (X-4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import messages
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from pecgov.errors import DomainError
from pecgov.ui.versions import KEY_FIELD
from pecgov.ui.viewkit import form_view
from tests.ui.test_form_view import NameForm


def _post(data: dict[str, Any]) -> HttpRequest:
    request = RequestFactory().post("/somewhere/", data)
    request._messages = CookieStorage(request)  # type: ignore[attr-defined]
    return request


def _page(request: HttpRequest, save: Any, seen: list[Any]) -> HttpResponse:
    def after(result: Any) -> None:
        seen.append(result)
        messages.info(request, f"And then: {result}")

    return form_view(
        request,
        NameForm(request.POST if request.method == "POST" else None),
        save=save,
        done=lambda saved: f"{saved} added.",
        after=after,
        then=lambda saved: f"/organisations/{saved}/",
        page=lambda request, form, **context: HttpResponse(status=400 if form.errors else 200),
        title="Add an organisation",
    )


@pytest.mark.django_db
def test_after_runs_once_with_the_result_after_the_success_message() -> None:
    """ADM-1, ADM-4, X-4: the hook gets what the service answered, its message follows the
    success message, and the browser is still sent on."""
    seen: list[Any] = []
    request = _post({"name": "Riverside", KEY_FIELD: "key-after"})
    response = _page(request, lambda d: d["name"], seen)
    assert response.status_code == 302
    assert response["Location"] == "/organisations/Riverside/"
    assert seen == ["Riverside"]
    assert [str(m) for m in get_messages(request)] == ["Riverside added.", "And then: Riverside"]


@pytest.mark.django_db
def test_after_never_runs_when_the_service_refuses() -> None:
    """X-4: a broken rule shows the form again (400) and nothing else happens."""
    seen: list[Any] = []

    def save(data: dict[str, Any]) -> str:
        raise DomainError({"name": ["An organisation with this name already exists"]})

    request = _post({"name": "Riverside", KEY_FIELD: "key-refused-after"})
    response = _page(request, save, seen)
    assert response.status_code == 400
    assert seen == []
    assert list(get_messages(request)) == []


def test_after_never_runs_on_a_get() -> None:
    """X-4: showing the page does nothing besides."""
    seen: list[Any] = []
    response = _page(RequestFactory().get("/somewhere/"), lambda d: pytest.fail("saved on a GET"), seen)
    assert response.status_code == 200
    assert seen == []
