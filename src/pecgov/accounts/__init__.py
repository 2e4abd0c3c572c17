"""Signing in (ADM-5): django-allauth's sign-in, password reset, second factor and single sign-on,
in the NHS.UK layout, with every sign-in event in the audit ledger."""
