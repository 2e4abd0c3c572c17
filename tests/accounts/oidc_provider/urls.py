"""The test provider's pages: django-oauth-toolkit's endpoints under /o/ and a plain sign-in form."""

from __future__ import annotations

from django.contrib.auth import authenticate, login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import include, path
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Test identity provider</title></head><body>
<main><h1>Test identity provider</h1>{problem}
<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="{token}">
<input type="hidden" name="next" value="{next}">
<label for="provider-username">Provider username</label><input id="provider-username" name="username">
<label for="provider-password">Provider password</label><input id="provider-password" name="password" type="password">
<button type="submit">Continue to the service</button></form></main></body></html>"""


def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = str(request.POST.get("next") or request.GET.get("next") or "/")
    problem = ""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST.get("username"), password=request.POST.get("password")
        )
        if user is not None and url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            login(request, user)
            return HttpResponseRedirect(next_url)
        problem = "<p>Wrong username or password.</p>"
    return HttpResponse(PAGE.format(problem=problem, token=get_token(request), next=escape(next_url)))


urlpatterns = [
    path("login/", sign_in),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
]
