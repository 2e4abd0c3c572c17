"""Pages that set up an appointment round (APP-1 to APP-3, EFF-1): the appointments home, the
plan and its DH Annex C steps, the competency framework, posts and campaigns.

Thin views: parse, call a service, redirect or render. Campaigns are found only through
`queries.campaign_in_view`, so a panel member sees the campaigns they sit on and gets 404 for any
other (APP-7); another trust's objects are 404 too (X-1).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from pecgov.appointments import framework, queries, services
from pecgov.appointments.enums import STEP_ORDER, ApplicationStatus, CampaignStatus, PostKind, StepKey
from pecgov.appointments.models import (
    AppointmentPlan,
    PlanStep,
    Post,
    TrustCompetency,
)
from pecgov.appointments.setup.common import SECTION, campaign_of, is_lead, show_form, trust_of, worst
from pecgov.appointments.setup.forms import (
    CampaignForm,
    CompetencyForm,
    NoteForm,
    PlanForm,
    PostForm,
    StepForm,
)
from pecgov.policy.engine import Status
from pecgov.trust.enums import CommitteeKind, MembershipRole
from pecgov.trust.models import Committee
from pecgov.ui.viewkit import GET_POST, form_view, found, post_action, posted, trust_id_of, trust_view

# The appointments home (APP-1 to APP-3) -------------------------------------------------------


@dataclass(frozen=True)
class StepRow:
    step: PlanStep
    overdue: bool


@dataclass(frozen=True)
class PlanProgress:
    plan: AppointmentPlan
    rows: list[StepRow]
    done: int
    next_step: PlanStep | None
    overdue: int


def _progress(plan: AppointmentPlan, today: dt.date) -> PlanProgress:
    """APP-1, EFF-1: steps done, the next step still to do and which are overdue (prefetched steps)."""
    steps = list(plan.steps.all())
    rows = [StepRow(s, s.done_on is None and s.due_date is not None and s.due_date < today) for s in steps]
    open_steps = [s for s in steps if s.done_on is None]
    return PlanProgress(
        plan=plan,
        rows=rows,
        done=len(steps) - len(open_steps),
        next_step=open_steps[0] if open_steps else None,
        overdue=sum(1 for r in rows if r.overdue),
    )


@trust_view("appointments.view")
def index(request: HttpRequest) -> HttpResponse:
    """The lead sees every plan, post and campaign; a panel member only the campaigns they sit on."""
    trust_id = trust_id_of(request)
    lead = is_lead(request)
    today = timezone.localdate()
    campaigns = list(queries.campaign_list(request.user, trust_id).order_by("-closes_on", "-pk"))
    plans = [_progress(p, today) for p in queries.plans(trust_id)] if lead else []
    posts = (
        list(queries.posts(trust_id).annotate(campaign_count=Count("campaigns")).order_by("title", "pk"))
        if lead
        else []
    )
    return render(
        request,
        "appointments/setup/index.jinja",
        {
            "title": "Appointments",
            "nav_section": SECTION,
            "lead": lead,
            "plans": plans,
            "posts": posts,
            "campaigns": campaigns,
            "step_count": len(STEP_ORDER),
        },
    )


# The plan (APP-1, EFF-1) ----------------------------------------------------------------------


@GET_POST
@trust_view("appointments.manage")
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.plan_create(actor=request.user, trust=trust_of(request), **d),
        done=lambda plan: f"Plan created: {plan.title}. Give each step an owner and a due date.",
        then=lambda plan: reverse("appointments:plan_detail", args=[plan.pk]),
        page=show_form,
        title="Create an appointment plan",
        submit_text="Create plan",
        cancel=reverse("appointments:index"),
        intro="The plan holds the steps of DH Annex C that concern appointing the PEC chair and members, "
        "in order, each with an owner and a due date.",
    )


@trust_view("appointments.manage")
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = found(lambda t, p: queries.plans(t).get(pk=p), request, pk)
    return render(
        request,
        "appointments/setup/plan_detail.jinja",
        {
            "title": plan.title,
            "nav_section": SECTION,
            "plan": plan,
            "progress": _progress(plan, timezone.localdate()),
            "campaigns": list(
                plan.campaigns.select_related("post")
                .annotate(**queries.OFFER_COUNTS)
                .order_by("-closes_on", "-pk")
            ),
            "notices": queries.plan_notices(plan),
            "notice_step": next((s for s in plan.steps.all() if s.key == StepKey.NOTICE), None),
        },
    )


@GET_POST
@trust_view("appointments.manage")
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    step = found(
        lambda t, p: PlanStep.objects.select_related("plan", "owner").get(pk=p, plan__trust_id=t), request, pk
    )
    initial = {"owner": step.owner_id, "due_date": step.due_date, "done_on": step.done_on, "note": step.note}
    form = StepForm(posted(request), initial=initial, trust_id=step.plan.trust_id)
    return form_view(
        request,
        form,
        save=lambda d: services.step_update(actor=request.user, step=step, **d),
        done=lambda saved: f"Step updated: {saved.get_key_display()}.",
        then=lambda _: reverse("appointments:plan_detail", args=[step.plan_id]) + "#steps",
        page=show_form,
        title=step.get_key_display(),
        caption=f"{step.plan.title}, step {step.position} of {len(STEP_ORDER)}",
        submit_text="Save step",
        cancel=reverse("appointments:plan_detail", args=[step.plan_id]),
    )


# Competencies (APP-2) -------------------------------------------------------------------------


@trust_view("appointments.manage")
def competencies(request: HttpRequest) -> HttpResponse:
    """DH Annex B's framework by heading, with its source, and the trust's own additions."""
    shipped = framework.competencies()
    added = list(TrustCompetency.objects.filter(trust_id=trust_id_of(request)).order_by("heading", "title"))
    headings = [
        {
            "key": h,
            "name": framework.HEADING_NAMES[h],
            "shipped": [c for c in shipped if c.heading == h],
            "added": [c for c in added if c.heading == h],
        }
        for h in framework.HEADINGS
    ]
    return render(
        request,
        "appointments/setup/competencies.jinja",
        {"title": "Competency framework", "nav_section": SECTION, "headings": headings},
    )


@GET_POST
@trust_view("appointments.manage")
def competency_add(request: HttpRequest) -> HttpResponse:
    form = CompetencyForm(posted(request))
    return form_view(
        request,
        form,
        save=lambda d: services.competency_add(actor=request.user, trust=trust_of(request), **d),
        done=lambda added: f"Competency added: {added.title}.",
        then=lambda _: "appointments:competencies",
        page=show_form,
        title="Add a competency",
        submit_text="Add competency",
        cancel=reverse("appointments:competencies"),
        intro="Add a competency of the trust's own to the framework. Posts can then be scored against it.",
    )


# Posts (APP-2) ---------------------------------------------------------------------------------


def _post(request: HttpRequest, pk: int) -> Post:
    return found(lambda t, p: Post.objects.select_related("committee").get(pk=p, trust_id=t), request, pk)  # type: ignore[no-any-return]


def _post_form(request: HttpRequest, initial: dict[str, Any]) -> PostForm:
    trust_id = trust_id_of(request)
    return PostForm(
        posted(request),
        initial=initial,
        trust_id=trust_id,
        competencies=services.trust_competencies(trust_id),
    )


@GET_POST
@trust_view("appointments.manage")
def post_create(request: HttpRequest) -> HttpResponse:
    trust_id = trust_id_of(request)
    pec = Committee.objects.filter(trust_id=trust_id, kind=CommitteeKind.PEC).order_by("pk").first()
    form = _post_form(
        request,
        {
            "committee": pec.pk if pec else None,
            "kind": PostKind.MEMBER,
            "membership_role": MembershipRole.CLINICAL,
            "competency_keys": services.default_competency_keys(PostKind.MEMBER),
        },
    )
    return form_view(
        request,
        form,
        save=lambda d: services.post_create(actor=request.user, trust=trust_of(request), **d),
        done=lambda post: f"Post created: {post.title}.",
        then=lambda post: reverse("appointments:post_detail", args=[post.pk]),
        page=show_form,
        title="Create a post",
        submit_text="Create post",
        cancel=reverse("appointments:index"),
        intro="Members are appointed as office holders against the job description, the person "
        "specification and the competencies, not as representatives of their profession.",
    )


@GET_POST
@trust_view("appointments.manage")
def post_edit(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    form = _post_form(request, {name: getattr(post, name) for name in services.POST_FIELDS})

    def change(data: dict[str, Any]) -> Post:
        # Only what changed: a sifted post's specification may stay as it is.
        changes = {k: v for k, v in data.items() if getattr(post, k) != v}
        return services.post_update(actor=request.user, post=post, **changes)

    return form_view(
        request,
        form,
        save=change,
        done=lambda _: f"Post updated: {post.title}.",
        then=lambda _: reverse("appointments:post_detail", args=[post.pk]),
        page=show_form,
        title=f"Edit {post.title}",
        submit_text="Save post",
        cancel=reverse("appointments:post_detail", args=[post.pk]),
    )


@trust_view("appointments.manage")
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    known = {c.key: c for c in services.trust_competencies(post.trust_id)}
    chosen = [known[k] for k in post.competency_keys if k in known]
    groups = [
        (framework.HEADING_NAMES[h], [c for c in chosen if c.heading == h])
        for h in framework.HEADINGS
        if any(c.heading == h for c in chosen)
    ]
    campaigns = list(
        queries.campaign_list(request.user, post.trust_id).filter(post=post).order_by("-closes_on", "-pk")
    )
    return render(
        request,
        "appointments/setup/post_detail.jinja",
        {
            "title": post.title,
            "nav_section": SECTION,
            "post": post,
            "groups": groups,
            "campaigns": campaigns,
        },
    )


# Campaigns (APP-3) -----------------------------------------------------------------------------


@GET_POST
@trust_view("appointments.manage")
def campaign_create(request: HttpRequest, pk: int) -> HttpResponse:
    post = _post(request, pk)
    form = CampaignForm(
        posted(request),
        initial={"vacancies": 1},
        trust_id=post.trust_id,
    )
    return form_view(
        request,
        form,
        save=lambda d: services.campaign_create(actor=request.user, post=post, **d),
        done=lambda campaign: (
            f"Campaign {campaign.reference} created. Set up the panel, then advertise the post."
        ),
        then=lambda campaign: reverse("appointments:campaign_detail", args=[campaign.pk]),
        page=show_form,
        title="Start a campaign",
        caption=post.title,
        submit_text="Create campaign",
        cancel=reverse("appointments:post_detail", args=[post.pk]),
        intro="The campaign stays a draft until you advertise it. Then the post is listed publicly "
        "and applications are open from the opening date to the closing date.",
    )


@trust_view("appointments.view")
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """APP-3: stage, dates, advert, applications by status and the panel at a glance."""
    campaign = campaign_of(request, pk)
    counts = {
        row["status"]: row["n"]
        for row in campaign.applications.order_by().values("status").annotate(n=Count("pk"))
    }
    by_status = [(label, counts[value]) for value, label in ApplicationStatus.choices if counts.get(value)]
    seats = queries.seats(campaign)
    findings = services.panel_findings(campaign, seats)
    return render(
        request,
        "appointments/setup/campaign_detail.jinja",
        {
            "title": f"{campaign.reference}: {campaign.post.title}",
            "nav_section": SECTION,
            "campaign": campaign,
            "lead": is_lead(request),
            "by_status": by_status,
            "received": sum(n for status, n in counts.items() if status != ApplicationStatus.WITHDRAWN),
            "seats": seats,
            "people": len({s.person_id for s in seats}),
            "worst": worst(findings),
            "fails": sum(1 for f in findings if f.status == Status.FAIL),
            "accepting": services.accepting_applications(campaign),
            "recommends": services.membership_recommends(campaign),
            "CampaignStatus": CampaignStatus,
        },
    )


@GET_POST
@trust_view("appointments.manage")
def campaign_edit(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    initial = {
        name: getattr(campaign, name)
        for name in ["vacancies", "advert", "opens_on", "closes_on", "interview_date", "first_appointment"]
    }
    form = CampaignForm(
        posted(request),
        initial=initial,
        trust_id=campaign.trust_id,
        with_plan=False,
    )
    intro = {
        CampaignStatus.DRAFT: "",
        CampaignStatus.COMPLETE: "The campaign is complete: it can no longer change.",
    }.get(
        CampaignStatus(campaign.status),
        "The post has been advertised: only the advert, the closing date and the interview date can change.",
    )
    return form_view(
        request,
        form,
        save=lambda d: services.campaign_update(actor=request.user, campaign=campaign, **d),
        done=lambda _: f"Campaign {campaign.reference} updated.",
        then=lambda _: reverse("appointments:campaign_detail", args=[campaign.pk]),
        page=show_form,
        title=f"Edit campaign {campaign.reference}",
        caption=campaign.post.title,
        submit_text="Save campaign",
        cancel=reverse("appointments:campaign_detail", args=[campaign.pk]),
        intro=intro,
    )


@require_POST
@trust_view("appointments.manage")
def campaign_advertise(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    done = post_action(request, lambda: services.campaign_advertise(actor=request.user, campaign=campaign))
    if done:
        messages.success(
            request,
            f"Campaign {campaign.reference} advertised: the post is listed publicly until "
            f"{campaign.closes_on:%-d %B %Y}.",
        )
    return redirect("appointments:campaign_detail", campaign.pk)


@GET_POST
@trust_view("appointments.manage")
def campaign_complete(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = campaign_of(request, pk)
    form = NoteForm(posted(request))
    complete = campaign.status == CampaignStatus.COMPLETE
    return form_view(
        request,
        form,
        save=lambda d: services.campaign_complete(actor=request.user, campaign=campaign, note=d["note"]),
        done=lambda _: f"Campaign {campaign.reference} is complete.",
        then=lambda _: reverse("appointments:campaign_detail", args=[campaign.pk]),
        page=show_form,
        title=f"Complete campaign {campaign.reference}",
        caption=campaign.post.title,
        submit_text="Complete the campaign",
        cancel=reverse("appointments:campaign_detail", args=[campaign.pk]),
        intro="The campaign is already complete."
        if complete
        else "Completing the round closes it: candidates who were not offered a post are recorded as "
        "not appointed, and the campaign, its panel and its scores can no longer change.",
    )
