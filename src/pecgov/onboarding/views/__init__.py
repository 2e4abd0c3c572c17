"""Onboarding pages: the site administrator's trusts, a lead's staff, accepting an invitation."""
