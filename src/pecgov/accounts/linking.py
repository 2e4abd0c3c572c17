"""Which account a single sign-on belongs to (ADM-5): the one account whose email address the
identity provider vouches for, and that the trust made (a person's account or a role grant) or
whose owner verified that address here. An applicant's unverified address never links, so nobody
can set up an account in someone else's name and wait for them to sign on."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialLogin
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q

from pecgov.trust.models import Person, RoleGrant

NOT_INVITED = (
    "There is no account for your email address. Ask your governance lead for an invitation, "
    "then sign in with single sign-on again."
)
NO_VERIFIED_EMAIL = (
    "Your organisation's sign-in did not confirm your email address, so we cannot tell which "
    "account is yours. Ask your governance lead for an invitation."
)
AMBIGUOUS = (
    "More than one account uses your email address, so we cannot tell which is yours. "
    "Ask your governance lead to give each account its own address."
)


def vouched_emails(sociallogin: SocialLogin) -> list[str]:
    trusted = bool(getattr(settings, "OIDC_TRUST_EMAIL", False))
    return sorted(
        {a.email.lower() for a in sociallogin.email_addresses if a.email and (a.verified or trusted)}
    )


def account_for_sign_on(sociallogin: SocialLogin) -> tuple[Any | None, str]:
    """(the account, "") or (None, why not)."""
    emails = vouched_emails(sociallogin)
    if not emails:
        return None, NO_VERIFIED_EMAIL
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    users = list(get_user_model().objects.filter(match, is_active=True))
    if not users:
        return None, NOT_INVITED
    ids = [u.pk for u in users]
    made_by_trust = set(Person.objects.filter(user_id__in=ids).values_list("user_id", flat=True)) | set(
        RoleGrant.objects.filter(user_id__in=ids).values_list("user_id", flat=True)
    )
    verified = set(
        EmailAddress.objects.filter(user_id__in=ids, verified=True, email__in=emails).values_list(
            "user_id", flat=True
        )
    )
    eligible = [u for u in users if u.pk in made_by_trust | verified]
    if not eligible:
        return None, NOT_INVITED
    if len(eligible) > 1:
        return None, AMBIGUOUS
    return eligible[0], ""
