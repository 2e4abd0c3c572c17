"""ORG: the trust, organisations, people, committees, memberships and accountability."""
