"""TOR data: the functions catalogue, the Board's delegations, members' lead areas, and the
scheme of delegation (versioned: a business case keeps the version that routed it)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.delegation.enums import Authority, Decider, DecisionKind, FunctionGroup
from pecgov.trust.models import Committee, Organisation, Person


class Function(models.Model):
    """TOR-1: one role or function a PEC might be given (DH Annex A; Alliance "The Roles")."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="functions")
    group = models.CharField(max_length=32, choices=FunctionGroup.choices)
    name = models.CharField(max_length=300)
    source = models.CharField(max_length=100, blank=True, default="", help_text="Where it comes from")
    description = models.TextField(blank=True, default="")
    retired_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "name"]
        indexes = [models.Index(fields=["trust", "group"])]
        constraints = [
            models.UniqueConstraint(fields=["trust", "group", "name"], name="function_unique_name_in_group")
        ]

    def __str__(self) -> str:
        return self.name


class Delegation(models.Model):
    """TOR-1: the Board gives a committee a function, with the authority to act (DH 3.1)."""

    function = models.ForeignKey(Function, on_delete=models.PROTECT, related_name="delegations")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="delegations")
    authority = models.CharField(max_length=16, choices=Authority.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    board_reference = models.CharField(
        "Board minute or paper", max_length=200, blank=True, default="", help_text="Where the Board agreed it"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["function__group", "function__name"]
        indexes = [models.Index(fields=["committee", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="delegation_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.function} to {self.committee} ({self.get_authority_display()})"

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class LeadArea(models.Model):
    """TOR-3: a member's lead area and tasks (Alliance "Accountability"; DH 5.2)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="lead_areas")
    function = models.ForeignKey(
        Function, on_delete=models.PROTECT, null=True, blank=True, related_name="leads"
    )
    area = models.CharField("lead area", max_length=300)
    tasks = models.TextField("tasks", blank=True, default="")
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__name", "area"]
        indexes = [models.Index(fields=["person", "end_date"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="lead_area_end_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.area}"

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Scheme(models.Model):
    """TOR-2: one adopted version of the scheme for one kind of decision. The newest is in force."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="schemes")
    decision_kind = models.CharField(max_length=32, choices=DecisionKind.choices)
    version = models.PositiveIntegerField()
    adopted_on = models.DateField()
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["decision_kind", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "decision_kind", "version"], name="scheme_unique_version"
            )
        ]

    def __str__(self) -> str:
        return f"Scheme of delegation for {self.get_decision_kind_display()}, version {self.version}"


class DelegationRule(models.Model):
    """TOR-2: one value band of a scheme and who decides it (whole pounds, inclusive)."""

    scheme = models.ForeignKey(Scheme, on_delete=models.PROTECT, related_name="rules")
    lower = models.PositiveBigIntegerField("from (£)")
    upper = models.PositiveBigIntegerField("up to (£)", null=True, blank=True)
    decider = models.CharField(max_length=32, choices=Decider.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["scheme", "lower"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "lower"], name="delegation_rule_unique_lower"),
            models.CheckConstraint(
                condition=Q(upper__isnull=True) | Q(upper__gte=models.F("lower")),
                name="delegation_rule_upper_not_below_lower",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.lower}-{self.upper or ''}: {self.get_decider_display()}"
