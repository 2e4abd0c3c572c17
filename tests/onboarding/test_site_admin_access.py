"""A site administrator against every URL of the access matrix (ADM-1, X-1).

The site administrator holds no role in any trust: everywhere outside the site pages they are
answered like a signed-in person with no trust (the matrix's applicant), so they never see a
trust's records, its register or a declaration's withheld details. The site pages open to them."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from tests.access_roles import ROLES
from tests.downloads import close_download
from tests.factories import World
from tests.onboarding.access_rows import SITE_PAGES
from tests.onboarding.helpers import make_site_admin
from tests.test_access_matrix import EXPECTED, kwargs_for, objects  # noqa: F401  # objects: a fixture

# Where a site administrator differs from a signed-in person with no trust.
SITE_ADMIN_OWN = dict.fromkeys(SITE_PAGES, 200) | {
    "home": 302,  # home sends them to their trusts
    # The matrix's applicant owns these applications; anyone else learns nothing of them.
    "applicants:my_application": 404,
    "applicants:my_data": 404,
    "api-1.0.0:get_my_application": 404,
}


def test_site_admin_gets_the_site_pages_and_nothing_of_a_trust(world: World, objects: dict[str, Any]) -> None:  # noqa: F811
    """ADM-1: 200 on the site pages; elsewhere the status a person with no trust gets (403 on
    a trust's pages and API, 404 on its objects where others learn nothing)."""
    assert "site_admin" not in ROLES
    client = Client()
    client.force_login(make_site_admin())
    failures = []
    for name, expected in EXPECTED.items():
        want = SITE_ADMIN_OWN.get(name, expected["applicant"])
        url = (
            reverse("admin:index")
            if name == "admin:*"
            else reverse(name, kwargs=kwargs_for(name, world, objects) or None)
        )
        response = client.get(url)
        close_download(response)
        if response.status_code != want:
            failures.append(f"{name} ({url}): expected {want}, got {response.status_code}")
    assert failures == []


def test_site_admin_cannot_read_a_withheld_declaration(world: World) -> None:
    """ADM-1: the register and a person's interests refuse the site administrator."""
    person = world.people["member"]
    client = Client()
    client.force_login(make_site_admin())
    for url in (reverse("interests:register"), reverse("interests:person_interests", args=[person.pk])):
        assert client.get(url).status_code in (403, 404), url
