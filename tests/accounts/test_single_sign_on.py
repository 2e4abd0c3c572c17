"""Single sign-on through OpenID Connect against a real provider on loopback (ADM-5).

The provider is django-oauth-toolkit in its own process (tests/accounts/oidc_provider); the test
plays the browser: our sign-on button, the provider's sign-in form, and back to our callback,
where the service exchanges the code with the provider over loopback and checks its signed token.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import requests
from allauth.socialaccount.models import SocialAccount
from django.test import Client

from pecgov.audit.models import AuditEvent
from tests.accounts.conftest import PROVIDER_PASSWORD, Provider
from tests.factories import World

CALLBACK = "http://testserver/account/sso/nhs/login/callback/"


def sign_on(client: Client, provider: Provider, username: str) -> Any:
    """Our button, the provider's form, and our callback; the callback's response."""
    start = client.post("/account/sso/nhs/login/")
    assert start.status_code == 302, start.content.decode()[:500]
    authorize = start["Location"]
    assert authorize.startswith(provider.server_url + "/authorize/")
    browser = requests.Session()
    to_login = browser.get(authorize, allow_redirects=False, timeout=10)
    login_url = provider.base_url + to_login.headers["Location"]
    page = browser.get(login_url, timeout=10)
    assert page.status_code == 200
    back_to_authorize = browser.post(
        login_url,
        data={
            "username": username,
            "password": PROVIDER_PASSWORD,
            "csrfmiddlewaretoken": browser.cookies["provider_csrftoken"],
            "next": parse_qs(urlsplit(login_url).query)["next"][0],
        },
        headers={"Referer": login_url},
        allow_redirects=False,
        timeout=10,
    )
    assert back_to_authorize.status_code == 302, back_to_authorize.text[:500]
    to_callback = browser.get(
        provider.base_url + back_to_authorize.headers["Location"], allow_redirects=False, timeout=10
    )
    callback = to_callback.headers["Location"]
    assert callback.startswith(CALLBACK), callback
    return client.get(callback.removeprefix("http://testserver"))


def test_sign_on_links_the_account_with_the_verified_email_and_signs_in(
    start_provider: Any, world: World
) -> None:
    """ADM-5: a first sign-on links to the trust's account with the provider's verified email."""
    provider = start_provider([CALLBACK])
    lead = world.users["governance_lead"]
    lead.email = "lead@example.nhs.uk"
    lead.save(update_fields=["email"])
    client = Client()

    response = sign_on(client, provider, "hmarsh")

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == lead.pk
    assert SocialAccount.objects.filter(user=lead, provider="nhs").count() == 1
    assert AuditEvent.objects.filter(action="auth.sso_linked", actor=lead).count() == 1
    assert AuditEvent.objects.filter(action="auth.sign_in", actor=lead).count() == 1


def test_a_second_sign_on_uses_the_link(start_provider: Any, world: World) -> None:
    """ADM-5: once linked, the same person signs on again without a new link."""
    provider = start_provider([CALLBACK])
    lead = world.users["governance_lead"]
    lead.email = "lead@example.nhs.uk"
    lead.save(update_fields=["email"])
    sign_on(Client(), provider, "hmarsh")
    client = Client()

    response = sign_on(client, provider, "hmarsh")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == lead.pk
    assert AuditEvent.objects.filter(action="auth.sso_linked").count() == 1


def test_an_unknown_person_is_refused_with_a_clear_message(start_provider: Any, world: World) -> None:
    """ADM-5, X-4: nobody is signed up by single sign-on; the refusal says what to do."""
    provider = start_provider([CALLBACK])
    client = Client()

    response = sign_on(client, provider, "stranger")

    assert response.status_code == 403
    assert "Ask your governance lead for an invitation" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert SocialAccount.objects.count() == 0
    assert AuditEvent.objects.filter(action="auth.sso_refused").count() == 1


def test_an_applicants_unverified_address_is_not_linked(start_provider: Any, world: World) -> None:
    """ADM-5: an account nobody verified (an applicant's own) never links to a sign-on, so no one
    can register in another person's name and wait for them to sign on."""
    provider = start_provider([CALLBACK])
    applicant = world.users["applicant"]
    applicant.email = "stranger@example.nhs.uk"
    applicant.save(update_fields=["email"])
    client = Client()

    response = sign_on(client, provider, "stranger")

    assert response.status_code == 403
    assert "_auth_user_id" not in client.session
