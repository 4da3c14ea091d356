"""The one settings module. Everything that differs between machines comes from
the environment, so a fresh install runs on SQLite with no configuration and a
production deployment is configured by environment variables alone.

GOLDENTHREAD_DATA_DIR       where the SQLite database, uploads and the secret key live
GOLDENTHREAD_DATABASE_URL   e.g. postgres://user:pass@host:5432/name (default: SQLite)
GOLDENTHREAD_SECRET_KEY     secret key (default: generated once into the data dir)
GOLDENTHREAD_DEBUG          "1" to turn on debug pages (default: off)
GOLDENTHREAD_ALLOWED_HOSTS  comma-separated host names (default: localhost names)
GOLDENTHREAD_SECURE         "1" behind HTTPS: secure cookies, HSTS, SSL redirect
"""

from __future__ import annotations

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DATA_DIR = Path(
    os.environ.get("GOLDENTHREAD_DATA_DIR") or Path.home() / ".local" / "share" / "goldenthread"
).expanduser()


def _secret_key() -> str:
    key = os.environ.get("GOLDENTHREAD_SECRET_KEY")
    if key:
        return key
    key_file = DATA_DIR / "secret_key"
    try:
        return key_file.read_text().strip()
    except FileNotFoundError:
        pass
    key = secrets.token_urlsafe(64)
    try:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(key)
        key_file.chmod(0o600)
    except OSError:
        pass  # read-only data dir: the key lives for this process only
    return key


SECRET_KEY = _secret_key()
DEBUG = _env_bool("GOLDENTHREAD_DEBUG")
ALLOWED_HOSTS = _env_list("GOLDENTHREAD_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = _env_list("GOLDENTHREAD_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "goldenthread.core",
    "goldenthread.org",
    "goldenthread.plans",
    "goldenthread.indicators",
    "goldenthread.finance",
    "goldenthread.insights",
    "goldenthread.risks",
    "goldenthread.mobilisation",
    "goldenthread.reporting",
    "goldenthread.reviews",
    "goldenthread.interop",
    "goldenthread.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "goldenthread.urls"
WSGI_APPLICATION = "goldenthread.wsgi.application"

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
                "goldenthread.core.context_processors.product",
                "goldenthread.reporting.context_processors.reporting",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("GOLDENTHREAD_DATABASE_URL") or f"sqlite:///{DATA_DIR / 'goldenthread.sqlite3'}",
        conn_max_age=int(os.environ.get("GOLDENTHREAD_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": ""}  # in-memory test database

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
TIME_ZONE = os.environ.get("GOLDENTHREAD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]  # the shared layout's CSS, icons, scripts
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve static files straight from the installed apps, so `goldenthread serve`
# needs no collectstatic step and works with no internet (no CDN anywhere).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if _env_bool("GOLDENTHREAD_SECURE"):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("GOLDENTHREAD_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

EMAIL_BACKEND = os.environ.get(
    "GOLDENTHREAD_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("GOLDENTHREAD_FROM_EMAIL", "goldenthread@localhost")
# A fixed "today" (YYYY-MM-DD) for a training copy or the demo, whose plan runs in years
# still to come; due and overdue are reckoned from it (core/clock.py). Unset: the date the
# data directory fixes in its file ``today`` (the demo writes it, so that commands run on
# the demo's database reckon from the demo's date too), else the real date.
TODAY_FILE = DATA_DIR / "today"
_today, _today_from = os.environ.get("GOLDENTHREAD_TODAY", ""), "GOLDENTHREAD_TODAY"
if not _today and TODAY_FILE.is_file():
    _today, _today_from = TODAY_FILE.read_text(encoding="utf-8").strip(), str(TODAY_FILE.name)
try:
    GOLDENTHREAD_TODAY = datetime.date.fromisoformat(_today) if _today else None
except ValueError:
    raise ImproperlyConfigured(
        f"{_today_from}: '{_today}' is not a date (YYYY-MM-DD)"
    ) from None
# Days after a reporting period ends before its report is overdue (docs/reporting.md).
REPORTING_GRACE_DAYS = int(os.environ.get("GOLDENTHREAD_REPORTING_GRACE_DAYS", "30"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("GOLDENTHREAD_LOG_LEVEL", "WARNING")},
}
