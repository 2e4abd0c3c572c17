"""The public register drawn in Python (src/pecgov/public/register_page.py) shows what the
template's NHS.UK `table` and `tag` macros showed, and what it keeps between requests (the list
of trusts, the cache time) is read again as soon as it changes (PUB-1, PUB-2, X-3)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pecgov.interests import queries as iq
from pecgov.interests import services as isv
from pecgov.policy.services import policy_override
from pecgov.public.register_page import interests_table
from pecgov.trust import services as trust_services
from pecgov.trust.trustlist import trusts
from pecgov.ui import kept
from tests.factories import SYSTEM, World
from tests.meeting_factories import declare
from tests.ui.test_fastmacros import tokens

REGISTER = "/public/register/"
API = "/api/public/declarations"

# What public/register.jinja drew for one person before the tables were drawn in Python.
TEMPLATE_BEFORE = """
{%- from "nhsuk/components/tables/macro.jinja" import table -%}
{%- from "nhsuk/components/tag/macro.jinja" import tag -%}
{% set table_rows = [] %}
{% for e in entries %}
  {% if e.withheld == "Entry withheld" %}
    {% do table_rows.append([{"html": tag({"text": "Entry withheld", "colour": "grey"}), "colspan": 5}]) %}
  {% elif e.withheld %}
    {% do table_rows.append([
      {"text": e.category},
      {"html": tag({"text": e.withheld, "colour": "grey"}), "colspan": 2},
      {"text": e["from"] | date, "classes": "pecgov-nowrap"},
      {"text": e["to"] | date if e["to"] else "Continuing", "classes": "pecgov-nowrap"}]) %}
  {% else %}
    {% do table_rows.append([
      {"text": e.category},
      {"text": e.organisation},
      {"text": e.description},
      {"text": e["from"] | date, "classes": "pecgov-nowrap"},
      {"text": e["to"] | date if e["to"] else "Continuing", "classes": "pecgov-nowrap"}]) %}
  {% endif %}
{% endfor %}
{{ table({"caption": {"text": "Interests of " ~ name, "classes": "nhsuk-u-visually-hidden"},
  "head": ["Kind", "Organisation", "Interest", "From", "To"], "rows": table_rows}) }}
"""


def entry(withheld: str = "", **kw: Any) -> dict[str, Any]:
    values = {
        "person": "Ann O'Neil",
        "category": "Financial",
        "organisation": "Acme & Sons <Ltd>",
        "description": 'Shares "A"\nand more',
        "from": dt.date(2020, 5, 1),
        "to": None,
        "withheld": withheld,
        "id": 1,
    }
    return values | kw


ENTRIES = [
    entry(),
    entry(to=dt.date(2027, 1, 31), category="Non-financial", organisation="", description=""),
    entry("Details withheld", organisation="", description=""),
    entry("Entry withheld", category="", organisation="", description="", **{"from": None}),
    entry(organisation="Acme & Sons <Ltd>", description="Second, same organisation"),
]


def test_a_persons_table_is_the_one_the_macros_drew() -> None:
    """PUB-1: the same cells, tags, spans, dates and escaping as the template's macros."""
    before = engines["jinja2"].env.from_string(TEMPLATE_BEFORE).render(entries=ENTRIES, name="Ann O'Neil")  # type: ignore[attr-defined]
    now = str(interests_table("Ann O'Neil", ENTRIES))
    assert tokens(now) == tokens(before)
    assert "Acme &amp; Sons &lt;Ltd&gt;" in now
    assert "Continuing" in now and "31 January 2027" in now


@pytest.mark.django_db
def test_the_page_lists_seated_people_with_their_seats_and_withheld_entries(
    world: World, client: Any
) -> None:
    """PUB-1: every seated person by name, their seats, and entries with what is withheld saying so."""
    member = world.people["member"]
    declare(member, world.practice, description="Published partnership")
    hidden = declare(member, None, organisation_name="Hidden Ltd", description="Hidden directorship")
    isv.declaration_withhold(actor=SYSTEM, declaration=hidden, withholding="entry", reason="Safety")

    page = client.get(REGISTER).content.decode()

    people = iq.seated(world.trust.pk)
    assert [p.name for p in people] == sorted(p.name for p in people)
    positions = [page.index(f">{p.name}</h2>") for p in people]
    assert positions == sorted(positions)
    assert all(p.seats in page for p in people)
    assert "Published partnership" in page and "Entry withheld" in page
    assert "Hidden" not in page


@pytest.mark.django_db
def test_the_public_api_finds_the_trust_by_its_code_in_any_case(world: World, other_world: World) -> None:
    """PUB-2: ?trust=els and ELS name the same trust, no code the first set up, a wrong one 404."""
    declare(other_world.people["member"], other_world.practice, description="Elsewhere interest")
    client = Client()
    lower, upper = client.get(API, {"trust": "els"}).json(), client.get(API, {"trust": "ELS"}).json()
    assert lower == upper
    assert "Elsewhere interest" in {e["description"] for e in lower["items"]}
    assert "Elsewhere interest" not in {e["description"] for e in client.get(API).json()["items"]}
    assert client.get(API, {"trust": "NOPE"}).status_code == 404
    assert client.get(API, {"trust": "ELS1"}).status_code == 404


@pytest.mark.usefixtures("transactional_db", "page_cache_on")
class TestKept:
    """With the page cache on, the list of trusts and the cache time are kept between requests."""

    @pytest.fixture(autouse=True)
    def _nothing_kept(self) -> None:
        kept.forget()

    def test_the_trust_list_is_not_read_again_after_a_write_in_a_trust(self, world: World) -> None:
        """X-3: a declaration changes no trust's row, so the list of trusts stays kept."""
        trusts()
        declare(world.people["member"], world.practice, description="New")
        with CaptureQueriesContext(connection) as ctx:
            trusts()
        assert len(ctx.captured_queries) == 1  # the version only

    def test_a_new_or_renamed_trust_is_offered_at_once(self, world: World) -> None:
        """PUB-1: the register's trust list shows a new trust and a new name on the next request."""
        client = Client()
        assert "Newtown PCT" not in client.get(REGISTER).content.decode()
        trust_services.trust_create(actor=SYSTEM, name="Newtown PCT", ods_code="NEW")
        assert '<option value="NEW" >Newtown PCT</option>' in client.get(REGISTER).content.decode()

        trust_services.organisation_update(actor=SYSTEM, organisation=world.trust, name="Renamed PCT")
        page = client.get(REGISTER, {"trust": world.trust.ods_code}).content.decode()
        assert "Register of interests: Renamed PCT" in page
        assert f'<option value="{world.trust.ods_code}" selected>Renamed PCT</option>' in page

    def test_a_new_cache_time_is_sent_at_once(self, world: World) -> None:
        """PUB-1: the pack's `public.cache_seconds`, overridden, is the next answer's max-age."""
        client = Client()
        assert client.get(REGISTER)["Cache-Control"] == "public, max-age=300"
        policy_override(actor=SYSTEM, trust=world.trust, key="public.cache_seconds", value=60, reason="Test")
        assert client.get(REGISTER)["Cache-Control"] == "public, max-age=60"
        assert client.get(reverse("public:public_register_csv"))["Cache-Control"] == "public, max-age=60"
