"""The public site's rows of the access matrix (X-1), read by tests/test_access_matrix.py.

Every public page, export and feed answers everyone, signed in or not; a user's own calendar
feed page needs sign-in; the secret feed answers whoever holds its address."""

from __future__ import annotations

from typing import Any

from pecgov.public import services
from tests.access_roles import POST_ONLY, ROLES, everyone
from tests.factories import World
from tests.public.helpers import published

SIGNED_IN = {role: 200 for role in ROLES} | {"anonymous": 302}
PUBLIC = [
    "trust",
    "committee",
    "members_csv",
    "committee_calendar",
    "meetings",
    "meetings_csv",
    "meeting",
    "attendance_csv",
    "paper",
    "decisions",
    "decisions_csv",
    "cases_csv",
    "statements",
    "statement",
]
POPOLO = ["persons", "organizations", "memberships", "vote_events", "events"]

ROWS: dict[str, dict[str, int]] = (
    {f"public:{name}": everyone(200) for name in PUBLIC}
    | {f"popolo:{name}": everyone(200) for name in POPOLO}
    | {
        "public:feed": SIGNED_IN,
        "public:feed_create": POST_ONLY,
        "public:feed_revoke": POST_ONLY,
        "public:private_feed": everyone(200),  # the secret address is the key
    }
)

PK_OF = {
    "public:committee": "pub_committee",
    "public:members_csv": "pub_committee",
    "public:committee_calendar": "pub_committee",
    "public:meeting": "pub_meeting",
    "public:attendance_csv": "pub_meeting",
    "public:paper": "pub_paper",
    "public:statement": "pub_statement",
    "public:feed_revoke": "pub_feed",
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    pub = published(world)
    user = world.users["member"]
    feed, key = services.feed_create(actor=user, user=user)
    return {
        "pub_key": pub.key,
        "pub_committee": world.pec,
        "pub_meeting": pub.meeting,
        "pub_paper": pub.public_paper,
        "pub_statement": pub.decided,
        "pub_feed": feed,
        "pub_feed_key": key,
    }


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name == "public:private_feed":
        return {"key": objects["pub_feed_key"]}
    if name in PK_OF and name != "public:feed_revoke":
        return {"trust": objects["pub_key"], "pk": objects[PK_OF[name]].pk}
    if name == "public:feed_revoke":
        return {"pk": objects["pub_feed"].pk}
    if name.startswith("popolo:") or name in {f"public:{n}" for n in PUBLIC}:
        return {"trust": objects["pub_key"]}
    return {} if name in ROWS else None
