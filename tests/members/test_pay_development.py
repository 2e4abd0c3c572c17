"""Claims and the framework (REM-1), the pay-equity finding (REM-2), induction, mentors and
training (PERF-4), successors (PERF-5)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from pecgov.errors import DomainError, NotPermitted
from pecgov.members.enums import ClaimStatus, Readiness
from pecgov.members.models import Claim, Successor
from pecgov.members.services import development as dev
from pecgov.members.services import pay
from tests.factories import SYSTEM, World
from tests.members.helpers import TODAY, framework, pec_seat

MONTH = dt.date(2026, 1, 1)


def _claim(world: World, **kw: Any) -> Claim:
    values: dict[str, Any] = {
        "month": MONTH,
        "sessions": Decimal(8),
        "locum_sessions": Decimal(4),
        "locum_cost": Decimal(1000),
    }
    values.update(kw)
    return pay.claim_submit(actor=world.users["member"], membership=pec_seat(world), **values)


def test_claim_submitted_approved_and_not_decided_twice(world: World) -> None:
    """REM-1: the lead approves a claim; an approved claim is final."""
    claim = _claim(world)
    pay.claim_decide(actor=world.users["governance_lead"], claim=claim, approve=True)
    assert claim.status == ClaimStatus.APPROVED
    with pytest.raises(DomainError, match="cannot be approved"):
        pay.claim_decide(actor=world.users["governance_lead"], claim=claim, approve=True)


def test_claim_returned_with_reason_then_sent_again(world: World) -> None:
    """REM-1: returned with a reason; the member corrects and sends it again."""
    claim = _claim(world)
    with pytest.raises(DomainError) as error:
        pay.claim_decide(actor=world.users["governance_lead"], claim=claim, approve=False, reason=" ")
    assert error.value.errors == {"reason": ["Enter why the claim is returned"]}
    pay.claim_decide(
        actor=world.users["governance_lead"], claim=claim, approve=False, reason="Attach the invoice"
    )
    again = _claim(world, sessions=Decimal(6))
    assert (again.pk, again.status, again.sessions) == (claim.pk, ClaimStatus.SUBMITTED, Decimal(6))


def test_claim_checks_month_and_locum_and_duplicates(world: World) -> None:
    """REM-1, X-4: specific messages, nothing saved."""
    with pytest.raises(DomainError, match="not started"):
        _claim(world, month=TODAY() + dt.timedelta(days=40))
    with pytest.raises(DomainError, match="sessions a locum covered"):
        _claim(world, locum_sessions=Decimal(0))
    _claim(world)
    with pytest.raises(DomainError, match="already claimed"):
        _claim(world)
    assert Claim.objects.count() == 1


def test_only_the_member_claims_and_only_the_lead_decides(world: World) -> None:
    """X-1: claims belong to the member; the lead approves."""
    with pytest.raises(NotPermitted):
        pay.claim_submit(
            actor=world.users["pec_chair"], membership=pec_seat(world), month=MONTH, sessions=Decimal(1)
        )
    claim = _claim(world)
    with pytest.raises(NotPermitted):
        pay.claim_decide(actor=world.users["pec_chair"], claim=claim, approve=True)


def test_claims_list_shows_member_their_own_and_lead_all(world: World, client_for: Any) -> None:
    """X-1: claims visible to the member and the lead; another member sees none."""
    claim = _claim(world)
    marker = f'data-claim="{claim.pk}"'
    assert marker in client_for("member").get("/members/claims/").content.decode()
    assert marker in client_for("governance_lead").get("/members/claims/").content.decode()
    assert marker not in client_for("executive_director").get("/members/claims/").content.decode()
    assert client_for("pec_chair").post(f"/members/claims/{claim.pk}/approve/").status_code == 403


def test_payroll_csv_lists_approved_claims(world: World, client_for: Any) -> None:
    """REM-1: approved claims export as CSV for payroll."""
    claim = _claim(world)
    pay.claim_decide(actor=world.users["governance_lead"], claim=claim, approve=True)
    text = client_for("governance_lead").get("/members/claims/payroll.csv").content.decode()
    assert text.splitlines()[1].startswith(
        f"{world.people['member'].name},Clinical member,2026-01,8.0,4.0,1000.00,"
    )


def test_pay_equity_finding_on_the_pec_page(world: World, client_for: Any) -> None:
    """REM-2: an unequal rate for the same role fails on the PEC's compliance page, naming members."""
    framework(world)
    page = client_for("governance_lead").get(f"/committees/{world.pec.pk}/").content.decode()
    assert 'data-rule="REM-2" data-status="pass"' in page
    nurse = pec_seat(world)  # the member is a nurse; the framework pays the GPs 300 a session
    pay.commitment_set(
        actor=SYSTEM, membership=nurse, sessions_per_week=Decimal(2), rate_per_session=Decimal(250)
    )
    page = client_for("governance_lead").get(f"/committees/{world.pec.pk}/").content.decode()
    assert 'data-rule="REM-2" data-status="fail"' in page
    assert world.people["member"].name in page


def test_induction_completes_with_the_last_item(world: World) -> None:
    """PERF-4: the pack's checklist; induction completes when every item is done."""
    membership = pec_seat(world)
    items = [entry["key"] for entry in dev.induction_checklist(world.trust)]
    assert items == ["welcome", "mentor", "objectives", "interests", "training_needs"]
    for item in items:
        induction = dev.induction_tick(
            actor=world.users["governance_lead"], membership=membership, item=item, done_on=TODAY()
        )
    assert induction.completed_on == TODAY()
    with pytest.raises(DomainError):
        dev.induction_tick(
            actor=world.users["governance_lead"], membership=membership, item="welcome", done_on=TODAY()
        )


def test_mentor_and_training_hours(world: World) -> None:
    """PERF-4: a named mentor; training with hours; a bad date range is refused."""
    membership = pec_seat(world)
    induction = dev.mentor_name(
        actor=world.users["governance_lead"], membership=membership, mentor=world.people["pec_chair"]
    )
    assert induction.mentor == world.people["pec_chair"]
    with pytest.raises(DomainError, match="someone else"):
        dev.mentor_name(
            actor=world.users["governance_lead"], membership=membership, mentor=world.people["member"]
        )
    values: dict[str, Any] = {
        "course": "Leading change",
        "provider": "NHS Institute",
        "hours": Decimal("7.5"),
    }
    with pytest.raises(DomainError, match="end date"):
        dev.training_record(
            actor=world.users["member"],
            membership=membership,
            start_date=TODAY(),
            end_date=TODAY() - dt.timedelta(days=1),
            **values,
        )
    row = dev.training_record(
        actor=world.users["member"], membership=membership, start_date=TODAY(), end_date=TODAY(), **values
    )
    assert row.person == world.people["member"]


def test_successor_named_but_not_the_holder(world: World) -> None:
    """PERF-5: successors with readiness; the holder cannot follow themselves."""
    membership = pec_seat(world)
    lead = world.users["governance_lead"]
    with pytest.raises(DomainError, match="own successor"):
        dev.successor_add(
            actor=lead,
            trust=world.trust,
            person=world.people["member"],
            readiness=Readiness.NOW,
            membership=membership,
        )
    dev.successor_add(
        actor=lead,
        trust=world.trust,
        person=world.people["executive_director"],
        readiness=Readiness.NOW,
        membership=membership,
    )
    with pytest.raises(DomainError, match="already named"):
        dev.successor_add(
            actor=lead,
            trust=world.trust,
            person=world.people["executive_director"],
            readiness=Readiness.LONGER,
            membership=membership,
        )
    assert Successor.objects.count() == 1
