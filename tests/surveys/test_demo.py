"""The demo's surveys (issue's Demo paragraph; EFF-2): a members' survey and a Board survey with
responses, one group in each under the minimum size and hidden."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from pecgov.surveys.queries import results_for
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def test_demo_surveys_have_results_with_a_hidden_group(db: Any) -> None:
    call_command("load_demo", stdout=io.StringIO())
    trust = Organisation.objects.get(kind=OrganisationKind.TRUST)
    today = timezone.localdate()
    found = results_for(trust=trust, start=today - dt.timedelta(days=365), end=today)
    shown = {(s.name, s.status): {g.group: g.hidden for g in s.groups} for s in found}
    assert shown == {
        ("PEC effectiveness survey: members and partners", "closed"): {
            "pec": False,
            "pbc": False,
            "practice": True,
        },
        ("The Board's view of the PEC", "open"): {"board": False, "local_authority": True},
    }
    members = next(s for s in found if s.status == "closed")
    pec_rate, pec = members.groups[0], members.questions[0].groups[0]
    assert (pec.group, pec.answered, pec_rate.answered, pec.mean is not None) == (
        "pec",
        pec_rate.sent,
        pec_rate.sent,
        True,
    )
