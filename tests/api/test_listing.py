"""The list kit every endpoint shares (PUB-2): one `ordering` parameter, documented with its
choices, `-` to reverse, an unknown name 422 naming the choices; and edits that carry the
version they read (X-5)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pecgov.api.listing import Order, sorted_rows
from pecgov.api.versions import Editable, StaleVersion
from pecgov.errors import DomainError
from pecgov.trust.models import Organisation
from tests.appointment_factories import make_campaign, make_post
from tests.factories import SYSTEM, World


def test_a_list_orders_by_a_named_field_and_reverses_with_a_minus(lead_client: Any, world: World) -> None:
    """PUB-2: `ordering=reference` ascending, `-reference` descending, same set of rows."""
    post = make_post(world)
    for _ in range(3):
        make_campaign(world, post)

    up = lead_client.get("/api/appointments/campaigns", {"ordering": "reference"}).json()["items"]
    down = lead_client.get("/api/appointments/campaigns", {"ordering": "-reference"}).json()["items"]

    refs = [c["reference"] for c in up]
    assert len(refs) == 3 and refs == sorted(refs)
    assert [c["reference"] for c in down] == sorted(refs, reverse=True)


def test_an_unknown_ordering_is_422_naming_the_choices(lead_client: Any, world: World) -> None:
    """PUB-2: an ordering outside the list's fields is refused, naming what is allowed."""
    response = lead_client.get("/api/appointments/campaigns", {"ordering": "advert"})

    assert response.status_code == 422
    message = response.json()["errors"]["ordering"][0]
    assert "closes_on" in message and "reference" in message and "advert" not in message


def test_the_openapi_document_names_each_lists_ordering_choices(lead_client: Any) -> None:
    """PUB-2: documented once, per list: the parameter lists its choices and default."""
    schema = lead_client.get("/api/openapi.json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/appointments/campaigns"]["get"]["parameters"]}

    assert params["ordering"]["schema"]["default"] == "-closes_on"
    assert "reference" in params["ordering"]["description"]


def test_sorted_rows_orders_a_plain_list_with_blanks_last() -> None:
    """PUB-2: a plain-array answer orders as a paged one does."""
    rows: list[dict[str, dt.date | None]] = [
        {"d": dt.date(2026, 1, 2)},
        {"d": None},
        {"d": dt.date(2026, 1, 1)},
    ]
    fields = {"date": "d"}

    assert [r["d"] for r in sorted_rows(rows, "date", fields, "date")][:2] == [
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 2),
    ]
    assert [r["d"] for r in sorted_rows(rows, "-date", fields, "date")] == [
        dt.date(2026, 1, 2),
        dt.date(2026, 1, 1),
        None,
    ]
    with pytest.raises(DomainError):
        sorted_rows(rows, "other", fields, "date")


def test_an_order_with_a_default_outside_its_fields_is_refused() -> None:
    with pytest.raises(DomainError):
        Order({"name": "name"}, "-id")


def test_an_edit_read_at_an_older_version_is_stale_with_what_changed(world: World) -> None:
    """X-5: the version names the values read; a change since is refused with what changed, in
    the page's words, whether it came as If-Match (quoted, as an ETag) or as `read_version`."""
    org = world.trust
    edits: Editable[Organisation] = Editable(
        fields={"name": "name", "ods_code": "ods_code"}, labels={"name": "name of the organisation"}
    )
    token = edits.read_version(org)
    Organisation.objects.filter(pk=org.pk).update(name="Renamed trust")

    with pytest.raises(StaleVersion) as by_header:
        edits.check(org, if_match=f'"{token}"')
    with pytest.raises(StaleVersion) as by_body:
        edits.check(org, read_version=token)

    assert list(by_header.value.errors) == list(by_body.value.errors) == ["name"]
    assert by_body.value.errors["name"][0] == f"name of the organisation {org.name} → Renamed trust"
    with pytest.raises(StaleVersion) as forged:
        edits.check(org, read_version="not-a-version")
    assert list(forged.value.errors) == ["read_version"]
    other_kind: Editable[Organisation] = Editable(fields={"name": "name"}, labels={})
    with pytest.raises(StaleVersion):  # another kind of record's version is not this one's
        other_kind.check(org, if_match=token)
    fresh = edits.check(org, if_match=edits.read_version(Organisation.objects.get(pk=org.pk)))
    assert fresh.name == "Renamed trust"
    assert edits.check(org) == fresh  # no version sent: no check, as a page's form


@pytest.mark.parametrize(
    ("path", "field", "key"),
    [
        ("/api/people", "name", "name"),
        ("/api/organisations", "name", "name"),
        ("/api/memberships", "role", "role"),
        ("/api/delegations", "start_date", "start_date"),
        ("/api/policy/overrides", "key", "key"),
        ("/api/appointments/posts", "title", "title"),
    ],
)
def test_every_list_takes_the_same_ordering(
    lead_client: Any, world: World, path: str, field: str, key: str
) -> None:
    """PUB-2: the same parameter on each list: ascending, `-` descending, unknown 422."""
    make_post(world)
    make_post(world, "chair")
    from pecgov.policy.services import policy_override
    from tests.delegation.helpers import delegate, local

    policy_override(actor=SYSTEM, trust=world.trust, key="composition.max_members", value=9, reason="a")
    policy_override(actor=SYSTEM, trust=world.trust, key="composition.min_members", value=3, reason="b")
    delegate(local(world, name="One"), world.pec)
    delegate(local(world, name="Two"), world.pec, start=dt.date(2021, 1, 1))

    up = [r[key] for r in lead_client.get(path, {"ordering": field, "limit": 500}).json()["items"]]
    down = [r[key] for r in lead_client.get(path, {"ordering": f"-{field}", "limit": 500}).json()["items"]]
    bad = lead_client.get(path, {"ordering": "nope"})

    assert len(set(up)) > 1, up
    assert up == sorted(up) and down == sorted(up, reverse=True)
    assert bad.status_code == 422 and field in bad.json()["errors"]["ordering"][0]
