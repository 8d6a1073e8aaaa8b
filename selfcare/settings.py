"""Settings for Thaw, read from the environment.

With no environment variables at all, Thaw runs on its embedded default: SQLite,
Celery's filesystem broker and email written to files, everything kept in var/.
THAW_ENV=production switches on the strict production behaviour: a real
SECRET_KEY, DATABASE_URL and SITE_URL are required and cookies are HTTPS-only.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from selfcare.env import dev_field_key, dev_secret_key, envbool, envint, envlist, envsecret, mailer_from_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("THAW_VAR_DIR", BASE_DIR / "var"))

THAW_ENV = os.environ.get("THAW_ENV", "development")
if THAW_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("THAW_ENV must be 'development' or 'production'")
PRODUCTION = THAW_ENV == "production"

DEBUG = envbool("DJANGO_DEBUG", False)

SECRET_KEY = envsecret("SECRET_KEY") or ""
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production")
    SECRET_KEY = dev_secret_key(VAR_DIR)

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]"])
SITE_URL = os.environ.get("SITE_URL", "" if PRODUCTION else "http://127.0.0.1:8000").rstrip("/")
if PRODUCTION and not SITE_URL:
    raise ImproperlyConfigured("SITE_URL is required in production (for links in emails)")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [SITE_URL] if SITE_URL else [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "axes",
    "selfcare",
    "selfcare.core",
    "selfcare.accounts",
    "selfcare.checkins",
    "selfcare.reminders",
    "journal",
    "exercises",
    "exercises.plan",
    "exercises.joy",
    "selfcare.sharing",
    "selfcare.home",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside everything that may answer early (a 400 for a bad host, the 413 page): every page gets it.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Share paths: rate limit, no-store/no-referrer/noindex headers, no token in logs.
    "selfcare.sharing.middleware.SharePathMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Cache-Control: private, no-store on every response to a signed-in person.
    "selfcare.core.middleware.PrivateResponsesMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Before CSRF, which is the first to read the body.
    "selfcare.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "selfcare.accounts.middleware.UserTimeZoneMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "selfcare.urls"
WSGI_APPLICATION = "selfcare.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "selfcare.core.context_processors.site",
                "selfcare.checkins.crisis.crisis_bar",
            ],
        },
    },
]

# Database: Postgres in production and tests, a SQLite file as the embedded default.
DATABASE_URL = os.environ.get("DATABASE_URL")
if PRODUCTION and not DATABASE_URL:
    raise ImproperlyConfigured("DATABASE_URL is required in production")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL or f"sqlite:///{VAR_DIR / 'thaw.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait for locks
    # instead of failing, and write through a WAL journal.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = envint("DB_CONNECT_TIMEOUT", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts and passwords.
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "landing"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 2
SIGNUP_LINK_MAX_AGE = 60 * 60 * 24

# Sign-up and password-reset emails: at most this many per address, and per client address, per window
# (selfcare/core/ratelimit.py; lets them through if Redis is down).
ACCOUNT_MAIL_PER_ADDRESS = envint("ACCOUNT_MAIL_PER_ADDRESS", 3)
ACCOUNT_MAIL_PER_CLIENT = envint("ACCOUNT_MAIL_PER_CLIENT", 10)
ACCOUNT_MAIL_WINDOW = envint("ACCOUNT_MAIL_WINDOW", 60 * 60)

# Login throttling: five wrong passwords for one email from one address pause
# logins for that pair for fifteen minutes.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_IPWARE_PROXY_COUNT = envint("PROXY_COUNT", 0)

# Database sessions that know whose they are, so deleting an account ends every one of them.
SESSION_ENGINE = "selfcare.accounts.sessions"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "selfcare.home.views.csrf_failure"

# Security headers. No inline script or style anywhere, and no third-party origins.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    # The congruence practice plays back a clip recorded in the browser (never uploaded).
    "media-src": [CSP.SELF, "blob:"],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    if envbool("BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Bodies larger than this get a friendly "too long" page instead of being read.
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("MAX_REQUEST_BYTES", 1024 * 1024)

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
if not PRODUCTION:
    STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns when it is missing

# Email: one module sends everything (selfcare/core/emails.py).
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Thaw <hello@thaw.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
MAILERS = {"default": mailer_from_url(os.environ.get("EMAIL_URL") or f"file://{VAR_DIR / 'mail'}")}

# Celery: Redis when REDIS_URL is set, otherwise the embedded filesystem broker.
REDIS_URL = os.environ.get("REDIS_URL")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Celery's Django fix-up closes the database connection around every task unless this is set; a new
# PostgreSQL connection per task costs more than the task. Reconnects every 2 x N tasks instead.
CELERY_DB_REUSE_MAX = envint("CELERY_DB_REUSE_MAX", 100)
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    # kombu's Redis transport, refusing (and logging) a message it cannot read instead of stopping the worker.
    CELERY_BROKER_TRANSPORT = "selfcare.core.broker:Transport"
    _visibility = envint("CELERY_VISIBILITY_TIMEOUT", 300)
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, str | float] = {
        "visibility_timeout": _visibility,
        # A task whose worker died goes back on the queue soon after its visibility timeout: kombu's
        # default sweep runs about every 100 s (every 10th call, 10 s apart), longer than the timeout itself.
        "unacked_restore_interval": max(1, min(10, _visibility // 3)),
        "unacked_restore_throttle": 1,
        "socket_connect_timeout": 2,
        "socket_timeout": 5,
    }
else:
    CELERY_BROKER_URL = "filesystem://"
    _queue_dir = VAR_DIR / "celery" / "queue"
    _processed_dir = VAR_DIR / "celery" / "processed"
    for _folder in (_queue_dir, _processed_dir):
        _folder.mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(_processed_dir),
        "store_processed": False,
        "polling_interval": 0.5,
    }
CELERY_BEAT_SCHEDULE = {
    "purge-deleted-journal-entries": {
        "task": "journal.tasks.purge_deleted_entries",
        "schedule": 60 * 5,
    },
    "send-due-follow-ups": {
        "task": "selfcare.checkins.tasks.send_due_follow_ups",
        "schedule": 60 * 5,
    },
    "evaluate-check-in-windows": {
        "task": "selfcare.checkins.tasks.evaluate_windows",
        "schedule": crontab(hour=3, minute=15),
    },
    "dispatch-reminders": {
        "task": "selfcare.reminders.tasks.dispatch_due",
        "schedule": 60,
        # A pass that waited longer than a minute in the queue is replaced by the next one.
        "options": {"expires": 55},
    },
    "clear-expired-sessions": {
        "task": "selfcare.accounts.tasks.clear_expired_sessions",
        "schedule": 60 * 60 * 6,
    },
}

# Cache: Redis when REDIS_URL is set, otherwise this process's memory. Only
# derived, disposable things live here (rate limits, computed aggregates).
if REDIS_URL:
    CACHES: dict[str, dict[str, Any]] = {
        "default": {
            "BACKEND": "selfcare.core.cache.RedisCache",
            # Its own database keeps a cache clear from ever touching Celery's queues.
            "LOCATION": os.environ.get("CACHE_URL") or REDIS_URL,
            "KEY_PREFIX": "thaw",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "thaw"}}

# Therapist share links: requests per client address per window on /s/ and /shared/.
SHARE_RATE_LIMIT = envint("SHARE_RATE_LIMIT", 30)
SHARE_RATE_WINDOW = envint("SHARE_RATE_WINDOW", 60)

# No share, sign-up, reset or unsubscribe token reaches a log (selfcare/core/logsafe.py): every handler
# here names the filter, and LOGGING_CONFIG then puts it on every other handler the process has
# (Django's own, gunicorn's), however the server was started.
LOGGING_CONFIG = "selfcare.core.logsafe.configure"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_secrets": {"()": "selfcare.core.logsafe.RedactSecrets"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["no_secrets"]}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # runserver's request lines: through the same filtered handler.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # Axes logs emails and addresses on every attempt; keep that out of logs.
        "axes": {"level": "WARNING"},
        # The PDF of a shared page: progress lines and font subsetting chatter are not news.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Encryption at rest for journal text and exercise answers (selfcare/core/fields.py).
FIELD_ENCRYPTION_KEYS = envlist("FIELD_ENCRYPTION_KEYS", [])
if not FIELD_ENCRYPTION_KEYS:
    if PRODUCTION:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS is required in production")
    FIELD_ENCRYPTION_KEYS = [dev_field_key(VAR_DIR)]

# Versioned so a change to what we ask people to agree to is recorded per account.
CONSENT_VERSION = "2026-11-21"

FORM_RENDERER = "selfcare.core.forms.FormRenderer"
