"""A generated trust keeps every rule the services enforce: the audit chain verifies,
the compliance check passes, the scheme of delegation is sound, and each row the bulk writers
made is one a service would have accepted. One trust is generated once and checked throughout:
generating is the slow part."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db.models import Count, F, Q

from pecgov.audit import chain
from pecgov.commissioning.models import BusinessCase
from pecgov.delegation import scheme as engine
from pecgov.delegation.models import Scheme
from pecgov.delegation.queries import coverage_findings
from pecgov.demo.generate import generate
from pecgov.interests.enums import Category, Withholding
from pecgov.interests.models import Declaration
from pecgov.meetings.enums import ItemKind, MinutesStatus, Outcome
from pecgov.meetings.models import BoardDecision, Meeting, Minutes
from pecgov.meetings.queries import meeting_day, meeting_view
from pecgov.policy.engine import Status
from pecgov.policy.services import committee_findings
from pecgov.trust.enums import CommitteeKind, LinkKind, MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Committee, Membership, Organisation, OrganisationLink, Person

ON = dt.date(2025, 3, 31)


@pytest.fixture
def trust(db: Any) -> Organisation:
    generate(scale=1, seed=7, on=ON)
    return Organisation.objects.get(kind=OrganisationKind.TRUST, ods_code="GEN001")


def test_generated_trust_keeps_the_services_rules(trust: Organisation) -> None:
    _audit_chain_verifies()
    _compliance_passes(trust)
    _schemes_are_sound_and_route_every_case(trust)
    _people_are_valid(trust)
    _links_have_their_shapes(trust)
    _memberships_are_valid(trust)
    _declarations_are_valid(trust)
    _meetings_screen_handle_and_decide_as_the_services_do(trust)


def _audit_chain_verifies() -> None:
    result = chain.verify()
    assert result.problem == ""
    assert result.ok


def _compliance_passes(trust: Organisation) -> None:
    pec = Committee.objects.get(trust=trust, kind=CommitteeKind.PEC)
    findings = committee_findings(pec, on=ON) + coverage_findings(trust, on=ON)
    assert [f.title for f in findings if f.status == Status.FAIL] == []


def _schemes_are_sound_and_route_every_case(trust: Organisation) -> None:
    schemes = list(Scheme.objects.filter(trust=trust).prefetch_related("rules"))
    assert len(schemes) == 2
    for scheme in schemes:
        bands = [engine.Band(r.lower, r.upper, r.decider) for r in scheme.rules.all()]
        assert engine.problems(bands) == []
    cases = list(BusinessCase.objects.filter(trust=trust).select_related("scheme"))
    assert len(cases) == 8
    for case in cases:
        bands = [engine.Band(r.lower, r.upper, r.decider) for r in case.scheme.rules.all()]
        assert engine.route(bands, case.value).decider == case.decider


def _people_are_valid(trust: Organisation) -> None:
    people = Person.objects.filter(trust=trust)
    assert not people.filter(has_caseload=True, practising=False).exists()
    assert not people.filter(practising=True).exclude(profession__in=Profession.clinical()).exists()
    assert not people.filter(registration_body="").exclude(registration_number="").exists()
    assert not people.exclude(organisation__isnull=True).exclude(organisation__trust=trust).exists()


def _links_have_their_shapes(trust: Organisation) -> None:
    links = OrganisationLink.objects.filter(from_organisation__trust=trust)
    assert not links.exclude(to_organisation__trust=trust).exists()
    groups = links.filter(kind=LinkKind.MEMBER_OF_PBC_GROUP)
    assert set(groups.values_list("from_organisation__kind", "to_organisation__kind").distinct()) == {
        (OrganisationKind.PRACTICE, OrganisationKind.PBC_GROUP)
    }
    assert not links.filter(end_date__lt=F("start_date")).exists()
    # Every practice belongs to exactly one PBC group on the generation date.
    current = groups.filter(Q(end_date__isnull=True) | Q(end_date__gte=ON), start_date__lte=ON)
    per_practice = current.values("from_organisation").annotate(n=Count("id")).values_list("n", flat=True)
    assert set(per_practice) == {1}


def _memberships_are_valid(trust: Organisation) -> None:
    seats = list(Membership.objects.filter(committee__trust=trust).select_related("person", "committee"))
    assert all(s.person.trust_id == trust.pk for s in seats)
    assert all(s.end_date is None or s.end_date >= s.start_date for s in seats)
    for s in seats:
        if s.role == MembershipRole.CO_OPTED:
            assert s.co_opted_scope and s.end_date is not None
        else:
            assert s.co_opted_scope == ""
        if s.role in {
            MembershipRole.CHIEF_EXECUTIVE,
            MembershipRole.EXECUTIVE_DIRECTOR,
            MembershipRole.NON_EXECUTIVE,
        }:
            assert s.committee.kind == CommitteeKind.BOARD

    def overlap(a: Membership, b: Membership) -> bool:
        return (a.end_date is None or a.end_date >= b.start_date) and (
            b.end_date is None or b.end_date >= a.start_date
        )

    for a, b in itertools.combinations(seats, 2):
        if a.committee_id != b.committee_id:
            continue
        assert not (a.person_id == b.person_id and overlap(a, b)), f"{a} overlaps {b}"
        both_chairs = a.role == b.role == MembershipRole.CHAIR
        assert not (both_chairs and overlap(a, b)), f"two chairs: {a} and {b}"
    chaired = {s.committee_id for s in seats if s.role == MembershipRole.CHAIR and s.is_current(ON)}
    assert chaired == set(Committee.objects.filter(trust=trust).values_list("id", flat=True))


def _declarations_are_valid(trust: Organisation) -> None:
    declarations = Declaration.objects.filter(person__trust=trust)
    assert declarations.count() > 0
    assert not declarations.exclude(category__in=Category.values).exclude(category="").exists()
    assert not declarations.filter(category="").exists()
    assert not declarations.filter(end_date__lt=F("start_date")).exists()
    assert not declarations.exclude(organisation__isnull=True).exclude(organisation__trust=trust).exists()
    assert not declarations.filter(organisation__isnull=True, organisation_name="").exists()
    assert not declarations.exclude(withholding=Withholding.NONE).filter(withheld_reason="").exists()


def _meetings_screen_handle_and_decide_as_the_services_do(trust: Organisation) -> None:
    meetings = list(Meeting.objects.filter(committee__trust=trust).order_by("starts_at"))
    screened = decided = 0
    for meeting in meetings:
        view = meeting_view(trust.pk, meeting.pk)
        for row in view.rows:
            screened += bool(row.conflicts)
            if not row.item.is_decided:
                continue
            decided += 1
            assert meeting_day(meeting) <= ON
            assert row.unhandled == [], f"{row.item}: {row.unhandled}"
            if row.item.kind == ItemKind.INFORMATION:
                assert row.item.outcome == Outcome.NOTED
            if row.quorum is not None and row.item.outcome != Outcome.NOTED:
                assert row.quorum.quorate, f"{row.item}: {row.quorum.explanation}"
    assert screened > 100 and decided > 500
    for minutes in Minutes.objects.filter(
        meeting__committee__trust=trust, status=MinutesStatus.APPROVED
    ).select_related("meeting", "approved_at_meeting"):
        assert minutes.approved_at_meeting is not None
        assert minutes.approved_at_meeting.committee_id == minutes.meeting.committee_id
        assert minutes.approved_at_meeting.starts_at > minutes.meeting.starts_at
    for decision in BoardDecision.objects.filter(item__meeting__committee__trust=trust).select_related(
        "item__meeting"
    ):
        assert decision.item.kind == ItemKind.RECOMMENDATION
        assert decision.item.outcome in {Outcome.APPROVED, Outcome.APPROVED_WITH_CHANGES}
        assert decision.decided_on >= meeting_day(decision.item.meeting)
