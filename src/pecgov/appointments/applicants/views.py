"""Public posts and the applicant's own pages (APP-3, APP-7).

Anyone may read the posts open for applications; anyone signed in may apply (trust staff too);
an applicant creates their own account. An applicant sees only their own applications: every
lookup goes through `queries.applications_of(request.user)`, so anyone else's application,
including for the trust's governance lead (who uses the appointment pages), answers 404. These
pages never show scores or panel notes (APP-7).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, wraps
from itertools import groupby
from typing import Any

from allauth.account.internal.flows.email_verification import send_verification_email_to_address
from allauth.account.utils import setup_user_email
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.models import User
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from pecgov.appointments import framework, queries, services
from pecgov.appointments.applicants.forms import ApplicationForm, RegisterForm
from pecgov.appointments.enums import APPLICANT_HINTS, ApplicationStatus, CampaignStatus
from pecgov.appointments.models import Application, Campaign, Offer
from pecgov.errors import DomainError, NotPermitted
from pecgov.ui.viewkit import GET_POST, form_view, paginate, posted, posted_files

SECTION = "applications"
TEMPLATES = "appointments/applicant"
# The backend that checks passwords (allauth's, keeping users as pecgov.ui.auth does).
PASSWORD_BACKEND = "pecgov.accounts.backends.SignInBackend"


def signed_in(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required, in any trust or none: applicants have no trust."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return wrapped


def _published(pk: int) -> Campaign:
    """A campaign that has been advertised (open or since closed); a draft answers 404."""
    try:
        return (
            Campaign.objects.exclude(status=CampaignStatus.DRAFT)
            .select_related("post", "post__committee", "trust")
            .get(pk=pk)
        )
    except Campaign.DoesNotExist as error:
        raise Http404 from error


def _own(request: HttpRequest, pk: int) -> Application:
    """The user's own application; anyone else's is 404, never 403 (APP-7)."""
    try:
        return (
            queries.applications_of(request.user)
            .select_related("campaign__post__committee", "organisation")
            .get(pk=pk)
        )
    except Application.DoesNotExist as error:
        raise Http404 from error


def _safe_next(request: HttpRequest) -> str:
    """`next` if it is a local address on this site; otherwise nothing (no open redirect)."""
    target = str(request.POST.get("next") or request.GET.get("next") or "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def _window(campaign: Campaign) -> str:
    """Where the campaign stands for an applicant today: "open", "not_yet" or "closed"."""
    today = timezone.localdate()
    if services.accepting_applications(campaign, today):
        return "open"
    if campaign.status == CampaignStatus.ADVERTISED and today < campaign.opens_on:
        return "not_yet"
    return "closed"


# Public: the posts open for applications -----------------------------------------------------


@require_GET
def posts(request: HttpRequest) -> HttpResponse:
    """APP-3: every post open for applications today, soonest closing first."""
    return render(
        request,
        f"{TEMPLATES}/posts.jinja",
        {
            "title": "Posts open for applications",
            "nav_section": SECTION,
            "page": paginate(request, queries.open_campaigns()),
        },
    )


@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-2, APP-3: the advert, job description, person specification and competencies."""
    campaign = _published(pk)
    competencies = services.campaign_competencies(campaign)
    order = {heading: i for i, heading in enumerate(framework.HEADINGS)}
    ranked = sorted(competencies, key=lambda c: order.get(c.heading, len(order)))
    headings = [
        (framework.HEADING_NAMES.get(heading, heading), list(group))
        for heading, group in groupby(ranked, key=lambda c: c.heading)
    ]
    return render(
        request,
        f"{TEMPLATES}/post_detail.jinja",
        {
            "title": campaign.post.title,
            "nav_section": SECTION,
            "campaign": campaign,
            "post": campaign.post,
            "headings": headings,
            "window": _window(campaign),
        },
    )


# Applying (APP-3) -----------------------------------------------------------------------------


@GET_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: apply with an account of one's own; without one, sign in or create one first."""
    campaign = _published(pk)
    here = reverse("applicants:apply", args=[campaign.pk])
    if not request.user.is_authenticated:
        if request.method == "POST":
            return redirect_to_login(here)
        return render(
            request,
            f"{TEMPLATES}/apply_sign_in.jinja",
            {"title": "Sign in or create an account to apply", "nav_section": SECTION, "campaign": campaign},
        )
    user = request.user
    form = ApplicationForm(
        posted(request),
        posted_files(request),
        campaign=campaign,
        initial={"name": user.get_full_name(), "email": user.email},
    )
    return form_view(
        request,
        form,
        save=lambda d: services.application_submit(
            actor=user, campaign=campaign, cv=d["cv"], interests=d["interests"], **form.application_fields()
        ),
        done=lambda _: (
            f"Your application for {campaign.post.title} has been sent. "
            "You can follow it here; we will contact you after the closing date."
        ),
        then=lambda application: reverse("applicants:my_application", kwargs={"pk": application.pk}),
        page=_apply_page,
        campaign=campaign,
        user=user,
    )


def _apply_page(
    request: HttpRequest, form: ApplicationForm, *, campaign: Campaign, user: User
) -> HttpResponse:
    existing = Application.objects.filter(campaign=campaign, applicant=user).first()
    return render(
        request,
        f"{TEMPLATES}/apply.jinja",
        {
            "title": f"Apply for {campaign.post.title}",
            "nav_section": SECTION,
            "campaign": campaign,
            "form": form,
            "existing": existing,
            "window": _window(campaign),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@GET_POST
def register(request: HttpRequest) -> HttpResponse:
    """An applicant's own account (APP-3). Signed-in users are sent on: they have one already.

    Limited per client address (settings.RATE_LIMITS); Django's password validators apply; the
    address is confirmed by email (ADM-5)."""
    next_url = _safe_next(request)
    if request.user.is_authenticated:
        return redirect(next_url or reverse("applicants:my_applications"))
    return form_view(
        request,
        RegisterForm(posted(request)),
        save=lambda d: services.account_create(
            username=d["username"], email=d["email"], password=d["password1"]
        ),
        after=partial(_welcome, request),
        then=lambda _: next_url or reverse("applicants:my_applications"),
        page=_register_page,
        next_url=next_url,
    )


def _welcome(request: HttpRequest, user: Any) -> None:
    """The new applicant is signed in, asked to confirm their address, then told (in that order)."""
    login(request, user, backend=PASSWORD_BACKEND)
    # ADM-5: the applicant confirms their address from a link sent through the outbox.
    address = setup_user_email(request, user, [])
    if address is not None:
        send_verification_email_to_address(request, address, signup=True)
    messages.success(
        request,
        f"Your account {user.get_username()} has been created and you are signed in. "
        f"We have emailed {user.email} a link to confirm your address.",
    )


def _register_page(request: HttpRequest, form: RegisterForm, *, next_url: str) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/register.jinja",
        {"title": "Create an account", "nav_section": SECTION, "form": form, "next": next_url},
        status=400 if form.is_bound and form.errors else 200,
    )


# The applicant's own applications (APP-3, APP-7) ------------------------------------------------


@require_GET
@signed_in
def my_applications(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        f"{TEMPLATES}/my_applications.jinja",
        {
            "title": "Your applications",
            "nav_section": SECTION,
            "page": paginate(request, queries.applications_of(request.user)),
            "hints": APPLICANT_HINTS,
        },
    )


@require_GET
@signed_in
def my_application(request: HttpRequest, pk: int) -> HttpResponse:
    """What the applicant sent, where it stands and any offer. Never scores or panel notes."""
    application = _own(request, pk)
    offer = Offer.objects.filter(application=application).first()
    return render(
        request,
        f"{TEMPLATES}/my_application.jinja",
        {
            "title": f"Your application for {application.campaign.post.title}",
            "nav_section": SECTION,
            "application": application,
            "interests": list(application.interests.select_related("organisation")),
            "hint": APPLICANT_HINTS.get(application.status, ""),
            "offer": offer,
            "can_answer": offer is not None
            and offer.accepted is None
            and application.status == ApplicationStatus.OFFERED,
            "can_withdraw": application.status in services.WITHDRAWABLE,
        },
    )


def _act(request: HttpRequest, application: Application, action: Callable[[], str]) -> HttpResponse:
    """Run a service for the applicant; a broken rule is told on their application's page."""
    try:
        messages.success(request, action())
    except DomainError as error:
        messages.error(request, " ".join(error.messages))
    except NotPermitted as error:
        raise Http404 from error
    return redirect("applicants:my_application", pk=application.pk)


@require_POST
@signed_in
def offer_respond(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3, ORG-4: accept or decline the offer; acceptance makes them a member of the committee."""
    application = _own(request, pk)
    offer = Offer.objects.filter(application=application).first()
    if offer is None:
        raise Http404
    decision = request.POST.get("decision", "")

    def respond() -> str:
        if decision not in {"accept", "decline"}:
            raise DomainError("Choose whether to accept or decline the offer.")
        services.offer_respond(actor=request.user, offer=offer, accept=decision == "accept")
        if decision == "accept":
            committee = application.campaign.post.committee
            return f"You accepted the offer. You are a member of {committee.name} from {offer.start_date:%-d %B %Y}."
        return "You declined the offer."

    return _act(request, application, respond)


@require_POST
@signed_in
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: the applicant withdraws; the page asked them to confirm first."""
    application = _own(request, pk)

    def act() -> str:
        services.application_withdraw(actor=request.user, application=application)
        return "Your application has been withdrawn."

    return _act(request, application, act)


@require_GET
@signed_in
def my_data(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-7: the applicant's own data as a JSON download."""
    application = _own(request, pk)
    response = JsonResponse(services.applicant_export(application), json_dumps_params={"indent": 2})
    name = f"application-{application.campaign.reference}.json"
    response["Content-Disposition"] = str(content_disposition_header(True, name))
    return response
