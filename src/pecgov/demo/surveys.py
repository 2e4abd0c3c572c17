"""The demo's effectiveness surveys (EFF-2), through the services: a members' and partners'
survey of the past year, closed, and a Board survey still open. In each, one group has fewer
answers than the minimum group size (5), so its results are hidden on the page, the CSV and
the API: the practices in the first, the local authority in the second."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from pecgov.actors import SYSTEM
from pecgov.surveys import services
from pecgov.surveys.models import Recipient, Survey
from pecgov.trust.models import Organisation

# Each respondent's Likert answers cycle through a row; the first rows lean favourable, the
# rubber-stamp question (the fifth) less so, as the demo's high rubber-stamp quarter suggests.
PATTERNS = [
    [4, 4, 5, 4, 3, 4, 4, 4, 4, 3, 4],
    [5, 3, 4, 4, 2, 5, 4, 3, 5, 4, 3],
    [4, 3, 4, 3, 2, 4, 5, 4, 4, 4, 4],
    [3, 2, 4, 4, 3, 3, 4, 0, 3, 3, 2],
    [4, 4, 3, 5, 2, 4, 3, 4, 4, 5, 4],
]
TEXTS = [
    ("Clinical debate on business cases is strong.", "Fewer items only for noting."),
    ("The chair makes sure every profession is heard.", "Papers should arrive a week before."),
    ("", "Report back to practices on what was decided."),
    ("Good grip on the prescribing budget.", ""),
]


def _answer(survey: Survey, recipients: list[Recipient], start: int) -> None:
    questions = list(survey.questions.order_by("position", "id"))
    for n, recipient in enumerate(recipients):
        pattern = PATTERNS[(n + start) % len(PATTERNS)]
        texts = TEXTS[(n + start) % len(TEXTS)]
        answers: dict[str, object] = {}
        likert = [q for q in questions if q.kind == "likert"]
        for i, q in enumerate(likert):
            answers[q.key] = pattern[i % len(pattern)]
        for i, q in enumerate(q for q in questions if q.kind == "text"):
            answers[q.key] = texts[i % 2]
        services.response_submit(token=services.token_for(recipient), answers=answers)


def _survey(trust: Organisation, name: str, start: dt.date, end: dt.date) -> Survey:
    return services.survey_create(actor=SYSTEM, trust=trust, name=name, period_start=start, period_end=end)


def build(trust: Organisation) -> None:
    today = timezone.localdate()
    start, closes = today - dt.timedelta(days=364), today + dt.timedelta(days=14)

    members = _survey(trust, "PEC effectiveness survey: members and partners", start, today)
    services.recipients_add_members(actor=SYSTEM, survey=members, group="pec")
    pbc = "\n".join(f"pbc.lead{n}@avonmere-pbc.example.org" for n in range(1, 7))
    services.recipients_add_partners(actor=SYSTEM, survey=members, group="pbc", emails=pbc)
    practices = "\n".join(f"practice.manager{n}@avonmere-gp.example.org" for n in range(1, 5))
    services.recipients_add_partners(actor=SYSTEM, survey=members, group="practice", emails=practices)
    services.survey_open(actor=SYSTEM, survey=members, closes_on=closes)
    asked = list(Recipient.objects.filter(survey=members).order_by("group", "email"))
    _answer(members, [r for r in asked if r.group == "pec"], 0)
    _answer(members, [r for r in asked if r.group == "pbc"][:5], 1)
    _answer(members, [r for r in asked if r.group == "practice"][:2], 2)  # under 5: hidden
    services.survey_close(actor=SYSTEM, survey=members)

    board = _survey(trust, "The Board's view of the PEC", start, today)
    services.recipients_add_members(actor=SYSTEM, survey=board, group="board")
    council = "\n".join(f"officer{n}@avonmere-council.example.org" for n in range(1, 4))
    services.recipients_add_partners(actor=SYSTEM, survey=board, group="local_authority", emails=council)
    services.survey_open(actor=SYSTEM, survey=board, closes_on=closes)
    asked = list(Recipient.objects.filter(survey=board).order_by("group", "email"))
    _answer(board, [r for r in asked if r.group == "board"][:6], 3)
    _answer(board, [r for r in asked if r.group == "local_authority"][:1], 4)  # under 5: hidden
