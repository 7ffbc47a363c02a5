"""Settings of the cluster demo's app servers: the benchmark's (production settings and the floor
view), with static files hashed but not pre-compressed. Compressing the Chinese fonts takes minutes
of CPU on this machine at each start; the demo measures pages, which do not depend on it."""

from bench.settings import *  # noqa: F403 -- the production settings, unchanged otherwise

STORAGES = {
    **STORAGES,  # noqa: F405 -- from production
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
