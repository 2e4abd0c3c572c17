"""The applicant pages' rows of the access matrix (X-1, APP-3, APP-7), read by
tests/test_access_matrix.py.

The public pages answer everyone; an applicant's own pages answer only them: the "applicant"
role owns the application the URLs name, so every other role, the trust's governance lead
included, gets 404 (they must not learn it exists). POST-only URLs answer 405 to every GET.
"""

from __future__ import annotations

from typing import Any

from tests.access_roles import POST_ONLY, ROLES, everyone
from tests.appointment_factories import apply, make_campaign
from tests.factories import World

SIGNED_IN = {role: 200 for role in ROLES} | {"anonymous": 302}
OWNER_ONLY = {role: 404 for role in ROLES} | {"anonymous": 302, "applicant": 200}

ROWS: dict[str, dict[str, int]] = {
    "applicants:posts": everyone(200),
    "applicants:post_detail": everyone(200),
    # Anonymous visitors get the "sign in or create an account" page; anyone signed in the form.
    "applicants:apply": everyone(200),
    "applicants:register": everyone(302) | {"anonymous": 200},
    "applicants:my_applications": SIGNED_IN,
    "applicants:my_application": OWNER_ONLY,
    "applicants:offer_respond": POST_ONLY,
    "applicants:withdraw": POST_ONLY,
    "applicants:my_data": OWNER_ONLY,
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    """An open campaign in `world` that the "applicant" role has applied to."""
    campaign = make_campaign(world)
    application = apply(campaign, name="Dr Matrix Applicant", user=world.users["applicant"])
    return {"applicant_campaign": campaign, "applicant_application": application}


PK_OF = {
    "applicants:post_detail": "applicant_campaign",
    "applicants:apply": "applicant_campaign",
    "applicants:my_application": "applicant_application",
    "applicants:offer_respond": "applicant_application",
    "applicants:withdraw": "applicant_application",
    "applicants:my_data": "applicant_application",
}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    if name not in PK_OF:
        return {}
    return {"pk": objects[PK_OF[name]].pk}
