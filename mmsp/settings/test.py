from .base import *  # noqa: F403 -- settings modules extend the base namespace

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105 -- never used outside the test run
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Memory caches, one store per alias (the downloads too: no file is written by a test).
CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": f"test-{alias}"}
    for alias in ("default", "pages", "limits", "downloads")
}
# The fuzzing and output tests ask for hundreds of searches and downloads from one address; the
# tests of the limits set their own rates.
DOWNLOAD_RATE = SEARCH_RATE = "100000/min"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Serve static files from the apps' folders without collectstatic, as runserver does.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
