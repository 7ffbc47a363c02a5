"""Django's Redis cache, made to fail soft: a Redis that goes away slows pages down, never breaks them.

Django's RedisCache raises when Redis cannot be reached, so every page that reads the page cache,
a remembered value or a rate limit would answer 500. ``FailSafeRedisCache`` answers as an empty
cache that stores nothing instead: ``get`` gives the default, ``set`` and ``delete`` do nothing,
``incr`` raises ValueError (as for a missing key: the callers start again from 1), and ``add``
says True (a rate limit or a heavy build's slot lets the request through: the portal fails open,
it does not refuse readers because its counter is away).

After a failure, this process leaves Redis alone for RETRY_SECONDS (each request would otherwise
wait for the connection to fail, several times), then tries again: caching resumes by itself
once Redis answers. Errors other than an unreachable or silent Redis still raise.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNREACHABLE = (RedisConnectionError, RedisTimeoutError)
RETRY_SECONDS = 5
# Redis location -> time.monotonic() before which this process does not try it again.
_resting_until = {}


def _fail_soft(answer_when_down):
    """Wrap a RedisCache method: ``answer_when_down(*args, **kwargs)`` when Redis is unreachable."""

    def decorate(method):
        def wrapper(self, *args, **kwargs):
            location = ",".join(self._servers)
            if time.monotonic() < _resting_until.get(location, 0):
                return answer_when_down(*args, **kwargs)
            try:
                answer = method(self, *args, **kwargs)
            except UNREACHABLE as error:
                if location not in _resting_until:
                    logger.warning("Redis at %s is unreachable, serving uncached: %s", location, error)
                _resting_until[location] = time.monotonic() + RETRY_SECONDS
                return answer_when_down(*args, **kwargs)
            if _resting_until.pop(location, None) is not None:
                logger.warning("Redis at %s answers again, caching resumes", location)
            return answer

        wrapper.__name__ = method.__name__
        wrapper.__doc__ = method.__doc__
        return wrapper

    return decorate


def _missing_key(key, *args, **kwargs):
    raise ValueError(f"Key '{key}' not found (Redis is unreachable)")


class FailSafeRedisCache(RedisCache):
    """RedisCache that serves as an empty cache while Redis is unreachable (module docstring)."""

    add = _fail_soft(lambda *args, **kwargs: True)(RedisCache.add)
    get = _fail_soft(lambda key, default=None, *args, **kwargs: default)(RedisCache.get)
    set = _fail_soft(lambda *args, **kwargs: None)(RedisCache.set)
    touch = _fail_soft(lambda *args, **kwargs: False)(RedisCache.touch)
    delete = _fail_soft(lambda *args, **kwargs: False)(RedisCache.delete)
    get_many = _fail_soft(lambda *args, **kwargs: {})(RedisCache.get_many)
    has_key = _fail_soft(lambda *args, **kwargs: False)(RedisCache.has_key)
    incr = _fail_soft(_missing_key)(RedisCache.incr)
    set_many = _fail_soft(lambda data, *args, **kwargs: list(data))(RedisCache.set_many)
    delete_many = _fail_soft(lambda *args, **kwargs: None)(RedisCache.delete_many)
    clear = _fail_soft(lambda *args, **kwargs: False)(RedisCache.clear)
