"""The API root: authentication (session or bearer token), errors as JSON, and every app's
router. It sits at the top with the URL configuration: it imports the apps, none imports it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import django_auth

from pecgov.api.auth import TokenAuth
from pecgov.commissioning.api import router as commissioning_router
from pecgov.delegation.api import router as delegation_router
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests.api import router as interests_router
from pecgov.meetings.api import router as meetings_router
from pecgov.policy.api import router as policy_router
from pecgov.trust.api import router as trust_router

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


api.add_router("/", trust_router)
api.add_router("/", policy_router)
api.add_router("/", meetings_router)
api.add_router("/", interests_router)
api.add_router("/", delegation_router)
api.add_router("/", commissioning_router)
