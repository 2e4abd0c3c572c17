"""Interest services: declarations, returns, withholding, reminders, conflict handling and
concerns refuse broken rules, save nothing when they do, and check who acts
(COI-1, COI-3, COI-4, PUB-1, X-1, X-4).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.db import models
from django.utils import timezone

from pecgov.audit.models import AuditEvent
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests import services as isv
from pecgov.interests.models import Declaration, InterestReturn
from pecgov.interests.queries import overdue
from pecgov.interests.signals import Reminder, reminders_requested
from pecgov.meetings.conflicts import services as conflict_services
from pecgov.meetings.models import ConflictConcern, ItemConflict
from pecgov.policy.services import effective_policy
from pecgov.trust import services as ts
from tests.factories import SYSTEM, World
from tests.meeting_factories import conflicted_item, declare

START = dt.date(2021, 4, 1)


def rows(*tracked: type[models.Model]) -> dict[str, int]:
    """Row counts of the models, their history tables and the audit ledger."""
    counts = {m.__name__: m.objects.count() for m in tracked}  # type: ignore[attr-defined]
    counts |= {f"{m.__name__}.history": m.history.model.objects.count() for m in tracked}  # type: ignore[attr-defined]
    counts["AuditEvent"] = AuditEvent.objects.count()
    return counts


def declaration_args(world: World, **kw: Any) -> dict[str, Any]:
    return {
        "actor": SYSTEM,
        "person": world.people["member"],
        "category": "financial",
        "description": "Partner",
        "start_date": START,
        "organisation": world.practice,
    } | kw


# Refused cases: each builder returns (action, field, words, models) ---------------------------


Case = tuple[Callable[[], Any], str, str, list[type[models.Model]]]


def _declare(world: World, field: str, words: str, **kw: Any) -> Case:
    args = declaration_args(world, **kw)
    return lambda: isv.declaration_create(**args), field, words, [Declaration]


def declaration_ends_before_it_starts(world: World) -> Case:
    return _declare(world, "end_date", "must be the same as or after", end_date=START - dt.timedelta(days=1))


def declaration_without_organisation_or_name(world: World) -> Case:
    return _declare(
        world, "organisation", "Select the organisation", organisation=None, organisation_name="  "
    )


def declaration_other_trusts_organisation(world: World) -> Case:
    elsewhere = ts.trust_create(actor=SYSTEM, name="Elsewhere PCT", ods_code="ELS")
    foreign = ts.organisation_create(actor=SYSTEM, trust=elsewhere, kind="practice", name="Far Surgery")
    return _declare(world, "organisation", "Select an organisation in this trust", organisation=foreign)


def declaration_bad_category(world: World) -> Case:
    return _declare(world, "category", "Select the kind of interest", category="hobby")


def declaration_without_description(world: World) -> Case:
    return _declare(world, "description", "Describe the interest", description=" ")


def declaration_without_start(world: World) -> Case:
    return _declare(world, "start_date", "Enter the date the interest began", start_date=None)


def declaration_update_to_end_before_start(world: World) -> Case:
    declaration = declare(world.people["member"], world.practice, start=START)
    return (
        lambda: isv.declaration_update(actor=SYSTEM, declaration=declaration, end_date=dt.date(2021, 1, 1)),
        "end_date",
        "must be the same as or after",
        [Declaration],
    )


def withholding_without_reason(world: World) -> Case:
    declaration = declare(world.people["member"], world.practice)
    return (
        lambda: isv.declaration_withhold(
            actor=world.users["governance_lead"], declaration=declaration, withholding="details", reason=" "
        ),
        "reason",
        "Enter the reason for withholding",
        [Declaration],
    )


def nil_return_with_interests_in_force(world: World) -> Case:
    declare(world.people["member"], world.practice, start=START)
    return (
        lambda: isv.interest_return_make(
            actor=world.users["member"], person=world.people["member"], kind="nil"
        ),
        "kind",
        "You have interests in force",
        [InterestReturn],
    )


def conflict_no_action_without_reason(world: World) -> Case:
    _, item, chair = conflicted_item(world)
    return (
        lambda: conflict_services.conflict_record(
            actor=SYSTEM, item=item, person=chair, handling="no_action", interest="Works there", reason=" "
        ),
        "reason",
        "Enter why no action is needed",
        [ItemConflict],
    )


def conflict_with_someone_elses_declaration(world: World) -> Case:
    _, item, chair = conflicted_item(world)
    theirs = declare(world.people["member"], world.practice)
    return (
        lambda: conflict_services.conflict_record(
            actor=SYSTEM,
            item=item,
            person=chair,
            handling="exclude_decision",
            interest="x",
            declaration=theirs,
        ),
        "declaration",
        "not this person's",
        [ItemConflict],
    )


def conflict_bad_handling(world: World) -> Case:
    _, item, chair = conflicted_item(world)
    return (
        lambda: conflict_services.conflict_record(
            actor=SYSTEM, item=item, person=chair, handling="ignore", interest="x"
        ),
        "handling",
        "Select how the conflict is handled",
        [ItemConflict],
    )


def concern_without_text(world: World) -> Case:
    _, item, _ = conflicted_item(world)
    return (
        lambda: conflict_services.concern_raise(actor=world.users["member"], item=item, text="  "),
        "text",
        "Describe your concern",
        [ConflictConcern],
    )


REFUSED = [
    declaration_ends_before_it_starts,
    declaration_without_organisation_or_name,
    declaration_other_trusts_organisation,
    declaration_bad_category,
    declaration_without_description,
    declaration_without_start,
    declaration_update_to_end_before_start,
    withholding_without_reason,
    nil_return_with_interests_in_force,
    conflict_no_action_without_reason,
    conflict_with_someone_elses_declaration,
    conflict_bad_handling,
    concern_without_text,
]


@pytest.mark.parametrize("case", REFUSED, ids=[c.__name__ for c in REFUSED])
def test_interest_service_refuses_bad_input(world: World, case: Callable[[World], Case]) -> None:
    """Bad input is refused with a message on the right field, and nothing is saved (X-4, COI-1, COI-3, COI-4, PUB-1)."""
    act, field, words, tracked = case(world)
    before = rows(*tracked)

    with pytest.raises(DomainError) as caught:
        act()

    assert rows(*tracked) == before
    assert list(caught.value.errors) == [field]
    assert words in caught.value.errors[field][0]


# Declarations and returns -------------------------------------------------------------


def test_declaration_create_member_for_themself(world: World) -> None:
    """A member keeps their own declarations: saved, with history and an audit event (COI-1, X-2)."""
    member = world.users["member"]

    declaration = isv.declaration_create(**declaration_args(world, actor=member, description=" GP partner "))

    assert (declaration.person, declaration.description, declaration.related_name) == (
        world.people["member"],
        "GP partner",
        world.practice.name,
    )
    assert declaration.history.get().history_user == member  # type: ignore[attr-defined]
    assert AuditEvent.objects.filter(action="declaration.create", actor=member).count() == 1


def test_declaration_create_named_organisation_outside_records(world: World) -> None:
    """An organisation the trust does not hold is named in words (COI-1)."""
    declaration = isv.declaration_create(
        **declaration_args(
            world, organisation=None, organisation_name=" Acme Pharma plc ", description="Shares"
        )
    )

    assert (declaration.organisation, declaration.related_name) == (None, "Acme Pharma plc")


@pytest.mark.parametrize("role", ["member", "pec_chair", "practice_lead"])
def test_declaration_create_for_another_person_not_permitted(world: World, role: str) -> None:
    """Nobody but the person and the governance lead declares for them (COI-1, X-1)."""
    before = rows(Declaration)

    with pytest.raises(NotPermitted):
        isv.declaration_create(
            **declaration_args(world, actor=world.users[role], person=world.people["executive_director"])
        )

    assert rows(Declaration) == before


def test_declaration_create_other_trusts_lead_not_permitted(world: World, other_world: World) -> None:
    """Another trust's governance lead cannot declare for this trust's people (X-1)."""
    with pytest.raises(NotPermitted):
        isv.declaration_create(**declaration_args(world, actor=other_world.users["governance_lead"]))

    assert Declaration.objects.count() == 0


def test_declaration_create_lead_for_anyone(world: World) -> None:
    """The governance lead keeps everyone's declarations (COI-1)."""
    declaration = isv.declaration_create(
        **declaration_args(
            world, actor=world.users["governance_lead"], person=world.people["executive_director"]
        )
    )

    assert declaration.person == world.people["executive_director"]


def test_declaration_update_own_entry(world: World) -> None:
    """A member ends their own declaration; the change is dated and audited (COI-1)."""
    declaration = declare(world.people["member"], world.practice, start=START)

    isv.declaration_update(
        actor=world.users["member"], declaration=declaration, end_date=dt.date(2022, 3, 31)
    )

    declaration.refresh_from_db()
    assert declaration.end_date == dt.date(2022, 3, 31)
    assert AuditEvent.objects.filter(action="declaration.update").count() == 1


def test_declaration_update_someone_elses_not_permitted(world: World) -> None:
    """A member cannot change another person's declaration (X-1)."""
    declaration = declare(world.people["pec_chair"], world.practice, start=START)

    with pytest.raises(NotPermitted):
        isv.declaration_update(actor=world.users["member"], declaration=declaration, description="Nothing")

    declaration.refresh_from_db()
    assert declaration.description == "GP partner"


def test_declaration_withhold_with_reason(world: World) -> None:
    """The governance lead withholds details with a reason and is named as deciding (PUB-1)."""
    declaration = declare(world.people["member"], world.practice)
    lead = world.users["governance_lead"]

    isv.declaration_withhold(
        actor=lead, declaration=declaration, withholding="details", reason="Personal safety"
    )

    declaration.refresh_from_db()
    assert (declaration.withholding, declaration.withheld_reason, declaration.withheld_by) == (
        "details",
        "Personal safety",
        lead,
    )


def test_declaration_withhold_by_member_not_permitted(world: World) -> None:
    """Only the governance lead decides what the public does not see (PUB-1, X-1)."""
    declaration = declare(world.people["member"], world.practice)

    with pytest.raises(NotPermitted):
        isv.declaration_withhold(
            actor=world.users["member"], declaration=declaration, withholding="entry", reason="Private"
        )

    declaration.refresh_from_db()
    assert declaration.withholding == ""


def test_declaration_withhold_published_again_clears_reason(world: World) -> None:
    """Publishing in full again leaves no stale reason or decider (PUB-1)."""
    declaration = declare(world.people["member"], world.practice)
    isv.declaration_withhold(actor=SYSTEM, declaration=declaration, withholding="entry", reason="Private")

    isv.declaration_withhold(actor=SYSTEM, declaration=declaration, withholding="", reason="")

    declaration.refresh_from_db()
    assert (declaration.withholding, declaration.withheld_reason, declaration.withheld_by) == ("", "", None)


def test_interest_return_nil_when_interests_ended(world: World) -> None:
    """Once every interest has ended, a nil return is accepted (COI-1)."""
    today = timezone.localdate()
    declare(world.people["member"], world.practice, start=START, end=today - dt.timedelta(days=1))

    made = isv.interest_return_make(actor=world.users["member"], person=world.people["member"], kind="nil")

    assert (made.person, made.kind) == (world.people["member"], "nil")


def test_interest_return_confirm_with_interests(world: World) -> None:
    """Someone with interests confirms their entries are up to date (COI-1)."""
    declare(world.people["member"], world.practice, start=START)

    made = isv.interest_return_make(
        actor=world.users["member"], person=world.people["member"], kind="confirmed"
    )

    assert made.kind == "confirmed"


def test_interest_return_for_another_person_not_permitted(world: World) -> None:
    """A member makes returns only for themself (X-1)."""
    with pytest.raises(NotPermitted):
        isv.interest_return_make(actor=world.users["member"], person=world.people["pec_chair"], kind="nil")

    assert InterestReturn.objects.count() == 0


# Reminders ----------------------------------------------------------------------------------


def test_reminders_send_one_email_per_overdue_person_with_address(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    """Everyone seated and overdue with an email address gets one reminder; it is audited (COI-1)."""
    months = effective_policy(world.trust)["interests.review_months"]
    assert isinstance(months, int)
    member, chair, director = (
        world.people["member"],
        world.people["pec_chair"],
        world.people["executive_director"],
    )
    for person in (member, chair, director):
        ts.person_update(actor=SYSTEM, person=person, email=f"{person.pk}@nhs.example")
    declare(director, world.practice)  # up to date: no reminder
    due = {o.person.pk for o in overdue(world.trust.pk, months)}

    with django_capture_on_commit_callbacks(execute=True):  # the outbox sends once the write commits
        sent = isv.reminders_send(actor=world.users["governance_lead"], trust=world.trust, months=months)

    assert sent == 2
    assert sorted(m.to for m in mail.outbox) == sorted(
        [[f"{chair.pk}@nhs.example"], [f"{member.pk}@nhs.example"]]
    )
    assert {member.pk, chair.pk} <= due
    assert director.pk not in due
    event = AuditEvent.objects.get(action="interests.remind")
    assert sorted(event.data["people"]) == sorted([member.pk, chair.pk])
    assert "at least every 12 months" in mail.outbox[0].body


def test_reminders_are_handed_to_the_queue_when_one_listens(world: World) -> None:
    """Reminders are handed to every listening app (notifications queues them, NOT-2), not sent inline (COI-1)."""
    member = world.people["member"]
    ts.person_update(actor=SYSTEM, person=member, email="member@nhs.example")
    handed: list[Reminder] = []

    def queue(sender: Any, *, reminders: list[Reminder], **kwargs: Any) -> int:
        handed.extend(reminders)
        return len(reminders)

    reminders_requested.connect(queue, dispatch_uid="test-queue")
    try:
        sent = isv.reminders_send(actor=world.users["governance_lead"], trust=world.trust, months=12)
    finally:
        reminders_requested.disconnect(dispatch_uid="test-queue")

    assert sent >= len(handed) >= 1  # each listener says how many it queued
    assert mail.outbox == []  # nothing sent inline: the queue sends after the commit
    assert "member@nhs.example" in {r.to_email for r in handed}
    assert all("at least every 12 months" in r.text for r in handed)
    assert AuditEvent.objects.filter(action="interests.remind").count() == 1


def test_reminders_send_nobody_overdue_sends_nothing(world: World) -> None:
    """With nobody overdue no email goes, but the run is still recorded (COI-1)."""
    sent = isv.reminders_send(actor=SYSTEM, trust=world.trust, months=12)

    assert (sent, len(mail.outbox)) == (0, 0)
    assert AuditEvent.objects.filter(action="interests.remind").count() == 1


def test_reminders_send_by_member_not_permitted(world: World) -> None:
    """Only the governance lead sends reminders (X-1)."""
    with pytest.raises(NotPermitted):
        isv.reminders_send(actor=world.users["member"], trust=world.trust, months=12)

    assert (len(mail.outbox), AuditEvent.objects.filter(action="interests.remind").count()) == (0, 0)


# Conflicts and concerns -----------------------------------------------------------------------


def test_conflict_record_no_action_with_reason(world: World) -> None:
    """'No action' is allowed with a reason, and recording again replaces the handling (COI-3)."""
    _, item, chair = conflicted_item(world)
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="exclude_debate", interest="Works there"
    )

    record = conflict_services.conflict_record(
        actor=SYSTEM,
        item=item,
        person=chair,
        handling="no_action",
        interest="Works there",
        reason="Item is for noting",
    )

    assert list(ItemConflict.objects.values_list("handling", "reason")) == [
        ("no_action", "Item is for noting")
    ]
    assert record.excluded_from_decision is False


def test_conflict_record_after_decision_refused(world: World) -> None:
    """Once the item is decided its conflict handling is part of the record (COI-3, MTG-5)."""
    from pecgov.meetings import services as ms

    _, item, chair = conflicted_item(world)
    conflict_services.conflict_record(
        actor=SYSTEM, item=item, person=chair, handling="exclude_decision", interest="x"
    )
    ms.item_decide(
        actor=SYSTEM, item=item, outcome="approved", contribution="debated_agreed", reasons="Sound"
    )

    with pytest.raises(DomainError, match="decided"):
        conflict_services.conflict_record(
            actor=SYSTEM, item=item, person=chair, handling="no_action", interest="x", reason="r"
        )

    assert ItemConflict.objects.get().handling == "exclude_decision"


def test_concern_raise_by_committee_member(world: World) -> None:
    """A member of the committee records a concern, in their own name (COI-4)."""
    _, item, _ = conflicted_item(world)

    concern = conflict_services.concern_raise(
        actor=world.users["executive_director"], item=item, text=" The chair stayed "
    )

    assert (concern.raised_by, concern.text) == (world.people["executive_director"], "The chair stayed")
    assert AuditEvent.objects.filter(action="concern.create").count() == 1


@pytest.mark.parametrize(
    "role", ["pct_chair", "chief_executive", "governance_lead", "practice_lead", "applicant"]
)
def test_concern_raise_by_non_member_not_permitted(world: World, role: str) -> None:
    """Only members of the committee that met can record a concern (COI-4, X-1)."""
    _, item, _ = conflicted_item(world)

    with pytest.raises(NotPermitted):
        conflict_services.concern_raise(actor=world.users[role], item=item, text="Not handled well")

    assert ConflictConcern.objects.count() == 0


# Every problem at once, and text no database can keep (X-4) ------------------------------------


def test_declaration_reports_every_problem_at_once(world: World) -> None:
    """A declaration with several problems is refused with all of them, not one per try (X-4, COI-1)."""
    before = rows(Declaration)

    with pytest.raises(DomainError) as caught:
        isv.declaration_create(
            **declaration_args(
                world, category="", organisation=None, organisation_name="", description=" ", start_date=None
            )
        )

    assert set(caught.value.errors) == {"category", "organisation", "description", "start_date"}
    assert rows(Declaration) == before


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("description", "x" * 1001, "The description of the interest must be 1000 characters or fewer"),
        (
            "description",
            "GP\x00partner",
            "The description of the interest contains a character that cannot be saved",
        ),
        (
            "description",
            "GP \ud800 partner",
            "The description of the interest contains a character that cannot be saved",
        ),
        ("organisation_name", "A" * 201, "The organisation's name must be 200 characters or fewer"),
        (
            "organisation_name",
            "Acme\x00",
            "The organisation's name contains a character that cannot be saved",
        ),
    ],
    ids=["long description", "nul in description", "surrogate in description", "long name", "nul in name"],
)
def test_declaration_text_the_database_cannot_keep_is_refused(
    world: World, field: str, value: str, message: str
) -> None:
    """Too long, a NUL byte or a lone surrogate: a clear message and nothing saved, on any database (X-4)."""
    extra: dict[str, Any] = {field: value}
    if field == "organisation_name":
        extra["organisation"] = None
    before = rows(Declaration)

    with pytest.raises(DomainError) as caught:
        isv.declaration_create(**declaration_args(world, **extra))

    assert caught.value.errors[field][0].startswith(message)
    assert rows(Declaration) == before


def test_declaration_update_refuses_a_nul_byte_and_changes_nothing(world: World) -> None:
    """A change is checked like a new declaration (X-4)."""
    declaration = declare(world.people["member"], world.practice, description="Partner")
    before = rows(Declaration)

    with pytest.raises(DomainError) as caught:
        isv.declaration_update(actor=SYSTEM, declaration=declaration, description="Part\x00ner")

    assert list(caught.value.errors) == ["description"]
    declaration.refresh_from_db()
    assert declaration.description == "Partner"
    assert rows(Declaration) == before


def test_withholding_reason_too_long_is_refused(world: World) -> None:
    """The reason for withholding has a limit the service says in words (X-4, PUB-1)."""
    declaration = declare(world.people["member"], world.practice)

    with pytest.raises(DomainError) as caught:
        isv.declaration_withhold(
            actor=world.users["governance_lead"],
            declaration=declaration,
            withholding="details",
            reason="r" * 1001,
        )

    assert caught.value.errors["reason"] == ["The reason for withholding must be 1000 characters or fewer"]
    declaration.refresh_from_db()
    assert declaration.withholding == ""


def test_other_trusts_lead_cannot_withhold(world: World, other_world: World) -> None:
    """Withholding is the governance lead's, in their own trust only (PUB-1, X-1)."""
    declaration = declare(world.people["member"], world.practice)

    with pytest.raises(NotPermitted, match=r"Only the trust's governance lead can do this\."):
        isv.declaration_withhold(
            actor=other_world.users["governance_lead"],
            declaration=declaration,
            withholding="entry",
            reason="Safety",
        )


def test_reminders_with_no_queue_listening_are_sent_at_once(world: World, monkeypatch: Any) -> None:
    """Without the notifications app listening (a command run without it) the service sends itself (COI-1)."""
    ts.person_update(actor=SYSTEM, person=world.people["member"], email="member@nhs.example")
    monkeypatch.setattr(reminders_requested, "has_listeners", lambda: False)

    sent = isv.reminders_send(actor=SYSTEM, trust=world.trust, months=12)

    assert sent == len(mail.outbox) >= 1
    assert "member@nhs.example" in {m.to[0] for m in mail.outbox}
