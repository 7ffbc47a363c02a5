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
# A "replica" that is the test database itself (pytest-django sets up a MIRROR, not a second
# database), with the router, so the replica's tests (tests/core/test_replica.py) run on SQLite
# and PostgreSQL alike. The router reads the replica only when ReplicaMiddleware allows it, and
# that middleware is left out here: every other test reads and writes "default" only.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405 -- from base
DATABASE_ROUTERS = ["core.replica.PrimaryReplicaRouter"]
MIDDLEWARE = [name for name in MIDDLEWARE if name != "core.replica.ReplicaMiddleware"]  # noqa: F405
