"""A case from scrutiny to its decision (PBC-2, PBC-4, MTG-3, MTG-6, COI-2, COI-3):
scheduling onto a meeting of the deciding committee, the meeting's conflict screening,
the meeting's (and the Board's) decision moving the case, the executive director's
decision, and returning, resubmitting and withdrawing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.commissioning import services as cs
from pecgov.commissioning.enums import CaseStatus, Criterion
from pecgov.commissioning.models import BusinessCase
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import AgendaItem, BoardDecision, Meeting
from pecgov.meetings.queries import item_row, meeting_day
from pecgov.trust import services as ts
from pecgov.trust.enums import GrantRole, LinkKind, MembershipRole, OrganisationKind, Profession
from pecgov.trust.models import Committee, Organisation, Person
from tests.commissioning_factories import Commissioning, make_commissioning, scrutinise, submit_case
from tests.factories import START, SYSTEM, World, make_org, make_person, make_user, seat
from tests.meeting_factories import attend_all, declare, make_meeting, pec_people

# Every criterion both packs ask scrutiny to cover (PBC-3, PBC-7).
CRITERIA = tuple(c.value for c in Criterion)


@pytest.fixture
def comm(world: World) -> Commissioning:
    return make_commissioning(world)


def counts() -> dict[str, int]:
    return {
        "cases": BusinessCase.objects.count(),
        "case history": BusinessCase.history.model.objects.count(),
        "items": AgendaItem.objects.count(),
        "board decisions": BoardDecision.objects.count(),
        "events": AuditEvent.objects.count(),
    }


def refused(act: Callable[[], Any], error: type[Exception] = DomainError) -> Any:
    before = counts()
    with pytest.raises(error) as caught:
        act()
    assert counts() == before
    return caught.value


def ready(world: World, value: int = 120_000, **extra: Any) -> BusinessCase:
    """A case with both aspects of scrutiny complete."""
    case = submit_case(world, value=value, **extra)
    scrutinise(case, world)
    case.refresh_from_db()
    return case


def members(committee: Committee) -> list[Person]:
    return [m.person for m in committee.memberships.select_related("person").filter(end_date__isnull=True)]


def decide(item: AgendaItem, outcome: str = "approved", **kw: Any) -> AgendaItem:
    contribution = {
        "approved": "debated_agreed",
        "approved_with_changes": "debated_changed",
        "rejected": "debated_rejected",
        "deferred": "debated_agreed",
        "noted": "noted_only",
    }[outcome]
    args = {
        "outcome": outcome,
        "contribution": contribution,
        "reasons": "Good value for patients",
        "changes_made": "Fewer sessions" if outcome == "approved_with_changes" else "",
    } | kw
    return ms.item_decide(actor=SYSTEM, item=item, **args)


def handle_all(item: AgendaItem) -> None:
    """The chair excludes every flagged person from the decision (COI-3)."""
    for conflict in item_row(item).conflicts:
        person = Person.objects.get(pk=conflict.person_id)
        conflict_services.conflict_record(
            actor=SYSTEM, item=item, person=person, handling="exclude_decision", interest=conflict.explanation
        )


def on_agenda(world: World, comm: Commissioning, value: int = 120_000) -> tuple[BusinessCase, AgendaItem]:
    """A case on a future meeting of its committee, with attendance taken and conflicts handled."""
    case = ready(world, value)
    assert case.committee is not None
    meeting = make_meeting(case.committee, days=10)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    attend_all(meeting, members(case.committee))
    handle_all(item)
    case.refresh_from_db()
    return case, item


def gp_at(world: World, organisation: Organisation, committee: Committee, name: str) -> Person:
    gp = make_person(world.trust, Profession.GP, name=name, organisation=organisation)
    seat(gp, committee, MembershipRole.CLINICAL)
    return gp


# Meetings able to decide (MTG-6) --------------------------------------------------------------


def test_meetings_able_to_decide_only_future_scheduled_meetings_of_the_committee(
    world: World, comm: Commissioning
) -> None:
    case = ready(world)
    later = make_meeting(comm.approvals, days=30)
    sooner = make_meeting(comm.approvals, days=5)
    make_meeting(comm.approvals, days=-3)
    make_meeting(world.pec, days=3)
    cancelled = make_meeting(comm.approvals, days=4)
    ms.meeting_update(actor=SYSTEM, meeting=cancelled, status="cancelled")
    assert cs.meetings_able_to_decide(case) == [sooner, later]


def test_meetings_able_to_decide_none_for_a_directors_case(world: World, comm: Commissioning) -> None:
    make_meeting(comm.approvals)
    assert cs.meetings_able_to_decide(submit_case(world, value=10_000)) == []


# Scheduling (PBC-2, COI-2) ---------------------------------------------------------------------


def test_case_schedule_puts_it_on_the_agenda_naming_who_it_affects(world: World, comm: Commissioning) -> None:
    case = ready(world)
    meeting = make_meeting(comm.approvals, days=10)
    item = cs.case_schedule(actor=world.users["governance_lead"], case=case, meeting=meeting)
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_AGENDA
    assert case.agenda_item == item
    assert item.meeting == meeting
    assert item.kind == "decision"
    assert item.title == f"{case.reference}: Community diabetes clinic ({world.practice})"
    assert item.description.startswith(f"Business case from {world.practice}, value £120,000. ")
    assert item.description.endswith(f"Route: {case.route_reason}")
    assert set(item.affected.all()) == {world.practice, comm.group}
    assert AuditEvent.objects.filter(action="case.on_agenda").get().summary == (
        f"{case.reference}: On a meeting's agenda. On the agenda of {meeting}"
    )


def test_case_schedule_screening_flags_members_with_a_stake(world: World, comm: Commissioning) -> None:
    """COI-2: a GP of the submitting practice, and one of another practice in its PBC group,
    are flagged at the meeting; a member without a stake is not."""
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Surgery")
    ts.organisation_link_create(
        actor=SYSTEM,
        from_organisation=other,
        to_organisation=comm.group,
        kind=LinkKind.MEMBER_OF_PBC_GROUP,
        start_date=START,
    )
    partner = gp_at(world, world.practice, comm.approvals, "Dr Partner")
    neighbour = gp_at(world, other, comm.approvals, "Dr Neighbour")
    case = ready(world)
    meeting = make_meeting(comm.approvals)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    row = item_row(item)
    flagged: dict[int, str] = {}
    for conflict in row.conflicts:  # the shortest chain comes first for each person
        flagged.setdefault(conflict.person_id, conflict.explanation)
    assert flagged == {
        partner.pk: f"Dr Partner works at {world.practice}, which this item affects.",
        neighbour.pk: (
            f"Dr Neighbour works at Riverside Surgery, linked to an affected organisation: "
            f"Riverside Surgery → {comm.group}."
        ),
    }
    assert row.unhandled == ["Dr Neighbour", "Dr Partner"]
    # The same people the case itself finds conflicted (scrutiny, director).
    today = timezone.localdate()
    assert {p.pk for p in members(comm.approvals) if cs.conflicted_with(p, case, today)} == set(flagged)


@pytest.mark.parametrize(
    ("which", "message"),
    [
        ("other committee", "Select a meeting of PBC Approvals Committee, which decides this case"),
        ("none", "Select a meeting of PBC Approvals Committee, which decides this case"),
        ("past", "Select a meeting that has not happened yet"),
        ("held", "Select a meeting that has not happened yet"),
        ("cancelled", "That meeting has been cancelled: select a meeting that is going ahead"),
        ("other trust", "Select a meeting of PBC Approvals Committee, which decides this case"),
    ],
)
def test_case_schedule_wrong_meeting_refused(
    world: World, comm: Commissioning, other_world: World, which: str, message: str
) -> None:
    case = ready(world)
    meeting: Meeting | None
    if which == "other committee":
        meeting = make_meeting(world.pec)
    elif which == "none":
        meeting = None
    elif which == "past":
        meeting = make_meeting(comm.approvals, days=-1)
    elif which == "other trust":
        meeting = make_meeting(make_commissioning(other_world).approvals)
    else:
        meeting = make_meeting(comm.approvals)
        ms.meeting_update(actor=SYSTEM, meeting=meeting, status=which)
    error = refused(lambda: cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting))
    assert error.errors == {"meeting": [message]}
    case.refresh_from_db()
    assert (case.status, case.agenda_item) == (CaseStatus.SCRUTINY, None)


def test_case_schedule_unfinished_scrutiny_lists_what_is_missing(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    cs.scrutiny_record(
        actor=SYSTEM,
        case=case,
        aspect="clinical",
        assessor=world.people["member"],
        assessments={c: ("met", "Sound") for c in CRITERIA},
    )
    case.refresh_from_db()
    meeting = make_meeting(comm.approvals)
    error = refused(lambda: cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting))
    assert error.messages == [
        "Finish the scrutiny before the case goes to a meeting. Still to assess: "
        "Organisational scrutiny: Data, analysis and evidence; Organisational scrutiny: Patient focus; "
        "Organisational scrutiny: Health inequalities; Organisational scrutiny: Quality standards; "
        "Organisational scrutiny: Health promotion; Organisational scrutiny: Patient and public involvement; "
        "Organisational scrutiny: Plurality and choice of providers; "
        "Organisational scrutiny: Fit with the PCT's overall commissioning strategy"
    ]


def test_case_schedule_not_yet_scrutinised_refused(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    meeting = make_meeting(comm.approvals)
    error = refused(lambda: cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting))
    assert error.messages == [
        "The case cannot be put on a meeting's agenda now because it has not been scrutinised yet."
    ]


def test_case_schedule_directors_case_refused(world: World, comm: Commissioning) -> None:
    case = submit_case(world, value=20_000)
    meeting = make_meeting(comm.approvals)
    error = refused(lambda: cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting))
    assert error.messages == [
        "The scheme gives this case to an executive director: it does not go to a meeting."
    ]


def test_case_schedule_twice_refused(world: World, comm: Commissioning) -> None:
    case, _ = on_agenda(world, comm)
    meeting = make_meeting(comm.approvals)
    error = refused(lambda: cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting))
    assert error.messages == [
        "The case cannot be put on a meeting's agenda now because it is on a meeting's agenda: "
        "the meeting decides it."
    ]


def test_case_schedule_recording_a_past_meeting_by_the_system(world: World, comm: Commissioning) -> None:
    """Loading the record of an earlier meeting (the demo, an import) may use a held meeting."""
    case = ready(world, submitted_on=timezone.localdate() - dt.timedelta(days=30))
    held = make_meeting(comm.approvals, days=-5)
    ms.meeting_update(actor=SYSTEM, meeting=held, status="held")
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=held, recording_past=True)
    attend_all(held, members(comm.approvals))
    decide(item, "approved")
    case.refresh_from_db()
    assert (case.status, case.decided_on) == (CaseStatus.APPROVED, meeting_day(held))


def test_case_schedule_recording_a_past_meeting_only_by_the_system(world: World, comm: Commissioning) -> None:
    case = ready(world)
    past = make_meeting(comm.approvals, days=-1)
    error = refused(
        lambda: cs.case_schedule(
            actor=world.users["governance_lead"], case=case, meeting=past, recording_past=True
        ),
        NotPermitted,
    )
    assert str(error) == "Only the system can record a case on a meeting that has already happened."


def test_case_schedule_meeting_before_the_submission_refused(world: World, comm: Commissioning) -> None:
    case = ready(world)
    before = make_meeting(comm.approvals, days=-3)
    error = refused(lambda: cs.case_schedule(actor=SYSTEM, case=case, meeting=before, recording_past=True))
    assert error.errors == {"meeting": ["Select a meeting on or after the day the case was submitted"]}


@pytest.mark.parametrize("role", ["practice_lead", "member", "pec_chair", "executive_director"])
def test_case_schedule_only_the_governance_lead(world: World, comm: Commissioning, role: str) -> None:
    case = ready(world)
    meeting = make_meeting(comm.approvals)
    error = refused(
        lambda: cs.case_schedule(actor=world.users[role], case=case, meeting=meeting), NotPermitted
    )
    assert str(error) == "Only the trust's governance lead can do this."


# The meeting decides (PBC-2, MTG-3) ------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "status", "decided"),
    [
        ("approved", CaseStatus.APPROVED, True),
        ("approved_with_changes", CaseStatus.APPROVED, True),
        ("rejected", CaseStatus.REJECTED, True),
        ("deferred", CaseStatus.DEFERRED, False),
    ],
)
def test_item_decide_moves_the_case(
    world: World, comm: Commissioning, outcome: str, status: str, decided: bool
) -> None:
    gp_at(world, world.practice, comm.approvals, "Dr Partner")  # flagged, so handling is needed
    case, item = on_agenda(world, comm)
    decide(item, outcome)
    case.refresh_from_db()
    assert case.status == status
    assert case.decided_on == (meeting_day(item.meeting) if decided else None)
    assert AuditEvent.objects.filter(action=f"case.{status}").count() == 1


def test_item_decide_with_a_conflict_unhandled_leaves_the_case_on_the_agenda(
    world: World, comm: Commissioning
) -> None:
    gp_at(world, world.practice, comm.approvals, "Dr Partner")
    case = ready(world)
    meeting = make_meeting(comm.approvals)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    attend_all(meeting, members(comm.approvals))
    error = refused(lambda: decide(item))
    assert error.errors == {"__all__": ["Record how each conflict is handled before deciding: Dr Partner"]}
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_AGENDA


def test_item_decide_only_noting_a_case_refused(world: World, comm: Commissioning) -> None:
    """A case only noted would sit on a finished agenda with no way on: refused, item undecided."""
    case, item = on_agenda(world, comm)
    error = refused(lambda: decide(item, "noted", reasons=""))
    assert error.errors == {
        "outcome": [
            f"This item is {case.reference}, a business case: approve, reject or defer it. A case cannot only be noted."
        ]
    }
    item.refresh_from_db()
    case.refresh_from_db()
    assert (item.is_decided, case.status) == (False, CaseStatus.ON_AGENDA)


def test_item_decide_deferred_case_can_be_scheduled_again(world: World, comm: Commissioning) -> None:
    case, first = on_agenda(world, comm)
    decide(first, "deferred", reasons="Wait for the audit")
    case.refresh_from_db()
    again = make_meeting(comm.approvals, days=40)
    second = cs.case_schedule(actor=SYSTEM, case=case, meeting=again)
    case.refresh_from_db()
    assert (case.status, case.agenda_item) == (CaseStatus.ON_AGENDA, second)
    first.refresh_from_db()
    assert first.outcome == "deferred"
    attend_all(again, members(comm.approvals))
    decide(second, "approved")
    case.refresh_from_db()
    assert (case.status, case.decided_on) == (CaseStatus.APPROVED, meeting_day(again))


@pytest.mark.parametrize("act", ["return", "withdraw"])
def test_deferred_case_can_be_returned_or_withdrawn(world: World, comm: Commissioning, act: str) -> None:
    case, item = on_agenda(world, comm)
    decide(item, "deferred")
    case.refresh_from_db()
    if act == "return":
        cs.case_return(actor=world.users["governance_lead"], case=case, reason="Add the audit")
        assert case.status == CaseStatus.RETURNED
    else:
        cs.case_withdraw(actor=world.users["practice_lead"], case=case, reason="Funded elsewhere")
        assert case.status == CaseStatus.WITHDRAWN


def _pec_case(world: World, comm: Commissioning) -> tuple[BusinessCase, AgendaItem]:
    """A £500,000 case: the PEC recommends to the Board. The PEC chair is a GP at the
    submitting practice, so the meeting flags them."""
    case = ready(world, 500_000)
    assert case.committee == world.pec
    meeting = make_meeting(world.pec, days=10)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    attend_all(meeting, pec_people(world))
    assert {c.person_id for c in item_row(item).conflicts} == {world.people["pec_chair"].pk}
    handle_all(item)
    return case, item


@pytest.mark.parametrize(
    ("board", "status", "decided"),
    [
        ("accepted", CaseStatus.APPROVED, True),
        ("accepted_with_changes", CaseStatus.APPROVED, True),
        ("rejected", CaseStatus.REJECTED, True),
        ("deferred", CaseStatus.RECOMMENDED, False),
    ],
)
def test_pec_recommends_and_the_board_decides(
    world: World, comm: Commissioning, board: str, status: str, decided: bool
) -> None:
    case, item = _pec_case(world, comm)
    assert item.kind == "recommendation"
    decide(item, "approved")
    case.refresh_from_db()
    assert (case.status, case.decided_on) == (CaseStatus.RECOMMENDED, None)
    board_day = meeting_day(item.meeting) + dt.timedelta(days=7)
    ms.board_decision_record(
        actor=SYSTEM, item=item, decided_on=board_day, outcome=board, conflicts_considered=True
    )
    case.refresh_from_db()
    assert case.status == status
    assert case.decided_on == (board_day if decided else None)


def test_pec_rejecting_a_recommendation_closes_the_case(world: World, comm: Commissioning) -> None:
    case, item = _pec_case(world, comm)
    decide(item, "rejected")
    case.refresh_from_db()
    assert (case.status, case.decided_on) == (CaseStatus.REJECTED, meeting_day(item.meeting))


def test_pec_case_item_changed_to_a_decision_cannot_approve_it(world: World, comm: Commissioning) -> None:
    """The PEC only recommends such a case (PBC-2): editing the item's kind does not let it decide."""
    case, item = _pec_case(world, comm)
    ms.item_update(actor=SYSTEM, item=item, kind="decision")
    error = refused(lambda: decide(item, "approved"))
    assert error.messages == [
        f"This item is {case.reference}, which the scheme of delegation gives to the PEC, recommending to "
        "the Board: change the item back to 'Recommendation to the Board' before deciding it."
    ]
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_AGENDA


def test_board_case_decided_at_a_board_meeting(world: World, comm: Commissioning) -> None:
    for _ in range(2):  # clinicians, so the Board is quorate (DH 6.2 pack rule)
        seat(make_person(world.trust, Profession.NURSE), world.board, MembershipRole.BOARD_DIRECTOR)
    case = ready(world, 2_000_000)
    assert case.committee == world.board
    meeting = make_meeting(world.board, days=10)
    item = cs.case_schedule(actor=SYSTEM, case=case, meeting=meeting)
    assert item.kind == "decision"
    attend_all(meeting, members(world.board))
    handle_all(item)
    decide(item, "approved")
    case.refresh_from_db()
    assert (case.status, case.decided_on) == (CaseStatus.APPROVED, meeting_day(meeting))


def test_item_decide_unrelated_item_touches_no_case(world: World, comm: Commissioning) -> None:
    case, _ = on_agenda(world, comm)
    meeting = make_meeting(comm.approvals, days=12)
    other = ms.item_add(
        actor=SYSTEM, meeting=meeting, title="Minutes of the last meeting", kind="information"
    )
    attend_all(meeting, members(comm.approvals))
    ms.item_decide(actor=SYSTEM, item=other, outcome="noted", contribution="noted_only", reasons="")
    case.refresh_from_db()
    assert case.status == CaseStatus.ON_AGENDA


# The executive director decides (PBC-2, DH 5.8) ------------------------------------------------


def with_director(world: World, value: int = 30_000) -> BusinessCase:
    case = ready(world, value)
    assert case.status == CaseStatus.WITH_DIRECTOR
    return case


@pytest.mark.parametrize("outcome", ["approved", "rejected"])
@pytest.mark.parametrize("role", ["executive_director", "chief_executive"])
def test_director_decide_records_the_decision(
    world: World, comm: Commissioning, outcome: str, role: str
) -> None:
    case = with_director(world)
    cs.director_decide(actor=world.users[role], case=case, outcome=outcome, reasons="  Sound case  ")
    case.refresh_from_db()
    assert case.status == outcome
    assert (case.director_outcome, case.decision_reasons) == (outcome, "Sound case")
    assert (case.decided_on, case.decided_by) == (timezone.localdate(), world.users[role])
    assert (
        AuditEvent.objects.filter(action=f"case.{outcome}")
        .get()
        .summary.endswith("Decided by the executive director")
    )


@pytest.mark.parametrize("role", ["member", "pec_chair", "governance_lead", "practice_lead", "pct_chair"])
def test_director_decide_by_anyone_else_not_permitted(world: World, comm: Commissioning, role: str) -> None:
    case = with_director(world)
    error = refused(
        lambda: cs.director_decide(actor=world.users[role], case=case, outcome="approved", reasons="Fine"),
        NotPermitted,
    )
    assert str(error) == "Only an executive director can decide this case."


def test_director_decide_by_another_trusts_director_not_permitted(
    world: World, comm: Commissioning, other_world: World
) -> None:
    case = with_director(world)
    refused(
        lambda: cs.director_decide(
            actor=other_world.users["executive_director"], case=case, outcome="approved", reasons="Fine"
        ),
        NotPermitted,
    )


def test_director_decide_conflicted_director_refused(world: World, comm: Commissioning) -> None:
    case = with_director(world)
    director = world.people["executive_director"]
    declare(director, comm.group, description="Non-executive adviser to the group")
    error = refused(
        lambda: cs.director_decide(
            actor=world.users["executive_director"], case=case, outcome="approved", reasons="Fine"
        ),
        NotPermitted,
    )
    assert str(error) == (
        f"{director} has declared an interest in {comm.group}, which the case would benefit: "
        "another director must decide it."
    )
    # Another director without the interest decides it.
    cs.director_decide(actor=world.users["chief_executive"], case=case, outcome="approved", reasons="Fine")
    assert case.status == CaseStatus.APPROVED


@pytest.mark.parametrize(
    ("kw", "errors"),
    [
        ({"reasons": "   "}, {"reasons": ["Enter the reasons for the decision"]}),
        ({"outcome": "deferred"}, {"outcome": ["Select approve or reject"]}),
        (
            {"decided_on": dt.date(2000, 1, 1)},
            {"decided_on": ["The decision cannot be before the case was submitted"]},
        ),
        (
            {"decided_on": timezone.localdate() + dt.timedelta(days=3)},
            {"decided_on": ["The decision date must be today or in the past"]},
        ),
    ],
)
def test_director_decide_bad_input_refused(
    world: World, comm: Commissioning, kw: dict[str, Any], errors: dict[str, list[str]]
) -> None:
    case = with_director(world)
    args = {"outcome": "approved", "reasons": "Fine"} | kw
    error = refused(lambda: cs.director_decide(actor=world.users["executive_director"], case=case, **args))
    assert error.errors == errors
    case.refresh_from_db()
    assert case.status == CaseStatus.WITH_DIRECTOR


def test_director_decide_before_scrutiny_is_complete_refused(world: World, comm: Commissioning) -> None:
    case = submit_case(world, value=30_000)
    error = refused(
        lambda: cs.director_decide(
            actor=world.users["executive_director"], case=case, outcome="approved", reasons="x"
        )
    )
    assert error.messages == [
        "An executive director cannot decide the case now because it has not been scrutinised yet."
    ]


@pytest.mark.parametrize("stage", ["on_agenda", "recommended"])
def test_director_decide_a_committee_case_refused(world: World, comm: Commissioning, stage: str) -> None:
    """The lifecycle lets a case on an agenda or with the Board be approved: not by a director."""
    if stage == "on_agenda":
        case, _ = on_agenda(world, comm)
        who = "the PBC approvals committee"
    else:
        case, item = _pec_case(world, comm)
        decide(item, "approved")
        case.refresh_from_db()
        who = "the PEC, recommending to the Board"
    error = refused(
        lambda: cs.director_decide(
            actor=world.users["chief_executive"], case=case, outcome="approved", reasons="x"
        )
    )
    assert error.messages == [
        f"The scheme of delegation gives this case to {who}: an executive director cannot decide it."
    ]
    case.refresh_from_db()
    assert case.status == stage


# Return, resubmit, withdraw (PBC-2, PBC-4) -------------------------------------------------------


def test_case_return_then_resubmit_starts_scrutiny_again(world: World, comm: Commissioning) -> None:
    case = with_director(world)
    cs.case_return(actor=world.users["governance_lead"], case=case, reason="  Add the costings  ")
    case.refresh_from_db()
    assert (case.status, case.status_note) == (CaseStatus.RETURNED, "Add the costings")
    cs.case_resubmit(actor=world.users["practice_lead"], case=case, note="Costings attached")
    case.refresh_from_db()
    assert (case.status, case.status_note) == (CaseStatus.SUBMITTED, "Costings attached")
    # The earlier round no longer counts: both aspects are assessed again.
    assert len(cs.scrutiny_missing(case)) == 2 * len(Criterion)
    cs.scrutiny_record(
        actor=SYSTEM,
        case=case,
        aspect="clinical",
        assessor=world.people["member"],
        assessments={c: ("met", "Costings now clear") for c in CRITERIA},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SCRUTINY
    assert [m.split(":")[0] for m in cs.scrutiny_missing(case)] == ["Organisational scrutiny"] * len(
        Criterion
    )
    cs.scrutiny_record(
        actor=SYSTEM,
        case=case,
        aspect="organisational",
        assessor=world.people["member"],
        assessments={c: ("met", "Costings now clear") for c in CRITERIA},
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.WITH_DIRECTOR
    actions = list(
        AuditEvent.objects.filter(action__in=["case.returned", "case.submitted"])
        .order_by("id")
        .values_list("action", "summary")
    )
    assert actions == [
        ("case.returned", f"{case.reference}: Returned for more information. Returned: Add the costings"),
        ("case.submitted", f"{case.reference}: Submitted. Resubmitted. Costings attached"),
    ]


def test_case_return_needs_a_reason(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    error = refused(lambda: cs.case_return(actor=SYSTEM, case=case, reason="  "))
    assert error.errors == {"reason": ["Say what more the submitter needs to provide"]}


def test_case_return_from_the_agenda_refused_and_the_case_untouched(
    world: World, comm: Commissioning
) -> None:
    case, _ = on_agenda(world, comm)
    error = refused(lambda: cs.case_return(actor=SYSTEM, case=case, reason="More data"))
    assert error.messages == [
        "The case cannot be returned for more information now because it is on a meeting's agenda: "
        "the meeting decides it."
    ]
    assert case.status_note == ""


def test_case_withdraw_from_the_agenda_refused(world: World, comm: Commissioning) -> None:
    case, _ = on_agenda(world, comm)
    error = refused(
        lambda: cs.case_withdraw(actor=world.users["practice_lead"], case=case, reason="Changed mind")
    )
    assert error.messages == [
        "The case cannot be withdrawn now because it is on a meeting's agenda: the meeting decides it."
    ]
    assert (case.status_note, case.decided_on) == ("", None)


def test_case_withdraw_records_why_and_when(world: World, comm: Commissioning) -> None:
    case = ready(world)
    cs.case_withdraw(actor=world.users["practice_lead"], case=case, reason=" Funded by the SHA ")
    case.refresh_from_db()
    assert (case.status, case.status_note, case.decided_on) == (
        CaseStatus.WITHDRAWN,
        "Funded by the SHA",
        timezone.localdate(),
    )


def test_case_withdraw_needs_a_reason(world: World, comm: Commissioning) -> None:
    case = submit_case(world)
    error = refused(lambda: cs.case_withdraw(actor=SYSTEM, case=case, reason=""))
    assert error.errors == {"reason": ["Say why the case is withdrawn"]}


@pytest.mark.parametrize(
    ("stage", "message"),
    [
        ("approved", "The case cannot be withdrawn now because it has been approved."),
        ("withdrawn", "The case cannot be withdrawn now because it has been withdrawn."),
    ],
)
def test_case_withdraw_closed_case_refused(
    world: World, comm: Commissioning, stage: str, message: str
) -> None:
    case = with_director(world)
    if stage == "approved":
        cs.director_decide(actor=SYSTEM, case=case, outcome="approved", reasons="Fine")
    else:
        cs.case_withdraw(actor=SYSTEM, case=case, reason="Not needed")
    error = refused(lambda: cs.case_withdraw(actor=SYSTEM, case=case, reason="Again"))
    assert error.messages == [message]


def test_case_resubmit_only_a_returned_case(world: World, comm: Commissioning) -> None:
    case = ready(world)
    error = refused(lambda: cs.case_resubmit(actor=world.users["practice_lead"], case=case))
    assert error.messages == ["The case cannot be resubmitted now because it is still being scrutinised."]


def _other_lead(world: World) -> Any:
    other = make_org(world.trust, OrganisationKind.PRACTICE, "Riverside Surgery")
    user = make_user()
    make_person(world.trust, Profession.MANAGER, user=user, organisation=other)
    ts.role_grant(
        actor=SYSTEM, user=user, trust=world.trust, role=GrantRole.PRACTICE_LEAD, organisation=other
    )
    return user


# Who may return, resubmit and withdraw: (actor, action) -> allowed. None = NotPermitted message.
NOT_LEAD = "Only the trust's governance lead can do this."
NOT_SUBMITTER = "Only the submitting organisation's lead or the governance lead can do this."
WHO = [
    ("governance_lead", "return", None),
    ("practice_lead", "return", NOT_LEAD),
    ("other_practice_lead", "return", NOT_LEAD),
    ("member", "return", NOT_LEAD),
    ("executive_director", "return", NOT_LEAD),
    ("governance_lead", "resubmit", None),
    ("practice_lead", "resubmit", None),
    ("other_practice_lead", "resubmit", NOT_SUBMITTER),
    ("member", "resubmit", NOT_SUBMITTER),
    ("other_trust_lead", "resubmit", "This case is not in your trust."),
    ("governance_lead", "withdraw", None),
    ("practice_lead", "withdraw", None),
    ("other_practice_lead", "withdraw", NOT_SUBMITTER),
    ("member", "withdraw", NOT_SUBMITTER),
    ("executive_director", "withdraw", NOT_SUBMITTER),
    ("other_trust_lead", "withdraw", "This case is not in your trust."),
]


@pytest.mark.parametrize(("who", "action", "refusal"), WHO)
def test_who_may_return_resubmit_withdraw(
    world: World, comm: Commissioning, other_world: World, who: str, action: str, refusal: str | None
) -> None:
    case = submit_case(world)
    if action == "resubmit":
        cs.case_return(actor=SYSTEM, case=case, reason="Add the costings")
    actor = {
        "other_practice_lead": lambda: _other_lead(world),
        "other_trust_lead": lambda: other_world.users["governance_lead"],
    }.get(who, lambda: world.users[who])()
    act = {
        "return": lambda: cs.case_return(actor=actor, case=case, reason="Add the costings"),
        "resubmit": lambda: cs.case_resubmit(actor=actor, case=case, note="Done"),
        "withdraw": lambda: cs.case_withdraw(actor=actor, case=case, reason="Not needed"),
    }[action]
    if refusal is None:
        act()
        case.refresh_from_db()
        assert (
            case.status
            == {
                "return": CaseStatus.RETURNED,
                "resubmit": CaseStatus.SUBMITTED,
                "withdraw": CaseStatus.WITHDRAWN,
            }[action]
        )
    else:
        error = refused(act, NotPermitted)
        assert str(error) == refusal


def test_a_cancelled_meeting_sends_its_undecided_case_back_to_wait(world: Any) -> None:
    """MTG-6, PBC-2: a case on a cancelled meeting is deferred and can be scheduled again."""
    setup = make_commissioning(world)
    case = submit_case(world)
    scrutinise(case, world)
    first = make_meeting(setup.approvals, days=7)
    cs.case_schedule(actor=SYSTEM, case=case, meeting=first)

    ms.meeting_update(actor=SYSTEM, meeting=first, status="cancelled")

    case.refresh_from_db()
    assert case.status == "deferred"
    again = make_meeting(setup.approvals, days=21)
    cs.case_schedule(actor=SYSTEM, case=case, meeting=again)
    case.refresh_from_db()
    assert case.status == "on_agenda"
    assert case.agenda_item is not None and case.agenda_item.meeting_id == again.pk
