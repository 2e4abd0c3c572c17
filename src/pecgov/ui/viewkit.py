"""What every page view shares: trust scoping, permission, form handling, pagination."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import IntegrityError, transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from pecgov.errors import DomainError, NotPermitted
from pecgov.ui import versions
from pecgov.ui.safety.submissions import CLASH_MESSAGE, claim_submission

GET_POST = require_http_methods(["GET", "POST"])


def trust_view(perm: str) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Sign-in required; the user must work in a trust and hold `perm` (X-1).

    Objects are always looked up within `request.trust_id`, so another trust's
    records answer 404: a user cannot learn that they exist.
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            roles = request.roles  # type: ignore[attr-defined]  # pecgov.trust.middleware
            if roles.trust_id is None or not request.user.has_perm(perm):
                raise PermissionDenied
            request.trust_id = roles.trust_id  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def trust_id_of(request: HttpRequest) -> int:
    """The trust a `trust_view` set on the request: every object lookup is scoped to it."""
    return request.trust_id  # type: ignore[attr-defined,no-any-return]


def found(read: Callable[[int, int], Any], request: HttpRequest, pk: int) -> Any:
    """`read(trust_id, pk)` within the user's trust; anything else is 404, never 403 (X-1)."""
    try:
        return read(trust_id_of(request), pk)
    except ObjectDoesNotExist as error:
        raise Http404 from error


def apply_domain_error(form: forms.BaseForm, error: DomainError) -> None:
    for field, texts in error.errors.items():
        target = field if field in form.fields else None
        for message in texts:
            form.add_error(target, message)


def submit(form: forms.BaseForm, action: Callable[[dict[str, Any]], Any]) -> Any:
    """Validate the form and run the service in one transaction; on a broken rule, show it and
    save nothing (X-4). Two safety checks run first, inside the same transaction (X-5):

    - the record the form edits is read again, its row locked, and if a value the form showed
      has changed since it was read, nothing is saved and the form says what changed;
    - the form's one-time key is claimed, so a repeat of a form already saved is answered
      with the first result (pecgov.ui.middleware.RepeatSubmitMiddleware) instead of saving
      twice.

    A clash with a row saved at the same moment (a unique constraint) becomes a message on
    the form, never a server error.
    """
    if not form.is_valid():
        return None
    try:
        with transaction.atomic():
            _check_version(form)
            claim_submission(getattr(form, "submitted_key", ""))
            return action(form.cleaned_data)
    except DomainError as error:
        apply_domain_error(form, error)
    except NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except IntegrityError:
        form.add_error(None, CLASH_MESSAGE)
    return None


def _check_version(form: forms.BaseForm) -> None:
    token = getattr(form, "read_version", "")
    if not token:
        return
    before = versions.decode(token)
    if before is None:
        raise DomainError("This form could not be checked. Reload the page and make your changes again.")
    now = versions.current_values(form, before)
    lines = versions.changes(form, before, now)
    if lines:
        # Carry the newer version, so that saving again after a review goes through.
        versions.take_their_changes(form, before, now)
        data: Any = form.data
        data = data.copy()
        data[form.add_prefix(versions.VERSION_FIELD)] = versions.encode({**before, **now})
        form.data = data
        raise DomainError(versions.conflict_message(lines))


def post_action(request: HttpRequest, action: Callable[[], Any]) -> Any:
    """Run a service for a POST-only URL: a broken rule becomes a message on the page it came from."""
    try:
        with transaction.atomic():
            return action()
    except NotPermitted as error:
        raise PermissionDenied(str(error)) from error
    except DomainError as error:
        for message in error.messages:
            messages.error(request, message)
    except IntegrityError:
        messages.error(request, CLASH_MESSAGE)
    return None


def paginate(request: HttpRequest, items: Any, per_page: int | None = None) -> Page[Any]:
    paginator = Paginator(items, per_page or settings.PAGE_SIZE)
    return paginator.get_page(request.GET.get("page"))


def can(request: HttpRequest, perm: str) -> bool:
    return bool(request.user.has_perm(perm))


def form_page(
    request: HttpRequest,
    form: Any,
    *,
    title: str,
    submit_text: str,
    cancel: str,
    caption: str = "",
    section: str = "",
    intro: str = "",
    template: str = "ui/form_page.jinja",
    **extra: Any,
) -> HttpResponse:
    """A form on its own page, answering 400 while it has errors (X-4)."""
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "title": title,
        "form": form,
        "submit_text": submit_text,
        "cancel_url": cancel,
        "caption": caption,
        "nav_section": section,
        "intro": intro,
        **extra,
    }
    return render(request, template, context, status=status)


def posted(request: HttpRequest) -> Any:
    """The form data on a POST, None on a GET (an unbound form)."""
    return request.POST if request.method == "POST" else None


def posted_files(request: HttpRequest) -> Any:
    """The uploaded files on a POST, None on a GET."""
    return request.FILES if request.method == "POST" else None


def form_view(
    request: HttpRequest,
    form: Any,
    *,
    save: Callable[[dict[str, Any]], Any],
    then: Callable[[Any], str],
    done: Callable[[Any], str] | None = None,
    after: Callable[[Any], object] | None = None,
    page: Callable[..., HttpResponse] = form_page,
    **context: Any,
) -> HttpResponse:
    """The one create/edit page (X-4, X-5). The view looks the object up within the user's trust
    (`found`), builds the form (a `ServiceModelForm` carries its read version and one-time key)
    and hands over the rest: on a POST, `submit` runs `save(cleaned_data)` (the service) in one
    transaction; a `DomainError` becomes errors on the form and nothing is saved. When the
    service answers, `done(result)` is said as a success message, `after(result)` does what the
    page does besides with the request (signs someone in, shows a demo link) and the browser goes
    to `then(result)`; otherwise `page(request, form, **context)` shows the form (400 with errors).
    """
    if request.method == "POST":
        result = submit(form, save)
        if result:
            if done is not None:
                messages.success(request, done(result))
            if after is not None:
                after(result)
            return redirect(then(result))
    return page(request, form, **context)
