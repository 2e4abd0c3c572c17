"""What the trust app asks the apps above it (pecgov.policy, pecgov.delegation answer).

The committee page shows the findings that other apps make about a committee (POL-2, POL-3,
POL-4); trust does not import them. Each receiver of `committee_findings` returns a dict that is
merged into the page's context, or an empty dict when it has nothing to say. A list answered
under a key another receiver also answered with a list is appended to it, in the order the
receivers were connected, so receivers that share a key (such as `structure_findings`) add
their findings rather than replace each other's. `shared` is one dict all receivers see, so what
one reads (the trust's effective policy) the next reuses.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.dispatch import Signal
from django.utils import timezone

# kwargs: committee, on (the day the findings are for), shared. Receivers return dict[str, Any].
committee_findings = Signal()


def findings_for(committee: Any, on: dt.date | None = None) -> dict[str, Any]:
    """What every receiver says about `committee` as it stands on `on` (today by default)."""
    context: dict[str, Any] = {}
    shared: dict[str, Any] = {}
    answers: list[tuple[Any, Any]] = committee_findings.send(
        type(committee), committee=committee, on=on or timezone.localdate(), shared=shared
    )
    for _receiver, answer in answers:
        for key, value in answer.items():
            earlier = context.get(key)
            if isinstance(earlier, list) and isinstance(value, list):
                context[key] = [*earlier, *value]
            else:
                context[key] = value
    return context
