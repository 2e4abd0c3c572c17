"""The scorecard's evidence read from the record for one trust and period (EFF-3, DH 2.2), in a
fixed number of queries whatever the size of the trust; the ratings are the pure engine's."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q

from pecgov.commissioning.enums import Criterion
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation.models import LeadArea
from pecgov.effectiveness import scorecard
from pecgov.effectiveness.measuring import Measures, total_contributions
from pecgov.meetings.enums import NOT_TO_BOARD, Contribution, ItemKind
from pecgov.meetings.models import AgendaItem
from pecgov.members.models import TrainingRecord
from pecgov.policy.models import PolicyOverride
from pecgov.policy.services import effective_policy
from pecgov.professions import PROFESSION_NAMES, is_clinical
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership, Organisation

ASSESSED = (Criterion.PATIENT_FOCUS, Criterion.INEQUALITIES)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


def thresholds(trust: Organisation) -> scorecard.Thresholds:
    """The scorecard's thresholds from the trust's pack, with its local variations (POL-1)."""
    policy = effective_policy(trust)
    return scorecard.Thresholds({key: int(policy[f"scorecard.{key}"]) for key in scorecard.THRESHOLD_KEYS})  # type: ignore[arg-type]


def _cases(trust: Organisation, period: Period) -> dict[str, int]:
    cases = BusinessCase.objects.filter(trust=trust, decided_on__range=(period.start, period.end)).annotate(
        assessed=Count("scrutiny__criterion", filter=Q(scrutiny__criterion__in=ASSESSED), distinct=True),
        not_met=Count(
            "scrutiny", filter=Q(scrutiny__criterion__in=ASSESSED) & Q(scrutiny__assessment="not_met")
        ),
    )
    rows = list(cases.values_list("assessed", "not_met"))
    return {
        "cases_decided": len(rows),
        "cases_assessed": sum(1 for assessed, _ in rows if assessed == len(ASSESSED)),
        "assessments_not_met": sum(not_met for _, not_met in rows),
    }


def _members(trust: Organisation, period: Period) -> dict[str, object]:
    seats = list(
        Membership.objects.filter(
            committee__trust=trust, committee__kind=CommitteeKind.PEC, start_date__lte=period.end
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.end))
        .select_related("person")
    )
    chair = next((s.person for s in seats if s.role == MembershipRole.CHAIR), None)
    people = {s.person_id: s.person for s in seats if s.role != MembershipRole.CO_OPTED}
    developing = (
        TrainingRecord.objects.filter(
            person_id__in=people, start_date__lte=period.end, end_date__gte=period.start
        )
        .values("person_id")
        .distinct()
        .count()
    )
    professions = sorted({p.profession for p in people.values() if is_clinical(p.profession)})
    return {
        "has_chair": chair is not None,
        "chair_is_clinician": chair is not None and is_clinical(chair.profession),
        "members": len(people),
        "members_developing": developing,
        "clinical_professions": tuple(PROFESSION_NAMES.get(p, p) for p in professions),
    }


def _leads(trust: Organisation, period: Period) -> dict[str, int]:
    leads = list(
        LeadArea.objects.filter(person__trust=trust, start_date__lte=period.end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=period.start))
        .values_list("person__profession", flat=True)
    )
    return {"lead_areas": len(leads), "clinical_lead_areas": sum(1 for p in leads if is_clinical(p))}


def _items(trust: Organisation, period: Period) -> dict[str, int]:
    items = AgendaItem.objects.filter(
        meeting__committee__trust=trust,
        meeting__committee__kind=CommitteeKind.PEC,
        decided_on__range=(period.start, period.end),
    ).exclude(outcome="")
    counts = items.aggregate(
        decided=Count("pk", filter=~Q(contribution=""), distinct=True),
        noted=Count("pk", filter=Q(contribution=Contribution.NOTED_ONLY), distinct=True),
        sent=Count(
            "pk", filter=Q(kind=ItemKind.RECOMMENDATION) & ~Q(outcome__in=NOT_TO_BOARD), distinct=True
        ),
        board=Count(
            "pk",
            filter=Q(kind=ItemKind.RECOMMENDATION, board_decision__isnull=False)
            & ~Q(outcome__in=NOT_TO_BOARD),
            distinct=True,
        ),
        statements=Count(
            "pk",
            filter=Q(kind=ItemKind.RECOMMENDATION, statement_versions__isnull=False)
            & ~Q(outcome__in=NOT_TO_BOARD),
            distinct=True,
        ),
    )
    return {
        "items_decided": counts["decided"],
        "items_noted_only": counts["noted"],
        "recommendations_sent": counts["sent"],
        "recommendations_board_decided": counts["board"],
        "statements_sent": counts["statements"],
    }


def _from_measures(m: Measures) -> dict[str, int]:
    """Decided versus noted and the Board's decisions as the measures count them (EFF-2), so the
    scorecard and the report's measures never disagree."""
    total = total_contributions(m.contributions)
    decided = sum(row.count for row in m.board_decisions)
    return {
        "items_decided": total.recorded,
        "items_noted_only": total.noted_only,
        "recommendations_sent": decided + m.board_awaiting,
        "recommendations_board_decided": decided,
    }


def evidence(
    trust: Organisation,
    period: Period,
    *,
    measures: Measures | None = None,
    sha: tuple[int, int] | None = None,
) -> scorecard.Evidence:
    """Everything the scorecard rates, read in a fixed number of queries; the decisions from the
    period's `measures` when given; `sha` is the SHA log's (meetings, without the PEC chair) when
    it is kept (ORG-7)."""
    overrides = tuple(
        PolicyOverride.objects.filter(trust=trust, withdrawn_at__isnull=True)
        .order_by("key")
        .values_list("key", "reason")
    )
    found: dict[str, object] = {
        **_cases(trust, period),
        **_members(trust, period),
        **_leads(trust, period),
        **_items(trust, period),
        "overrides": overrides,
    }
    if measures is not None:
        found.update(_from_measures(measures))
    if sha is not None:
        found["sha_meetings"], found["sha_without_chair"] = sha
    return scorecard.Evidence(**found)  # type: ignore[arg-type]


def scorecard_for(
    trust: Organisation,
    period: Period,
    *,
    measures: Measures | None = None,
    sha: tuple[int, int] | None = None,
) -> list[scorecard.Rating]:
    return scorecard.score(evidence(trust, period, measures=measures, sha=sha), thresholds(trust))
