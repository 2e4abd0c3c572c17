"""Every write on surveys (EFF-2): the lead's in `running`, the respondent's in `answering`."""

from pecgov.surveys.services.answering import link_check, link_exchange, response_submit, token_for
from pecgov.surveys.services.running import (
    question_add,
    question_remove,
    question_update,
    recipient_remove,
    recipients_add_members,
    recipients_add_partners,
    survey_close,
    survey_create,
    survey_open,
    survey_remind,
)

__all__ = [
    "link_check",
    "link_exchange",
    "question_add",
    "question_remove",
    "question_update",
    "recipient_remove",
    "recipients_add_members",
    "recipients_add_partners",
    "response_submit",
    "survey_close",
    "survey_create",
    "survey_open",
    "survey_remind",
    "token_for",
]
