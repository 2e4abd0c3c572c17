"""Appointments data (APP-1 to APP-7): the plan, posts, campaigns, applications, the panel, sift
and interview scores, offers and the Alliance chair recommendation.

Applications, scores and panel notes are confidential to the campaign's panel and the governance
lead (APP-7); `rules.py` and `queries.py` enforce it, and reads of another scorer's sheet are
written to the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from pecgov.appointments.enums import (
    ApplicationStatus,
    CampaignStatus,
    ConflictHandling,
    PanelRole,
    PostKind,
    RoundStage,
    StepKey,
    round_stage,
)
from pecgov.interests.enums import Category
from pecgov.trust.enums import MembershipRole, Profession
from pecgov.trust.models import Committee, Membership, Organisation, Person


class AppointmentPlan(models.Model):
    """APP-1, EFF-1: the plan for appointing the chair and members, as tracked steps."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    target_date = models.DateField(help_text="When the new PEC should be in place")
    created_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-target_date", "-id"]

    def __str__(self) -> str:
        return self.title


class PlanStep(models.Model):
    plan = models.ForeignKey(AppointmentPlan, on_delete=models.PROTECT, related_name="steps")
    key = models.CharField(max_length=24, choices=StepKey.choices)
    position = models.PositiveSmallIntegerField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    due_date = models.DateField(null=True, blank=True)
    done_on = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="plan_step_unique_key")]

    def __str__(self) -> str:
        return self.get_key_display()


class TrustCompetency(models.Model):
    """APP-2: a competency a trust adds to DH Annex B's framework."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    key = models.SlugField(max_length=60)
    heading = models.CharField(max_length=16)
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["heading", "title"]
        verbose_name_plural = "trust competencies"
        constraints = [models.UniqueConstraint(fields=["trust", "key"], name="trust_competency_unique_key")]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """APP-2: a post on a committee with its job description, person specification and the
    competencies candidates are scored against."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="posts")
    title = models.CharField(max_length=200)
    kind = models.CharField(max_length=16, choices=PostKind.choices)
    membership_role = models.CharField(
        "seat on the committee",
        max_length=32,
        choices=MembershipRole.choices,
        default=MembershipRole.CLINICAL,
    )
    job_description = models.TextField()
    person_specification = models.TextField(help_text="One criterion a line; the sift scores each")
    competency_keys = models.JSONField(default=list)
    time_commitment = models.CharField(max_length=200, blank=True, default="")
    tenure_terms = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["trust", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def criteria(self) -> list[str]:
        return [line.strip() for line in self.person_specification.splitlines() if line.strip()]


class Campaign(models.Model):
    """APP-3: one round of recruitment to a post: advert, applications, sift, interview, offer."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="campaigns")
    plan = models.ForeignKey(
        AppointmentPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="campaigns"
    )
    reference = models.CharField(max_length=20)
    vacancies = models.PositiveSmallIntegerField(default=1)
    advert = models.TextField()
    opens_on = models.DateField()
    closes_on = models.DateField()
    interview_date = models.DateField(null=True, blank=True)
    first_appointment = models.BooleanField(
        "first appointment to a new PEC",
        default=False,
        help_text="DH asks for a former PEC member on the panel",
    )
    status = models.CharField(max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    shortlist_note = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["-closes_on", "-id"]
        indexes = [models.Index(fields=["status", "closes_on"])]
        constraints = [
            models.UniqueConstraint(fields=["trust", "reference"], name="campaign_unique_reference"),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="campaign_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.post.title}"

    @cached_property
    def stage(self) -> RoundStage:
        """APP-3: where the round stands, from its status and offers (`enums.round_stage`). Lists
        annotate `offers_pending` and `offers_accepted` (queries.campaign_list); else one query."""
        pending = getattr(self, "offers_pending", None)
        accepted = getattr(self, "offers_accepted", None)
        if pending is None or accepted is None:
            statuses = list(
                self.applications.filter(
                    status__in=[ApplicationStatus.OFFERED, ApplicationStatus.ACCEPTED]
                ).values_list("status", flat=True)
            )
            pending = statuses.count(ApplicationStatus.OFFERED)
            accepted = statuses.count(ApplicationStatus.ACCEPTED)
        return round_stage(self.status, pending=pending, accepted=accepted, vacancies=self.vacancies)


class PanelSeat(models.Model):
    """APP-4: a person on a campaign's interview panel, in a role the panel rules look at."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="seats")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="panel_seats")
    role = models.CharField(max_length=24, choices=PanelRole.choices)
    is_chair = models.BooleanField("chairs the panel", default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "-is_chair", "person__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "person", "role"], name="panel_seat_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class Application(models.Model):
    """APP-3: an application from an applicant with their own account. Confidential (APP-7)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="applications"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    profession = models.CharField(max_length=32, choices=Profession.choices)
    registration_body = models.CharField(max_length=100, blank=True, default="")
    registration_number = models.CharField(max_length=50, blank=True, default="")
    practising = models.BooleanField(default=False)
    has_caseload = models.BooleanField("carries a caseload", default=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Their practice or employer, where it is in the trust",
    )
    statement = models.TextField("supporting statement")
    cv = models.FileField(upload_to="applications/%Y/%m/")
    cv_content_type = models.CharField(max_length=100)
    cv_size = models.PositiveIntegerField()
    nil_interests = models.BooleanField("no interests to declare", default=False)
    submitted_at = models.DateTimeField()
    status = models.CharField(
        max_length=16, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED
    )
    shortlist_reason = models.TextField(blank=True, default="")
    decision_reason = models.TextField(blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "name", "id"]
        indexes = [models.Index(fields=["campaign", "status"])]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "applicant"], name="application_one_per_applicant")
        ]

    def __str__(self) -> str:
        return self.name


class ApplicantInterest(models.Model):
    """APP-3: an interest an applicant declares with their application (COI-1's categories)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="interests")
    category = models.CharField(max_length=32, choices=Category.choices)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    description = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "id"]

    def __str__(self) -> str:
        return self.description[:80]


class SiftScore(models.Model):
    """APP-3: one panel member's score of one application against one person-specification
    criterion (its line number in the post's specification)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="sift_scores")
    scorer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    criterion = models.PositiveSmallIntegerField()
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True, default="")
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "scorer", "criterion"]
        constraints = [
            models.UniqueConstraint(fields=["application", "scorer", "criterion"], name="sift_score_unique"),
            models.CheckConstraint(condition=Q(score__gte=1) & Q(score__lte=5), name="sift_score_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} scored {self.application} {self.score} on criterion {self.criterion}"


class InterviewScore(models.Model):
    """APP-5: one panel member's score of one candidate against one competency."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="interview_scores")
    scorer = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    competency = models.CharField(max_length=60)
    score = models.PositiveSmallIntegerField()
    note = models.TextField(blank=True, default="")
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["application", "scorer", "competency"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "scorer", "competency"], name="interview_score_unique"
            ),
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="interview_score_on_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scorer} scored {self.application} {self.score} on {self.competency}"


class PanelConflict(models.Model):
    """APP-4: a panel member's conflict with a candidate, found by screening or declared, and how
    it was handled."""

    seat = models.ForeignKey(PanelSeat, on_delete=models.PROTECT, related_name="conflicts")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="panel_conflicts")
    description = models.TextField()
    declared = models.BooleanField(default=False, help_text="Declared by the panel member rather than found")
    handling = models.CharField(max_length=16, choices=ConflictHandling.choices, blank=True, default="")
    handling_reason = models.TextField(blank=True, default="")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["seat", "application"]
        constraints = [models.UniqueConstraint(fields=["seat", "application"], name="panel_conflict_unique")]

    def __str__(self) -> str:
        return f"{self.seat.person} / {self.application}"


class Offer(models.Model):
    """APP-3, APP-7 (terms): an offer to a candidate; acceptance creates the membership (ORG-4)."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="offer")
    offered_on = models.DateField()
    start_date = models.DateField()
    tenure_terms = models.TextField()
    time_commitment = models.CharField(max_length=200)
    # APP-3, NOT-1: the date the candidate is asked to answer by (from the pack's default); the
    # daily job tells them once when it draws near. Empty on offers made before it was asked.
    respond_by = models.DateField("reply by", null=True, blank=True)
    responded_on = models.DateField(null=True, blank=True)
    accepted = models.BooleanField(null=True)
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # APP-6: under the Alliance chair model, the new PEC's recommendation this appointment followed.
    recommendation = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Offer to {self.application}"


class ChairRecommendation(models.Model):
    """APP-6 (Alliance "The Structure"): a member of the new PEC recommends a chair candidate."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="recommendations")
    member = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="recommendations")
    reason = models.TextField()
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["campaign", "member__name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "member"], name="chair_recommendation_one_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} recommends {self.application}"


class MemberNotice(models.Model):
    """APP-3 (DH Annex C, "Give notice to current PEC members as necessary"): notice given to a
    current member whose seat ends with the new PEC, recorded against their membership from the
    appointment plan's notice step: who was told, when, the end date they were told, and by whom."""

    step = models.ForeignKey(PlanStep, on_delete=models.PROTECT, related_name="notices")
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="notices")
    given_on = models.DateField("date notice was given")
    end_date = models.DateField("end date notified", help_text="The last day of the member's seat")
    note = models.TextField(
        blank=True, default="", help_text="Optional: how notice was given, such as by letter"
    )
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["given_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["step", "membership"], name="member_notice_one_per_membership"),
            models.CheckConstraint(
                condition=Q(end_date__gte=models.F("given_on")), name="member_notice_ends_after_notice"
            ),
        ]

    def __str__(self) -> str:
        return f"Notice to {self.membership.person}"
