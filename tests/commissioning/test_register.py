"""Decided cases stay visible (PBC-7, PBC-4): the decisions register with its decider, date,
route, reasons and turnaround, as a page, a CSV and over the API; the pipeline's decided
filter; a case with the Board no longer waiting for a meeting (PBC-2, MTG-6); the PBC
approvals committee's structure findings (ORG-8); business-case values and references (PBC-1)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from pecgov.commissioning import register, services
from pecgov.commissioning.enums import CaseStatus, Criterion
from pecgov.commissioning.models import BusinessCase
from pecgov.errors import DomainError
from pecgov.meetings import services as ms
from pecgov.meetings import signals as meeting_signals
from pecgov.meetings.queries import meeting_day
from pecgov.policy.packs import load_packs
from pecgov.policy.services import effective_policy
from pecgov.trust import services as ts
from pecgov.trust import signals as trust_signals
from pecgov.trust.models import Committee
from tests.commissioning.test_meeting_flow import _pec_case, comm, decide, on_agenda, with_director
from tests.commissioning_factories import Commissioning, submit_case
from tests.factories import SYSTEM, World

__all__ = ["comm"]  # the fixture, shared with the meeting flow tests


def director_approved(world: World) -> BusinessCase:
    case = with_director(world)
    services.director_decide(
        actor=world.users["executive_director"], case=case, outcome="approved", reasons="Saves clinic visits"
    )
    case.refresh_from_db()
    return case


def board_accepted(world: World, comm: Commissioning) -> BusinessCase:
    case, item = _pec_case(world, comm)
    decide(item, "approved")
    ms.board_decision_record(
        actor=SYSTEM,
        item=item,
        decided_on=meeting_day(item.meeting) + dt.timedelta(days=7),
        outcome="accepted",
        conflicts_considered=True,
        note="The Board read the statement of conflicts",
    )
    case.refresh_from_db()
    return case


def test_register_names_the_director_and_the_days(world: World, comm: Commissioning) -> None:
    case = director_approved(world)
    open_case = submit_case(world)
    (row,) = register.decisions(world.trust.pk)
    assert row.case == case and open_case.status == CaseStatus.SUBMITTED
    person = world.people["executive_director"]
    assert (row.outcome, row.decider, row.route, row.reasons) == (
        "Approved",
        f"{person} (executive director)",
        case.get_decider_display(),
        "Saves clinic visits",
    )
    assert (row.decided_on, row.days) == (
        timezone.localdate(),
        (timezone.localdate() - case.submitted_on).days,
    )


def test_register_names_the_committee_that_decided(world: World, comm: Commissioning) -> None:
    case, item = on_agenda(world, comm)
    decide(item, "rejected")
    (row,) = register.decisions(world.trust.pk)
    assert (row.case.pk, row.outcome, row.decider) == (case.pk, "Rejected", comm.approvals.name)


def test_register_names_the_board_on_the_pecs_recommendation(world: World, comm: Commissioning) -> None:
    case = board_accepted(world, comm)
    (row,) = register.decisions(world.trust.pk)
    assert row.case.pk == case.pk
    assert row.decider == f"The Board, on the recommendation of {world.pec.name}"
    assert row.reasons.startswith("The Board read the statement of conflicts")


def test_register_filters_and_turnaround(world: World, comm: Commissioning) -> None:
    director_approved(world)
    board_accepted(world, comm)
    assert len(register.decisions(world.trust.pk)) == 2
    assert len(register.decisions(world.trust.pk, decider="executive_director")) == 1
    assert register.decisions(world.trust.pk, outcome="rejected") == []
    summary = register.turnaround_summary(register.decisions(world.trust.pk))
    assert sorted(t.cases for t in summary.by_route) == [1, 1]


def test_recommended_case_waits_for_the_board_not_a_meeting(world: World, comm: Commissioning) -> None:
    case, item = _pec_case(world, comm)
    waiting = [row.case.pk for row in meeting_signals.waiting_for_decision(world.trust.pk)]
    assert case.pk in waiting
    decide(item, "approved")
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDED
    assert case.get_status_display() == "Recommended to the Board, awaiting the Board's decision"
    assert case.pk not in [row.case.pk for row in meeting_signals.waiting_for_decision(world.trust.pk)]


# Pages, CSV and API -----------------------------------------------------------------------------


def test_decisions_page_csv_and_api(world: World, comm: Commissioning, client_for: Any) -> None:
    case = director_approved(world)
    client = client_for("governance_lead")
    page = client.get(reverse("commissioning:decisions")).content.decode()
    assert case.reference in page and "(executive director)" in page
    assert "Median days" in page and "90th percentile days" in page
    response = client.get(reverse("commissioning:decisions_csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Reference" and rows[1][0] == case.reference and rows[1][4] == "Approved"
    (item,) = client.get("/api/decisions").json()["items"]
    assert (item["reference"], item["outcome"], item["days"]) == (
        case.reference,
        "approved",
        int(rows[1][10]),
    )
    assert item["decider"].endswith("(executive director)")
    detail = client.get(f"/api/cases/{case.pk}").json()
    assert detail["decision"]["decider"] == item["decider"]


def test_decisions_refuses_a_bad_filter_over_the_api(
    world: World, comm: Commissioning, client_for: Any
) -> None:
    response = client_for("governance_lead").get("/api/decisions", {"outcome": "maybe"})
    assert response.status_code == 422
    assert "outcome" in response.json()["errors"]


def test_pipeline_shows_decided_cases_when_asked(world: World, comm: Commissioning, client_for: Any) -> None:
    case = director_approved(world)
    client = client_for("governance_lead")
    assert case.reference not in client.get(reverse("commissioning:pipeline")).content.decode()
    assert (
        case.reference in client.get(reverse("commissioning:pipeline"), {"state": "decided"}).content.decode()
    )
    assert [r["id"] for r in client.get("/api/pipeline", {"state": "decided"}).json()["items"]] == [case.pk]
    assert client.get("/api/pipeline", {"state": "closed"}).status_code == 422


def test_decisions_hidden_from_a_practice_lead(world: World, comm: Commissioning, client_for: Any) -> None:
    client = client_for("practice_lead")
    assert client.get(reverse("commissioning:decisions")).status_code == 403
    assert client.get("/api/decisions").status_code == 403


# ORG-8: the approvals committee's structure ---------------------------------------------------


def findings(committee: Committee) -> dict[str, str]:
    answer = trust_signals.findings_for(committee)
    return {f.rule: f.status for f in answer.get("structure_findings", [])}


def test_committee_page_gets_structure_findings(world: World, comm: Commissioning) -> None:
    # The factory's committee reports to the Board; it has no meetings yet.
    assert findings(comm.approvals) == {
        "pbc.separate": "pass",
        "pbc.accountability": "pass",
        "pbc.frequency": "fail",
    }
    assert findings(world.pec) == {}


def test_reporting_to_the_pec_is_a_finding(world: World, comm: Commissioning, client_for: Any) -> None:
    ts.committee_update(actor=SYSTEM, committee=comm.approvals, parent=world.pec)
    assert findings(comm.approvals)["pbc.accountability"] == "fail"
    page = client_for("governance_lead").get(reverse("commissioning:decisions")).content.decode()
    assert "not to the Board" in page


def test_both_packs_state_the_frequency_and_the_criteria_with_sources() -> None:
    for pack in load_packs().values():
        frequency = pack.parameters["pbc.approvals_max_days_between_meetings"]
        assert frequency.value == 42 and "DH 5.8" in frequency.source
        for criterion in Criterion:
            parameter = pack.parameters[f"pbc.criterion.{criterion.value}"]
            assert parameter.value is True and parameter.source


def test_policy_lists_the_wider_criteria(world: World) -> None:
    assert effective_policy(world.trust)["pbc.criterion.strategy_fit"] is True


# PBC-1: values and references -----------------------------------------------------------------


@pytest.mark.parametrize("value", [0, -1])
def test_a_case_of_nothing_is_refused(world: World, comm: Commissioning, value: int) -> None:
    with pytest.raises(DomainError) as caught:
        submit_case(world, value=value)
    assert caught.value.errors == {
        "value": ["The value must be more than £0: enter the value in whole pounds, like 45000"]
    }
    assert not BusinessCase.objects.exists()


def test_a_reference_taken_meanwhile_is_retried(
    world: World, comm: Commissioning, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two submissions at once read the same highest reference: the loser takes the next one."""
    first = submit_case(world)
    real = services.next_reference
    stale = iter([first.reference])

    def racing(*args: Any) -> str:
        return next(stale, None) or real(*args)

    monkeypatch.setattr(services, "next_reference", racing)
    second = submit_case(world)
    assert (first.reference[-3:], second.reference[-3:]) == ("001", "002")


def test_references_that_keep_colliding_give_a_clear_message(
    world: World, comm: Commissioning, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = submit_case(world)
    monkeypatch.setattr(services, "next_reference", lambda *args: first.reference)
    with pytest.raises(DomainError) as caught:
        submit_case(world)
    assert caught.value.messages == [
        "Several cases were submitted at the same moment: submit the case again."
    ]
    assert BusinessCase.objects.count() == 1
