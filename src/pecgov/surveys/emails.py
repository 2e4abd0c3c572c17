"""The survey emails (EFF-2): a recipient's link, sent through the outbox (NOT-2)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.html import escape

from pecgov.notifications.services import email_queue
from pecgov.surveys.models import Recipient

SALT = "pecgov.surveys.link"


def token_for(recipient: Recipient) -> str:
    """The token a recipient's link carries: their row's nonce signed with the site's secret."""
    return signing.Signer(salt=SALT).sign(recipient.nonce)


def nonce_of(token: str) -> str | None:
    """The nonce a token carries, or None when its signature does not check."""
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None


def link_for(recipient: Recipient) -> str:
    return str(settings.SITE_URL).rstrip("/") + reverse("surveys:answer", args=[token_for(recipient)])


def queue_link(recipient: Recipient, *, reminder: bool) -> None:
    """Queue the email with the recipient's link, once per recipient per day and kind."""
    survey = recipient.survey
    trust = survey.trust
    link = link_for(recipient)
    closes = survey.closes_on.strftime("%-d %B %Y") if survey.closes_on else "the closing date"
    first = "A reminder: we would still like your views." if reminder else "We would like your views."
    text = (
        f"{first}\n\n{trust.name} is asking how well its Professional Executive Committee works: "
        f"{survey.name}.\n\nAnswer here (no account needed):\n{link}\n\n"
        f"Your answers are anonymous: they are kept without your name or email address. "
        f"The link works once, until {closes}.\n"
    )
    html = (
        f"<p>{escape(first)}</p><p>{escape(trust.name)} is asking how well its Professional Executive "
        f"Committee works: {escape(survey.name)}.</p>"
        f'<p><a href="{escape(link)}">Answer the survey</a> (no account needed)</p>'
        "<p>Your answers are anonymous: they are kept without your name or email address. "
        f"The link works once, until {escape(closes)}.</p>"
    )
    day = (recipient.reminded_on if reminder else recipient.sent_on) or ""
    email_queue(
        key=f"survey:{recipient.pk}:{'reminder' if reminder else 'link'}:{day}",
        to_email=recipient.email,
        subject=("Reminder: " if reminder else "") + f"{survey.name} ({trust.name})",
        text=text,
        html=html,
        trust_id=survey.trust_id,
        kind="survey",
    )
