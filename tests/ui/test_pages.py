"""The service's own pages: landing, home dashboard, sign-in, accessibility, health check (X-3, POL-4, X-1).

The home page shows the PEC's compliance the same way the committee page does;
demo sign-ins are published only in demo mode.
"""

from __future__ import annotations

from typing import Any

import pytest

from pecgov.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from pecgov.trust.enums import MembershipRole, Profession
from tests.factories import World, make_person, seat


def test_landing_page_for_anonymous_offers_sign_in(client: Any, world: World) -> None:
    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<a class="nhsuk-button" href="/sign-in/">Sign in</a>' in html
    assert world.trust.name not in html


def test_home_for_lead_shows_trust_and_lawful_pec(lead_client: Any, world: World) -> None:
    response = lead_client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{world.trust.name}</h1>" in html
    assert world.pec.name in html
    assert "Constituted lawfully" in html
    assert "not met" not in html


def test_home_shows_failing_rules_when_pec_is_unlawful(lead_client: Any, world: World) -> None:
    for _ in range(6):
        seat(make_person(world.trust, Profession.MANAGER), world.pec, MembershipRole.MANAGEMENT)

    html = lead_client.get("/").content.decode()

    assert "Constituted lawfully" not in html
    assert "not met" in html


def test_home_for_lead_shows_only_own_trust(lead_client: Any, world: World, other_world: World) -> None:
    html = lead_client.get("/").content.decode()

    assert world.trust.name in html
    assert other_world.trust.name not in html


@pytest.mark.parametrize("role", ["member", "pec_chair", "pct_chair", "practice_lead"])
def test_home_for_trust_roles_shows_trust(client_for: Any, world: World, role: str) -> None:
    response = client_for(role).get("/")

    assert response.status_code == 200
    assert f"<h1>{world.trust.name}</h1>" in response.content.decode()


def test_home_for_applicant_says_no_trust_yet(client_for: Any, world: World) -> None:
    response = client_for("applicant").get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your account is not linked to a trust yet" in html
    assert world.trust.name not in html


def test_sign_in_page_lists_demo_sign_ins_in_demo_mode(client: Any, settings: Any, db: Any) -> None:
    settings.DEMO_MODE = True

    html = client.get("/sign-in/").content.decode()

    assert "Demo sign-ins" in html
    assert DEMO_PASSWORD in html
    assert all(f"<strong>{a.username}</strong>" in html for a in DEMO_ACCOUNTS)


def test_sign_in_page_hides_demo_sign_ins_outside_demo_mode(client: Any, settings: Any, db: Any) -> None:
    settings.DEMO_MODE = False

    response = client.get("/sign-in/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Sign in</h1>" in html
    assert "Demo sign-ins" not in html
    assert DEMO_PASSWORD not in html


def test_sign_in_page_redirects_when_already_signed_in(lead_client: Any) -> None:
    response = lead_client.get("/sign-in/")

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_accessibility_statement_is_public(client: Any, db: Any) -> None:
    response = client.get("/accessibility/")

    assert response.status_code == 200
    assert "Accessibility statement" in response.content.decode()


def test_healthz_reports_ok(client: Any, db: Any) -> None:
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_footer_links_to_api_docs(client: Any, db: Any) -> None:
    html = client.get("/").content.decode()

    assert 'href="/api/docs"' in html
