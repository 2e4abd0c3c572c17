"""Access matrix (X-1): every URL pattern the project defines, requested as every role.

A URL pattern missing from EXPECTED fails the test, so a new page cannot ship
without deciding who may see it. Another trust's governance lead ("other_lead")
gets 404 for objects, never 403: they must not learn the object exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pecgov.api.tokens import token_create
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import LinkKind, OrganisationKind
from tests.access_roles import LEAD, POST_ONLY, ROLES, TRUST_USERS, everyone, page
from tests.downloads import close_download
from tests.factories import START, SYSTEM, World, make_org
from tests.meeting_factories import conflicted_item

HISTORY = {"governance_lead", "pec_chair", "pct_chair", "chief_executive"}
AUDIT = {"governance_lead", "pct_chair", "chief_executive"}


def api(*, object_level: bool) -> dict[str, int]:
    expected = {role: (200 if role in TRUST_USERS else 403) for role in ROLES}
    expected["anonymous"] = 401
    if object_level:
        expected["other_lead"] = 404
    return expected


SIGNED_IN_ONLY = {role: 200 for role in ROLES} | {"anonymous": 302}

EXPECTED: dict[str, dict[str, int]] = {
    "home": everyone(200),
    "login": everyone(200) | {role: 302 for role in ROLES if role != "anonymous"},  # signed in: sent home
    "logout": {role: 200 for role in ROLES} | {"anonymous": 302},
    "accessibility": everyone(200),
    "healthz": everyone(200),
    "api_tokens": SIGNED_IN_ONLY,
    "api_token_revoke": POST_ONLY,
    "trust:organisation_list": page(TRUST_USERS, object_level=False),
    "trust:organisation_create": page(LEAD, object_level=False),
    "trust:organisation_detail": page(TRUST_USERS, object_level=True),
    "trust:organisation_edit": page(LEAD, object_level=True),
    "trust:organisation_history": page(HISTORY | {"other_lead"}, object_level=True),
    "trust:organisation_link_create": page(LEAD, object_level=True),
    "trust:organisation_link_end": page(LEAD, object_level=True),
    "trust:person_list": page(TRUST_USERS, object_level=False),
    "trust:person_create": page(LEAD, object_level=False),
    "trust:person_detail": page(TRUST_USERS, object_level=True),
    "trust:person_edit": page(LEAD, object_level=True),
    "trust:person_history": page(HISTORY | {"other_lead"}, object_level=True),
    "trust:committee_list": page(TRUST_USERS, object_level=False),
    "trust:committee_create": page(LEAD, object_level=False),
    "trust:committee_detail": page(TRUST_USERS, object_level=True),
    "trust:committee_edit": page(LEAD, object_level=True),
    "trust:committee_history": page(HISTORY | {"other_lead"}, object_level=True),
    "trust:membership_create": page(LEAD, object_level=True),
    "trust:membership_edit": page(LEAD, object_level=True),
    "trust:membership_end": page(LEAD, object_level=True),
    "trust:membership_history": page(HISTORY | {"other_lead"}, object_level=True),
    "policy:detail": page(TRUST_USERS, object_level=False),
    "policy:pack": page(LEAD, object_level=False),
    "policy:override_create": page(LEAD, object_level=False),
    "policy:override_withdraw": POST_ONLY,  # see test_post_only_urls_refuse_get
    "audit:ledger": page(AUDIT | {"other_lead"}, object_level=False),
    "api-1.0.0:openapi-json": everyone(200),
    "api-1.0.0:openapi-view": everyone(200),
    "api-1.0.0:api-root": everyone(404),
    "api-1.0.0:list_organisations": api(object_level=False),
    "api-1.0.0:get_organisation": api(object_level=True),
    "api-1.0.0:list_people": api(object_level=False),
    "api-1.0.0:get_person": api(object_level=True),
    "api-1.0.0:list_committees": api(object_level=False),
    "api-1.0.0:get_committee": api(object_level=True),
    "api-1.0.0:list_committee_memberships": api(object_level=True),
    "api-1.0.0:get_committee_findings": api(object_level=True),
    "api-1.0.0:list_memberships": api(object_level=False),
    "api-1.0.0:list_meetings": api(object_level=False),
    "api-1.0.0:get_meeting": api(object_level=True),
    "api-1.0.0:get_item_conflicts": api(object_level=True),
    "api-1.0.0:get_item_statement": api(object_level=True),
    "api-1.0.0:list_declarations": api(object_level=False),
    # The scheme, function coverage, cases and the pipeline (PBC-1, TOR-2, POL-3).
    "api-1.0.0:list_scheme": api(object_level=False),
    # The route question needs kind and value: without them a trust user gets 422.
    "api-1.0.0:get_scheme_route": {role: (422 if role in TRUST_USERS else 403) for role in ROLES}
    | {"anonymous": 401},
    "api-1.0.0:get_function_coverage": api(object_level=False),
    "api-1.0.0:list_cases": api(object_level=False),
    "api-1.0.0:create_case": api(object_level=False),  # same path as list_cases: GET lists
    "api-1.0.0:get_case": api(object_level=True),
    "api-1.0.0:list_pipeline": api(object_level=False) | {"practice_lead": 403},
    "api-1.0.0:list_decisions": api(object_level=False) | {"practice_lead": 403},  # PBC-7
    "api-1.0.0:list_public_declarations": everyone(200),
    # Django's admin is for staff only; none of these roles is staff.
    "admin:*": everyone(302),
}


# Areas added later contribute rows from their own module (tests/<area>/access_rows.py):
# ROWS (name -> role -> status), make_objects(world, other_world) -> dict, and
# kwargs(name, world, objects) -> dict | None (None: not theirs).
AREA_MODULES = [
    "tests.meetings.access_rows",
    "tests.interests.access_rows",
    "tests.conflicts.access_rows",
    "tests.delegation.access_rows",
    "tests.commissioning.access_rows",
    "tests.pbc.access_rows",
    "tests.appointments.setup_access_rows",
    "tests.appointments.assess_access_rows",
    "tests.appointments.applicant_access_rows",
    "tests.notifications.access_rows",
    "tests.packs.access_rows",
    "tests.public.access_rows",
    "tests.members.access_rows",
    "tests.imports.access_rows",
    "tests.onboarding.access_rows",
    "tests.accounts.access_rows",
    "tests.surveys.access_rows",
    "tests.effectiveness.access_rows",
    "tests.api.access_rows",
    "tests.search.access_rows",
    "tests.effectiveness.access_rows",
    "tests.effectiveness.report_access_rows",
    "tests.surveys.access_rows",
    "tests.checklist.access_rows",
    "tests.engagement.access_rows",
    "tests.api.write_access_rows",
    "tests.api.writes_access_rows",
    "tests.api.appointment_writes_access_rows",
]
AREAS = []
for _module in AREA_MODULES:
    try:
        AREAS.append(__import__(_module, fromlist=["ROWS"]))
    except ModuleNotFoundError as error:
        if error.name != _module:
            raise
for _area in AREAS:
    EXPECTED.update(_area.ROWS)


def url_names() -> Iterator[str]:
    def walk(patterns: list[Any], namespace: str) -> Iterator[str]:
        for p in patterns:
            if isinstance(p, URLResolver):
                ns = namespace + (f"{p.namespace}:" if p.namespace else "")
                yield from walk(p.url_patterns, ns)
            elif isinstance(p, URLPattern):
                yield namespace + (p.name or f"<unnamed {p.pattern}>")

    for name in walk(get_resolver().url_patterns, ""):
        yield "admin:*" if name.startswith("admin:") else name


def _parametrised() -> set[str]:
    def walk(patterns: list[Any], namespace: str, prefix: str) -> Iterator[tuple[str, str]]:
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(
                    p.url_patterns,
                    namespace + (f"{p.namespace}:" if p.namespace else ""),
                    prefix + str(p.pattern),
                )
            elif isinstance(p, URLPattern) and p.name:
                yield namespace + p.name, prefix + str(p.pattern)

    return {name for name, route in walk(get_resolver().url_patterns, "", "") if "<" in route}


PARAMETRISED = _parametrised()


def test_access_matrix_covers_every_url_pattern() -> None:
    names = set(url_names())
    missing = sorted(names - set(EXPECTED))
    stale = sorted(set(EXPECTED) - names)
    assert missing == [], f"URL patterns with no row in the access matrix: {missing}"
    assert stale == [], f"Access matrix rows for URLs that no longer exist: {stale}"


@pytest.fixture
def objects(world: World, other_world: World) -> dict[str, Any]:
    group = make_org(world.trust, OrganisationKind.PBC_GROUP, "Matrix PBC Group")
    link = ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=world.practice,
        to_organisation=group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )
    override = policy_override(
        actor=SYSTEM, trust=world.trust, key="composition.max_members", value=10, reason="Matrix"
    )
    membership = world.pec.memberships.first()
    token, _ = token_create(actor=SYSTEM, user=world.users["member"], name="matrix")
    _meeting, api_item, _chair = conflicted_item(world)
    made = {
        "link": link,
        "override": override,
        "membership": membership,
        "token": token,
        "api_item": api_item,
    }
    for area in AREAS:
        made.update(area.make_objects(world, other_world))
    return made


def kwargs_for(name: str, world: World, objects: dict[str, Any]) -> dict[str, int]:
    for area in AREAS:
        found = area.kwargs(name, world, objects)
        if found is not None:
            return found
    person = world.people["member"]
    by_name: dict[str, dict[str, int]] = {
        "api_token_revoke": {"pk": objects["token"].pk},
        "api-1.0.0:get_case": {"case_id": objects["cm_case"].pk},
        "trust:organisation_link_end": {"pk": objects["link"].pk},
        "policy:override_withdraw": {"pk": objects["override"].pk},
        "api-1.0.0:get_organisation": {"org_id": world.practice.pk},
        "api-1.0.0:get_person": {"person_id": person.pk},
        "api-1.0.0:get_committee": {"committee_id": world.pec.pk},
        "api-1.0.0:list_committee_memberships": {"committee_id": world.pec.pk},
        "api-1.0.0:get_committee_findings": {"committee_id": world.pec.pk},
        "api-1.0.0:get_meeting": {"meeting_id": objects["api_item"].meeting_id},
        "api-1.0.0:get_item_conflicts": {"item_id": objects["api_item"].pk},
        "api-1.0.0:get_item_statement": {"item_id": objects["api_item"].pk},
    }
    if name in by_name:
        return by_name[name]
    if name not in PARAMETRISED:
        return {}
    if name.startswith("trust:organisation_"):
        return {"pk": world.practice.pk}
    if name.startswith("trust:person_"):
        return {"pk": person.pk}
    if name.startswith("trust:committee_") or name == "trust:membership_create":
        return {"pk": world.pec.pk}
    if name.startswith("trust:membership_"):
        return {"pk": objects["membership"].pk}
    return {}


def client_as(role: str, world: World, other_world: World) -> Client:
    client = Client()
    if role == "other_lead":
        client.force_login(other_world.users["governance_lead"])
    elif role != "anonymous":
        client.force_login(world.users[role])
    return client


@pytest.mark.parametrize("role", ROLES)
def test_access_matrix_status_for_role(
    role: str, world: World, other_world: World, objects: dict[str, Any]
) -> None:
    client = client_as(role, world, other_world)
    failures = []
    for name, expected in EXPECTED.items():
        url = (
            reverse("admin:index")
            if name == "admin:*"
            else reverse(name, kwargs=kwargs_for(name, world, objects) or None)
        )
        response = client.get(url)
        status = response.status_code
        close_download(response)
        if status != expected[role]:
            failures.append(f"{name} ({url}): expected {expected[role]}, got {status}")
    assert failures == []


def test_post_only_urls_refuse_get_and_check_role_on_post(
    world: World, other_world: World, objects: dict[str, Any]
) -> None:
    url = reverse("policy:override_withdraw", kwargs={"pk": objects["override"].pk})
    assert client_as("member", world, other_world).post(url).status_code == 403
    assert client_as("other_lead", world, other_world).post(url).status_code == 404
    assert client_as("anonymous", world, other_world).post(url).status_code == 302
    assert client_as("governance_lead", world, other_world).post(url).status_code == 302
    objects["override"].refresh_from_db()
    assert objects["override"].withdrawn_at is not None
    revoke = reverse("api_token_revoke", kwargs={"pk": objects["token"].pk})
    assert client_as("governance_lead", world, other_world).post(revoke).status_code == 404  # not their token
    assert client_as("member", world, other_world).post(revoke).status_code == 302
