"""Query counts of the site administrator's trust list (ADM-1): the same for 1 and 6 trusts (each trust is a whole world to build)."""

from __future__ import annotations

from django.test import Client

from tests.factories import make_trust
from tests.onboarding.helpers import make_site_admin
from tests.test_query_counts import count_queries


def test_trust_list_query_count_is_flat(db: object) -> None:
    client = Client()
    client.force_login(make_site_admin())
    make_trust(name="First PCT", pec_size=3)
    few = count_queries(client, "/site/trusts/")
    for i in range(5):
        make_trust(name=f"More PCT {i}", pec_size=3)
    many = count_queries(client, "/site/trusts/")
    assert many == few
