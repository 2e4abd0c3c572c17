"""Reads for the PBC group pages (ORG-6, PBC-5, PBC-6), each in a fixed number of queries:
the groups with their maturity, support and links to the PEC; one group's page; and plans and
business cases seen by locality and Area Commissioning Forum."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from pecgov.commissioning import maturity
from pecgov.commissioning.enums import CaseKind, LinkModel, SupportIntensity
from pecgov.commissioning.maturity import TaperWarning
from pecgov.commissioning.models import BusinessCase, MaturityAssessment, PbcLink, Support
from pecgov.trust.enums import CommitteeKind, LinkKind, OrganisationKind
from pecgov.trust.models import Committee, Organisation, OrganisationLink, Person
from pecgov.trust.queries import current_q

__all__ = [
    "GroupPage",
    "GroupRow",
    "LocalityPlans",
    "ModelUse",
    "TaperWarning",
    "group_page",
    "groups_overview",
    "link_in_trust",
    "links_by_model",
    "open_groups",
    "pbc_groups",
    "pec_people",
    "plans_by_locality",
    "support_in_trust",
    "taper_for",
]


def pbc_groups(trust_id: int) -> QuerySet[Organisation]:
    return Organisation.objects.filter(trust_id=trust_id, kind=OrganisationKind.PBC_GROUP).order_by(
        "name", "id"
    )


def open_groups(trust_id: int, today: dt.date | None = None) -> QuerySet[Organisation]:
    """PBC groups not closed before today: the ones the overview lists and a link can name."""
    today = today or timezone.localdate()
    return pbc_groups(trust_id).filter(Q(closed_on__isnull=True) | Q(closed_on__gte=today))


def taper_for(
    assessments: list[MaturityAssessment], support: list[Support], today: dt.date
) -> list[TaperWarning]:
    """The pure PBC-6 rule over a group's rows."""
    return maturity.taper_warnings(
        [maturity.Assessed(a.level, a.assessed_on) for a in assessments],
        [maturity.Supported(s.intensity, s.start_date, s.end_date) for s in support],
        today,
    )


def _is_current(row: Support | PbcLink | OrganisationLink, on: dt.date) -> bool:
    return row.start_date <= on and (row.end_date is None or row.end_date >= on)


def _is_open(row: Support | PbcLink, on: dt.date) -> bool:
    """Current or still to come: not ended before `on`."""
    return row.end_date is None or row.end_date >= on


# The overview ----------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupRow:
    group: Organisation
    current_maturity: MaturityAssessment | None
    current_support: list[Support]
    most_intensive: str
    links: list[PbcLink]
    practices: int
    warnings: list[TaperWarning]

    @property
    def maturity_label(self) -> str:
        return maturity.short_label(self.current_maturity.level) if self.current_maturity else "Not assessed"

    @property
    def intensity_label(self) -> str:
        return SupportIntensity(self.most_intensive).label if self.most_intensive else ""


@dataclass(frozen=True)
class ModelUse:
    model: LinkModel
    groups: list[Organisation]


def _with_rows(qs: QuerySet[Organisation]) -> QuerySet[Organisation]:
    return qs.prefetch_related(
        Prefetch("maturity", MaturityAssessment.objects.order_by("-assessed_on", "-id")),
        Prefetch("pbc_support", Support.objects.order_by("-start_date", "-id")),
        Prefetch(
            "pec_links",
            PbcLink.objects.select_related("person", "committee").order_by("start_date", "id"),
        ),
    )


def groups_overview(trust_id: int, today: dt.date | None = None) -> list[GroupRow]:
    """Every PBC group with its maturity, current support, links and member practices: four
    queries however many groups (PBC-6, ORG-6)."""
    today = today or timezone.localdate()
    groups = _with_rows(open_groups(trust_id, today)).annotate(
        practices=Count(
            "links_in",
            filter=Q(links_in__kind=LinkKind.MEMBER_OF_PBC_GROUP) & current_q(today, "links_in__"),
            distinct=True,
        )
    )
    rows = []
    for group in groups:
        assessments = list(group.maturity.all())
        support = list(group.pbc_support.all())
        current = [s for s in support if _is_current(s, today)]
        facts = [maturity.Supported(s.intensity, s.start_date, s.end_date) for s in support]
        rows.append(
            GroupRow(
                group=group,
                current_maturity=assessments[0] if assessments else None,
                current_support=current,
                most_intensive=maturity.intensity_on(facts, today),
                links=[link for link in group.pec_links.all() if _is_current(link, today)],
                practices=group.practices,
                warnings=taper_for(assessments, support, today),
            )
        )
    return rows


def links_by_model(rows: list[GroupRow]) -> list[ModelUse]:
    """DH 5.5's four models, each with the groups using it now (an empty list: not used)."""
    uses = []
    for model in LinkModel:
        groups = [row.group for row in rows if any(link.model == model for link in row.links)]
        uses.append(ModelUse(model=model, groups=groups))
    return uses


# One group -------------------------------------------------------------------------------


@dataclass(frozen=True)
class GroupPage:
    group: Organisation
    localities: list[Organisation]
    practices: list[OrganisationLink]
    assessments: list[MaturityAssessment]
    current_support: list[Support]
    past_support: list[Support]
    current_links: list[PbcLink]
    past_links: list[PbcLink]
    warnings: list[TaperWarning]

    @property
    def current_maturity(self) -> MaturityAssessment | None:
        return self.assessments[0] if self.assessments else None


def group_page(trust_id: int, pk: int, today: dt.date | None = None) -> GroupPage:
    """A PBC group's page: six queries. Raises Organisation.DoesNotExist when it is not a PBC
    group of this trust (the page answers 404)."""
    today = today or timezone.localdate()
    group = (
        _with_rows(pbc_groups(trust_id))
        .prefetch_related(
            Prefetch(
                "links_out",
                OrganisationLink.objects.filter(current_q(today), kind=LinkKind.IN_LOCALITY)
                .select_related("to_organisation")
                .order_by("to_organisation__name"),
                to_attr="locality_links",
            ),
            Prefetch(
                "links_in",
                OrganisationLink.objects.filter(current_q(today), kind=LinkKind.MEMBER_OF_PBC_GROUP)
                .select_related("from_organisation")
                .order_by("from_organisation__name", "id"),
                to_attr="member_links",
            ),
        )
        .get(pk=pk)
    )
    assessments = list(group.maturity.all())
    support = list(group.pbc_support.all())
    links = list(group.pec_links.all())
    return GroupPage(
        group=group,
        localities=[link.to_organisation for link in group.locality_links],
        practices=list(group.member_links),
        assessments=assessments,
        current_support=[s for s in support if _is_open(s, today)],
        past_support=[s for s in support if not _is_open(s, today)],
        current_links=[link for link in links if _is_open(link, today)],
        past_links=sorted(
            (link for link in links if not _is_open(link, today)),
            key=lambda link: (link.end_date or today, link.id),
            reverse=True,
        ),
        warnings=taper_for(assessments, support, today),
    )


def support_in_trust(trust_id: int, pk: int) -> Support:
    return Support.objects.select_related("group").get(pk=pk, group__trust_id=trust_id)


def link_in_trust(trust_id: int, pk: int) -> PbcLink:
    return PbcLink.objects.select_related("group", "person", "committee").get(pk=pk, trust_id=trust_id)


def pec_people(trust_id: int) -> QuerySet[Person]:
    """People who have held, hold or will hold a seat on the PEC: the only ones a person-model
    link can name (ORG-6)."""
    return (
        Person.objects.filter(
            trust_id=trust_id,
            memberships__committee__kind=CommitteeKind.PEC,
            memberships__committee__trust_id=trust_id,
        )
        .distinct()
        .order_by("name", "id")
    )


# Plans by locality (PBC-5) ------------------------------------------------------------------


@dataclass
class PlanRow:
    case: BusinessCase
    group: Organisation | None


@dataclass
class LocalityPlans:
    locality: Organisation | None  # None: "No locality"
    forums: list[Committee] = field(default_factory=list)
    plans: list[PlanRow] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.locality.name if self.locality else "No locality"

    @property
    def anchor(self) -> str:
        return f"locality-{self.locality.pk}" if self.locality else "no-locality"


KIND_ORDER: dict[str, int] = {CaseKind.COMMISSIONING_PLAN: 0, CaseKind.BUSINESS_CASE: 1}


def _first(links: list[Any]) -> Any:
    return (
        min(links, key=lambda link: (link.to_organisation.name, link.to_organisation_id)) if links else None
    )


def plans_by_locality(trust_id: int, today: dt.date | None = None) -> list[LocalityPlans]:
    """Plans and business cases grouped by the locality of the submitting organisation, each
    locality with its Area Commissioning Forums (PBC-5, ORG-6): four queries however many.

    A submitter's locality is its own `in_locality` link; failing that, its PBC group's. The PBC
    group is the submitter itself when a group submits, else the group the practice belongs to.
    """
    today = today or timezone.localdate()
    cases = list(
        BusinessCase.objects.filter(trust_id=trust_id)
        .select_related("submitter")
        .order_by("-submitted_on", "-id")
    )
    # Subqueries rather than lists of ids: one query for the links, however many submitters.
    submitter_ids = BusinessCase.objects.filter(trust_id=trust_id).values("submitter_id")
    group_ids = OrganisationLink.objects.filter(
        current_q(today), kind=LinkKind.MEMBER_OF_PBC_GROUP, from_organisation_id__in=submitter_ids
    ).values("to_organisation_id")
    links = OrganisationLink.objects.filter(
        current_q(today), kind__in=[LinkKind.MEMBER_OF_PBC_GROUP, LinkKind.IN_LOCALITY]
    ).filter(Q(from_organisation_id__in=submitter_ids) | Q(from_organisation_id__in=group_ids))
    groups_of: dict[int, list[OrganisationLink]] = {}
    localities_of: dict[int, list[OrganisationLink]] = {}
    for link in links.select_related("to_organisation"):
        target = groups_of if link.kind == LinkKind.MEMBER_OF_PBC_GROUP else localities_of
        target.setdefault(link.from_organisation_id, []).append(link)

    sections: dict[int | None, LocalityPlans] = {
        loc.pk: LocalityPlans(loc)
        for loc in Organisation.objects.filter(trust_id=trust_id, kind=OrganisationKind.LOCALITY).order_by(
            "name", "id"
        )
    }
    for forum in Committee.objects.filter(
        trust_id=trust_id, kind=CommitteeKind.ACF, locality__isnull=False
    ).order_by("name", "id"):
        if forum.locality_id in sections:
            sections[forum.locality_id].forums.append(forum)

    cases.sort(key=lambda case: KIND_ORDER.get(case.kind, 9))  # stable: newest first within a kind
    for case in cases:
        submitter = case.submitter
        if submitter.kind == OrganisationKind.PBC_GROUP:
            group: Organisation | None = submitter
        else:
            member = _first(groups_of.get(submitter.pk, []))
            group = member.to_organisation if member else None
        located = _first(localities_of.get(submitter.pk, []))
        if located is None and group is not None:
            located = _first(localities_of.get(group.pk, []))
        key = located.to_organisation_id if located else None
        if key not in sections:
            sections[key] = LocalityPlans(located.to_organisation if located else None)
        sections[key].plans.append(PlanRow(case=case, group=group))
    return sorted(sections.values(), key=lambda s: (s.locality is None, s.name.lower(), s.anchor))
