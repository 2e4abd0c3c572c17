"""Reads of a member's year shared by the pages, the API and the daily job, each in a bounded
number of queries whatever the number of members (PERF-1 to PERF-5, REM-1, REM-2)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from pecgov.delegation.models import LeadArea
from pecgov.members import pay_equity, succession
from pecgov.members.enums import PayBasis
from pecgov.members.models import (
    Appraisal,
    Claim,
    Induction,
    Objective,
    PayRate,
    ProgressNote,
    Review,
    Successor,
    TimeCommitment,
    TrainingRecord,
)
from pecgov.members.succession import add_months
from pecgov.policy.services import EffectivePolicy
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Membership
from pecgov.trust.queries import current_q
from pecgov.trust.roles import roles_of


def policy_int(policy: EffectivePolicy, key: str, default: int) -> int:
    """A whole-number policy parameter, or `default` where the trust's pack switches it off."""
    value = policy[key]
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def pec_seats(trust_id: int, on: dt.date | None = None) -> QuerySet[Membership]:
    """The current seats on the trust's PEC, the chair first, then by name."""
    on = on or timezone.localdate()
    return (
        Membership.objects.filter(
            current_q(on), committee__trust_id=trust_id, committee__kind=CommitteeKind.PEC
        )
        .select_related("person", "committee")
        .order_by("person__name", "pk")
    )


def seat(trust_id: int, pk: int) -> Membership:
    """A PEC seat (current or past) in the trust; DoesNotExist otherwise."""
    return Membership.objects.select_related("person", "committee", "committee__trust").get(
        pk=pk, committee__trust_id=trust_id, committee__kind=CommitteeKind.PEC
    )


@dataclass
class MemberRow:
    """One line of the PEC chair's at-a-glance view."""

    membership: Membership
    objectives: int = 0
    agreed: int = 0
    rag: dict[str, int] = field(default_factory=dict)
    last_review: dt.date | None = None
    review_due: dt.date | None = None
    last_appraisal: dt.date | None = None
    appraisal_due: dt.date | None = None
    induction: Induction | None = None
    induction_due: dt.date | None = None
    training_hours: Decimal = Decimal(0)
    successors: int = 0

    def overdue(self, what: str, on: dt.date) -> bool:
        due = getattr(self, f"{what}_due")
        return due is not None and due < on


def overview(trust_id: int, policy: EffectivePolicy, on: dt.date | None = None) -> list[MemberRow]:
    """PERF-1 to PERF-5 at a glance for every current PEC member: seven queries."""
    on = on or timezone.localdate()
    seats = list(pec_seats(trust_id, on))
    rows = {m.pk: MemberRow(m) for m in seats}
    for objective in Objective.objects.filter(membership__in=rows).only(
        "membership_id", "rag", "member_signed_on", "accountable_signed_on"
    ):
        row = rows[objective.membership_id]
        row.objectives += 1
        row.agreed += objective.agreed
        row.rag[objective.rag] = row.rag.get(objective.rag, 0) + 1
    for mid, last in (
        Review.objects.filter(membership__in=rows).values_list("membership_id").annotate(Max("held_on"))
    ):
        rows[mid].last_review = last
    for mid, last in (
        Appraisal.objects.filter(
            membership__in=rows, member_signed_on__isnull=False, appraiser_signed_on__isnull=False
        )
        .values_list("membership_id")
        .annotate(Max("held_on"))
    ):
        rows[mid].last_appraisal = last
    for induction in Induction.objects.filter(membership__in=rows).select_related("mentor"):
        rows[induction.membership_id].induction = induction
    hours = dict(
        TrainingRecord.objects.filter(person__in=[m.person_id for m in seats])
        .values_list("person_id")
        .annotate(Sum("hours"))
    )
    counts = dict(
        Successor.objects.filter(membership__in=rows).values_list("membership_id").annotate(Count("pk"))
    )
    review_months = policy_int(policy, "members.review_months", 3)
    appraisal_months = policy_int(policy, "members.appraisal_months", 12)
    induction_days = policy_int(policy, "members.induction_days", 0)
    for row in rows.values():
        start = row.membership.start_date
        row.review_due = add_months(row.last_review or start, review_months)
        row.appraisal_due = add_months(row.last_appraisal or start, appraisal_months)
        if induction_needed(row.membership, row.induction, on):
            row.induction_due = start + dt.timedelta(days=induction_days)
        row.training_hours = hours.get(row.membership.person_id) or Decimal(0)
        row.successors = int(counts.get(row.membership.pk, 0))
    return list(rows.values())


def induction_needed(membership: Membership, induction: Induction | None, on: dt.date) -> bool:
    """PERF-4: a member is inducted when they join: an induction is open, or the seat began
    within the past year, and it is not complete."""
    if induction is not None:
        return induction.completed_on is None
    return add_months(membership.start_date, 12) > on


def objectives_of(membership: Membership) -> list[Objective]:
    notes = ProgressNote.objects.select_related("author").order_by("-written_on", "-pk")
    rows = list(
        Objective.objects.filter(membership=membership)
        .select_related("lead_area", "accountable_signed_by")
        .prefetch_related(Prefetch("notes", queryset=notes))
        .order_by("-year_start", "due_date", "pk")
    )
    for row in rows:
        row.membership = membership  # asked by the permissions on each row, without a query
    return rows


def reviews_of(membership: Membership) -> list[Review]:
    notes = ProgressNote.objects.select_related("objective")
    return list(
        Review.objects.filter(membership=membership)
        .select_related("reviewer")
        .prefetch_related(Prefetch("notes", queryset=notes))
        .order_by("-held_on", "-pk")
    )


def objectives_for(user: Any, trust_id: int) -> QuerySet[Objective]:
    """PERF-1 over the API: the member's own, and for the chair (or the PCT chair, the chief
    executive, the lead) every PEC member's."""
    roles = roles_of(user)
    rows = Objective.objects.filter(membership__committee__trust_id=trust_id).select_related(
        "membership__person", "lead_area"
    )
    if roles.is_pec_chair or roles.is_pct_chair or roles.is_chief_executive or roles.is_governance_lead:
        return rows.order_by("membership__person__name", "due_date", "pk")
    return rows.filter(membership__person_id=roles.person_id or 0).order_by("due_date", "pk")


def reviews_for(user: Any, trust_id: int) -> QuerySet[Review]:
    roles = roles_of(user)
    rows = Review.objects.filter(membership__committee__trust_id=trust_id).select_related(
        "membership__person", "reviewer"
    )
    if roles.is_pec_chair or roles.is_pct_chair or roles.is_chief_executive or roles.is_governance_lead:
        return rows.order_by("-held_on", "pk")
    return rows.filter(membership__person_id=roles.person_id or 0).order_by("-held_on", "pk")


def appraisals_for(user: Any, trust_id: int) -> QuerySet[Appraisal]:
    """PERF-3 (X-1): the appraisals a user may know of: their own, those they appraise, and for
    the governance lead every one (that it happened and when; its content only if policy says)."""
    roles = roles_of(user)
    rows = Appraisal.objects.filter(membership__committee__trust_id=trust_id).select_related(
        "membership__person", "membership__committee", "appraiser", "joint_appraiser"
    )
    if not roles.is_governance_lead:
        person = roles.person_id or 0
        rows = rows.filter(
            Q(membership__person_id=person) | Q(appraiser_id=person) | Q(joint_appraiser_id=person)
        )
    return rows.order_by("-year_start", "membership__person__name", "pk")


def appraisal_in_view(user: Any, trust_id: int, pk: int) -> Appraisal:
    """An appraisal whose content the user may read; DoesNotExist (404) for everyone else."""
    appraisal = appraisals_for(user, trust_id).get(pk=pk)
    if not user.has_perm("members.view_appraisal", appraisal):
        raise Appraisal.DoesNotExist
    return appraisal


def claims_for(user: Any, trust_id: int) -> QuerySet[Claim]:
    """REM-1: claims the user may see: the lead every one, a member their own."""
    roles = roles_of(user)
    rows = Claim.objects.filter(membership__committee__trust_id=trust_id).select_related(
        "membership__person", "membership__committee", "decided_by"
    )
    if not roles.is_governance_lead:
        rows = rows.filter(membership__person_id=roles.person_id or 0)
    return rows.order_by("-month", "membership__person__name", "pk")


def training_of(person_ids: list[int]) -> QuerySet[TrainingRecord]:
    return TrainingRecord.objects.filter(person_id__in=person_ids).select_related("person", "pdp_action")


def framework(trust_id: int) -> list[PayRate]:
    return list(PayRate.objects.filter(trust_id=trust_id).order_by("role"))


def pay_rows(trust_id: int, on: dt.date | None = None) -> list[pay_equity.Pay]:
    """REM-2: what each current PEC member is paid: their agreed commitment where recorded, or
    the framework's rate for their role."""
    rates = {rate.role: rate for rate in framework(trust_id)}
    seats = list(pec_seats(trust_id, on))
    commitments = {c.membership_id: c for c in TimeCommitment.objects.filter(membership__in=seats)}
    rows = []
    for m in seats:
        rate = rates.get(m.role)
        mine = commitments.get(m.pk)
        if rate is None and mine is None:
            continue
        basis = (
            rate.basis
            if rate is not None
            else (PayBasis.ALLOWANCE if mine and mine.annual_allowance else PayBasis.SESSIONAL)
        )
        if basis == PayBasis.ALLOWANCE:
            value = (mine.annual_allowance if mine and mine.annual_allowance else None) or (
                rate.annual_allowance if rate else Decimal(0)
            )
        else:
            value = (mine.rate_per_session if mine and mine.rate_per_session else None) or (
                rate.rate_per_session if rate else Decimal(0)
            )
        sessions = (mine.sessions_per_week if mine and mine.sessions_per_week else None) or (
            rate.sessions_per_week if rate else Decimal(0)
        )
        rows.append(
            pay_equity.Pay(
                member=m.person.name,
                profession=m.person.get_profession_display(),
                role=MembershipRole(m.role).label,
                basis=str(basis),
                rate=value,
                sessions_per_week=sessions,
            )
        )
    return rows


def pay_findings(trust_id: int, policy: EffectivePolicy) -> list[pay_equity.Inequity]:
    tolerance = policy_int(policy, "members.pay_equity_tolerance_percent", 0)
    return pay_equity.inequities(pay_rows(trust_id), tolerance_percent=tolerance)


def succession_seats(
    trust_id: int, policy: EffectivePolicy, on: dt.date | None = None
) -> list[succession.Seat]:
    """PERF-5: every current PEC seat and every current lead area of the trust, with the named
    successors. A seat ends at its end date, or after the policy's fixed term where one is set."""
    on = on or timezone.localdate()
    seats = list(pec_seats(trust_id, on))
    areas = list(
        LeadArea.objects.filter(current_q(on), person__trust_id=trust_id)
        .select_related("person")
        .order_by("area")
    )
    named: dict[tuple[str, int], list[str]] = defaultdict(list)
    for row in Successor.objects.filter(Q(membership__in=seats) | Q(lead_area__in=areas)).select_related(
        "person"
    ):
        key = ("seat", row.membership_id) if row.membership_id else ("area", row.lead_area_id)
        named[key].append(row.person.name)  # type: ignore[index]
    term = policy_int(policy, "tenure.fixed_term_years", 0)
    found = []
    for m in seats:
        ends = m.end_date or (add_months(m.start_date, 12 * term) if term else None)
        label = f"{m.get_role_display()} ({m.person.name})"
        found.append(
            succession.Seat(f"seat-{m.pk}", label, m.person.name, ends, tuple(named[("seat", m.pk)]))
        )
    for area in areas:
        label = f"Lead for {area.area}"
        found.append(
            succession.Seat(
                f"area-{area.pk}", label, area.person.name, area.end_date, tuple(named[("area", area.pk)])
            )
        )
    return found


def successors_by_key(trust_id: int) -> dict[str, list[Successor]]:
    rows: dict[str, list[Successor]] = defaultdict(list)
    for row in Successor.objects.filter(person__trust_id=trust_id).select_related("person"):
        key = f"seat-{row.membership_id}" if row.membership_id else f"area-{row.lead_area_id}"
        rows[key].append(row)
    return rows
