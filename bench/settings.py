"""Settings of the benchmark's HTTP server: the production settings, plus the floor view's URL."""

from mmsp.settings.production import *  # noqa: F403 -- the production settings, unchanged

ROOT_URLCONF = "bench.urls"
