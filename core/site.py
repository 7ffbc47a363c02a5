"""The public site's own address, SITE_URL: every absolute link the portal writes starts with it.

Never the request's ``Host``: pages, feeds and sitemaps are cached and served to every later
visitor, so one request under another host name that ALLOWED_HOSTS lets through (``127.0.0.1:6666``)
would otherwise plant links to that host for everyone.
"""

from django.conf import settings


def site_url(path=""):
    """``path`` (from ``reverse()`` or ``get_absolute_url()``) as an absolute URL on the public site."""
    return f"{settings.SITE_URL}{path}"


def site_scheme():
    return settings.SITE_URL.split("://", 1)[0]


def site_domain():
    """SITE_URL without its scheme: what Django's sitemaps write between ``scheme://`` and a path."""
    return settings.SITE_URL.split("://", 1)[1]
