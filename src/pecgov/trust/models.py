"""ORG data: organisations and their links, people, committees, memberships, role grants.

Rows hold only what belongs to one row; every write goes through `services`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from pecgov.trust.enums import (
    CommitteeKind,
    EndReason,
    GrantRole,
    LinkKind,
    MembershipRole,
    OrganisationKind,
    Profession,
    ProviderKind,
)


class Organisation(models.Model):
    """ORG-1: the trust itself, practices, PBC groups, localities, providers, SHA, LA, voluntary."""

    # Every organisation is recorded within one trust's scope; the trust row points at itself.
    trust = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=32, choices=OrganisationKind.choices)
    provider_kind = models.CharField(max_length=32, choices=ProviderKind.choices, blank=True, default="")
    name = models.CharField(max_length=200)
    ods_code = models.CharField("ODS code", max_length=12, blank=True, default="")
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    closed_on = models.DateField(null=True, blank=True)
    # Where it is and since when, as NHS Digital's ODS files give them (ORG-1, ADM-2).
    address = models.TextField(blank=True, default="")
    postcode = models.CharField(max_length=8, blank=True, default="")
    open_date = models.DateField("opened on", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["trust", "kind", "name"])]
        constraints = [
            models.UniqueConstraint(
                fields=["trust", "ods_code"],
                condition=~Q(ods_code=""),
                name="organisation_unique_ods_code_per_trust",
            ),
            models.CheckConstraint(
                condition=Q(open_date__isnull=True)
                | Q(closed_on__isnull=True)
                | Q(closed_on__gte=models.F("open_date")),
                name="organisation_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def shared_across_trusts(self) -> bool:
        """A trust's own row is named on every trust's public pages (the list of trusts), so a
        change to it throws away every trust's kept pages (src/pecgov/ui/dataversion.py)."""
        return self.kind == OrganisationKind.TRUST


class OrganisationLink(models.Model):
    """A typed, dated link: practice in a PBC group, group in a locality, provider arm of trust."""

    from_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="links_out")
    to_organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="links_in")
    kind = models.CharField(max_length=32, choices=LinkKind.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["from_organisation__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="organisation_link_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(from_organisation=models.F("to_organisation")),
                name="organisation_link_not_to_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_organisation} {self.get_kind_display()} {self.to_organisation}"

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)


class Person(models.Model):
    """ORG-2: a person with profession, registration, practising status and caseload."""

    # A signed-in user's roles are read from it: saving one moves the accounts version (ui.dataversion).
    shapes_roles = True

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="people")
    name = models.CharField(max_length=200)
    profession = models.CharField(max_length=32, choices=Profession.choices)
    job_title = models.CharField(max_length=200, blank=True, default="")
    registration_body = models.CharField(max_length=100, blank=True, default="")
    registration_number = models.CharField(max_length=50, blank=True, default="")
    practising = models.BooleanField(default=False)
    has_caseload = models.BooleanField("carries a caseload", default=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        help_text="Main practice or employer",
    )
    email = models.EmailField(blank=True, default="")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["trust", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_clinician(self) -> bool:
        return self.profession in Profession.clinical()


class Committee(models.Model):
    """ORG-3: the Board, the PEC (name configurable), PBC approvals, ACFs, reference groups."""

    # A signed-in user's roles are read from it: saving one moves the accounts version (ui.dataversion).
    shapes_roles = True

    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="committees")
    kind = models.CharField(max_length=32, choices=CommitteeKind.choices)
    name = models.CharField(max_length=200)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    locality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forums",
        help_text="For an Area Commissioning Forum: the locality it covers",
    )
    purpose = models.TextField(blank=True, default="")
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["trust", "kind"])]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """ORG-4: a dated seat on a committee. Current means by dates, never by a flag."""

    # A signed-in user's roles are read from it: saving one moves the accounts version (ui.dataversion).
    shapes_roles = True

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=32, choices=MembershipRole.choices)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=32, choices=EndReason.choices, blank=True, default="")
    end_note = models.TextField(blank=True, default="")
    co_opted_scope = models.TextField(
        "co-opted for", blank=True, default="", help_text="The named piece of work"
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["committee", "start_date"]
        indexes = [
            models.Index(fields=["committee", "end_date"]),
            models.Index(fields=["person", "end_date"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="membership_end_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(role=MembershipRole.CO_OPTED)
                | (Q(end_date__isnull=False) & ~Q(co_opted_scope="")),
                name="membership_co_opted_has_scope_and_end",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}, {self.committee}"

    def is_current(self, on: dt.date) -> bool:
        return self.start_date <= on and (self.end_date is None or self.end_date >= on)

    def is_lapsed_co_option(self, on: dt.date) -> bool:
        """Co-opted, past its end date, never ended (trust.queries.lapsed_co_option_q)."""
        return (
            self.role == MembershipRole.CO_OPTED
            and self.end_date is not None
            and self.end_date < on
            and not self.end_reason
        )


class RoleGrant(models.Model):
    """A role held by assignment (governance lead, practice lead) within one trust."""

    # A signed-in user's roles are read from it: saving one moves the accounts version (ui.dataversion).
    shapes_roles = True

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants")
    trust = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(max_length=32, choices=GrantRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="For a practice lead: the practice or PBC group",
    )
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "trust", "role"], name="role_grant_unique_per_trust")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class SiteAdministrator(models.Model):
    """ADM-1: a role above any one trust. Creates, renames and closes trusts and names each
    trust's first governance lead. Not a Django superuser: a site administrator holds no role in
    any trust, so sees none of a trust's records (a superuser passes every permission)."""

    # A signed-in user's roles are read from it: saving one moves the accounts version (ui.dataversion).
    shapes_roles = True

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="site_administrator"
    )
    since = models.DateTimeField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # A password set by the command line (or the EMPTY demo) is shown once and must be changed
    # at the first sign-in.
    password_is_temporary = models.BooleanField(default=False)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"{self.user} – site administrator"
