"""The sign-in pages' rows of the access matrix (X-1, ADM-5), read by tests/test_access_matrix.py.

Signed out: the sign-in, reset and single sign-on pages answer; the security pages send to
sign-in. Signed in: the sign-in page sends home; the security pages answer their owner only
(each shows the signed-in person's own factors). Pages that need a step first (a second factor
pending, a recent password) send to that step (302); one without anything to show is 404.
"""

from __future__ import annotations

from typing import Any

from tests.access_roles import ROLES, everyone
from tests.factories import World

SIGNED_IN = [role for role in ROLES if role != "anonymous"]


def signed_in(status: int, anonymous: int = 302) -> dict[str, int]:
    return dict.fromkeys(SIGNED_IN, status) | {"anonymous": anonymous}


ROWS: dict[str, dict[str, int]] = {
    "account_login": everyone(302) | {"anonymous": 200},
    "account_logout": signed_in(200),
    "account_signup": everyone(302) | {"anonymous": 200},
    "account_inactive": everyone(200),
    "account_reauthenticate": signed_in(200),
    "account_reset_password": everyone(200),
    "account_reset_password_done": everyone(200),
    "account_reset_password_from_key": everyone(200),  # an unknown key: "this link has expired"
    "account_reset_password_from_key_done": everyone(200),
    "account_confirm_email": everyone(200),  # an unknown key: "this link has expired"
    "mfa_index": signed_in(200),
    "mfa_authenticate": everyone(302),  # only in the middle of a sign-in
    "mfa_reauthenticate": signed_in(302),  # only for someone with a second factor
    "mfa_activate_totp": signed_in(302),  # a recent password first (account_reauthenticate)
    "mfa_deactivate_totp": signed_in(404),  # nothing to remove
    "mfa_view_recovery_codes": signed_in(404),  # no codes yet
    "mfa_generate_recovery_codes": signed_in(302),
    "mfa_download_recovery_codes": signed_in(404),
    "openid_connect_login": everyone(404),  # no provider configured in the matrix's settings
    "openid_connect_callback": everyone(404),
    "socialaccount_login_cancelled": everyone(200),
    "socialaccount_login_error": everyone(401),  # allauth answers a failed sign-on with 401
}


def make_objects(world: World, other_world: World) -> dict[str, Any]:
    return {}


def kwargs(name: str, world: World, objects: dict[str, Any]) -> dict[str, Any] | None:
    if name == "account_reset_password_from_key":
        return {"uidb36": "1", "key": "not-a-real-key"}
    if name == "account_confirm_email":
        return {"key": "not-a-real-key"}
    if name.startswith("openid_connect_"):
        return {"provider_id": "nhs"}
    return {} if name in ROWS else None
