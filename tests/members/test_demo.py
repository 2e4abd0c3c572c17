"""The demo PEC's year (issue's Demo paragraph; PERF-1 to PERF-5, REM-1, REM-2)."""

from __future__ import annotations

import io
from typing import Any

from django.core.management import call_command
from django.utils import timezone

from pecgov.members import queries, succession
from pecgov.members.models import Appraisal, Claim, Objective, Review
from pecgov.members.receivers import pay_equity_finding
from pecgov.policy.services import effective_policy
from pecgov.trust.enums import OrganisationKind
from pecgov.trust.models import Organisation


def test_demo_gives_the_pec_a_year(db: Any) -> None:
    """Objectives and reviews for every member, an overdue appraisal and review, induction,
    succession warnings, the pay-equity failure and claims in each state."""
    call_command("load_demo", stdout=io.StringIO())
    trust = Organisation.objects.get(kind=OrganisationKind.TRUST, name__contains="")
    policy = effective_policy(trust)
    today = timezone.localdate()
    rows = queries.overview(trust.pk, policy)
    assert all(row.objectives == 2 and row.agreed == 2 for row in rows)
    assert Objective.objects.count() == 2 * len(rows)
    assert Review.objects.count() >= 2 * (len(rows) - 2)
    assert Appraisal.objects.filter(member_signed_on__isnull=False).count() >= len(rows) - 2
    assert [r.membership.person.name for r in rows if r.overdue("appraisal", today) and r.last_appraisal] == [
        "Carys Lewis"
    ]
    assert "Imran Shah" in [r.membership.person.name for r in rows if r.overdue("review", today)]
    inducted = [r for r in rows if r.induction is not None]
    assert sorted(r.induction.completed_on is None for r in inducted) == [False, True]
    kinds = {
        w.kind
        for w in succession.warnings(queries.succession_seats(trust.pk, policy), on=today, horizon_months=12)
    }
    assert kinds == {succession.NO_SUCCESSOR, succession.SOLE_SUCCESSOR}
    finding = pay_equity_finding(trust.pk, policy)
    assert finding.status == "fail"
    assert "Julie Fraser" in finding.names
    assert set(Claim.objects.values_list("status", flat=True)) == {"submitted", "approved", "returned"}
