"""The API root: authentication (session or bearer token) and the domain routers."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from pecgov.api.auth import TokenAuth
from pecgov.errors import DomainError, NotPermitted

api = NinjaAPI(
    title="PEC Governance API",
    version="1.0.0",
    description=(
        "The trust's organisations, people, committees, memberships and compliance findings; meetings, "
        "conflicts and statements; the register of interests; the scheme of delegation; plans and "
        "business cases (read, and submit a case). "
        "Authenticate with your session (signed in) or a bearer token. Permissions are the same as the pages'."
    ),
    auth=[django_auth, TokenAuth()],
    urls_namespace="api-1.0.0",
)


@api.exception_handler(DomainError)
def domain_error(request: HttpRequest, exc: DomainError) -> Any:
    return api.create_response(request, {"detail": exc.messages, "errors": exc.errors}, status=422)


@api.exception_handler(NotPermitted)
def not_permitted(request: HttpRequest, exc: NotPermitted) -> Any:
    return api.create_response(request, {"detail": str(exc) or "Not permitted"}, status=403)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> Any:
    return api.create_response(request, {"detail": "Sign in or send a bearer token"}, status=401)


from pecgov.commissioning.api import router as commissioning_router  # noqa: E402
from pecgov.delegation.api import router as delegation_router  # noqa: E402
from pecgov.interests.api import router as interests_router  # noqa: E402
from pecgov.meetings.api import router as meetings_router  # noqa: E402
from pecgov.trust.api import router as trust_router  # noqa: E402

api.add_router("/", trust_router)
api.add_router("/", meetings_router)
api.add_router("/", interests_router)
api.add_router("/", delegation_router)
api.add_router("/", commissioning_router)
