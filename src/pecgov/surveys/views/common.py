"""What the survey views share: finding a survey, or one of its questions or recipients, within
the user's trust; another trust's is 404 (X-1)."""

from __future__ import annotations

from typing import TypeVar

from django.http import Http404, HttpRequest

from pecgov.surveys.models import Question, Recipient, Survey
from pecgov.ui.viewkit import trust_id_of

Part = TypeVar("Part", Question, Recipient)


def survey_in_trust(request: HttpRequest, pk: int) -> Survey:
    """The survey within the user's trust; another trust's is 404 (X-1)."""
    found = Survey.objects.select_related("trust").filter(pk=pk, trust_id=trust_id_of(request)).first()
    if found is None:
        raise Http404
    return found


def _part_in_trust(model: type[Part], request: HttpRequest, pk: int, part_pk: int) -> Part:
    found = (
        model._default_manager.select_related("survey")
        .filter(pk=part_pk, survey_id=pk, survey__trust_id=trust_id_of(request))
        .first()
    )
    if found is None:
        raise Http404
    return found


def question_in_trust(request: HttpRequest, pk: int, question_pk: int) -> Question:
    return _part_in_trust(Question, request, pk, question_pk)


def recipient_in_trust(request: HttpRequest, pk: int, recipient_pk: int) -> Recipient:
    return _part_in_trust(Recipient, request, pk, recipient_pk)
