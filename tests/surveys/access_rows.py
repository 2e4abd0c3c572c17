"""The survey pages' rows of the access matrix (X-1, EFF-2), read by tests/test_access_matrix.py.
The lead runs surveys; everyone working in the trust may read results; the answer page is open
to anyone holding a valid link (no account needed)."""

from __future__ import annotations

from typing import Any

from pecgov.surveys.models import Recipient
from tests.access_roles import LEAD, POST_ONLY, ROLES, TRUST_USERS, everyone, page
from tests.factories import World
from tests.surveys.helpers import opened, token_of

ROWS: dict[str, dict[str, int]] = {
    "surveys:list": page(TRUST_USERS, object_level=False),
    "surveys:create": page(LEAD, object_level=False),
    "surveys:detail": page(LEAD, object_level=True),
    "surveys:question_add": page(LEAD, object_level=True),
    "surveys:question_edit": page(LEAD, object_level=True),
    "surveys:question_remove": POST_ONLY,
    "surveys:recipients_members": POST_ONLY,
    "surveys:recipients_partners": page(LEAD, object_level=True),
    "surveys:recipient_remove": POST_ONLY,
    "surveys:open": page(LEAD, object_level=True),
    "surveys:remind": POST_ONLY,
    "surveys:close": POST_ONLY,
    "surveys:results": page(TRUST_USERS, object_level=True),
    "surveys:results_csv": page(TRUST_USERS, object_level=True),
    # Anyone holding a valid link, signed in or not (EFF-2: partners need no account). The
    # emailed link is exchanged on its first opening and redirects to the answer page, which
    # opens for the browser that opened the link: each role's client visits the link just
    # before the answer page (rows in this order), so both open. The refusal page with no
    # refusal to show says the link cannot be used (404).
    "surveys:answer": everyone(302),
    "surveys:answer_form": everyone(200),
    "surveys:answer_refused": everyone(404),
    "surveys:thanks": everyone(200),
    "surveys:mine": {r: 200 for r in ROLES} | {"anonymous": 302},
    "api-1.0.0:list_surveys": {r: 200 for r in TRUST_USERS} | {"anonymous": 401, "applicant": 403},
    "api-1.0.0:get_survey_results": {r: 200 for r in TRUST_USERS}
    | {"anonymous": 401, "applicant": 403, "other_lead": 404},
}
assert set(ROLES) >= TRUST_USERS


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    survey = opened(world, partners=1)
    recipient = Recipient.objects.filter(survey=survey).first()
    assert recipient is not None
    return {"survey": survey, "survey_recipient": recipient, "survey_token": token_of(recipient)}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    survey = objects["survey"]
    by_name: dict[str, dict[str, Any]] = {
        "surveys:answer": {"token": objects["survey_token"]},
        "surveys:question_edit": {"pk": survey.pk, "question_pk": survey.questions.first().pk},
        "surveys:question_remove": {"pk": survey.pk, "question_pk": survey.questions.first().pk},
        "surveys:recipient_remove": {"pk": survey.pk, "recipient_pk": objects["survey_recipient"].pk},
        "api-1.0.0:get_survey_results": {"survey_id": survey.pk},
    }
    if name in by_name:
        return by_name[name]
    if name == "api-1.0.0:list_surveys":
        return {}
    if not name.startswith("surveys:"):
        return None
    return (
        {}
        if name
        in ("surveys:list", "surveys:create", "surveys:thanks", "surveys:mine", "surveys:answer_refused")
        else {"pk": survey.pk}
    )
