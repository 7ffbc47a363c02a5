"""Settings shared by every environment.

This is the one place that reads the environment; dev.py, test.py and
production.py only override what differs.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
# Absolute base of the public site, for links in e-mails, feeds and PDFs
# rendered outside a request (management commands). Unset, it follows the port `make run` serves on.
SITE_URL = (os.environ.get("SITE_URL") or f"http://127.0.0.1:{os.environ.get('PORT') or '8000'}").rstrip("/")
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip("/") + "/"

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its tabbed fields apply.
    "modeltranslation",
    "core.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_filters",
    "django_countries",
    "ninja",
    "simple_history",
    "import_export",
    "django_prose_editor",
    "core.apps.PortalAxesConfig",  # django-axes, named in the user's language
    "core",
    "partners",
    "activities",
    "newsletters",
    "outputs",
    # Last, as django-cleanup asks: deletes a file once the transaction that deleted or replaced
    # its record commits, so its public address stops working (a rollback deletes nothing).
    "django_cleanup.apps.CleanupConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After authentication: anonymous reads may use the replica (only with DATABASE_REPLICA_URL).
    "core.replica.ReplicaMiddleware",
    # After authentication (staff are not limited) and the language (the 429 page's).
    "core.middleware.SearchRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "core.middleware.DatabaseUnavailableMiddleware",
    # Below WhiteNoise, whose static files keep their long lifetimes.
    "core.middleware.RevalidateMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# Security headers, in every environment so the tests exercise them. The policy allows only the
# portal's own origin: no inline script, no CDN. ``data:`` images are for the admin's and Swagger
# UI's inline SVG icons. The e-mail edition of a newsletter (inline styles are what mail clients
# need) relaxes style-src for that one response only (newsletters.views).
from csp.constants import NONCE, NONE, SELF  # noqa: E402 -- grouped with the policy it builds

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # The nonce is sent only on responses that use it: the admin's rich-text editor's import map.
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "font-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

ROOT_URLCONF = "mmsp.urls"
WSGI_APPLICATION = "mmsp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

# DATABASE_URL set means that database (PostgreSQL in production and CI);
# unset means the SQLite file in the project folder.
# Each worker keeps its connection for CONN_MAX_AGE seconds (a new PostgreSQL connection costs
# a few milliseconds on every request), checked before reuse after an error or a restart of the
# database (CONN_HEALTH_CHECKS). Behind PgBouncer in transaction mode: CONN_MAX_AGE=0 and
# DISABLE_SERVER_SIDE_CURSORS=1 (README, "Deploying").
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "60"))
DISABLE_SERVER_SIDE_CURSORS = os.environ.get("DISABLE_SERVER_SIDE_CURSORS", "") == "1"
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
        disable_server_side_cursors=DISABLE_SERVER_SIDE_CURSORS,
    )
}
# The lists' covering indexes carry extra columns (INCLUDE) on PostgreSQL; SQLite builds them
# without, which Django would report (models.W040) on every command of `make run`.
SILENCED_SYSTEM_CHECKS = ["models.W040"] if DATABASES["default"]["ENGINE"].endswith("sqlite3") else []
# DATABASE_REPLICA_URL set: a read replica of that database (PostgreSQL streaming replication).
# Anonymous page views read it; signed-in users, writes, migrations and management commands use
# the primary, and a client that has just written reads the primary for READ_YOUR_WRITES_SECONDS
# (core.replica). Unset: one database, no router.
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
READ_YOUR_WRITES_SECONDS = int(os.environ.get("READ_YOUR_WRITES_SECONDS", "10"))
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = dj_database_url.parse(
        DATABASE_REPLICA_URL,
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=True,
        disable_server_side_cursors=DISABLE_SERVER_SIDE_CURSORS,
    )
    DATABASE_ROUTERS = ["core.replica.PrimaryReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("zh-hans", _("Simplified Chinese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# Content fields: English is the source language; a missing Chinese value
# falls back to English, never to an empty string.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "zh-hans")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("en",), "en": ("zh-hans",)}

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Four caches, so that a flood of unique URLs cannot evict what every visitor needs:
# - "default": the page cache's generation, remembered counts, figures, filter choices and cards,
#   and the newsletter PDF and e-mail;
# - "pages": whole pages and API answers, one entry per URL (the part an outsider can grow);
# - "limits": per-client request counts and the slots of heavy builds;
# - "downloads": the CSV, XLSX, IATI and calendar files, on disk (large; see DOWNLOAD_CACHE_DIR).
# Redis when CACHE_URL is a redis:// (or rediss://) address, shared by every app server (give
# the pages their own instance with PAGE_CACHE_URL: README, "Deploying"); otherwise each
# process keeps its own memory caches.
CACHE_URL = os.environ.get("CACHE_URL", "")
PAGE_CACHE_URL = os.environ.get("PAGE_CACHE_URL", "") or CACHE_URL
LIMITS_CACHE_URL = os.environ.get("LIMITS_CACHE_URL", "") or CACHE_URL
DOWNLOAD_CACHE_DIR = Path(os.environ.get("DOWNLOAD_CACHE_DIR", BASE_DIR / "var" / "downloads"))
REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def _cache(url, name, max_entries):
    """Redis at ``url`` (each alias under its own key prefix), or a memory cache of this process.

    A Redis that cannot be reached serves as an empty cache (core.caches): pages answer, uncached,
    until it returns. Its timeouts bound what a silent Redis costs a request."""
    if url.startswith(REDIS_SCHEMES):
        return {
            "BACKEND": "core.caches.FailSafeRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": name,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    # Each alias needs its own LOCATION: memory caches with the same one are the same store.
    return {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": name,
        "OPTIONS": {"MAX_ENTRIES": max_entries},
    }


CACHES = {
    # Enough entries for the counts, choices and cards readers ask for in 10 minutes (Django's
    # default of 300 would drop them as soon as it is full). No key prefix: as before the split.
    "default": {**_cache(CACHE_URL, "values", 3000), "KEY_PREFIX": ""},
    "pages": _cache(PAGE_CACHE_URL, "pages", 3000),
    "limits": _cache(LIMITS_CACHE_URL, "limits", 20000),
    # A few dozen files of up to DOWNLOAD_CACHE_MAX_BYTES, shared by the workers of one machine.
    "downloads": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": DOWNLOAD_CACHE_DIR,
        "OPTIONS": {"MAX_ENTRIES": 40},
    },
}

# --- Client addresses, rate limits and heavy builds ------------------------------------------
# Reverse proxies in front of the app servers that append the address they see to
# X-Forwarded-For (nginx: proxy_add_x_forwarded_for). 0: clients reach gunicorn directly and
# REMOTE_ADDR is the client. core.clients.client_ip reads it, for django-axes, the API
# throttle and the rate limits below.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# Requests per client (not staff) and period: downloads (CSV, XLSX, IATI, calendar) and searches
# (any public page with ?q=). Over it: a bilingual 429 page with Retry-After.
DOWNLOAD_RATE = os.environ.get("DOWNLOAD_RATE", "20/min")
SEARCH_RATE = os.environ.get("SEARCH_RATE", "60/min")
# Downloads and sitemap files built at the same time for anonymous clients, across the portal
# (per process without Redis); one more is answered 503 with Retry-After, not queued.
HEAVY_BUILDS = int(os.environ.get("HEAVY_BUILDS", "2"))
# A download larger than this is streamed to the client without being cached.
DOWNLOAD_CACHE_MAX_BYTES = int(os.environ.get("DOWNLOAD_CACHE_MAX_MB", "64")) * 1024 * 1024

LOGIN_URL = "admin:login"

# Sign-in: django-axes locks an account from an address after repeated failures.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_CALLABLE = "core.lockout.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"

# Revision history: the admin shows who changed what, field by field, and restores versions.
SIMPLE_HISTORY_REVERT_DISABLED = False

# Bulk import and export in the admin: importing needs the model's "add" permission,
# exporting its "view" permission; a file with any bad row imports nothing.
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "add"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_SKIP_ADMIN_LOG = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # WeasyPrint and fontTools are chatty about CSS they ignore.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
        # django-axes logs every sign-in at INFO; failures and lockouts are WARNING.
        "axes": {"level": "WARNING"},
    },
}

ACTIVITIES_PER_PAGE = 20

# modeltranslation's tabbed admin loads jQuery UI from a CDN by default; ours
# is served from our own static files (a reader in China gets the full page).
JQUERY_UI_URL = "core/vendor/jquery-ui/jquery-ui.tabs.js"

FORMAT_MODULE_PATH = ["mmsp.formats"]

# Read-only API: anonymous clients are throttled; answers are remembered on the server for
# API_CACHE_SECONDS or until content changes, and clients revalidate them (ETag) before each use.
API_ANON_RATE = "120/min"
API_CACHE_SECONDS = 60

# --- Media storage: the file system, or S3-compatible object storage ----------------------------
# MEDIA_STORAGE=s3 keeps uploaded photos and documents in a bucket through django-storages:
# Amazon S3 or any S3-compatible service (MinIO, or a Chinese cloud's S3 endpoint, with
# AWS_S3_ENDPOINT_URL). Unset (or "filesystem"), they stay under MEDIA_ROOT. Static files are
# not concerned: WhiteNoise serves them. Without AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY,
# boto3 looks for credentials itself (its configuration files, an instance role).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem").strip().lower() or "filesystem"
if MEDIA_STORAGE == "s3":
    from django.core.exceptions import ImproperlyConfigured

    if not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID") or None,
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY") or None,
            # A CDN or public host name for the bucket: links are then plain, unsigned URLs.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", ""),
            "addressing_style": os.environ.get("AWS_S3_ADDRESSING_STYLE") or None,
            # Signed, expiring links work with a private bucket; a public one may set 0.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", True),
            "default_acl": None,
            # As on the file system: a name already taken gets a suffix, nothing is overwritten.
            "file_overwrite": False,
        },
    }
elif MEDIA_STORAGE != "filesystem":
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(f"MEDIA_STORAGE must be 'filesystem' or 's3', not {MEDIA_STORAGE!r}.")
# --- End of media storage ------------------------------------------------------------------------
