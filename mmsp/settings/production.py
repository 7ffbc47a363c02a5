import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403 -- settings modules extend the base namespace

DEBUG = False
if not SECRET_KEY:  # noqa: F405 -- from base
    raise ImproperlyConfigured("Set SECRET_KEY in the environment for production.")

STORAGES = {
    **STORAGES,  # noqa: F405 -- from base
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Django's deployment checklist (`manage.py check --deploy` is clean with these).
# Behind a TLS-terminating proxy, set SECURE_PROXY_SSL_HEADER_NAME (e.g. HTTP_X_FORWARDED_PROTO)
# so Django knows the request was HTTPS; only do so if the proxy always sets/overwrites it.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)  # noqa: F405 -- from base
if os.environ.get("SECURE_PROXY_SSL_HEADER_NAME"):  # noqa: F405 -- from base
    SECURE_PROXY_SSL_HEADER = (os.environ["SECURE_PROXY_SSL_HEADER_NAME"], "https")  # noqa: F405
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)  # noqa: F405
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Preloading is a one-way commitment for the whole domain: off unless SECURE_HSTS_PRELOAD=1,
# and only then does the check that recommends it matter.
if not SECURE_HSTS_PRELOAD:
    SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]  # noqa: F405

# Structured logs: one JSON object per line on stdout (mmsp/logging.py).
from mmsp.logging import json_logging  # noqa: E402 -- applied to the LOGGING of base

LOGGING = json_logging(LOGGING)  # noqa: F405 -- from base
