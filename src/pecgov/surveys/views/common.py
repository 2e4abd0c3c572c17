"""What the survey views share: finding a survey within the user's trust."""

from __future__ import annotations

from django.http import Http404, HttpRequest

from pecgov.surveys.models import Question, Recipient, Survey
from pecgov.ui.viewkit import trust_id_of


def survey_in_trust(request: HttpRequest, pk: int) -> Survey:
    """The survey within the user's trust; another trust's is 404 (X-1)."""
    found = Survey.objects.select_related("trust").filter(pk=pk, trust_id=trust_id_of(request)).first()
    if found is None:
        raise Http404
    return found


def question_in_trust(request: HttpRequest, pk: int, question_pk: int) -> Question:
    found = (
        Question.objects.select_related("survey")
        .filter(pk=question_pk, survey_id=pk, survey__trust_id=trust_id_of(request))
        .first()
    )
    if found is None:
        raise Http404
    return found


def recipient_in_trust(request: HttpRequest, pk: int, recipient_pk: int) -> Recipient:
    found = (
        Recipient.objects.select_related("survey")
        .filter(pk=recipient_pk, survey_id=pk, survey__trust_id=trust_id_of(request))
        .first()
    )
    if found is None:
        raise Http404
    return found
