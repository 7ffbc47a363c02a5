from .base import *  # noqa: F403 -- settings modules extend the base namespace
from .base import env_bool

DEBUG = env_bool("DEBUG", True)
# A development-only key; production.py refuses to start without a real one.
SECRET_KEY = SECRET_KEY or "dev-insecure-mmsp-key-change-me"  # noqa: F405 -- from base
