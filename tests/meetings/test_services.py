"""Meeting services refuse broken rules, save nothing when they do, and check who acts
(MTG-1 to MTG-5, COI-3, COI-6, X-1, X-4).

Each refused case asserts the field the message is about, words of the message, and
that no row, history row or audit event was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import (
    Action,
    AgendaItem,
    BoardDecision,
    ItemConflict,
    Meeting,
    Minutes,
    Paper,
    Vote,
)
from pecgov.meetings.queries import meeting_day, meeting_view
from pecgov.policy.services import policy_override
from pecgov.trust import services as ts
from pecgov.trust.enums import CommitteeKind, MembershipRole, Profession
from pecgov.trust.models import Person
from tests.factories import SYSTEM, World, make_person, make_user, seat
from tests.meeting_factories import attend_all, conflicted_item, make_item, make_meeting, pec_people

PDF = (
    b"%PDF-1.4\n%test paper"
    + b"\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
)


def rows(*tracked: type[models.Model]) -> dict[str, int]:
    """Row counts of the models, their history tables and the audit ledger."""
    counts = {m.__name__: m.objects.count() for m in tracked}  # type: ignore[attr-defined]
    counts |= {f"{m.__name__}.history": m.history.model.objects.count() for m in tracked}  # type: ignore[attr-defined]
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def refused(act: Callable[[], Any], tracked: list[type[models.Model]]) -> DomainError:
    """Run `act`, expect a DomainError, and check nothing was written."""
    before = rows(*tracked)
    with pytest.raises(DomainError) as caught:
        act()
    assert rows(*tracked) == before
    return caught.value


def others(world: World) -> list[Person]:
    """The PEC members other than the chair, the nurse member and the manager, in a fixed order."""
    named = {p.pk for p in world.people.values()}
    return sorted((p for p in pec_people(world) if p.pk not in named), key=lambda p: p.pk)


def handle(item: AgendaItem, person: Person, handling: str = "exclude_decision") -> ItemConflict:
    return conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=person, handling=handling, interest="Works at the affected practice"
    )


def decide(item: AgendaItem, actor: Any = SYSTEM, **kw: Any) -> AgendaItem:
    args = {
        "outcome": "approved",
        "contribution": "debated_agreed",
        "reasons": "Good value for patients",
    } | kw
    return ms.item_decide(actor=actor, item=item, **args)


# Refused cases: each builder arranges the case and returns (action, field, words, models) ----------


Case = tuple[Callable[[], Any], str, str, list[type[models.Model]]]


def meeting_without_location(world: World) -> Case:
    def act() -> Any:
        return ms.meeting_create(actor=SYSTEM, committee=world.pec, starts_at=timezone.now(), location="  ")

    return act, "location", "Enter where the meeting is held", [Meeting]


def meeting_without_start(world: World) -> Case:
    def act() -> Any:
        return ms.meeting_create(actor=SYSTEM, committee=world.pec, starts_at=None, location="Room 1")

    return act, "starts_at", "Enter the date and time", [Meeting]


def meeting_moved_to_no_date(world: World) -> Case:
    meeting = make_meeting(world.pec)
    return (
        lambda: ms.meeting_update(actor=SYSTEM, meeting=meeting, starts_at=None),
        "starts_at",
        "Enter the date and time",
        [Meeting],
    )


def item_without_title(world: World) -> Case:
    meeting = make_meeting(world.pec)
    return (
        lambda: ms.item_add(actor=SYSTEM, meeting=meeting, title=" ", kind="decision"),
        "title",
        "Enter the item's title",
        [AgendaItem],
    )


def item_bad_kind(world: World) -> Case:
    meeting = make_meeting(world.pec)
    return (
        lambda: ms.item_add(actor=SYSTEM, meeting=meeting, title="Diabetes service", kind="gossip"),
        "kind",
        "Select the kind of item",
        [AgendaItem],
    )


def item_affects_other_trust(world: World) -> Case:
    meeting = make_meeting(world.pec)
    elsewhere = ts.trust_create(actor=SYSTEM, name="Elsewhere PCT", ods_code="ELS")
    foreign = ts.organisation_create(actor=SYSTEM, trust=elsewhere, kind="practice", name="Far Surgery")
    return (
        lambda: ms.item_add(
            actor=SYSTEM, meeting=meeting, title="Diabetes service", kind="decision", affected=[foreign]
        ),
        "affected",
        "Select organisations in this trust",
        [AgendaItem],
    )


def _paper(world: World, name: str, content: bytes) -> Callable[[], Any]:
    item = make_item(make_meeting(world.pec))
    upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return lambda: ms.paper_add(actor=SYSTEM, item=item, title="Business case", upload=upload)


def paper_exe(world: World) -> Case:
    return _paper(world, "case.exe", b"MZ\x90\x00"), "upload", "must be one of these file types", [Paper]


def paper_too_big(world: World) -> Case:
    policy_override(actor=SYSTEM, trust=world.trust, key="papers.max_megabytes", value=1, reason="Small disk")
    content = b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 512 * 1024)
    return _paper(world, "case.pdf", content), "upload", "smaller than 1MB", [Paper]


def paper_empty(world: World) -> Case:
    return _paper(world, "case.pdf", b""), "upload", "The selected file is empty", [Paper]


def paper_fake_pdf(world: World) -> Case:
    return _paper(world, "case.pdf", b"<html>not a pdf</html>"), "upload", "not a real PDF", [Paper]


def paper_missing(world: World) -> Case:
    item = make_item(make_meeting(world.pec))
    return (
        lambda: ms.paper_add(actor=SYSTEM, item=item, title="Business case", upload=None),
        "upload",
        "Select a file",
        [Paper],
    )


def vote_by_excluded_member(world: World) -> Case:
    _, item, chair = conflicted_item(world)
    handle(item, chair)
    return (
        lambda: ms.vote_record(actor=SYSTEM, item=item, person=chair, choice="for"),
        "person",
        f"{chair.name} is excluded from this decision",
        [Vote],
    )


def vote_by_absent_member(world: World) -> Case:
    meeting = make_meeting(world.pec)
    item = make_item(meeting)
    member = world.people["member"]
    attend_all(meeting, [p for p in pec_people(world) if p.pk != member.pk])
    attend_all(meeting, [member], status="apologies")
    return (
        lambda: ms.vote_record(actor=SYSTEM, item=item, person=member, choice="against"),
        "person",
        f"{member.name} is not recorded as a member present",
        [Vote],
    )


def decide_with_unhandled_conflict(world: World) -> Case:
    _, item, chair = conflicted_item(world)
    return (
        lambda: decide(item),
        "__all__",
        f"Record how each conflict is handled before deciding: {chair.name}",
        [AgendaItem],
    )


def decide_without_quorum(world: World) -> Case:
    meeting = make_meeting(world.pec)
    item = make_item(meeting)
    attend_all(meeting, [world.people["member"], world.people["executive_director"]])
    return (
        lambda: decide(item),
        "__all__",
        "not quorate, so it cannot be decided: 2 of 6 members present and able to decide; 4 needed",
        [AgendaItem],
    )


def decide_below_quorum_after_exclusion(world: World) -> Case:
    meeting = make_meeting(world.pec)
    item = make_item(meeting, affected=[world.practice])
    chair = world.people["pec_chair"]
    present = [chair, world.people["member"], world.people["executive_director"], others(world)[0]]
    attend_all(meeting, present)
    attend_all(meeting, others(world)[1:], status="apologies")
    handle(item, chair)
    return (
        lambda: decide(item),
        "__all__",
        "3 of 6 members present and able to decide; 4 needed; 2 clinicians able to decide; 2 needed; "
        "1 excluded because of a conflict of interest.",
        [AgendaItem],
    )


def information_item_approved(world: World) -> Case:
    item = make_item(make_meeting(world.pec), kind="information")
    return lambda: decide(item), "outcome", "An information item can only be noted", [AgendaItem]


def approved_with_changes_without_changes(world: World) -> Case:
    meeting = make_meeting(world.pec)
    item = make_item(meeting)
    attend_all(meeting, pec_people(world))
    return (
        lambda: decide(
            item, outcome="approved_with_changes", contribution="debated_changed", changes_made=" "
        ),
        "changes_made",
        "Describe what the committee changed",
        [AgendaItem],
    )


def decision_without_reasons(world: World) -> Case:
    meeting = make_meeting(world.pec)
    item = make_item(meeting)
    attend_all(meeting, pec_people(world))
    return lambda: decide(item, reasons=""), "reasons", "Enter the reasons", [AgendaItem]


def edit_approved_minutes(world: World) -> Case:
    meeting = make_meeting(world.pec, days=-30)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=make_meeting(world.pec, days=-1))
    return (
        lambda: ms.minutes_edit(actor=SYSTEM, minutes=minutes, text="Rewritten history"),
        "__all__",
        "Approved minutes are locked",
        [Minutes],
    )


def _approve_at(world: World, days: int, committee: str = "pec") -> Case:
    meeting = make_meeting(world.pec, days=-30)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    at = make_meeting(getattr(world, committee), days=days)
    return (
        lambda: ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=at),
        "at_meeting",
        "Minutes are approved at a later meeting of the same committee",
        [Minutes],
    )


def minutes_approved_at_earlier_meeting(world: World) -> Case:
    return _approve_at(world, -60)


def minutes_approved_at_other_committee(world: World) -> Case:
    return _approve_at(world, -1, "board")


def minutes_approved_at_same_meeting(world: World) -> Case:
    meeting = make_meeting(world.pec, days=-30)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    return (
        lambda: ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=meeting),
        "at_meeting",
        "at a later meeting",
        [Minutes],
    )


def _recommended(world: World) -> AgendaItem:
    """A recommendation to the Board, decided, with the chair's conflict handled."""
    _, item, chair = conflicted_item(world)
    handle(item, chair)
    return decide(item)


def board_decision_without_considering_conflicts(world: World) -> Case:
    item = _recommended(world)
    day = meeting_day(item.meeting) + dt.timedelta(days=14)
    return (
        lambda: ms.board_decision_record(
            actor=SYSTEM, item=item, decided_on=day, outcome="accepted", conflicts_considered=False
        ),
        "conflicts_considered",
        "must consider the statement of conflicts",
        [BoardDecision],
    )


def board_decision_on_a_decision_item(world: World) -> Case:
    meeting = make_meeting(world.pec)
    item = make_item(meeting, kind="decision")
    attend_all(meeting, pec_people(world))
    decide(item)
    return (
        lambda: ms.board_decision_record(
            actor=SYSTEM,
            item=item,
            decided_on=meeting_day(meeting),
            outcome="accepted",
            conflicts_considered=True,
        ),
        "__all__",
        "Only a recommendation the committee made to the Board",
        [BoardDecision],
    )


def board_decision_twice(world: World) -> Case:
    item = _recommended(world)
    day = meeting_day(item.meeting)
    ms.board_decision_record(
        actor=SYSTEM, item=item, decided_on=day, outcome="accepted", conflicts_considered=True
    )
    return (
        lambda: ms.board_decision_record(
            actor=SYSTEM, item=item, decided_on=day, outcome="rejected", conflicts_considered=True
        ),
        "__all__",
        "already recorded",
        [BoardDecision],
    )


def board_decision_before_recommendation(world: World) -> Case:
    item = _recommended(world)
    day = meeting_day(item.meeting) - dt.timedelta(days=1)
    return (
        lambda: ms.board_decision_record(
            actor=SYSTEM, item=item, decided_on=day, outcome="accepted", conflicts_considered=True
        ),
        "decided_on",
        "cannot decide before the committee recommended",
        [BoardDecision],
    )


REFUSED = [
    meeting_without_location,
    meeting_without_start,
    meeting_moved_to_no_date,
    item_without_title,
    item_bad_kind,
    item_affects_other_trust,
    paper_exe,
    paper_too_big,
    paper_empty,
    paper_fake_pdf,
    paper_missing,
    vote_by_excluded_member,
    vote_by_absent_member,
    decide_with_unhandled_conflict,
    decide_without_quorum,
    decide_below_quorum_after_exclusion,
    information_item_approved,
    approved_with_changes_without_changes,
    decision_without_reasons,
    edit_approved_minutes,
    minutes_approved_at_earlier_meeting,
    minutes_approved_at_other_committee,
    minutes_approved_at_same_meeting,
    board_decision_without_considering_conflicts,
    board_decision_on_a_decision_item,
    board_decision_twice,
    board_decision_before_recommendation,
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.__name__ for c in REFUSED])
def test_meeting_service_refuses_bad_input(world: World, case: Callable[[World], Case]) -> None:
    """Bad input is refused with a message on the right field, and nothing is saved (X-4, MTG-1 to MTG-5, COI-3, COI-6)."""
    act, field, words, tracked = case(world)

    error = refused(act, tracked)

    assert list(error.errors) == [field]
    assert words in error.errors[field][0]


# What the services do when the input is good ----------------------------------------


def test_paper_add_real_pdf_saved(world: World, settings: Any, tmp_path: Path) -> None:
    """A real PDF within the limit is stored with its size and type, and audited (MTG-1)."""
    settings.MEDIA_ROOT = tmp_path
    item = make_item(make_meeting(world.pec))
    upload = SimpleUploadedFile("case.pdf", PDF, content_type="application/pdf")

    paper = ms.paper_add(
        actor=world.users["governance_lead"], item=item, title="Business case", upload=upload
    )

    assert (paper.title, paper.size, paper.content_type) == ("Business case", len(PDF), "application/pdf")
    assert Path(paper.file.path).read_bytes() == PDF
    assert AuditEvent.objects.filter(action="paper.create").count() == 1


def test_item_decide_records_outcome_when_quorate(world: World) -> None:
    """With the conflict handled and quorum after exclusion, the decision is recorded and audited (MTG-3, MTG-4)."""
    _, item, chair = conflicted_item(world, kind="decision", days=-1)
    handle(item, chair)

    decide(item, actor=world.users["governance_lead"], evidence="Referral data 2006/07")

    item.refresh_from_db()
    assert (item.outcome, item.contribution, item.evidence, item.decided_by) == (
        "approved",
        "debated_agreed",
        "Referral data 2006/07",
        world.users["governance_lead"],
    )
    assert AuditEvent.objects.filter(action="item.decide").count() == 1


def test_item_decide_information_noted(world: World) -> None:
    """An information item is noted without quorum or reasons (MTG-4)."""
    item = make_item(make_meeting(world.pec), kind="information")

    decide(item, outcome="noted", contribution="noted_only", reasons="")

    item.refresh_from_db()
    assert (item.outcome, item.contribution) == ("noted", "noted_only")


def test_item_decide_approved_with_changes_keeps_changes(world: World) -> None:
    """What the committee changed is kept with the decision (MTG-4: not a rubber stamp)."""
    meeting = make_meeting(world.pec)
    item = make_item(meeting)
    attend_all(meeting, pec_people(world))

    decide(
        item, outcome="approved_with_changes", contribution="debated_changed", changes_made="Cut to 2 clinics"
    )

    item.refresh_from_db()
    assert item.changes_made == "Cut to 2 clinics"


def test_vote_record_present_member(world: World) -> None:
    """A member present and not excluded can have their vote recorded (MTG-3)."""
    _, item, chair = conflicted_item(world)
    handle(item, chair)
    member = world.people["member"]

    ms.vote_record(actor=SYSTEM, item=item, person=member, choice="for")
    ms.vote_record(actor=SYSTEM, item=item, person=member, choice="against")

    assert list(Vote.objects.filter(item=item).values_list("person_id", "choice")) == [(member.pk, "against")]


def test_vote_record_advising_member_excluded_from_debate_refused(world: World) -> None:
    """Excluded from the debate as well means no vote either (COI-3)."""
    _, item, chair = conflicted_item(world)
    handle(item, chair, "exclude_debate")

    error = refused(lambda: ms.vote_record(actor=SYSTEM, item=item, person=chair, choice="for"), [Vote])

    assert "excluded from the debate and the decision" in error.errors["person"][0]


def test_minutes_approved_at_later_meeting_locked(world: World) -> None:
    """Minutes approved at a later meeting of the same committee are locked (MTG-5)."""
    meeting = make_meeting(world.pec, days=-30)
    later = make_meeting(world.pec, days=-1)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)

    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)

    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_at_meeting, minutes.approved_on) == (
        "approved",
        later,
        meeting_day(later),
    )
    with pytest.raises(DomainError, match="already approved and locked"):
        ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)


def test_minutes_correct_new_visible_version(world: World) -> None:
    """A correction is a new version with its note; the approved version stays as it was (MTG-5)."""
    meeting = make_meeting(world.pec, days=-30)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=make_meeting(world.pec, days=-1))
    original = minutes.text

    corrected = ms.minutes_correct(
        actor=SYSTEM, minutes=minutes, text="Corrected minutes", correction_note="Dr Able sent apologies"
    )

    view = meeting_view(world.trust.pk, meeting.pk)
    assert [(m.version, m.status, m.correction_note) for m in view.minutes] == [
        (2, "draft", "Dr Able sent apologies"),
        (1, "approved", ""),
    ]
    assert corrected.text == "Corrected minutes"
    assert Minutes.objects.get(pk=minutes.pk).text == original


def test_minutes_correct_needs_a_note(world: World) -> None:
    """A correction says what was corrected and why (MTG-5)."""
    meeting = make_meeting(world.pec, days=-30)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=make_meeting(world.pec, days=-1))

    error = refused(
        lambda: ms.minutes_correct(actor=SYSTEM, minutes=minutes, text="Corrected", correction_note=" "),
        [Minutes],
    )

    assert list(error.errors) == ["correction_note"]


def test_minutes_draft_text_from_record(world: World) -> None:
    """Draft minutes carry attendance, each conflict and how it was handled, and the outcome (MTG-5, COI-3)."""
    meeting, item, chair = conflicted_item(world)
    handle(item, chair)
    decide(item)

    text = ms.minutes_draft(actor=SYSTEM, meeting=meeting).text

    assert f"Present: {', '.join(sorted(p.name for p in pec_people(world)))}" in text
    assert (
        "Conflict: Works at the affected practice Handled: Excluded from the decision, may give advice."
        in text
    )
    assert "Outcome: Approved (debated and agreed as proposed)." in text


def test_board_decision_record_saved(world: World) -> None:
    """The Board's own decision on a recommendation records that it considered the conflicts (MTG-3, COI-6)."""
    item = _recommended(world)
    day = meeting_day(item.meeting) + dt.timedelta(days=14)

    decision = ms.board_decision_record(
        actor=SYSTEM, item=item, decided_on=day, outcome="accepted", conflicts_considered=True, note="Agreed"
    )

    assert (decision.item, decision.decided_on, decision.conflicts_considered) == (item, day, True)
    assert AuditEvent.objects.filter(action="board_decision.create").count() == 1


def _action(world: World) -> Action:
    meeting = make_meeting(world.pec, days=-7)
    return ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        description="Bring back the revised case",
        owner=world.people["member"],
        due_date=dt.date(2030, 1, 1),
    )


@pytest.mark.parametrize("role", ["member", "governance_lead"])
def test_action_complete_by_owner_or_lead(world: World, role: str) -> None:
    """The action's owner or the governance lead marks it done (MTG-5)."""
    action = _action(world)

    ms.action_complete(actor=world.users[role], action=action, done_on=dt.date(2029, 12, 1))

    action.refresh_from_db()
    assert action.done_on == dt.date(2029, 12, 1)


@pytest.mark.parametrize("role", ["pec_chair", "executive_director", "practice_lead"])
def test_action_complete_by_anyone_else_refused(world: World, role: str) -> None:
    """Nobody else can mark someone's action done (MTG-5, X-1)."""
    action = _action(world)

    with pytest.raises(NotPermitted):
        ms.action_complete(actor=world.users[role], action=action)

    action.refresh_from_db()
    assert action.done_on is None


def test_action_complete_twice_refused(world: World) -> None:
    """A done action stays done on the day it was done (MTG-5)."""
    action = ms.action_complete(actor=SYSTEM, action=_action(world), done_on=dt.date(2029, 12, 1))

    with pytest.raises(DomainError, match="already done"):
        ms.action_complete(actor=SYSTEM, action=action)


# Permissions ------------------------------------------------------------------------------


def _lead_only(world: World) -> dict[str, Callable[[Any], Any]]:
    meeting = make_meeting(world.pec)
    item = make_item(meeting)
    member = world.people["member"]
    upload = SimpleUploadedFile("case.pdf", PDF, content_type="application/pdf")
    return {
        "meeting_create": lambda actor: ms.meeting_create(
            actor=actor, committee=world.pec, starts_at=timezone.now(), location="Room 1"
        ),
        "meeting_update": lambda actor: ms.meeting_update(actor=actor, meeting=meeting, location="Room 2"),
        "item_add": lambda actor: ms.item_add(
            actor=actor, meeting=meeting, title="Anything", kind="decision"
        ),
        "item_update": lambda actor: ms.item_update(actor=actor, item=item, title="Renamed"),
        "paper_add": lambda actor: ms.paper_add(actor=actor, item=item, title="Paper", upload=upload),
        "attendance_set": lambda actor: ms.attendance_set(
            actor=actor, meeting=meeting, person=member, status="present"
        ),
        "minutes_draft": lambda actor: ms.minutes_draft(actor=actor, meeting=meeting),
        "action_add": lambda actor: ms.action_add(
            actor=actor, meeting=meeting, description="Do it", owner=member, due_date=dt.date(2030, 1, 1)
        ),
        "vote_record": lambda actor: ms.vote_record(actor=actor, item=item, person=member, choice="for"),
        "item_decide": lambda actor: decide(item, actor=actor),
        "conflict_record": lambda actor: conflict_services.conflict_record(
            actor=actor, item=item, person=member, handling="exclude_decision", interest="Anything"
        ),
    }


LEAD_ONLY = [
    "meeting_create",
    "meeting_update",
    "item_add",
    "item_update",
    "paper_add",
    "attendance_set",
    "minutes_draft",
    "action_add",
    "vote_record",
    "item_decide",
    "conflict_record",
]


@pytest.mark.parametrize("service", LEAD_ONLY)
def test_pec_member_not_permitted(world: World, service: str) -> None:
    """A PEC member who is not the chair cannot run meetings or rule on conflicts (X-1)."""
    act = _lead_only(world)[service]
    before = rows(Meeting, AgendaItem, Paper, Minutes, Action, Vote, ItemConflict)

    with pytest.raises(NotPermitted):
        act(world.users["member"])

    assert rows(Meeting, AgendaItem, Paper, Minutes, Action, Vote, ItemConflict) == before


@pytest.mark.parametrize("service", LEAD_ONLY)
def test_other_trusts_lead_not_permitted(world: World, other_world: World, service: str) -> None:
    """The governance lead of another trust cannot touch this trust's meetings (X-1)."""
    act = _lead_only(world)[service]

    with pytest.raises(NotPermitted):
        act(other_world.users["governance_lead"])


def test_pec_chair_records_conflict_and_decides(world: World) -> None:
    """The PEC chair rules on members' conflicts and records decisions on the PEC's items (COI-3,
    MTG-3). The chair's own conflict is ruled on by the member the meeting named, who chairs the
    item: the chair can then neither rule, vote nor decide on it (COI-8)."""
    _, item, chair = conflicted_item(world, kind="decision", days=-1)
    chair_user, member = world.users["pec_chair"], world.people["member"]

    with pytest.raises(NotPermitted):
        conflict_services.conflict_record(
            actor=chair_user, item=item, person=chair, handling="exclude_decision", interest="My own practice"
        )
    record = conflict_services.conflict_record(
        actor=world.users["governance_lead"],
        item=item,
        person=chair,
        handling="exclude_decision",
        interest="Their own practice",
        ruled_by=member,
    )
    with pytest.raises(NotPermitted):
        decide(item, actor=chair_user)
    other = make_item(item.meeting, title="Winter pressures")
    ms.vote_record(actor=chair_user, item=other, person=member, choice="for")
    decide(other, actor=chair_user)

    other.refresh_from_db()
    assert (record.ruled_by, other.outcome, other.decided_by) == (member, "approved", chair_user)


def test_chair_of_another_committee_not_permitted(world: World) -> None:
    """The PCT chair chairs the Board, not the PEC: no ruling on PEC conflicts (X-1, COI-3)."""
    _, item, chair = conflicted_item(world)
    other_chair = world.users["pct_chair"]

    with pytest.raises(NotPermitted):
        conflict_services.conflict_record(
            actor=other_chair, item=item, person=chair, handling="exclude_decision", interest="x"
        )
    with pytest.raises(NotPermitted):
        decide(item, actor=other_chair)

    assert ItemConflict.objects.filter(item=item).count() == 0


def test_chair_of_approvals_committee_not_permitted_on_pec(world: World) -> None:
    """A chair of the PBC approvals committee is only chair there (X-1, COI-3)."""
    approvals = ts.committee_create(
        actor=SYSTEM,
        trust=world.trust,
        kind=CommitteeKind.PBC_APPROVALS,
        name="PBC approvals",
        parent=world.pec,
    )
    user = make_user("approvals-chair")
    seat(make_person(world.trust, Profession.PHARMACIST, user=user), approvals, MembershipRole.CHAIR)
    _, item, chair = conflicted_item(world)
    own_meeting = make_meeting(approvals)
    own_item = make_item(own_meeting, affected=[world.practice])

    with pytest.raises(NotPermitted):
        conflict_services.conflict_record(
            actor=user, item=item, person=chair, handling="exclude_decision", interest="x"
        )
    conflict_services.conflict_record(
        actor=user, item=own_item, person=chair, handling="no_action", interest="x", reason="Absent"
    )

    assert list(ItemConflict.objects.values_list("item_id", flat=True)) == [own_item.pk]
