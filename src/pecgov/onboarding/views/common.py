"""What the onboarding pages share: the site administrator's gate and the demo invitation link."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse


def site_admin_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign-in required and the "trust.administer_site" permission (ADM-1). A site administrator
    works above the trusts: these pages need no trust, and a trust's own pages refuse them."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm("trust.administer_site"):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def show_link_in_demo(request: HttpRequest, token: str) -> None:
    """Demo mode only: the invitation's link on the page as well as in the email (written under
    var/mail/), so a newcomer can walk the whole set-up in the browser. Never outside demo mode:
    the link is the invitee's alone."""
    if settings.DEMO_MODE:
        link = request.build_absolute_uri(reverse("onboarding:accept", args=[token]))
        messages.info(request, f"Demo mode: the invitation email is in var/mail/. Its link: {link}")
