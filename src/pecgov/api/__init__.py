"""PUB-2: the HTTP API (django-ninja, OpenAPI 3); each domain contributes its own router."""
