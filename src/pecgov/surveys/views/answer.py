"""Answering a survey from the emailed link (EFF-2): no account needed, one response a link.

A link that cannot be used (not valid, already answered, expired, closed) answers with a page
that says which, and saves nothing. The page is the same whether or not someone is signed in:
the response never records who sent it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from pecgov.surveys.forms import AnswerForm
from pecgov.surveys.queries import waiting_for
from pecgov.surveys.services import link_check, response_submit, token_for
from pecgov.surveys.services.answering import LinkRefused
from pecgov.ui.viewkit import GET_POST, form_view, posted

TITLES = {
    "invalid": "This survey link cannot be used",
    "answered": "You have already answered this survey",
    "expired": "This survey link has expired",
    "closed": "This survey has closed",
}


def _refused(request: HttpRequest, error: LinkRefused) -> HttpResponse:
    context = {"title": TITLES[error.reason], "message": error.messages[0], "reason": error.reason}
    return render(
        request, "surveys/link_refused.jinja", context, status=410 if error.reason != "invalid" else 404
    )


@never_cache
@GET_POST
def answer(request: HttpRequest, token: str) -> HttpResponse:
    try:
        recipient = link_check(token)
    except LinkRefused as error:
        return _refused(request, error)
    survey = recipient.survey
    form = AnswerForm(posted(request), questions=list(survey.questions.order_by("position", "id")))
    # Answered in another tab since the page was shown: the service refuses and says so on the form.
    return form_view(
        request,
        form,
        save=lambda d: response_submit(token=token, answers=d),
        then=lambda _: reverse("surveys:thanks"),
        title=survey.name,
        caption=survey.trust.name,
        intro=(
            "Tell us how well the Professional Executive Committee works. Your answers are anonymous: "
            "they are kept without your name, your email address or the time you answered. "
            "Answers from a group smaller than "
            f"{survey.minimum_group_size} are never shown."
        ),
        submit_text="Send my answers",
        cancel="",
    )


@never_cache
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "surveys/thanks.jinja", {"title": "Thank you: your answers have been sent"})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """A signed-in member's open surveys, each with their own link (EFF-2: members may answer
    signed in). The answer still records no one: the link is the same as the emailed one."""
    waiting = [
        (r.survey, reverse("surveys:answer", args=[token_for(r)]))
        for r in waiting_for(int(request.user.pk or 0))
    ]
    return render(request, "surveys/mine.jinja", {"title": "Surveys for you to answer", "waiting": waiting})
