"""What the onboarding pages share: the site administrator's gate and the form data."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_http_methods

GET_POST = require_http_methods(["GET", "POST"])


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


def posted(request: HttpRequest) -> Any:
    return request.POST if request.method == "POST" else None
