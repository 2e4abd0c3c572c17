"""The annual report's and the scorecard's rows of the access matrix (X-1), read by
tests/test_access_matrix.py: those who see the measures read the report and the scorecard; only
the governance lead writes and publishes (EFF-2, EFF-3)."""

from __future__ import annotations

from typing import Any

from pecgov.effectiveness.report import services
from tests.access_roles import LEAD, POST_ONLY, ROLES, page
from tests.effectiveness.access_rows import VIEW
from tests.factories import World


def _api(*, object_level: bool) -> dict[str, int]:
    expected = {role: (200 if role in VIEW else 403) for role in ROLES}
    expected["anonymous"] = 401
    if object_level:
        expected["other_lead"] = 404
    return expected


ROWS: dict[str, dict[str, int]] = {
    "effectiveness:report_list": page(VIEW, object_level=False),
    "effectiveness:report_create": page(LEAD, object_level=False),
    "effectiveness:report_detail": page(VIEW, object_level=True),
    "effectiveness:report_edit": page(LEAD, object_level=True),
    "effectiveness:report_publish": POST_ONLY,
    "effectiveness:report_pdf": page(VIEW, object_level=True),
    "effectiveness:report_csv": page(VIEW, object_level=True),
    "effectiveness:scorecard": page(VIEW, object_level=False),
    "api-1.0.0:list_reports": _api(object_level=False),
    "api-1.0.0:get_report": _api(object_level=True),
    "api-1.0.0:get_scorecard": _api(object_level=False),
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    start, end = services.financial_year()
    report = services.report_create(
        actor=world.users["governance_lead"], trust=world.trust, start=start, end=end
    )
    return {"annual_report": report}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name not in ROWS:
        return None
    if name == "api-1.0.0:get_report":
        return {"report_id": objects["annual_report"].pk}
    if name.startswith("effectiveness:report_") and name not in {
        "effectiveness:report_list",
        "effectiveness:report_create",
    }:
        return {"pk": objects["annual_report"].pk}
    return {}
