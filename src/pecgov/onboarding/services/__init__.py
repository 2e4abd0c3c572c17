"""Every write of onboarding: trusts by the site administrator (ADM-1), invitations, role grants
and suspensions by a trust's governance lead (ADM-4). One module per subject."""

from pecgov.onboarding.services.invitations import (
    invitation_accept,
    invitation_check,
    invitation_create,
    invitation_revoke,
)
from pecgov.onboarding.services.staff import account_reactivate, account_suspend
from pecgov.onboarding.services.trusts import (
    siteadmin_create,
    siteadmin_issue_password,
    siteadmin_password_change,
    trust_close,
    trust_name_lead,
    trust_open,
    trust_rename,
)

__all__ = [
    "account_reactivate",
    "account_suspend",
    "invitation_accept",
    "invitation_check",
    "invitation_create",
    "invitation_revoke",
    "siteadmin_create",
    "siteadmin_issue_password",
    "siteadmin_password_change",
    "trust_close",
    "trust_name_lead",
    "trust_open",
    "trust_rename",
]
