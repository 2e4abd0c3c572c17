"""Notification pages (NOT-1, NOT-2): your notifications and choices; the lead's deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_tasks_db.models import DBTaskResult

from pecgov.notifications import services
from pecgov.notifications.enums import OutboxStatus
from pecgov.notifications.forms import PreferencesForm
from pecgov.notifications.models import Notification, OutboxMessage
from pecgov.ui.viewkit import GET_POST, form_view, paginate, post_action, posted, trust_view

SECTION = "notifications"


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    mine = Notification.objects.filter(user=_user(request))
    page = paginate(request, mine)
    unread = mine.filter(read_at__isnull=True).count()
    return render(
        request,
        "notifications/list.jinja",
        {"title": "Notifications", "nav_section": SECTION, "page": page, "unread": unread},
    )


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    notification = Notification.objects.filter(pk=pk, user=_user(request)).first()
    if notification is None:
        raise Http404
    services.mark_read(actor=request.user, notification=notification)
    safe = url_has_allowed_host_and_scheme(notification.url, allowed_hosts={request.get_host()})
    return redirect(notification.url if safe and notification.url else "notifications:list")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.mark_all_read(actor=request.user, user=_user(request))
    messages.success(request, f"{count} notification(s) marked as read.")
    return redirect("notifications:list")


@GET_POST
@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    current = services.deliveries_for(user)
    form = PreferencesForm(posted(request), current=current)

    def save(data: dict[str, str]) -> int:
        for kind, delivery in data.items():
            services.preference_set(actor=request.user, user=user, kind=kind, delivery=delivery)
        return len(data)

    return form_view(
        request,
        form,
        save=save,
        done=lambda _: "Your choices are saved.",
        then=lambda _: reverse("notifications:preferences"),
        title="Choose which emails you get",
        submit_text="Save choices",
        cancel="/",
        section=SECTION,
        intro="You always see notifications in PEC Governance. Choose, for each kind, whether we email you "
        "straight away, once a day in a digest, or not at all. Emails never contain confidential details: "
        "they link to the page.",
    )


@trust_view("notifications.manage")
def deliveries(request: HttpRequest) -> HttpResponse:
    trust_id = request.trust_id  # type: ignore[attr-defined]
    per_person = (
        OutboxMessage.objects.filter(trust_id=trust_id)
        .values("user__username", "to_email")
        .annotate(
            sent=Count("id", filter=Q(status=OutboxStatus.SENT)),
            pending=Count("id", filter=Q(status=OutboxStatus.PENDING)),
            failed=Count("id", filter=Q(status=OutboxStatus.FAILED)),
        )
        .order_by("user__username")
    )
    failed = OutboxMessage.objects.filter(trust_id=trust_id, status=OutboxStatus.FAILED).order_by(
        "-created_at"
    )[:50]
    tasks = DBTaskResult.objects.filter(status="FAILED").order_by("-enqueued_at")[:50]
    return render(
        request,
        "notifications/deliveries.jinja",
        {
            "title": "Emails and background tasks",
            "nav_section": SECTION,
            "per_person": list(per_person),
            "failed": list(failed),
            "tasks": list(tasks),
        },
    )


@require_POST
@trust_view("notifications.manage")
def delivery_retry(request: HttpRequest, pk: int) -> HttpResponse:
    message = OutboxMessage.objects.filter(pk=pk, trust_id=request.trust_id).first()  # type: ignore[attr-defined]
    if message is None:
        raise Http404
    if post_action(request, lambda: services.outbox_retry(actor=request.user, message=message)):
        messages.success(request, f"The email to {message.to_email} will be sent again.")
    return redirect("notifications:deliveries")


@require_POST
@trust_view("notifications.manage")
def task_retry(request: HttpRequest, pk: str) -> HttpResponse:
    result = DBTaskResult.objects.filter(pk=pk, status="FAILED").first()
    if result is None:
        raise Http404
    result.task.enqueue(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    messages.success(request, f"{result.task_name} will run again.")
    return redirect("notifications:deliveries")
