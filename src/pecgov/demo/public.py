"""Demo data for the public site (PUB-1): an item the PEC took in private at a past meeting, so
the public pages show "An item was taken in private" in its place."""

from __future__ import annotations

from pecgov.actors import SYSTEM
from pecgov.meetings import services as ms
from pecgov.meetings.enums import Contribution, ItemKind, Outcome
from pecgov.meetings.models import Meeting

PRIVATE_TITLE = "Community equipment contract: variation of commercial terms"
PRIVATE_REASON = (
    "Commercially confidential: the contract's terms are still being negotiated with the supplier"
)


def private_item(held: list[Meeting]) -> None:
    """An item taken in private (Part B) at the last PEC meeting whose minutes are approved (all
    held meetings but the latest), decided with its reasons like any other."""
    if len(held) < 2:
        return
    meeting = held[-2]
    item = ms.item_add(
        actor=SYSTEM,
        meeting=meeting,
        title=PRIVATE_TITLE,
        kind=ItemKind.DECISION,
        description="The supplier proposes new prices for the second year of the community equipment contract.",
        confidential=True,
        confidential_reason=PRIVATE_REASON,
    )
    ms.item_decide(
        actor=SYSTEM,
        item=item,
        outcome=Outcome.APPROVED,
        contribution=Contribution.DEBATED_AGREED,
        reasons="Within the budget the Board set; the prices match the regional framework.",
    )
