"""The API root: authentication (session or bearer token), errors as JSON, and every app's
router. It sits at the top with the URL configuration: it imports the apps, none imports it."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.openapi.schema import OpenAPISchema
from ninja.responses import Response
from ninja.security import django_auth

from pecgov.api.auth import TokenAuth
from pecgov.api.versions import IF_MATCH, StaleVersion
from pecgov.appointments.api import router as appointments_router
from pecgov.audit.api import router as audit_router
from pecgov.checklist.api import router as checklist_router
from pecgov.commissioning.api import router as commissioning_router
from pecgov.commissioning.api_steps import router as case_steps_router
from pecgov.commissioning.pbc.api import router as pbc_router
from pecgov.delegation.api import router as delegation_router
from pecgov.effectiveness.api import router as effectiveness_router
from pecgov.engagement.api import router as engagement_router
from pecgov.errors import DomainError, NotPermitted
from pecgov.interests.api import router as interests_router
from pecgov.meetings.api import router as meetings_router
from pecgov.members.api import router as members_router
from pecgov.policy.api import router as policy_router
from pecgov.public import popolo_openapi
from pecgov.search.api import router as search_router
from pecgov.surveys.api import router as surveys_router
from pecgov.trust.api import router as trust_router

logger = logging.getLogger(__name__)

# Every answer but a success is this shape: `detail` says what went wrong (a sentence, or
# a list of them, or the schema's list of problems) and `errors` maps a field to its messages.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "detail": {"description": "What went wrong, in plain English (or the list of problems)"},
        "errors": {
            "type": "object",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["detail"],
}
ERROR_RESPONSES = {
    "400": "The request could not be read",
    "401": "Sign in or send a bearer token",
    "403": "Your role does not allow this",
    "404": "There is no such record in your trust",
    "409": "It clashes with something saved at the same moment, or a repeat is still being processed",
    "412": "The version sent (If-Match, or read_version in the body) is not the record's now: "
    "someone changed it since you read it; nothing was saved and `errors` says what changed (X-5)",
    "413": "The request is too big",
    "422": "Something sent is not valid; `errors` names each field",
    "429": "Too many requests",
}
IDEMPOTENCY_HEADER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Optional: a unique key per intended request. A repeat with the same key (within ten "
        "minutes) is answered with the first response instead of acting twice (X-5)."
    ),
    "schema": {"type": "string", "maxLength": 255},
}


class PecGovAPI(NinjaAPI):
    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params: Any = None) -> OpenAPISchema:
        """Document every answer an operation can give, not only its success (schemathesis's
        status-code conformance): every operation can be refused (401, 403), asked about
        something missing (404) or sent bad input (400, 422); a write can also clash (409) or
        be too big (413); the Idempotency-Key header is documented on writes."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
        error_ref = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        for operations in schema.get("paths", {}).values():
            for method, operation in operations.items():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                codes = ["400", "401", "403", "404", "422", "429"]
                if method in {"post", "put", "patch", "delete"}:
                    codes += ["409", "413"]
                    operation.setdefault("parameters", []).append(dict(IDEMPOTENCY_HEADER))
                if any(p.get("name") == IF_MATCH for p in operation.get("parameters", [])):
                    codes.append("412")
                for code in codes:
                    operation["responses"].setdefault(
                        code, {"description": ERROR_RESPONSES[code], "content": error_ref}
                    )
        # The open-data documents, public and at their own addresses, with the Popolo schemas.
        schema["paths"].update(popolo_openapi.paths())
        schema["components"]["schemas"].update(popolo_openapi.components())
        return schema


api = PecGovAPI(
    title="PEC Governance API",
    version="1.0.0",
    description=(
        "The trust's organisations, people, committees, memberships and compliance findings; meetings, "
        "conflicts and statements; the register of interests; the scheme of delegation; plans and "
        "business cases, their scrutiny and decisions. "
        "Authenticate with your session (signed in) or a bearer token. Permissions are the same as the pages'. "
        "The base path is versioned: use /api/v1/ (this document at /api/v1/openapi.json lists it); /api/ "
        "is the same version 1 under its first address, kept for existing clients. Every list pages with "
        "`limit` and `offset` and answers {items, count}; lists take `ordering` "
        "(a field name, - in front to reverse; the choices are on each list's parameter). An edit carries "
        "the version it read: a record you can edit answers its read with an ETag; send it back as "
        "If-Match on the edit (PATCH or POST), or, on the POST edits, as `read_version` in the body (the "
        "same token, which the read's body also carries). If the record changed since, nothing is saved "
        "and the answer is 412 with what changed. The public "
        "open data (/api/popolo/) is listed too, described by the Popolo JSON schemas."
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


@api.exception_handler(StaleVersion)
def stale_version(request: HttpRequest, exc: StaleVersion) -> Any:
    return api.create_response(request, {"detail": exc.detail, "errors": exc.errors}, status=412)


@api.exception_handler(AuthenticationError)
def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> Any:
    return api.create_response(request, {"detail": "Sign in or send a bearer token"}, status=401)


@api.exception_handler(PermissionDenied)
def permission_denied(request: HttpRequest, exc: PermissionDenied) -> Any:
    return api.create_response(request, {"detail": str(exc) or "Your role does not allow this"}, status=403)


@api.exception_handler(IntegrityError)
def clash(request: HttpRequest, exc: IntegrityError) -> Any:
    """A unique constraint hit by a write racing another (X-5): 409, never a 500. A read cannot
    clash: there the database refused a value out of its range (SQLite's "datatype mismatch" for
    an offset past 2**63, say), which is bad input: 422."""
    if request.method in ("GET", "HEAD"):
        detail = "A number you sent is out of range: use a smaller value"
        return api.create_response(request, {"detail": detail}, status=422)
    logger.warning("API write clashed on %s: %s", request.path, exc)
    detail = "This clashes with something saved at the same moment. Check and try again."
    return api.create_response(request, {"detail": detail}, status=409)


@api.exception_handler(OverflowError)
def out_of_range(request: HttpRequest, exc: OverflowError) -> Any:
    """A number too big for the database (SQLite refuses ints past 2**63 before SQL runs): the
    caller's bad input, 422, never a 500."""
    detail = "A number you sent is out of range: use a smaller value"
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(DataError)
def bad_data(request: HttpRequest, exc: DataError) -> Any:
    detail = "Something sent is too long or cannot be stored"
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> Any:
    """An API error is JSON, never the HTML error page (X-4); the traceback goes to the log."""
    logger.exception("API error on %s", request.path)
    detail = "Sorry, there is a problem with the service. Try again later."
    return api.create_response(request, {"detail": detail}, status=500)


api.add_router("/", trust_router)
api.add_router("/", policy_router)
api.add_router("/", meetings_router)
api.add_router("/", interests_router)
api.add_router("/", delegation_router)
api.add_router("/", commissioning_router)
api.add_router("/", members_router)
api.add_router("/", surveys_router)
api.add_router("/", checklist_router)
api.add_router("/", engagement_router)
api.add_router("/", effectiveness_router)
api.add_router("/", appointments_router)
api.add_router("/", audit_router)
api.add_router("/", pbc_router)
api.add_router("/", search_router)
api.add_router("/", case_steps_router)

# The versioned base path (PUB-2): /api/v1/<path> is /api/<path>, answered by the same view with
# the same authentication, permissions, page cache and idempotency. /api/ stays version 1's alias.
API_ALIAS = "/api/"
V1_PREFIX = "/api/v1/"


@csrf_exempt  # the API's own views check CSRF on a signed-in session (pecgov.api.auth)
def api_v1(request: HttpRequest, rest: str) -> HttpResponse:
    if rest == "openapi.json":
        return Response(api.get_openapi_schema(path_prefix=V1_PREFIX))
    try:
        match = resolve(API_ALIAS + rest)
    except Resolver404 as error:
        raise Http404 from error
    if match.namespace != api.urls_namespace or rest.startswith("v1/"):
        raise Http404
    response: HttpResponse = match.func(request, *match.args, **match.kwargs)
    return response
