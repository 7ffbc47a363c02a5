"""`make serve`'s settings (mmsp.settings.production) for the browser tests' gunicorn, with one
change: static files are fingerprinted as in production but not also compressed. Compressing
the fonts with Brotli makes collectstatic take minutes; serving is otherwise the same."""

from mmsp.settings.production import *  # noqa: F403 -- the production settings, unchanged but one

STORAGES = {
    **STORAGES,  # noqa: F405 -- from production
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
