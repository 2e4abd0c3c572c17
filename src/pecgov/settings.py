"""Settings for PEC Governance: one module, typed environment variables, safe defaults.

`make run` needs nothing set: SQLite under var/, demo mode on, DEBUG off but
served by granian with whitenoise. Production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and PECGOV_DEMO=0.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("PECGOV_VAR_DIR", PROJECT_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def oidc_origin(server_url: str) -> str:
    """scheme://host[:port] of an OpenID Connect server URL."""
    scheme, _, rest = server_url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# Demo mode: the demo trust and its published sign-ins exist only when this is on.
DEMO_MODE = env_bool("PECGOV_DEMO", True)
TESTING = env_bool("PECGOV_TESTING", False)

_insecure_key = "django-insecure-demo-key-only-for-local-use-never-in-production"
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not (DEMO_MODE or DEBUG or TESTING):
        raise RuntimeError("SECRET_KEY must be set when PECGOV_DEMO is off.")
    SECRET_KEY = _insecure_key

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "simple_history",
    "ninja",
    "csp",
    "pecgov.ui",
    "pecgov.ui.safety",
    "pecgov.audit",
    "pecgov.trust",
    "pecgov.policy",
    "pecgov.meetings",
    "pecgov.interests",
    "pecgov.delegation",
    "pecgov.commissioning",
    "pecgov.appointments",
    "pecgov.public",
    "pecgov.api",
    "pecgov.demo",
    "pecgov.notifications",
    "pecgov.members",
    "pecgov.onboarding",
    "pecgov.home",
    "pecgov.imports",
    "pecgov.surveys",
    "pecgov.checklist",
    "pecgov.engagement",
    "pecgov.effectiveness",
    "pecgov.search",
    "django_tasks",
    "django_tasks_db",
    # ADM-5: sign-in, password reset, MFA and OpenID Connect (pecgov.accounts).
    "pecgov.accounts",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the body: a request too big for any upload is refused unread (413).
    "pecgov.uploads.BodySizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed-in and API answers: Cache-Control: private, no-store (ASVS 14.3).
    "pecgov.ui.middleware.PrivateCacheMiddleware",
    "pecgov.trust.middleware.RolesMiddleware",
    "pecgov.onboarding.middleware.OneTimePasswordMiddleware",  # ADM-1
    "django.contrib.messages.middleware.MessageMiddleware",
    # Data safety at the boundary: see src/pecgov/ui/middleware.py.
    "pecgov.ui.middleware.RequestContextMiddleware",
    "pecgov.ui.middleware.BadTextMiddleware",
    "pecgov.ui.middleware.ApiIdempotencyMiddleware",
    "pecgov.ui.middleware.RepeatSubmitMiddleware",
    "pecgov.ui.middleware.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "pecgov.ui.csp.CSPMiddleware",  # django-csp's, with the header built once
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # ADM-5: a user the trust's policy requires to have a second factor sets one up first.
    "pecgov.accounts.middleware.RequireMfaMiddleware",
]
# `make bench` only: a floor view and an X-Query-Count header (src/pecgov/bench.py).
BENCH = env_bool("PECGOV_BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "pecgov.bench.QueryCountMiddleware")

# Rendered key pages kept until the next committed write (src/pecgov/ui/pagecache.py), keyed on
# data versions held in the database. With PECGOV_REDIS_URL (redis://host:port/N) every server
# process shares one cache in Redis: kept pages in database N+1, and in database N Django's default
# cache, where allauth counts failed sign-ins and used codes (ADM-5). Without it, each process
# keeps its own in memory, which is what `make run` does. Two databases, because clearing the
# pages (`pagecache.forget`) empties the whole of its Redis database.
PAGE_CACHE = env_bool("PECGOV_PAGE_CACHE", not TESTING)
REDIS_URL = os.environ.get("PECGOV_REDIS_URL", "")


def _redis_caches(url: str) -> dict[str, dict[str, Any]]:
    parts = urlsplit(url)
    base = int(parts.path.strip("/") or "0")

    def at(db: int) -> str:
        return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))

    backend = "django.core.cache.backends.redis.RedisCache"
    return {
        "default": {"BACKEND": backend, "LOCATION": at(base), "KEY_PREFIX": "pecgov"},
        "pages": {"BACKEND": backend, "LOCATION": at(base + 1), "KEY_PREFIX": "pecgov", "TIMEOUT": 600},
    }


CACHES = (
    _redis_caches(REDIS_URL)
    if REDIS_URL
    else {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "TIMEOUT": 600,
            "OPTIONS": {"MAX_ENTRIES": 400},
        },
    }
)

ROOT_URLCONF = "pecgov.urls"
WSGI_APPLICATION = "pecgov.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "pecgov.ui.jinja2env.environment",
            "context_processors": ["pecgov.ui.context.page_globals"],
        },
    },
    {
        # Django templates only for the admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'pecgov.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # allauth's sign-in by username or email, keeping users per data version (pecgov.ui.auth).
    "pecgov.accounts.backends.SignInBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

CSRF_FAILURE_VIEW = "pecgov.home.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# The client's address: REMOTE_ADDR unless the site runs behind proxies it trusts. Set
# PECGOV_TRUSTED_PROXY_COUNT to the number of proxies in front of the application (each adds
# itself to X-Forwarded-For); with 0 (the default) X-Forwarded-For is ignored, as anyone can send it.
TRUSTED_PROXY_COUNT = int(os.environ.get("PECGOV_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT

# Sign-in (ADM-5), django-allauth: by username or email address; no self sign-up for staff
# (they are invited); applicants register at /account/register/ and verify their address.
ACCOUNT_ADAPTER = "pecgov.accounts.adapter.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "pecgov.accounts.adapter.SingleSignOnAdapter"
MFA_ADAPTER = "pecgov.accounts.adapter.MfaAdapter"
ACCOUNT_FORMS = {
    "login": "pecgov.accounts.forms.SignInForm",
    "reset_password": "pecgov.accounts.forms.PasswordResetRequestForm",
    "reset_password_from_key": "pecgov.accounts.forms.NewPasswordForm",
}
MFA_FORMS = {
    "authenticate": "pecgov.accounts.forms.SecondFactorForm",
    "reauthenticate": "pecgov.accounts.forms.SecondFactorAgainForm",
    "activate_totp": "pecgov.accounts.forms.SetUpAuthenticatorForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_UNIQUE_EMAIL = True  # an email address signs in to one account only
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "PEC Governance: "
# A password reset link lasts this long and works once (allauth's token is tied to the
# password hash and last sign-in, so using it, or signing in, spends it).
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PECGOV_PASSWORD_RESET_SECONDS", str(60 * 60)))
# Rate limits (ASVS 6.3): failed sign-ins are counted per account and address
# (pecgov.accounts.adapter), so one person's mistakes never lock out a whole office behind one
# proxy; five in an hour lock that pair out for the rest of the hour.
ACCOUNT_RATE_LIMITS = {
    "login_failed": os.environ.get("PECGOV_SIGN_IN_FAILURE_LIMIT", "20/m/ip,5/1h/key"),
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
    "login": "30/m/ip",
}
# MFA (ADM-5): TOTP with recovery codes. Enforced for the roles the trust's policy pack names
# (parameter "security.mfa_required_roles"); off in the demo, whose sign-ins have no second
# factor seeded, unless PECGOV_MFA_ENFORCED=1.
MFA_ENFORCED = env_bool("PECGOV_MFA_ENFORCED", not DEMO_MODE)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PEC Governance"
MFA_RECOVERY_CODE_COUNT = 10
# Single sign-on through OpenID Connect (NHSmail, Microsoft Entra ID): set the server URL (the
# issuer, without /.well-known/openid-configuration), the client id and secret the identity
# provider issued, and the name shown on the button. Unset: no single sign-on.
OIDC_SERVER_URL = os.environ.get("PECGOV_OIDC_SERVER_URL", "")
OIDC_PROVIDER_ID = os.environ.get("PECGOV_OIDC_ID", "nhs")
SOCIALACCOUNT_PROVIDERS: dict[str, dict[str, object]] = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": os.environ.get("PECGOV_OIDC_NAME", "NHSmail"),
                "client_id": os.environ.get("PECGOV_OIDC_CLIENT_ID", ""),
                "secret": os.environ.get("PECGOV_OIDC_SECRET", ""),
                "settings": {"server_url": OIDC_SERVER_URL, "token_auth_method": "client_secret_post"},
            }
        ]
        if OIDC_SERVER_URL
        else [],
    }
}
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # linking by verified email is ours (pecgov.accounts.adapter)
SOCIALACCOUNT_STORE_TOKENS = False
# NHSmail and Entra ID manage their users' addresses but may not send "email_verified": set
# PECGOV_OIDC_TRUST_EMAIL=1 to take the provider's address as verified.
OIDC_TRUST_EMAIL = env_bool("PECGOV_OIDC_TRUST_EMAIL", False)
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_OPENID_CONNECT_URL_PREFIX = ""  # mounted at /account/sso/ (pecgov.accounts.urls)

# POSTs per client address to the named URLs: (requests, seconds) (pecgov.ui.middleware).
# (The test suite registers many accounts from one address: its tests of the limit set their own.)
RATE_LIMITS = {
    "applicants:register": (
        int(os.environ.get("PECGOV_REGISTER_LIMIT", "1000" if TESTING else "5")),
        int(os.environ.get("PECGOV_REGISTER_LIMIT_SECONDS", "600")),
    ),
}
# How long a form's one-time key and an API Idempotency-Key are remembered.
SUBMISSION_WINDOW_SECONDS = int(os.environ.get("PECGOV_SUBMISSION_WINDOW_SECONDS", "600"))
# Bodies: a form without files is small; a file bigger than this goes to a temporary file,
# not memory. The whole request is capped by pecgov.uploads.BodySizeLimitMiddleware.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
MEDIA_ROOT = VAR_DIR / "media"

# Security baseline: secure cookies, HSTS, no framing, no sniffing.
SECURE_HTTPS = env_bool("PECGOV_HTTPS", not (DEMO_MODE or DEBUG or TESTING))
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SECURE_HTTPS else "http"  # links in sign-in emails
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_ENGINE = "pecgov.ui.sessions"  # Django's database sessions, read in one plain statement
SECURE_SSL_REDIRECT = SECURE_HTTPS and env_bool("PECGOV_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None

# Content Security Policy: no inline script or style; the NHS.UK template's one
# inline script carries a per-request nonce.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "https://assets.nhs.uk"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# The single sign-on button posts to us and we send the browser on to the identity provider:
# form-action must allow that redirect (ADM-5).
if OIDC_SERVER_URL:
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [SELF, oidc_origin(OIDC_SERVER_URL)]

# The demo writes its emails to files under var/mail/ (one file per send), so `make run`'s terminal
# stays readable; a deployment sets its mail relay (docs/production.md).
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.filebased.EmailBackend"
    if DEMO_MODE
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(VAR_DIR / "mail"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "pec-governance@localhost")
# Links in emails (NOT-1) point here.
SITE_URL = os.environ.get("PECGOV_SITE_URL", "http://127.0.0.1:8000")
INVITATION_DAYS = int(os.environ.get("PECGOV_INVITATION_DAYS", "14"))  # ADM-4: an invitation link's life

# Background work (NOT-2): django-tasks with its database backend; `pecgov db_worker` runs it
# (`make run` starts one). Tests run tasks at once, in the process that enqueues them.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend"
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# The API's session authentication uses Django's CSRF protection.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500

PAGE_SIZE = 50
# The public register shows each person with their seats and every interest: 25 people a page is
# a page a reader can take in (and about half the drawing of 50 at national scale; PUB-1, X-3).
PUBLIC_REGISTER_PAGE_SIZE = 25

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"one_line_403": {"()": "pecgov.ui.logfilters.OneLineForbidden"}},
    "loggers": {"django.request": {"filters": ["one_line_403"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WHITENOISE_ROOT = BASE_DIR / "ui" / "webroot"
