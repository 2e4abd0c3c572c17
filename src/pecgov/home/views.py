"""Home, sign-in, the accessibility statement and error pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from allauth.account.views import LoginView
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render

from pecgov.accounts.sso import sign_on_providers
from pecgov.appointments.enums import APPLICANT_HINTS
from pecgov.appointments.queries import applications_of
from pecgov.commissioning.queries import pipeline, pipeline_summary
from pecgov.demo.accounts import DEMO_ACCOUNTS
from pecgov.home.queries import (
    RULING_SEATS,
    RulingScreen,
    cases_with_director,
    conflicts_awaiting_ruling,
    dashboard,
    ruling_screen,
)
from pecgov.meetings.kept import kept_reference
from pecgov.meetings.queries import my_actions
from pecgov.notifications.queries import unread_count
from pecgov.onboarding.checklist import setup_checklist
from pecgov.onboarding.queries import setup_counts
from pecgov.trust.roles import UserRoles, roles_of
from pecgov.ui.kept import per_trust

# The applications an applicant sees on the home page; the rest are a link away.
HOME_APPLICATIONS = 10


def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "home/landing.jinja", {"title": "PEC Governance"})
    roles = roles_of(request.user)
    if roles.trust_id is None and request.user.has_perm("trust.administer_site"):
        return redirect("onboarding:trust_list")  # ADM-1: the site administrator works above the trusts
    context: dict[str, Any] = {"title": "Home", "nav_section": "home", "roles": roles}
    if roles.trust_id is not None:
        trust_id = roles.trust_id
        # The trust at a glance is the same for everyone in the trust: kept for its data version.
        context.update(per_trust(trust_id, "home.dashboard", lambda: dashboard(trust_id)))
        context.update(_waiting_work(request, roles))
    else:
        # An applicant (APP-3): no trust, but their own applications and the open posts.
        context["my_applications"] = list(applications_of(request.user)[:HOME_APPLICATIONS])
        context["applicant_hints"] = APPLICANT_HINTS
    if roles.person_id is not None:
        context["my_actions"] = my_actions(roles.person_id)
    context["unread_notifications"] = unread_count(request.user)  # NOT-1
    return render(request, "home/home.jinja", context)


def _waiting_work(request: HttpRequest, roles: UserRoles) -> dict[str, Any]:
    """What waits for this person in their trust: each part asked of its own app's permission
    and query. `None` hides a part the person has no business seeing."""
    assert roles.trust_id is not None
    trust_id = roles.trust_id
    user = request.user
    chairs = roles.person_id is not None and any(role in RULING_SEATS for _kind, role in roles.seats)
    return {
        "pbc_summary": per_trust(trust_id, "home.pbc_summary", lambda: pipeline_summary(pipeline(trust_id)))
        if user.has_perm("commissioning.view_pipeline")
        else None,
        "can_submit_case": user.has_perm("commissioning.submit"),
        "can_see_cases": user.has_perm("commissioning.view_cases"),
        # PBC-2: the small cases routed to an executive director.
        "director_cases": cases_with_director(roles.trust_id)
        if user.has_perm("commissioning.decide_director")
        else None,
        # ADM-1: the lead's setup checklist, until every step is done.
        "setup_checklist": per_trust(trust_id, "home.setup", lambda: setup_checklist(setup_counts(trust_id)))
        if user.has_perm("trust.manage")
        else None,
        # COI-3, COI-8: the conflicts the chair (or, for the chair's own, the vice-chair) rules on.
        "awaiting_ruling": conflicts_awaiting_ruling(roles.person_id, trust_id, screen=_kept_ruling_screen)
        if chairs and roles.person_id is not None
        else None,
    }


def _kept_ruling_screen(trust_id: int, today: dt.date) -> RulingScreen:
    """The trust's coming meetings with their unhandled conflicts, screened once per trust data
    version and day for all its chairs and vice-chairs (COI-3, COI-8, X-1); each person's home
    page filters it for their seats and drops a meeting started since."""
    return per_trust(
        trust_id,
        f"home.awaiting_ruling:{today.isoformat()}",
        lambda: ruling_screen(trust_id, today, reference=kept_reference),
    )


class SignInView(LoginView):  # type: ignore[misc]  # allauth ships no type hints
    """allauth's sign-in (ADM-5) with the demo's published sign-ins beside it in demo mode."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)
        context["title"] = "Sign in"
        context["sso_providers"] = sign_on_providers(self.request)
        if settings.DEMO_MODE:
            context["demo_accounts"] = DEMO_ACCOUNTS
        return context


sign_in = SignInView.as_view()


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "home/accessibility.jinja", {"title": "Accessibility statement"})


def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "ui/error.jinja",
        {
            "title": "You cannot do this",
            "status": 403,
            "message": "Your role does not allow this. Ask your governance lead if you think it should.",
        },
        status=403,
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(
        request,
        "ui/error.jinja",
        {
            "title": "Page not found",
            "status": 404,
            "message": "If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.",
        },
        status=404,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "ui/error.jinja",
        {
            "title": "Sorry, there is a problem with the service",
            "status": 500,
            "message": "Try again later. Nothing you entered has been saved.",
        },
        status=500,
    )


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(
        request,
        "ui/error.jinja",
        {
            "title": "Your form could not be sent",
            "status": 403,
            "message": "The page had expired or cookies are blocked. Go back, reload the page and try again. Nothing was saved.",
        },
        status=403,
    )
