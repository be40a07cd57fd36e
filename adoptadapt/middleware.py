"""Security middleware: the request context of security events, 403s logged, the
Permissions-Policy header, and signing out after inactivity or a maximum session age."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout

from . import security

# Browser features the service never uses, refused to every page and anything it embeds.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

# Session keys: when this sign-in started and when its last request came (Unix time).
SIGNED_IN_AT = "signed_in_at"
LAST_ACTIVITY = "last_activity"
# LAST_ACTIVITY is written, and so the session saved, at most this often (seconds).
ACTIVITY_RESOLUTION = 60


class SecurityEventMiddleware:
    """Outermost of ours: every security event logged during the request carries its
    IP and path, and any 403 (a view's PermissionDenied, a CSRF failure) is logged."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with security.request_context(request):
            response = self.get_response(request)
            if response.status_code == 403:
                security.log_event(
                    security.PERMISSION_DENIED,
                    outcome=security.DENIED,
                    request=request,
                    method=request.method,
                )
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class SessionTimeoutMiddleware:
    """Sign out a session idle for SESSION_IDLE_TIMEOUT seconds, or older than
    SESSION_COOKIE_AGE seconds however busy, and say why on the next page.

    This is what ends a session, whatever the browser does with the cookie. The last
    activity is written at most once every ACTIVITY_RESOLUTION seconds, not on every
    request: saving the session costs every signed-in page a write to the database. So
    the idle clock may be up to a minute behind, and someone is signed out up to a
    minute *sooner* than SESSION_IDLE_TIMEOUT, never later. Each write also renews the
    stored session and its cookie (Django saves a modified session with a new expiry).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            self._check(request)
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        now = int(time.time())
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_activity = session.get(LAST_ACTIVITY, now)
        if now - last_activity > settings.SESSION_IDLE_TIMEOUT:
            reason = "idle"
            text = (
                f"You were signed out because you had not used the service for "
                f"{_minutes(settings.SESSION_IDLE_TIMEOUT)}. Sign in again to carry on."
            )
        elif now - signed_in_at > settings.SESSION_COOKIE_AGE:
            reason = "maximum_age"
            text = (
                f"You were signed out because you signed in more than "
                f"{_minutes(settings.SESSION_COOKIE_AGE)} ago. Sign in again to carry on."
            )
        else:
            if now - last_activity >= ACTIVITY_RESOLUTION or LAST_ACTIVITY not in session:
                session[LAST_ACTIVITY] = now
            return
        security.log_event(
            security.SESSION_EXPIRED, outcome=security.SUCCESS, request=request, reason=reason
        )
        logout(request)
        messages.info(request, text)


def _minutes(seconds: int) -> str:
    minutes = max(1, seconds // 60)
    if minutes % 60 == 0:
        hours = minutes // 60
        return f"{hours} hour{'s' if hours != 1 else ''}"
    return f"{minutes} minute{'s' if minutes != 1 else ''}"
