"""The governance lead's survey pages (EFF-2): list, create, questions, who is asked, open,
remind, close. Thin: parse, call the service, redirect or render."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from pecgov.surveys import queries, services
from pecgov.surveys.forms import OpenForm, PartnersForm, QuestionForm, SurveyForm
from pecgov.surveys.models import QuestionKind, Survey, SurveyStatus
from pecgov.surveys.results import GROUP_LABELS, group_rates
from pecgov.surveys.views.common import question_in_trust, recipient_in_trust, survey_in_trust
from pecgov.trust.models import Organisation
from pecgov.ui.viewkit import GET_POST, can, form_view, post_action, posted, trust_id_of, trust_view


@trust_view("surveys.view")
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = queries.surveys_of(trust_id_of(request))
    manage = can(request, "surveys.manage")
    if not manage:
        surveys = surveys.exclude(status=SurveyStatus.DRAFT)
    found = list(surveys)
    totals = queries.answered_totals(found) if manage else {}
    context = {"title": "Effectiveness surveys", "surveys": found, "manage": manage, "totals": totals}
    return render(request, "surveys/survey_list.jinja", context)


@GET_POST
@trust_view("surveys.manage")
def survey_create(request: HttpRequest) -> HttpResponse:
    trust = Organisation.objects.get(pk=trust_id_of(request))
    return form_view(
        request,
        SurveyForm(posted(request)),
        save=lambda d: services.survey_create(actor=request.user, trust=trust, **d),
        then=lambda s: reverse("surveys:detail", args=[s.pk]),
        done=lambda s: f"{s.name} created with the default questions. Edit them and choose who to ask.",
        title="New effectiveness survey",
        submit_text="Create survey",
        cancel=reverse("surveys:list"),
        intro="The survey starts with questions on DH's five guiding principles and four key function groups.",
    )


@trust_view("surveys.manage")
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_in_trust(request, pk)
    recipients = list(survey.recipients.order_by("group", "email"))
    sent = Counter(r.group for r in recipients)
    answered = Counter(r.group for r in recipients if r.answered)
    # A group under the minimum size shows "fewer than N", not its count (EFF-2).
    rates = [
        (r.label, sent[r.group], r.answered_text)
        for r in group_rates(sent, answered, survey.minimum_group_size)
    ]
    context: dict[str, Any] = {
        "title": survey.name,
        "survey": survey,
        "questions": list(survey.questions.order_by("position", "id")),
        "recipients": recipients,
        "rates": rates,
        "draft": survey.state == SurveyStatus.DRAFT,
        "kinds": dict(QuestionKind.choices),
    }
    return render(request, "surveys/survey_detail.jinja", context)


@GET_POST
@trust_view("surveys.manage")
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_in_trust(request, pk)
    return form_view(
        request,
        QuestionForm(posted(request), initial={"kind": QuestionKind.LIKERT}),
        save=lambda d: services.question_add(actor=request.user, survey=survey, **d),
        then=lambda q: reverse("surveys:detail", args=[survey.pk]),
        done=lambda q: "Question added.",
        title="Add a question",
        caption=survey.name,
        submit_text="Add question",
        cancel=reverse("surveys:detail", args=[survey.pk]),
    )


@GET_POST
@trust_view("surveys.manage")
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = question_in_trust(request, pk, question_pk)
    return form_view(
        request,
        QuestionForm(posted(request), instance=question),
        save=lambda d: services.question_update(actor=request.user, question=question, **d),
        then=lambda q: reverse("surveys:detail", args=[pk]),
        done=lambda q: "Question changed.",
        title="Change a question",
        caption=question.survey.name,
        submit_text="Save question",
        cancel=reverse("surveys:detail", args=[pk]),
    )


@require_POST
@trust_view("surveys.manage")
def question_remove(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = question_in_trust(request, pk, question_pk)
    if post_action(request, lambda: services.question_remove(actor=request.user, question=question)):
        messages.success(request, "Question removed.")
    return redirect("surveys:detail", pk)


@require_POST
@trust_view("surveys.manage")
def recipients_members(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_in_trust(request, pk)
    group = request.POST.get("group", "")
    added = post_action(
        request, lambda: services.recipients_add_members(actor=request.user, survey=survey, group=group)
    )
    if added is not None:
        messages.success(request, f"{len(added)} added from {GROUP_LABELS.get(group, group)}.")
    return redirect("surveys:detail", pk)


@GET_POST
@trust_view("surveys.manage")
def recipients_partners(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_in_trust(request, pk)
    return form_view(
        request,
        PartnersForm(posted(request)),
        save=lambda d: services.recipients_add_partners(actor=request.user, survey=survey, **d) or [survey],
        then=lambda _: reverse("surveys:detail", args=[pk]),
        done=lambda _: "Partners added.",
        title="Ask partners",
        caption=survey.name,
        submit_text="Add partners",
        cancel=reverse("surveys:detail", args=[pk]),
    )


@require_POST
@trust_view("surveys.manage")
def recipient_remove(request: HttpRequest, pk: int, recipient_pk: int) -> HttpResponse:
    recipient = recipient_in_trust(request, pk, recipient_pk)
    if post_action(request, lambda: services.recipient_remove(actor=request.user, recipient=recipient)):
        messages.success(request, f"{recipient.email} will not be asked.")
    return redirect("surveys:detail", pk)


@GET_POST
@trust_view("surveys.manage")
def survey_open(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_in_trust(request, pk)
    return form_view(
        request,
        OpenForm(posted(request)),
        save=lambda d: services.survey_open(actor=request.user, survey=survey, **d),
        then=lambda s: reverse("surveys:detail", args=[s.pk]),
        done=lambda s: f"{s.name} is open: the links are on their way.",
        title="Open the survey",
        caption=survey.name,
        intro="Everyone asked is emailed their own link. Questions and recipients cannot change once it is open.",
        submit_text="Open and send",
        cancel=reverse("surveys:detail", args=[pk]),
    )


@require_POST
@trust_view("surveys.manage")
def survey_remind(request: HttpRequest, pk: int) -> HttpResponse:
    survey: Survey = survey_in_trust(request, pk)
    count = post_action(request, lambda: services.survey_remind(actor=request.user, survey=survey))
    if count is not None:
        messages.success(request, f"{count} reminded." if count else "No one is due a reminder yet.")
    return redirect("surveys:detail", pk)


@require_POST
@trust_view("surveys.manage")
def survey_close(request: HttpRequest, pk: int) -> HttpResponse:
    survey = survey_in_trust(request, pk)
    if post_action(request, lambda: services.survey_close(actor=request.user, survey=survey)):
        messages.success(request, f"{survey.name} is closed.")
    return redirect("surveys:detail", pk)
