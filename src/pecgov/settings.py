"""Settings for PEC Governance: one module, typed environment variables, safe defaults.

`make run` needs nothing set: SQLite under var/, demo mode on, DEBUG off but
served by granian with whitenoise. Production sets DATABASE_URL, SECRET_KEY,
ALLOWED_HOSTS and PECGOV_DEMO=0.
"""

from __future__ import annotations

import os
from pathlib import Path

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
    "axes",
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
    "django_tasks",
    "django_tasks_db",
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
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]
# `make bench` only: a floor view and an X-Query-Count header (src/pecgov/bench.py).
BENCH = env_bool("PECGOV_BENCH", False)
if BENCH:
    MIDDLEWARE.insert(0, "pecgov.bench.QueryCountMiddleware")

# Rendered key pages kept until the next committed write (issue 6, src/pecgov/ui/pagecache.py).
# Each server process keeps its own; the data version they key on is in the database.
PAGE_CACHE = env_bool("PECGOV_PAGE_CACHE", not TESTING)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "default"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "TIMEOUT": 600,
        "OPTIONS": {"MAX_ENTRIES": 400},
    },
}

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
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "pecgov.ui.auth.KeptUserBackend",  # ModelBackend, keeping users per data version (issue 6)
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

# Lock-out after repeated failed sign-ins (django-axes).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1  # hours
# Lock the pair (account, address), not the address: behind a trust's proxy one person's
# mistakes must not lock out everyone (ASVS 6.3).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address: REMOTE_ADDR unless the site runs behind proxies it trusts. Set
# PECGOV_TRUSTED_PROXY_COUNT to the number of proxies in front of the application (each adds
# itself to X-Forwarded-For); with 0 (the default) X-Forwarded-For is ignored, as anyone can send it.
TRUSTED_PROXY_COUNT = int(os.environ.get("PECGOV_TRUSTED_PROXY_COUNT", "0"))
if TRUSTED_PROXY_COUNT > 0:
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_LOCKOUT_CALLABLE = "pecgov.home.views.locked_out"
AXES_ENABLED = env_bool("AXES_ENABLED", True)

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

# Security baseline (issue 2): secure cookies, HSTS, no framing, no sniffing.
SECURE_HTTPS = env_bool("PECGOV_HTTPS", not (DEMO_MODE or DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"one_line_403": {"()": "pecgov.ui.logfilters.OneLineForbidden"}},
    "loggers": {"django.request": {"filters": ["one_line_403"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
WHITENOISE_ROOT = BASE_DIR / "ui" / "webroot"
