"""The security baseline: headers, cookies, sign-in and sign-out, lock-out, deploy checks (X-1, X-3, X-4).

Production-like settings are applied per test through the `settings` fixture,
so the checks hold for what a live site serves, not only for `make run`.
"""

from __future__ import annotations

import io
import re
import secrets
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import Client

from tests.factories import World

PASSWORD = "a-long-test-password-1"


@pytest.fixture
def deploy_env(production: Any, monkeypatch: Any, db: Any) -> Any:
    """Production-like settings and environment for `check --deploy`.

    conftest sets DJANGO_ALLOW_ASYNC_UNSAFE for the test run only (async.E001 in deployment).
    The deploy checks look in the database for the demo trust and its sign-ins (pecgov.demo.checks).
    """
    monkeypatch.delenv("DJANGO_ALLOW_ASYNC_UNSAFE", raising=False)
    production.SECURE_SSL_REDIRECT = True
    production.ALLOWED_HOSTS = ["pec.example.nhs.uk"]
    production.DEMO_MODE = False  # a deployment (pecgov.E010 refuses demo mode)
    return production


@pytest.fixture
def production(settings: Any) -> Any:
    settings.DEBUG = False
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SECURE_SSL_REDIRECT = False
    return settings


def csp_directives(response: Any) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def sign_in(client: Any, username: str, password: str) -> Any:
    return client.post("/sign-in/", {"login": username, "password": password})


# Headers


def test_csp_forbids_inline_script_and_style(client: Any, production: Any, db: Any) -> None:
    response = client.get("/")

    directives = csp_directives(response)
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-inline'" not in directives["style-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]


def test_csp_nonce_matches_the_pages_only_inline_script(client: Any, production: Any, db: Any) -> None:
    response = client.get("/sign-in/")

    nonces = [
        s[len("'nonce-") : -1] for s in csp_directives(response)["script-src"] if s.startswith("'nonce-")
    ]
    inline_scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", response.content.decode())
    assert len(nonces) == 1
    assert inline_scripts == [f'<script nonce="{nonces[0]}">']


def test_csp_nonce_differs_per_response(client: Any, production: Any, db: Any) -> None:
    first = csp_directives(client.get("/"))["script-src"]
    second = csp_directives(client.get("/"))["script-src"]

    assert first != second


def test_security_headers_are_sent(client: Any, production: Any, db: Any) -> None:
    response = client.get("/", secure=True)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_hsts_not_sent_over_plain_http(client: Any, production: Any, db: Any) -> None:
    # Browsers ignore HSTS over http; Django only sends it on secure requests.
    response = client.get("/")

    assert "Strict-Transport-Security" not in response


def test_api_responses_carry_the_security_headers(lead_client: Any, production: Any) -> None:
    response = lead_client.get("/api/committees", secure=True)

    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Strict-Transport-Security" in response


# Cookies, sign-in and sign-out


def test_session_cookie_is_httponly_and_secure(production: Any, world: World) -> None:
    client = Client()
    user = world.users["governance_lead"]

    response = sign_in(client, user.get_username(), PASSWORD)

    cookie = response.cookies[django_settings.SESSION_COOKIE_NAME]
    assert response.status_code == 302
    assert cookie["httponly"] is True
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_csrf_cookie_is_secure(production: Any, db: Any) -> None:
    response = Client().get("/sign-in/")

    cookie = response.cookies[django_settings.CSRF_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True


def test_sign_in_with_right_password_signs_in(world: World) -> None:
    client = Client()
    user = world.users["governance_lead"]

    response = sign_in(client, user.get_username(), PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert int(client.session["_auth_user_id"]) == user.pk


def test_sign_in_with_wrong_password_shows_error_summary(world: World) -> None:
    client = Client()

    response = sign_in(client, world.users["member"].get_username(), "not-the-password")

    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "nhsuk-error-summary" in html
    assert "<title>Error: Sign in" in html
    assert "_auth_user_id" not in client.session


def test_sign_in_with_nothing_entered_shows_error_summary(db: Any) -> None:
    response = sign_in(Client(), "", "")

    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


def test_sign_out_by_get_asks_to_confirm(lead_client: Any, world: World) -> None:
    response = lead_client.get("/sign-out/")

    assert response.status_code == 200
    assert '<form method="post" action="/sign-out/">' in response.content.decode()
    assert int(lead_client.session["_auth_user_id"]) == world.users["governance_lead"].pk


def test_sign_out_by_post_signs_out(lead_client: Any) -> None:
    response = lead_client.post("/sign-out/")

    assert response.status_code == 302
    assert "_auth_user_id" not in lead_client.session
    assert lead_client.get("/api/people").status_code == 401


def test_sign_out_needs_the_csrf_token(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["member"])

    response = client.post("/sign-out/")

    assert response.status_code == 403
    assert "_auth_user_id" in client.session


def test_sign_out_by_get_when_signed_out_goes_home(client: Any, db: Any) -> None:
    response = client.get("/sign-out/")

    assert response.status_code == 302
    assert response["Location"] == "/"


# Lock-out after repeated failures (allauth's ACCOUNT_RATE_LIMITS "login_failed", ADM-5)

LIMIT = 5
LOCKED = "You have tried to sign in too many times"


def test_lockout_after_failure_limit(world: World) -> None:
    """ADM-5: the sixth try within the hour is refused, even with the right password."""
    client = Client()
    username = world.users["member"].get_username()

    before = [sign_in(client, username, "wrong") for _ in range(LIMIT)]
    after_right_password = sign_in(client, username, PASSWORD)

    assert [r.status_code for r in before] == [200] * LIMIT
    assert all(LOCKED not in r.content.decode() for r in before)
    assert after_right_password.status_code == 200
    assert LOCKED in after_right_password.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_ends_when_the_window_passes(world: World) -> None:
    """ADM-5: the lock-out lasts for its window (here the cache's record of the failures)."""
    client = Client()
    user = world.users["member"]
    for _ in range(LIMIT):
        sign_in(client, user.get_username(), "wrong")

    cache.clear()
    response = sign_in(client, user.get_username(), PASSWORD)

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk


def test_failures_below_the_limit_do_not_lock(world: World) -> None:
    client = Client()
    user = world.users["member"]
    for _ in range(LIMIT - 1):
        sign_in(client, user.get_username(), "wrong")

    response = sign_in(client, user.get_username(), PASSWORD)

    assert response.status_code == 302


# Configuration


def test_password_validators_are_configured() -> None:
    names = [v["NAME"].rsplit(".", 1)[-1] for v in django_settings.AUTH_PASSWORD_VALIDATORS]

    assert names == [
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    ]


def test_unknown_url_shows_the_nhs_not_found_page(client: Any, production: Any, db: Any) -> None:
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page not found</h1>" in html
    assert "nhsuk-header" in html
    assert "Traceback" not in html


def test_deploy_check_has_no_security_warnings(deploy_env: Any) -> None:
    # What settings.py sets when PECGOV_HTTPS is on: SSL redirect stays on (PECGOV_SSL_REDIRECT
    # defaults to on) and HSTS covers subdomains with preload, so no W008, W005 or W021.
    deploy_env.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    deploy_env.SECURE_HSTS_PRELOAD = True
    deploy_env.SECRET_KEY = secrets.token_urlsafe(64)
    stdout, stderr = io.StringIO(), io.StringIO()

    try:
        call_command("check", "--deploy", stdout=stdout, stderr=stderr)
    except SystemCheckError as error:  # pragma: no cover - the failure message is the point
        pytest.fail(f"check --deploy raised errors:\n{error}")

    output = stdout.getvalue() + stderr.getvalue()
    assert re.findall(r"\b[\w.]+\.[WE]\d{3}\b", output) == []
    assert "System check identified no issues" in output


def test_deploy_check_flags_a_weak_secret_key(deploy_env: Any) -> None:
    # The test above can fail: the same check does report a weak key.
    deploy_env.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    deploy_env.SECURE_HSTS_PRELOAD = True
    deploy_env.SECRET_KEY = "django-insecure-" + "x" * 40

    # The published demo key is an error of ours too (pecgov.E011), so the check refuses.
    with pytest.raises(SystemCheckError) as refused:
        call_command("check", "--deploy", stdout=io.StringIO(), stderr=io.StringIO())

    assert "security.W009" in str(refused.value)
    assert "pecgov.E011" in str(refused.value)
