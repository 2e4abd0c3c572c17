"""A trust's choice of policy pack and its recorded overrides (POL-1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.trust.models import Organisation


class TrustPolicy(models.Model):
    trust = models.OneToOneField(Organisation, on_delete=models.PROTECT, related_name="policy")
    pack = models.CharField(max_length=50)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.trust}: {self.pack}"


class PolicyOverride(models.Model):
    """A local value for one parameter, with the reason and who decided. Withdrawn, never deleted."""

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="policy_overrides")
    key = models.CharField(max_length=100)
    value = models.JSONField(null=True)
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["key", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "key"],
                condition=Q(withdrawn_at__isnull=True),
                name="policy_override_one_active_per_key",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="policy_override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value!r}"
