"""Setting up a trust: site administrators, trusts, invitations, staff roles, the setup checklist (ADM-1, ADM-4)."""
