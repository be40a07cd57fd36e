"""Rate limits per person (token or session) and per address for anonymous callers.

DRF's own classes read the rates once, at import; these read them on each request,
so a changed setting (or a test's override) takes effect without a restart.
"""

from rest_framework import throttling
from rest_framework.settings import api_settings


class _RatesFromSettings:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]


class AnonRateThrottle(_RatesFromSettings, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(_RatesFromSettings, throttling.UserRateThrottle):
    pass
