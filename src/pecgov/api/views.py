"""Your API tokens: create one (shown once), see them, revoke one (PUB-2)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from pecgov.api.models import ApiToken
from pecgov.api.tokens import token_create, token_revoke
from pecgov.ui.forms import NhsFormMixin
from pecgov.ui.viewkit import posted, submit


class TokenForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Token name",
        max_length=100,
        help_text="What will use it, for example the Board reporting system",
    )


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(posted(request))
    new_key = None
    if request.method == "POST":
        created = submit(form, lambda d: token_create(actor=request.user, user=request.user, name=d["name"]))
        if created:
            new_key = created[1]
            form = TokenForm()
    tokens = ApiToken.objects.filter(user_id=int(request.user.pk or 0)).order_by("-created_at")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "api/tokens.jinja",
        {
            "title": "API tokens",
            "form": form,
            "tokens": tokens,
            "new_key": new_key,
        },
        status=status,
    )


@require_POST
@login_required
def token_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user_id=int(request.user.pk or 0), revoked_at__isnull=True).first()
    if token is None:
        raise Http404
    token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token '{token.name}' revoked.")
    return redirect("api_tokens")
