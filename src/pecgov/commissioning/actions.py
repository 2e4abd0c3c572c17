"""What a user may do to a case now (PBC-1 to PBC-4): their permission (rules.py) and the
lifecycle (lifecycle.py) both allow it. The case page shows these as buttons; the services
enforce the same checks, so the page never offers what the service would refuse."""

from __future__ import annotations

from pecgov.actors import Actor, may
from pecgov.commissioning.enums import CLOSED, CaseStatus
from pecgov.commissioning.lifecycle import transition_error
from pecgov.commissioning.models import BusinessCase
from pecgov.commissioning.scrutiny import SCRUTINY_OPEN
from pecgov.delegation.enums import Decider

SCRUTINISE = "scrutinise"
SCHEDULE = "schedule"
DECIDE = "decide"
RETURN = "return"
RESUBMIT = "resubmit"
ADD_DOCUMENT = "add_document"
WITHDRAW = "withdraw"


def _allowed(status: str, to: str) -> bool:
    return transition_error(status, to) is None


def allowed_actions(case: BusinessCase, actor: Actor, *, scrutiny_complete: bool) -> frozenset[str]:
    """The actions `actor` may take on `case` now; `scrutiny_complete` is the scrutiny grid's
    answer (every criterion in force assessed in this round)."""
    status = case.status
    found: set[str] = set()
    if may(actor, "commissioning.scrutinise", case) and status in SCRUTINY_OPEN:
        found.add(SCRUTINISE)
    manage = may(actor, "commissioning.manage", case)
    if manage and case.committee_id and scrutiny_complete and _allowed(status, CaseStatus.ON_AGENDA):
        found.add(SCHEDULE)
    if (
        may(actor, "commissioning.decide_director", case)
        and case.decider == Decider.EXECUTIVE_DIRECTOR
        and _allowed(status, CaseStatus.APPROVED)
    ):
        found.add(DECIDE)
    if manage and _allowed(status, CaseStatus.RETURNED):
        found.add(RETURN)
    if may(actor, "commissioning.act_as_submitter", case):
        if _allowed(status, CaseStatus.SUBMITTED):
            found.add(RESUBMIT)
        if status not in CLOSED:
            found.add(ADD_DOCUMENT)
        if _allowed(status, CaseStatus.WITHDRAWN):
            found.add(WITHDRAW)
    return frozenset(found)
