"""Rate limits per person (token or session) and per address for anonymous callers.

DRF's own classes read the rates once, at import; these read them on each request,
so a changed setting (or a test's override) takes effect without a restart.

The counts live in the shared cache (Redis in production). If it cannot be reached,
the request goes through uncounted, with a warning logged: the limits guard the API,
and refusing every call while Redis is down would take the API down with it.
"""

import logging

from redis import RedisError
from rest_framework import throttling
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)

# What a cache backend raises when its store cannot be reached: Redis down or gone
# (RedisCache), a disk that cannot be read or written (FileBasedCache).
CACHE_UNAVAILABLE = (RedisError, OSError)


class _RatesFromSettings:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class _FailOpen:
    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except CACHE_UNAVAILABLE as error:
            logger.warning(
                "API rate limit %r not applied: the cache is unavailable (%s: %s)",
                self.scope,
                type(error).__name__,
                error,
            )
            return True


class AnonRateThrottle(_FailOpen, _RatesFromSettings, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_FailOpen, _RatesFromSettings, throttling.UserRateThrottle):
    pass
