"""MTG data: meetings, agenda items and the organisations they affect, papers, attendance,
votes, decisions, minutes (versioned, locked once approved) and actions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from pecgov.interests.enums import Handling
from pecgov.interests.models import Declaration
from pecgov.meetings.enums import (
    NOT_TO_BOARD,
    VOTING_KINDS,
    AttendanceStatus,
    AttendeeKind,
    BoardOutcome,
    Contribution,
    ItemKind,
    MeetingStatus,
    MinutesStatus,
    Outcome,
    VoteChoice,
)
from pecgov.trust.models import Committee, Organisation, Person


class Meeting(models.Model):
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200)
    status = models.CharField(max_length=16, choices=MeetingStatus.choices, default=MeetingStatus.SCHEDULED)
    public = models.BooleanField(default=True, help_text="Held in public: approved minutes are published")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_at"]
        indexes = [models.Index(fields=["committee", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.committee.name}, {self.starts_at:%-d %B %Y}"

    @property
    def state(self) -> MeetingStatus:
        """The one status shown everywhere (MTG-1): cancelled if the lead cancelled it, held once
        its start has passed, else scheduled. A past meeting is held: it happened on its date,
        whether or not its attendance has been typed in yet."""
        if self.status == MeetingStatus.CANCELLED:
            return MeetingStatus.CANCELLED
        if self.starts_at <= timezone.now():
            return MeetingStatus.HELD
        return MeetingStatus.SCHEDULED

    @property
    def state_label(self) -> str:
        return str(self.state.label)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="items")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=16, choices=ItemKind.choices)
    description = models.TextField(blank=True, default="")
    affected = models.ManyToManyField(Organisation, blank=True, related_name="agenda_items")
    # PUB-1: an item taken in private (Part B) never appears on the public site or in the public
    # agenda pack; the public pages say that an item was taken in private. The reason is recorded.
    confidential = models.BooleanField("taken in private", default=False)
    confidential_reason = models.CharField(
        "why it is taken in private", max_length=300, blank=True, default=""
    )
    # The record of the decision (MTG-3, MTG-4)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True, default="")
    contribution = models.CharField(max_length=24, choices=Contribution.choices, blank=True, default="")
    reasons = models.TextField(blank=True, default="")
    evidence = models.TextField("data, analysis and evidence relied on", blank=True, default="")
    changes_made = models.TextField("what the committee changed", blank=True, default="")
    decided_at = models.DateTimeField(null=True, blank=True)
    # MTG-3: the date the committee made the decision (its meeting's day); decided_at is when it was typed.
    decided_on = models.DateField("date of the decision", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords(m2m_fields=[affected])

    class Meta:
        ordering = ["meeting", "number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="agenda_item_unique_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def is_decided(self) -> bool:
        return bool(self.outcome)

    @property
    def takes_votes(self) -> bool:
        """A decision or a recommendation: voted on, decided with reasons, quorum checked (MTG-2, MTG-3)."""
        return self.kind in VOTING_KINDS

    @property
    def went_to_board(self) -> bool:
        """The committee made this recommendation to the Board: the Board decides on it (MTG-3)."""
        return self.kind == ItemKind.RECOMMENDATION and self.is_decided and self.outcome not in NOT_TO_BOARD


class Paper(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="papers")
    title = models.CharField(max_length=200)
    file = models.FileField(upload_to="papers/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()
    history = HistoricalRecords()

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="attendance")
    kind = models.CharField(max_length=16, choices=AttendeeKind.choices, default=AttendeeKind.MEMBER)
    status = models.CharField(
        max_length=16, choices=AttendanceStatus.choices, default=AttendanceStatus.PRESENT
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="attendance_unique_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_status_display()}"


class Vote(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="votes")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    choice = models.CharField(max_length=8, choices=VoteChoice.choices)
    # COI-3: a vote cast before the member was excluded is kept, visibly struck, and not counted.
    struck_at = models.DateTimeField(null=True, blank=True)
    struck_reason = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "person"], name="vote_unique_person")]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_choice_display()}"

    @property
    def is_struck(self) -> bool:
        return self.struck_at is not None


class Minutes(models.Model):
    """One version of a meeting's minutes. Approved versions are locked; a correction is a new version."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    version = models.PositiveIntegerField()
    text = models.TextField()
    status = models.CharField(max_length=16, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT)
    approved_at_meeting = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, null=True, blank=True, related_name="minutes_approved"
    )
    approved_on = models.DateField(null=True, blank=True)
    correction_note = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "-version"]
        verbose_name_plural = "minutes"
        constraints = [models.UniqueConstraint(fields=["meeting", "version"], name="minutes_unique_version")]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}, version {self.version}"


class Action(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="actions")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.PROTECT, null=True, blank=True, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="actions")
    due_date = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["due_date"]
        indexes = [models.Index(fields=["owner", "done_on"])]

    def __str__(self) -> str:
        return self.description[:80]


class BoardDecision(models.Model):
    """The Board's own decision on a PEC recommendation (MTG-3), recording that it considered
    the conflicts in the statement (COI-6)."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="board_decision")
    decided_on = models.DateField()
    outcome = models.CharField(max_length=24, choices=BoardOutcome.choices)
    conflicts_considered = models.BooleanField()
    note = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(conflicts_considered=True), name="board_decision_considered_conflicts"
            )
        ]

    def __str__(self) -> str:
        return f"Board: {self.get_outcome_display()}"


# Conflicts on an item (COI-3, COI-4). They moved here from the register app with their tables,
# which keep their first names so that existing rows and the ledger's references stay valid.


class ItemConflict(models.Model):
    """How the chair handled one person's conflict on one agenda item (COI-3)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="conflicts")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="item_conflicts")
    declaration = models.ForeignKey(
        Declaration, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    interest = models.TextField(help_text="Where the conflict lies, as screening found it")
    handling = models.CharField(max_length=24, choices=Handling.choices)
    reason = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    # COI-8: when the chair is conflicted, the vice-chair (or a member the meeting names) rules on
    # it and chairs the item; `ruled_by` names them. Empty: the committee's chair ruled.
    ruled_by = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # COI-8 (Alliance "Conflicts of Interest"): advice sought from a clinical reference group.
    referred_to = models.CharField("who was asked for advice", max_length=200, blank=True, default="")
    referral_advice = models.TextField("what they advised", blank=True, default="")
    referred_on = models.DateField("when they advised", null=True, blank=True)
    history = HistoricalRecords(table_name="interests_historicalitemconflict")

    class Meta:
        db_table = "interests_itemconflict"
        ordering = ["item", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["item", "person"], name="item_conflict_unique_person"),
            models.CheckConstraint(
                condition=~Q(handling=Handling.NO_ACTION) | ~Q(reason=""),
                name="item_conflict_no_action_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.item}: {self.get_handling_display()}"

    @property
    def excluded_from_decision(self) -> bool:
        return self.handling in {Handling.EXCLUDE_DECISION, Handling.EXCLUDE_DEBATE}


class ConflictConcern(models.Model):
    """A member's concern that a conflict was not handled well (COI-4)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="concerns")
    raised_by = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    raised_at = models.DateTimeField()
    history = HistoricalRecords(table_name="interests_historicalconflictconcern")

    class Meta:
        db_table = "interests_conflictconcern"
        ordering = ["raised_at"]

    def __str__(self) -> str:
        return f"Concern by {self.raised_by} on {self.item}"


class StatementVersion(models.Model):
    """A statement to the Board as it was sent (COI-5): frozen once the lead marks it sent or the
    Board's decision is recorded. A later change to the record makes a new version; what the
    Board saw is never altered."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="statement_versions")
    version = models.PositiveIntegerField()
    frozen_at = models.DateTimeField()
    reason = models.CharField(max_length=200)
    html = models.TextField()
    # The PDF is built once, by a task on the queue after the freeze commits; empty until then.
    pdf = models.BinaryField(blank=True, default=b"")
    sha256 = models.CharField(max_length=64)
    pdf_sha256 = models.CharField(max_length=64, blank=True, default="")
    pdf_built_at = models.DateTimeField(null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The PDF's bytes stay out of the history row (its digest is in the audit event).
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        ordering = ["item", "-version"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="statement_version_unique")]

    def __str__(self) -> str:
        return f"Statement to the Board on {self.item}, version {self.version}"

    @property
    def pdf_ready(self) -> bool:
        return bool(self.pdf_sha256)


class AgendaPack(models.Model):
    """A meeting's agenda pack as one PDF (PUB-2): built by a task when papers are published or
    changed, frozen with its SHA-256 and served as stored. The public version leaves out the items
    taken in private and their papers (PUB-1). A new version only when what went in changed."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="agenda_packs")
    public = models.BooleanField()
    version = models.PositiveIntegerField()
    built_at = models.DateTimeField()
    source_sha256 = models.CharField(max_length=64, help_text="Digest of the agenda and papers it holds")
    pdf = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    pages = models.PositiveIntegerField()
    history = HistoricalRecords(excluded_fields=["pdf"])

    class Meta:
        ordering = ["meeting", "public", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "public", "version"], name="agenda_pack_version_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{'Public agenda pack' if self.public else 'Agenda pack'} for {self.meeting}, version {self.version}"
