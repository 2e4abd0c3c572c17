"""Query counts (X-1, PBC-4): the case list and the pipeline make the same number of queries for
5 and 200 cases, and the case page the same for a case with one and with many documents,
scrutiny rows and changes of status."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import Aspect, CaseStatus, Criterion
from pecgov.commissioning.models import BusinessCase, CaseDocument
from pecgov.delegation.models import Scheme
from tests.commissioning.pdfs import real_pdf
from tests.commissioning_factories import Commissioning, make_commissioning, submit_case
from tests.factories import SYSTEM, World
from tests.meeting_factories import make_item, make_meeting
from tests.test_query_counts import count_queries

_refs = itertools.count(1)
# Open and closed states, with who decides: the pages take different branches for each.
STATES = [
    (CaseStatus.SUBMITTED, "pbc_approvals"),
    (CaseStatus.SCRUTINY, "pbc_approvals"),
    (CaseStatus.RETURNED, "pec_recommends"),
    (CaseStatus.WITH_DIRECTOR, "executive_director"),
    (CaseStatus.DEFERRED, "pbc_approvals"),
    (CaseStatus.ON_AGENDA, "pbc_approvals"),
    (CaseStatus.APPROVED, "executive_director"),
    (CaseStatus.WITHDRAWN, "pbc_approvals"),
]


@pytest.fixture
def comm(world: World) -> Commissioning:
    comm = make_commissioning(world)
    make_meeting(comm.approvals, days=60)
    return comm


def add_cases(world: World, comm: Commissioning, n: int) -> None:
    """`n` cases in every state, some late, written at once (the services would take minutes)."""
    scheme = Scheme.objects.filter(trust=world.trust, decision_kind="business_case").first()
    assert scheme is not None
    meeting = make_meeting(comm.approvals, days=30)
    today = timezone.localdate()
    committees = {"pbc_approvals": comm.approvals, "pec_recommends": world.pec, "executive_director": None}
    cases = []
    for i in range(n):
        status, decider = STATES[i % len(STATES)]
        submitted_on = today - dt.timedelta(days=i % 90)
        cases.append(
            BusinessCase(
                trust=world.trust,
                reference=f"BC-T-{next(_refs):04d}",
                kind="business_case",
                title=f"Counted case {i}",
                service="A service",
                value=60_000 + i,
                patient_focus="Patients first",
                evidence="An audit",
                submitter=world.practice,
                submitted_on=submitted_on,
                target_date=submitted_on + dt.timedelta(days=42),
                status=status,
                scheme=scheme,
                decider=decider,
                route_reason="Counted",
                committee=committees[decider],
                agenda_item=make_item(meeting, title=f"Counted item {i}")
                if status == CaseStatus.ON_AGENDA
                else None,
                decided_on=today if status in {CaseStatus.APPROVED, CaseStatus.WITHDRAWN} else None,
            )
        )
    BusinessCase.objects.bulk_create(cases)


@pytest.mark.parametrize(
    "page",
    ["case_list", "pipeline", "pipeline?state=decided", "pipeline?state=all", "decisions", "decisions_csv"],
)
def test_case_pages_query_count_is_flat(
    page: str, world: World, comm: Commissioning, lead_client: Client, client_for: Any
) -> None:
    name, _, query = page.partition("?")
    url = reverse(f"commissioning:{name}") + (f"?{query}" if query else "")
    add_cases(world, comm, 5)
    few = count_queries(lead_client, url)
    add_cases(world, comm, 195)
    many = count_queries(lead_client, url)

    assert BusinessCase.objects.count() == 200
    assert many == few, f"{page}: {few} queries with 5 cases, {many} with 200"


def test_case_list_for_a_practice_lead_query_count_is_flat(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    client = client_for("practice_lead")
    url = reverse("commissioning:case_list")
    add_cases(world, comm, 5)
    few = count_queries(client, url)
    add_cases(world, comm, 195)

    assert count_queries(client, url) == few


def _pdf(i: int) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"doc{i}.pdf", real_pdf(b"document"), content_type="application/pdf")


def _scrutiny(case: BusinessCase, world: World, aspect: str) -> None:
    cs.scrutiny_record(
        actor=SYSTEM,
        case=case,
        aspect=aspect,
        assessor=world.people["member"],
        assessments={c.value: ("partly", f"{c.label}: partly") for c in Criterion},
    )


def test_case_detail_query_count_is_flat(world: World, comm: Commissioning, client_for: Any) -> None:
    """One document, one aspect scrutinised and one change of status; then 20 documents, both
    aspects (every row of the grid) and 20 more changes of status."""
    case = submit_case(world, documents=[_pdf(0)])
    _scrutiny(case, world, Aspect.CLINICAL)
    url = reverse("commissioning:case_detail", args=[case.pk])
    clients = {role: client_for(role) for role in ["governance_lead", "practice_lead", "member"]}
    few = {role: count_queries(client, url) for role, client in clients.items()}

    for i in range(1, 20):
        cs.document_add(actor=SYSTEM, case=case, title=f"Document {i}", upload=_pdf(i))
    for i in range(10):
        cs.case_return(actor=SYSTEM, case=case, reason=f"Round {i}")
        cs.case_resubmit(actor=SYSTEM, case=case, note=f"Answered {i}")
    _scrutiny(case, world, Aspect.ORGANISATIONAL)
    many = {role: count_queries(client, url) for role, client in clients.items()}

    assert CaseDocument.objects.filter(case=case).count() == 20
    assert case.scrutiny.count() == 2 * len(Criterion)
    assert case.history.count() > 20
    assert many == few
