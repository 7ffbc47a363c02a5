"""Anonymous reads from a read replica; everything else from the primary.

With ``DATABASE_REPLICA_URL`` set, the settings add a "replica" database, this router and
``ReplicaMiddleware``. The router sends a read to the replica only while the middleware has said
so for the current request (a context variable): an anonymous GET or HEAD whose client has not
written in the last READ_YOUR_WRITES_SECONDS. Everything else reads the primary: signed-in users
(staff, who preview drafts and must see what they just saved), any request that writes,
management commands and the shell, and any read inside a transaction on the primary. Writes and
migrations always go to the primary.

Read-your-writes: every request that may write (POST, PUT, PATCH, DELETE) leaves a signed cookie
that pins its client to the primary for READ_YOUR_WRITES_SECONDS, longer than replication lags
behind on a healthy replica, so a save followed by a page view never shows the old record.
"""

import contextvars

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
PIN_COOKIE = "mmsp_primary"
PIN_SALT = "core.replica.pin"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")

# True only while an anonymous read-only request is being served (set by ReplicaMiddleware).
_replica_allowed = contextvars.ContextVar("replica_allowed", default=False)


class PrimaryReplicaRouter:
    """Reads to the replica when the current request allows it; writes and migrations to the primary."""

    def db_for_read(self, model, **hints):
        if _replica_allowed.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The same rows on both: an object read from the replica may point at one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


def pinned_to_primary(request):
    """True when the client wrote within READ_YOUR_WRITES_SECONDS (a valid, fresh signed cookie)."""
    value = request.get_signed_cookie(
        PIN_COOKIE, default=None, salt=PIN_SALT, max_age=settings.READ_YOUR_WRITES_SECONDS
    )
    return value is not None


def may_read_replica(request):
    if request.method not in SAFE_METHODS or pinned_to_primary(request):
        return False
    user = getattr(request, "user", None)  # read (with its session) from the primary
    return user is None or not user.is_authenticated


class ReplicaMiddleware:
    """Lets the router read the replica for anonymous read-only requests; pins writers to the
    primary. Below AuthenticationMiddleware. Not used at all without a "replica" database."""

    def __init__(self, get_response):
        if REPLICA not in settings.DATABASES:
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        token = _replica_allowed.set(may_read_replica(request))
        try:
            response = self.get_response(request)
        finally:
            _replica_allowed.reset(token)
        if request.method not in SAFE_METHODS:
            response.set_signed_cookie(
                PIN_COOKIE,
                "1",
                salt=PIN_SALT,
                max_age=settings.READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
