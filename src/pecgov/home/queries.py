"""Reads for the home page: the trust at a glance in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from pecgov.policy.engine import worst
from pecgov.policy.services import committee_findings, effective_policy
from pecgov.trust.enums import CommitteeKind
from pecgov.trust.models import Committee, Organisation, Person


def dashboard(trust_id: int) -> dict[str, Any]:
    trust = Organisation.objects.get(pk=trust_id)
    policy = effective_policy(trust)
    counts = dict(
        Organisation.objects.filter(trust_id=trust_id)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    pecs = list(Committee.objects.filter(trust_id=trust_id, kind=CommitteeKind.PEC))
    pec_status = []
    for pec in pecs:  # a trust has one PEC; the loop is bounded by committees of that kind
        findings = committee_findings(pec, policy=policy)
        pec_status.append({"committee": pec, "findings": findings, "worst": worst(findings)})
    return {
        "trust": trust,
        "policy": policy,
        "org_counts": counts,
        "people_count": Person.objects.filter(trust_id=trust_id).count(),
        "committee_count": Committee.objects.filter(trust_id=trust_id).count(),
        "pec_status": pec_status,
    }
