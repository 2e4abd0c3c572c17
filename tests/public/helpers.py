"""A trust's published record for the public-site tests: a past public PEC meeting with a decided
recommendation (a conflict handled, votes cast, the Board's decision), an item taken in private,
papers, approved minutes; and, holding marker strings in every private field, a meeting not held
in public, draft minutes, an undecided item, a paper not yet published and a withheld declaration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from pecgov.interests import services as isv
from pecgov.meetings import services as ms
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import AgendaItem, Meeting, Paper
from pecgov.public.queries import trust_key
from tests.factories import SYSTEM, World, make_org
from tests.meeting_factories import attend_all, declare, make_item, make_meeting, pec_people

PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nxref\n0 1\n"
    b"0000000000 65535 f \ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n"
)

# One marker per private field: none of them may appear on any public page, export or feed.
MARKERS = {
    "private_title": "PRIVMARK-TITLE",
    "private_description": "PRIVMARK-DESCRIPTION",
    "private_reason": "PRIVMARK-WHY-PRIVATE",
    "private_outcome_reasons": "PRIVMARK-DECISION-REASONS",
    "private_paper": "PRIVMARK-PAPER",
    "private_action": "PRIVMARK-ACTION",
    "closed_meeting_location": "PRIVMARK-CLOSED-ROOM",
    "closed_meeting_item": "PRIVMARK-CLOSED-ITEM",
    "draft_minutes": "PRIVMARK-DRAFT-MINUTES",
    "withheld_details": "PRIVMARK-WITHHELD-DETAILS",
    "withheld_entry": "PRIVMARK-WITHHELD-ENTRY",
    "unpublished_paper": "PRIVMARK-EARLY-PAPER",
    "unpublished_item": "PRIVMARK-EARLY-ITEM",
}


@dataclass
class Published:
    world: World
    key: str
    meeting: Meeting  # past, public, with approved minutes
    decided: AgendaItem  # a recommendation, decided, with a conflict handled
    private: AgendaItem  # taken in private
    public_paper: Paper
    closed: Meeting  # not held in public
    draft: Meeting  # past, public, its minutes a draft
    upcoming: Meeting  # public, far ahead: its agenda not yet published
    extra: dict[str, Any] = field(default_factory=dict)


def upload(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(f"{name}.pdf", PDF, content_type="application/pdf")


def _decided_recommendation(world: World, meeting: Meeting) -> AgendaItem:
    chair, member = world.people["pec_chair"], world.people["member"]
    item = make_item(
        meeting,
        kind="recommendation",
        title="Business case: diabetes clinic",
        affected=[make_org(world.trust)],
    )
    conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=chair,
        handling="exclude_decision",
        interest="Pec_Chair is a partner at the surgery",
        reason="Financial interest in the practice",
        ruled_by=world.people["member"],
    )
    ms.vote_record(actor=SYSTEM, item=item, person=member, choice="for")
    ms.item_decide(
        actor=SYSTEM,
        item=item,
        outcome="approved_with_changes",
        contribution="debated_changed",
        reasons="Shorter waits for patients with diabetes",
        changes_made="Halved the first-year budget",
    )
    ms.board_decision_record(
        actor=SYSTEM,
        item=item,
        decided_on=timezone.localdate(),
        outcome="accepted",
        conflicts_considered=True,
        note="The Board accepted the recommendation",
    )
    return item


def _private_item(meeting: Meeting, world: World) -> AgendaItem:
    item = ms.item_add(
        actor=SYSTEM,
        meeting=meeting,
        title=f"Contract negotiation {MARKERS['private_title']}",
        kind="decision",
        description=MARKERS["private_description"],
        confidential=True,
        confidential_reason=MARKERS["private_reason"],
    )
    ms.paper_add(actor=SYSTEM, item=item, title=MARKERS["private_paper"], upload=upload("private"))
    ms.item_decide(
        actor=SYSTEM,
        item=item,
        outcome="approved",
        contribution="debated_agreed",
        reasons=MARKERS["private_outcome_reasons"],
    )
    ms.action_add(
        actor=SYSTEM,
        meeting=meeting,
        item=item,
        description=MARKERS["private_action"],
        owner=world.people["member"],
        due_date=timezone.localdate() + dt.timedelta(days=30),
    )
    return item


def _withheld_declarations(world: World) -> None:
    for person_key, marker, withholding in (
        ("member", MARKERS["withheld_details"], "details"),
        ("executive_director", MARKERS["withheld_entry"], "entry"),
    ):
        declaration = declare(world.people[person_key], None, description=marker, organisation_name=marker)
        isv.declaration_withhold(
            actor=SYSTEM, declaration=declaration, withholding=withholding, reason="Personal safety"
        )


def published(world: World) -> Published:
    """The whole scenario, made through the services."""
    meeting = make_meeting(world.pec, days=-20)
    later = make_meeting(world.pec, days=-5)
    attend_all(meeting, pec_people(world))
    public_item = make_item(meeting, kind="information", title="Finance report")
    public_paper = ms.paper_add(
        actor=SYSTEM, item=public_item, title="Finance report paper", upload=upload("finance")
    )
    decided = _decided_recommendation(world, meeting)
    private = _private_item(meeting, world)
    _withheld_declarations(world)
    minutes = ms.minutes_draft(actor=SYSTEM, meeting=meeting)
    ms.minutes_approve(actor=SYSTEM, minutes=minutes, at_meeting=later)
    draft_minutes = ms.minutes_draft(actor=SYSTEM, meeting=later)
    ms.minutes_edit(actor=SYSTEM, minutes=draft_minutes, text=f"Draft {MARKERS['draft_minutes']}")
    closed = ms.meeting_create(
        actor=SYSTEM,
        committee=world.pec,
        starts_at=timezone.now() - dt.timedelta(days=10),
        location=MARKERS["closed_meeting_location"],
        public=False,
    )
    make_item(closed, title=MARKERS["closed_meeting_item"])
    upcoming = make_meeting(world.pec, days=40)
    early = make_item(upcoming, title=MARKERS["unpublished_item"])
    ms.paper_add(actor=SYSTEM, item=early, title=MARKERS["unpublished_paper"], upload=upload("early"))
    return Published(
        world, trust_key(world.trust), meeting, decided, private, public_paper, closed, later, upcoming
    )
