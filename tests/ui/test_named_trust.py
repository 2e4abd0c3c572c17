"""A public page naming its trust (`?trust=<ODS code>`, PUB-1) is kept under that trust's data
version; the code is looked up once per shared version in each process (src/pecgov/trust/scopes.py),
and a trust made or given another code is found at once."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory

from pecgov.actors import SYSTEM
from pecgov.trust import services as trust_services
from pecgov.trust.scopes import named_trust
from tests.factories import World

pytestmark = pytest.mark.usefixtures("transactional_db", "page_cache_on")


def ask(code: str) -> int | None:
    return named_trust(RequestFactory().get("/public/register/", {"trust": code}))


def test_a_code_is_read_once_then_kept(world: World, django_assert_num_queries: Any) -> None:
    code = world.trust.ods_code
    assert ask(code) == world.trust.pk
    with django_assert_num_queries(1):  # the shared version only, no scan of the organisations
        assert ask(code) == world.trust.pk
    assert ask(code.lower()) == world.trust.pk  # as before: any case
    assert ask("NOSUCH") is None
    assert named_trust(RequestFactory().get("/public/register/")) is None


def test_a_trust_given_another_code_is_found_by_it_at_once(world: World) -> None:
    old = world.trust.ods_code
    assert ask(old) == world.trust.pk
    assert ask("NEW1") is None
    trust_services.organisation_update(actor=SYSTEM, organisation=world.trust, ods_code="NEW1")
    assert ask("NEW1") == world.trust.pk
    assert ask(old) is None
