"""Policy pages: the trust's pack, effective values, overrides (POL-1)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.policy import services
from pecgov.policy.forms import OverrideForm, PackForm
from pecgov.policy.models import PolicyOverride
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import GET_POST, can, form_view, posted, trust_view


def _trust(request: HttpRequest) -> Organisation:
    return Organisation.objects.get(pk=request.trust_id)  # type: ignore[attr-defined]


@trust_view("policy.view")
def policy_detail(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    policy = services.effective_policy(trust)
    history = (
        PolicyOverride.objects.filter(trust=trust)
        .select_related("created_by", "withdrawn_by")
        .order_by("-created_at")[:50]
    )
    return render(
        request,
        "policy/detail.jinja",
        {
            "title": "Policy",
            "nav_section": "policy",
            "policy": policy,
            "trust": trust,
            "overrides": history,
            "can_change": can(request, "policy.change"),
        },
    )


@GET_POST
@trust_view("policy.change")
def policy_pack(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    form = PackForm(posted(request), initial={"pack": services.pack_key_for(trust)})
    return form_view(
        request,
        form,
        save=lambda d: services.policy_choose_pack(actor=request.user, trust=trust, **d),
        done=lambda _: "Policy pack saved. Compliance findings now use it.",
        then=lambda _: reverse("policy:detail"),
        title="Choose the policy pack",
        submit_text="Save",
        section="policy",
        cancel=reverse("policy:detail"),
        intro="DH 2007 is the default. Alliance 2006 is the alternative the NHS Alliance proposed. Any parameter can then be overridden locally with a reason.",
    )


@GET_POST
@trust_view("policy.change")
def policy_override(request: HttpRequest) -> HttpResponse:
    trust = _trust(request)
    policy = services.effective_policy(trust)
    form = OverrideForm(posted(request), pack=policy.pack, initial={"key": request.GET.get("key", "")})
    return form_view(
        request,
        form,
        save=lambda d: services.policy_override(actor=request.user, trust=trust, **d),
        done=lambda override: f"Local value recorded for {override.key}.",
        then=lambda _: reverse("policy:detail"),
        title="Override a policy parameter",
        submit_text="Record override",
        section="policy",
        cancel=reverse("policy:detail"),
    )


@require_POST
@trust_view("policy.change")
def policy_override_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        override = PolicyOverride.objects.get(pk=pk, trust_id=request.trust_id, withdrawn_at__isnull=True)  # type: ignore[attr-defined]
    except PolicyOverride.DoesNotExist as error:
        raise Http404 from error
    services.policy_override_withdraw(actor=request.user, override=override)
    messages.success(request, f"Override of {override.key} withdrawn; the pack's value applies again.")
    return redirect("policy:detail")
