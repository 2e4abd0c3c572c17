"""A real OpenID Connect provider for the tests (ADM-5): django-oauth-toolkit with OIDC on, its own
settings, SQLite database and RSA key, served on loopback in a subprocess (boot.py)."""
