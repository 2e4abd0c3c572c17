"""The access matrix's rows (X-1, PUB-2) for the API writes of the meeting, case and PBC group
forms, read by tests/test_access_matrix.py. Each is a POST on a path of its own, so every role's
GET is 405; who may POST is tested per operation in tests/api/test_meeting_edits_api.py,
test_case_steps_api.py and test_pbc_writes_api.py (the page's role succeeds, another is 403,
another trust's object is 404). The edits of a meeting and an item (PATCH) and the paper
upload share their paths with reads, so a GET answers as that read does."""

from __future__ import annotations

from typing import Any

from tests.access_roles import POST_ONLY
from tests.api.access_rows import OBJECT
from tests.factories import World

# Which parameters each path takes; any id serves, since a GET is refused before any lookup.
PARAMS: dict[str, dict[str, Any]] = {
    "correct_minutes": {"minutes_id": 1},
    "add_case_document": {"case_id": 1},
    "record_scrutiny": {"case_id": 1, "aspect": "clinical"},
    "schedule_case": {"case_id": 1},
    "decide_case": {"case_id": 1},
    "return_case": {"case_id": 1},
    "resubmit_case": {"case_id": 1},
    "withdraw_case": {"case_id": 1},
    "record_pbc_maturity": {"group_id": 1},
    "add_pbc_support": {"group_id": 1},
    "end_pbc_support": {"support_id": 1},
    "create_pbc_link": {},
    "end_pbc_link": {"link_id": 1},
    "publish_declaration": {"declaration_id": 1},
    "raise_concern": {"item_id": 1},
    "send_statement": {"item_id": 1},
}
ROWS: dict[str, dict[str, int]] = {f"api-1.0.0:{name}": POST_ONLY for name in PARAMS}
# Same path as get_meeting, get_item, list_item_papers and get_declaration: (parameter, object) for each.
SHARED = {
    "edit_meeting": ("meeting_id", "api_meeting"),
    "edit_item": ("item_id", "api_item2"),
    "upload_paper": ("item_id", "api_item2"),
    "edit_declaration": ("declaration_id", "api_declaration"),
}
ROWS |= {f"api-1.0.0:{name}": OBJECT for name in SHARED}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    short = name.removeprefix("api-1.0.0:")
    if short in SHARED:
        arg, key = SHARED[short]
        return {arg: objects[key].pk}
    return PARAMS[short]
