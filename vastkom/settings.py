"""Settings for VästKom webb: one source of truth, read from the environment.

A laptop run needs nothing (DEBUG on, SQLite file). A production run sets
``DJANGO_DEBUG`` off (or leaves it unset) and must then give ``DJANGO_SECRET_KEY``:
without it the process refuses to start. See ``.env.example``.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name, default=""):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = env("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production). "
            "For a local run set DJANGO_DEBUG=1, as `make run` does."
        )
    SECRET_KEY = "local-development-only-not-secret"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The absolute address of the site, for e-mails and feeds made outside a request.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The local demo without SITE_URL: absolute URLs follow the address the site is served on
# (vastkom/core/siteurl.py), so `make run PORT=8150` links to :8150.
SITE_URL_FROM_REQUEST = DEBUG and not env("SITE_URL")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "axes",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ckeditor",
    # Before django_tasks_db: its db_worker command is replaced by the kernel's recovering one.
    "vastkom.core",
    "django_tasks",
    "django_tasks_db",
    "reversion",
    "vastkom.site",
    "topics",
    "articles",
    "subscriptions",
]

MIDDLEWARE = [
    # First: /healthz answers load balancers before host checks and the HTTPS redirect.
    "vastkom.site.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Whole pages for anonymous readers, ETag/304 and Cache-Control (vastkom/core/middleware.py).
    # Above sessions, CSRF and auth: a cached page needs none of them. No LocaleMiddleware: the
    # site has one language (LANGUAGE_CODE), and it only added "Vary: Accept-Language".
    "vastkom.core.middleware.PageCacheMiddleware",
    # Below the page cache: a kept page keeps its policy header, and a cached answer does not
    # build the policy again (a fifth of a cached page's cost). The policy uses no nonce.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "vastkom.core.siteurl.RequestOriginMiddleware",
    # Before the CSRF check, which reads the body: too big a body is refused unread.
    "vastkom.core.uploadlimits.UploadLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # In DEBUG: Django's 404 pages become the site's own (outside the redirects, which answer first).
    "vastkom.site.middleware.FriendlyNotFoundMiddleware",
    # Innermost but for axes: sees the view's 404 first and answers 301 for an old address (one query, 404s only).
    "vastkom.core.redirects.middleware.RedirectFallbackMiddleware",
    # Last: turns a lock-out found during login into the Swedish lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vastkom.urls"

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
                "vastkom.site.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "vastkom.wsgi.application"
ASGI_APPLICATION = "vastkom.asgi.application"

# Persistent connections (a scale-out switch, off by default): DATABASE_CONN_MAX_AGE=60 keeps
# each worker's connection a minute, DATABASE_CONN_HEALTH_CHECKS=1 tests it before reuse (a
# restarted PostgreSQL or PgBouncer then costs no failed request). deploy/vastkom.env sets both.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=env_bool("DATABASE_CONN_HEALTH_CHECKS", False),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Two caches. "default" may be per process (local memory) unless REDIS_URL is set.
# "shared" is what every app process and server must see alike (rate limits and the page
# cache's generation; login lock-outs are in the database, see AXES_HANDLER): Redis when
# REDIS_URL is set, else a table in the database (created by vastkom/core/migrations, so
# `migrate` is all a new machine needs).
if env("REDIS_URL"):
    REDIS_CACHE = {
        # Django's backend, with one client per connection pool instead of one per call.
        "BACKEND": "vastkom.core.rediscache.RedisCache",
        "LOCATION": env("REDIS_URL"),
        "KEY_PREFIX": env("DJANGO_CACHE_KEY_PREFIX"),  # when several sites share one Redis
    }
    CACHES = {"default": REDIS_CACHE, "shared": REDIS_CACHE}
else:
    CACHES = {
        # Pages and derived data of this process; room for a few thousand pages.
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 3000}},
        "shared": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "vastkom_shared_cache"},
    }

# Login: django-axes first (refuses locked-out users and IPs, counts failures in the
# database so every app server sees them), then Django's backend, which refuses the local
# demo's published credentials when DEBUG is off (vastkom/site/login_security.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "vastkom.site.login_security.ProductionModelBackend",
]
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_FAILURE_LIMIT = int(env("DJANGO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(env("DJANGO_LOGIN_LOCKOUT_MINUTES", "30")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # either one locks: per user and per IP
AXES_CLIENT_IP_CALLABLE = "vastkom.core.clientip.client_ip"
AXES_LOCKOUT_CALLABLE = "vastkom.site.login_security.lockout_response"
AXES_ENABLE_ADMIN = False  # the Swedish "Spärrade inloggningar" in vastkom/site/lockout_admin.py
AXES_RESET_ON_SUCCESS = False
AXES_VERBOSE = False  # no banner on every command; failures are still logged

# The page cache (vastkom/core/pagecache.py, vastkom/core/middleware.py): whole responses for
# anonymous readers in caches["default"], keyed by a generation in caches["shared"] that every
# content change moves on, and never kept past the next scheduled publish/unpublish.
PAGE_CACHE_ENABLED = env_bool("DJANGO_PAGE_CACHE", True)
PAGE_CACHE_SECONDS = int(env("DJANGO_PAGE_CACHE_SECONDS", "3600"))
# Each process also holds the pages it served (bodies up to this many bytes, least recently used
# out first), so a page it holds costs the read of the generation, not the transfer of the page.
PAGE_CACHE_PROCESS_BYTES = int(env("DJANGO_PAGE_CACHE_PROCESS_BYTES", str(32 * 1024 * 1024)))
# How long a shared cache in front (nginx, a CDN) may keep a public page: s-maxage.
PAGE_CACHE_SHARED_MAX_AGE = int(env("DJANGO_SHARED_CACHE_SECONDS", "1"))
# Never kept: the editors' work, personal and form pages, preview links, files (documents, media).
PAGE_CACHE_EXCLUDE_PREFIXES = ["/admin/", "/ckeditor/", "/prenumeration/", "/forhandsvisning/", "/dokument/", "/media/"]
# Apps whose models never show on a cached page (their saves need not empty the page cache).
PAGE_CACHE_IGNORE_APPS = ["subscriptions"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska"))]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Media on S3-compatible storage (a scale-out switch, off by default): any app server can then
# serve any upload. django-storages; credentials from the environment (or the machine's role).
if env("DJANGO_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DJANGO_S3_BUCKET"),
            "endpoint_url": env("DJANGO_S3_ENDPOINT_URL") or None,
            "region_name": env("DJANGO_S3_REGION") or None,
            "access_key": env("DJANGO_S3_ACCESS_KEY_ID") or None,
            "secret_key": env("DJANGO_S3_SECRET_ACCESS_KEY") or None,
            "custom_domain": env("DJANGO_S3_CUSTOM_DOMAIN") or None,
            "location": env("DJANGO_S3_LOCATION", "media"),
            "querystring_auth": False,  # media are public: plain, cacheable URLs
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }

# Uploads larger than this are refused before they reach the disk (bytes).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Images and documents (vastkom/core/imagefiles.py, documents.py, uploadlimits.py): the byte
# limits are checked against Content-Length before the body is read; the pixel limit is read
# from the image's header before it is decoded; stored originals are shrunk to the long side.
IMAGE_UPLOAD_MAX_BYTES = int(env("DJANGO_IMAGE_UPLOAD_MAX_BYTES", str(10_000_000)))
IMAGE_UPLOAD_MAX_PIXELS = int(env("DJANGO_IMAGE_UPLOAD_MAX_PIXELS", str(25_000_000)))
IMAGE_STORED_MAX_SIDE = 2400
DOCUMENT_UPLOAD_MAX_BYTES = int(env("DJANGO_DOCUMENT_UPLOAD_MAX_BYTES", str(20_000_000)))
# Any other request body (admin forms with a main image, public forms) is held to this.
REQUEST_MAX_BYTES = max(IMAGE_UPLOAD_MAX_BYTES, DOCUMENT_UPLOAD_MAX_BYTES) + 1_000_000
# `manage.py content_check` never fetches links into private networks unless this is on.
CONTENT_CHECK_ALLOW_PRIVATE_HOSTS = env_bool("DJANGO_CONTENT_CHECK_ALLOW_PRIVATE_HOSTS", False)

# E-mail: console locally, SMTP when EMAIL_HOST is given.
if env("EMAIL_HOST"):
    EMAIL_BACKEND = "vastkom.core.mail.SMTPBackend"
    EMAIL_HOST = env("EMAIL_HOST")
    EMAIL_PORT = int(env("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = env("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "VästKom <noreply@vastkom.se>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Who gets the weekly review reminder for pages whose owner is missing or inactive.
REVIEW_FALLBACK_EMAIL = env("DJANGO_REVIEW_FALLBACK_EMAIL")

# Background work: Django's task API. The local demo runs tasks at once; production
# stores them in the database for `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env(
            "DJANGO_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend" if DEBUG else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Rich text: the editor is configured in one place (vastkom/core/editor/).
from vastkom.core.editor.config import CKEDITOR_SETTINGS  # noqa: E402

globals().update(CKEDITOR_SETTINGS)
SILENCED_SYSTEM_CHECKS = [
    # CKEditor 4 is end-of-life; README "Security" says why the risk is contained.
    "ckeditor.W001",
]

# Content Security Policy: public pages load nothing but the site's own files and run no
# inline code (tests/vastkom/test_csp_ready.py, tests/browser/test_csp.py). The admin and
# the editor's upload are left out: CKEditor 4 needs inline styles and scripts.
CSP_EXTRA_IMG_SRC = env_list("DJANGO_CSP_IMG_SRC")  # e.g. the S3 bucket's origin for media
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/ckeditor/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *CSP_EXTRA_IMG_SRC],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Security
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"  # the editor's upload answer alone may load in a same-origin frame
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# The visitor's IP (rate limits, login lock-out; vastkom/core/clientip.py): how many proxies
# of ours stand in front of the app server. 0 (the default): REMOTE_ADDR, and X-Forwarded-For
# is ignored, since anyone can write it. N: the N-th entry from the end of CLIENT_IP_HEADER.
TRUSTED_PROXIES = int(env("DJANGO_TRUSTED_PROXIES", "0"))
CLIENT_IP_HEADER = env("DJANGO_CLIENT_IP_HEADER", "HTTP_X_FORWARDED_FOR")

# How many app processes serve the site: gunicorn workers per machine (gunicorn itself reads
# WEB_CONCURRENCY as its default --workers) times app servers. `check --deploy` refuses a
# per-process cache for shared state when this is above 1 (vastkom/core/checks.py).
WEB_CONCURRENCY = int(env("WEB_CONCURRENCY", "1"))
APP_SERVERS = int(env("DJANGO_APP_SERVERS", "1"))

# How long a new preview link works unless the editor chooses otherwise (days).
PREVIEW_LINK_DAYS = int(env("DJANGO_PREVIEW_LINK_DAYS", "7"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # No e-mail address reaches a log in clear, whoever logs it (vastkom/core/privacy.py).
    "filters": {"mask_email": {"()": "vastkom.core.privacy.MaskEmailAddresses"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_email"]}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
    },
}
