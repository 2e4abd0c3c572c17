"""Answering a survey from the emailed link (EFF-2): no account needed, one response a link.

The emailed link (`answer`) is exchanged at once for a fresh token the session keeps, and the
browser is sent to the survey's answer page (`answer_form`), whose address carries no token:
the link's token is never in a page's address, a Referer or an error log line, and the one in
the web server's access log no longer opens anything. A link that cannot be used (not valid,
already answered, expired, closed) is sent to a page that says which, and saves nothing. The
page is the same whether or not someone is signed in: the response never records who sent it.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from pecgov.surveys.forms import AnswerForm
from pecgov.surveys.queries import waiting_for
from pecgov.surveys.services import link_check, link_exchange, response_submit, token_for
from pecgov.surveys.services.answering import LinkRefused
from pecgov.ui.viewkit import GET_POST, form_view, posted

TITLES = {
    "invalid": "This survey link cannot be used",
    "answered": "You have already answered this survey",
    "expired": "This survey link has expired",
    "closed": "This survey has closed",
}
# The session keeps each opened link's fresh token by survey, and why the last link was refused.
LINKS = "survey_links"
REFUSED = "survey_link_refused"
ANSWERED = "surveys_answered"
NOT_OPENED = (
    "This survey link cannot be used here. Open the link in your email in this browser; "
    "if you already opened it in another browser, answer there or ask your governance lead for a new link."
)
# A link opened before has been exchanged: the emailed token no longer names anyone.
USED_OR_WRONG = (
    "This survey link is not valid, or it has already been opened. Check you copied the whole link "
    "from the email; if you opened it in another browser, answer there or ask your governance lead for a new link."
)


def _refused(request: HttpRequest, reason: str, message: str) -> HttpResponse:
    # Surveys opened in this browser and not yet answered: the way back to them.
    opened = [int(pk) for pk in request.session.get(LINKS, {})]
    context = {"title": TITLES[reason], "message": message, "reason": reason, "opened": opened}
    return render(request, "surveys/link_refused.jinja", context, status=410 if reason != "invalid" else 404)


@never_cache
@require_GET
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The emailed link: exchanged for the session's token, then on to a page without it."""
    try:
        survey_id, fresh = link_exchange(token)
    except LinkRefused as error:
        message = USED_OR_WRONG if error.reason == "invalid" else error.messages[0]
        request.session[REFUSED] = [error.reason, message]
        return redirect("surveys:answer_refused")
    request.session[LINKS] = {**request.session.get(LINKS, {}), str(survey_id): fresh}
    return redirect("surveys:answer_form", survey_id)


@never_cache
def answer_refused(request: HttpRequest) -> HttpResponse:
    reason, message = request.session.pop(REFUSED, None) or ("invalid", NOT_OPENED)
    return _refused(request, reason, message)


def _answered(request: HttpRequest, pk: int) -> None:
    """The link has answered: the session forgets its token and knows only that it answered."""
    request.session[LINKS] = {k: v for k, v in request.session.get(LINKS, {}).items() if k != str(pk)}
    request.session[ANSWERED] = [*request.session.get(ANSWERED, []), pk]


@never_cache
@GET_POST
def answer_form(request: HttpRequest, pk: int) -> HttpResponse:
    token = request.session.get(LINKS, {}).get(str(pk))
    if token is None and pk in request.session.get(ANSWERED, []):
        return _refused(
            request, "answered", "This survey has already been answered with this link. Thank you."
        )
    if token is None:
        return _refused(request, "invalid", NOT_OPENED)
    try:
        recipient = link_check(token)
    except LinkRefused as error:
        return _refused(request, error.reason, error.messages[0])
    survey = recipient.survey
    form = AnswerForm(posted(request), questions=list(survey.questions.order_by("position", "id")))
    # Answered in another tab since the page was shown: the service refuses and says so on the form.
    return form_view(
        request,
        form,
        save=lambda d: response_submit(token=token, answers=d),
        then=lambda _: reverse("surveys:thanks"),
        after=lambda _: _answered(request, pk),
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
