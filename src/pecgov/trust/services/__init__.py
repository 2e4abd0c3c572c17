"""Every write to the ORG domain: one function per user action (ORG-1 to ORG-5, X-2, X-4).

Each function takes the acting user as `actor`, checks permission and invariants, saves inside
one transaction with history, and appends an audit event. A broken rule raises `DomainError`
and saves nothing. One module per subject; callers import them all from here.
"""

# SYSTEM is the actor the set-up code and tests pass; kept here for their imports.
from pecgov.actors import SYSTEM
from pecgov.trust.services.committees import committee_create, committee_update
from pecgov.trust.services.grants import role_grant, role_revoke
from pecgov.trust.services.memberships import membership_create, membership_end, membership_update
from pecgov.trust.services.organisations import (
    organisation_create,
    organisation_link_create,
    organisation_link_end,
    organisation_update,
    trust_create,
)
from pecgov.trust.services.people import person_create, person_update

__all__ = [
    "SYSTEM",
    "committee_create",
    "committee_update",
    "membership_create",
    "membership_end",
    "membership_update",
    "organisation_create",
    "organisation_link_create",
    "organisation_link_end",
    "organisation_update",
    "person_create",
    "person_update",
    "role_grant",
    "role_revoke",
    "trust_create",
]
