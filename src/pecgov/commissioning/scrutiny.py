"""Clinical and organisational scrutiny of a case against the stated criteria (PBC-3, PBC-7;
DH 5.3, 1.7). The criteria in force come from the trust's policy pack (`criteria`)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from pecgov.actors import Actor, require
from pecgov.audit.recording import create_tracked, save_tracked
from pecgov.commissioning import criteria
from pecgov.commissioning.enums import STATUS_HINTS, Aspect, Assessment, CaseStatus, Criterion
from pecgov.commissioning.lifecycle import move, text
from pecgov.commissioning.models import BusinessCase, Scrutiny
from pecgov.commissioning.routing import conflicted_with
from pecgov.delegation.enums import Decider
from pecgov.errors import DomainError
from pecgov.policy.services import effective_policy
from pecgov.servicekit import event
from pecgov.trust.models import Organisation, Person

# services.scrutiny_record accepts scrutiny only while the case is in these states.
SCRUTINY_OPEN = frozenset({CaseStatus.SUBMITTED, CaseStatus.SCRUTINY})


def criteria_for(trust: Organisation) -> list[Criterion]:
    """The criteria the trust's policy asks scrutiny to cover (PBC-7)."""
    return criteria.in_force(effective_policy(trust).values())


def scrutiny_since(case: BusinessCase) -> dt.datetime | None:
    """When the current round of scrutiny began: the case's last resubmission, or None if it
    was never returned. A returned case comes back changed, so what was assessed before no
    longer counts: both aspects are assessed again (PBC-3)."""
    since: dt.datetime | None = (
        case.history.filter(status=CaseStatus.SUBMITTED, history_type="~")
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )
    return since


def scrutiny_missing(case: BusinessCase, in_force: list[Criterion] | None = None) -> list[str]:
    """The aspects and criteria not yet assessed in this round, as "Clinical scrutiny: Patient focus"."""
    rows = case.scrutiny.all()
    since = scrutiny_since(case)
    if since is not None:
        rows = rows.filter(recorded_at__gte=since)
    done = set(rows.values_list("aspect", "criterion"))
    return [
        f"{aspect.label}: {criterion.label}"
        for aspect in Aspect
        for criterion in (in_force if in_force is not None else criteria_for(case.trust))
        if (aspect.value, criterion.value) not in done
    ]


def _check_assessments(in_force: list[Criterion], assessments: dict[str, tuple[str, str]]) -> None:
    errors: dict[str, str | list[str]] = {}
    for criterion in in_force:
        choice, comment = assessments.get(criterion.value, ("", ""))
        if choice not in Assessment.values:
            errors[f"{criterion.value}_assessment"] = f"Select how the case meets '{criterion.label}'"
        elif not text(comment):
            errors[f"{criterion.value}_comment"] = f"Explain the assessment of '{criterion.label}'"
    if errors:
        raise DomainError(errors)


def scrutiny_record(
    *,
    actor: Actor,
    case: BusinessCase,
    aspect: str,
    assessor: Person | None,
    assessments: dict[str, tuple[str, str]],
) -> list[Scrutiny]:
    """Record one aspect of scrutiny against every stated criterion (PBC-3, DH 5.3).

    The assessor must not be conflicted with the case. When both aspects are complete, a case
    for an executive director goes to them (PBC-2); a committee case waits to be scheduled.
    """
    require(
        actor,
        "commissioning.scrutinise",
        case,
        message="Only the governance lead, PEC members and directors can record scrutiny.",
    )
    if assessor is not None:
        require(
            actor, "commissioning.assess_as", assessor, message="You can record only your own assessment."
        )
    if aspect not in Aspect.values:
        raise DomainError({"aspect": "Select clinical or organisational scrutiny"})
    if assessor is None or assessor.trust_id != case.trust_id:
        raise DomainError({"assessor": "Select who made the assessment"})
    if case.status not in SCRUTINY_OPEN:
        raise DomainError(f"Scrutiny cannot be recorded now because {STATUS_HINTS[case.status]}.")
    conflict = conflicted_with(assessor, case, timezone.localdate())
    if conflict:
        raise DomainError({"assessor": f"{conflict}: ask someone without an interest to assess it"})
    in_force = criteria_for(case.trust)
    _check_assessments(in_force, assessments)
    rows = []
    with transaction.atomic():
        # This aspect's earlier assessments, read at once: a criterion assessed again is updated.
        earlier = {row.criterion: row for row in Scrutiny.objects.filter(case=case, aspect=aspect)}
        reason = f"{Aspect(aspect).label} recorded"
        new: list[Scrutiny] = []
        for criterion in in_force:
            choice, comment = assessments[criterion.value]
            row = earlier.get(criterion.value) or Scrutiny(
                case=case, aspect=aspect, criterion=criterion.value
            )
            row.assessment, row.comment, row.assessor = choice, text(comment), assessor
            row.recorded_at = timezone.now()
            if row.pk is None:
                new.append(row)  # a first assessment: inserted with the others below
            else:
                save_tracked(row, actor=actor, reason=reason)  # assessed again in this round
            rows.append(row)
        create_tracked(new, actor=actor, reason=reason)
        event(
            actor,
            "case.scrutiny_record",  # not "case.scrutiny": that is the move into scrutiny
            rows,
            case.trust_id,
            f"{case.reference}: {Aspect(aspect).label} by {assessor}",
        )
        if case.status == CaseStatus.SUBMITTED:
            move(case, CaseStatus.SCRUTINY, actor=actor, reason="Scrutiny started")
        if not scrutiny_missing(case, in_force) and case.decider == Decider.EXECUTIVE_DIRECTOR:
            move(
                case,
                CaseStatus.WITH_DIRECTOR,
                actor=actor,
                reason="Scrutiny complete: routed to the executive director",
            )
    return rows
