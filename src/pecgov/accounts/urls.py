"""The sign-in pages we support, from django-allauth (ADM-5), at the site root: sign-out, password
reset, address verification, the second factor, and single sign-on. allauth finds them by its own
URL names; staff sign-up is not among them (staff are invited), and applicants register at
applicants:register, which allauth knows as "account_signup"."""

from allauth.account import views as account
from allauth.mfa.base import views as mfa
from allauth.mfa.recovery_codes import views as codes
from allauth.mfa.totp import views as totp
from allauth.socialaccount import views as social
from django.urls import include, path, re_path

from pecgov.accounts import views
from pecgov.appointments.applicants.views import register

urlpatterns = [
    path("sign-out/", account.logout, name="logout"),
    path("sign-out/", account.logout, name="account_logout"),
    path("account/register/", register, name="account_signup"),
    path("account/inactive/", account.account_inactive, name="account_inactive"),
    path("account/reauthenticate/", account.reauthenticate, name="account_reauthenticate"),
    path("account/password/reset/", account.password_reset, name="account_reset_password"),
    path("account/password/reset/done/", account.password_reset_done, name="account_reset_password_done"),
    re_path(
        r"^account/password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$",
        account.password_reset_from_key,
        name="account_reset_password_from_key",
    ),
    path(
        "account/password/reset/key/done/",
        account.password_reset_from_key_done,
        name="account_reset_password_from_key_done",
    ),
    re_path(
        r"^account/confirm-email/(?P<key>[-:\w]+)/$", account.confirm_email, name="account_confirm_email"
    ),
    path("account/security/", views.security, name="mfa_index"),
    path("account/security/authenticate/", mfa.authenticate, name="mfa_authenticate"),
    path("account/security/reauthenticate/", mfa.reauthenticate, name="mfa_reauthenticate"),
    path("account/security/app/", totp.activate_totp, name="mfa_activate_totp"),
    path("account/security/app/remove/", totp.deactivate_totp, name="mfa_deactivate_totp"),
    path("account/security/codes/", codes.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("account/security/codes/new/", codes.generate_recovery_codes, name="mfa_generate_recovery_codes"),
    path(
        "account/security/codes/download/", codes.download_recovery_codes, name="mfa_download_recovery_codes"
    ),
    path("account/sso/", include("allauth.socialaccount.providers.openid_connect.urls")),
    path("account/sso-cancelled/", social.login_cancelled, name="socialaccount_login_cancelled"),
    path("account/sso-error/", social.login_error, name="socialaccount_login_error"),
]
