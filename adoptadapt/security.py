"""Security events, logged as one JSON object a line on the `adoptadapt.security` logger.

Every event names what happened (`event`), how it ended (`outcome`), who (`user_id`),
from where (`ip`) and on which page (`path`, `method`), with a few details of its own.
Inside a request the IP and path come from the request itself, so services that change
someone's roles log them without being handed the request (SecurityEventMiddleware).
Events about changes are logged when their transaction commits, so a change rolled back
is never reported as made. Passwords, codes and tokens are never logged.
"""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

logger = logging.getLogger("adoptadapt.security")

# Event names.
SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
LOCKED_OUT = "locked_out"
SIGN_OUT = "sign_out"
SESSION_EXPIRED = "session_expired"
PERMISSION_DENIED = "permission_denied"
EXPORT = "export"
ROLE_GRANTED = "role_granted"
ROLE_REMOVED = "role_removed"
ACCOUNT_DEACTIVATED = "account_deactivated"
ACCOUNT_REACTIVATED = "account_reactivated"
SECOND_FACTOR_SET_UP = "second_factor_set_up"
SECOND_FACTOR_VERIFIED = "second_factor_verified"
SECOND_FACTOR_FAILED = "second_factor_failed"

# Outcomes.
SUCCESS = "success"
FAILURE = "failure"
DENIED = "denied"

_current_request: contextvars.ContextVar = contextvars.ContextVar("security_request", default=None)


@contextlib.contextmanager
def request_context(request):
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def client_ip(request) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the
    entry of X-Forwarded-For that the outermost of them added (the ones before it
    are whatever the client chose to send)."""
    count = settings.TRUSTED_PROXY_COUNT
    if count:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= count:
            return forwarded[-count]
    return request.META.get("REMOTE_ADDR")


def _user_id(request, user):
    if user is None and request is not None:
        user = getattr(request, "user", None)
    if user is not None and getattr(user, "is_authenticated", False):
        return user.pk
    return None


def event_fields(event: str, *, outcome: str, request=None, user=None, **details) -> dict:
    """The fields of one event; `user` defaults to the request's signed-in person."""
    request = request if request is not None else _current_request.get()
    return {
        "event": event,
        "outcome": outcome,
        "user_id": _user_id(request, user),
        "ip": client_ip(request) if request is not None else None,
        "path": request.path if request is not None else None,
        "method": request.method if request is not None else None,
        **details,
    }


def _emit(fields: dict) -> None:
    level = logging.INFO if fields["outcome"] == SUCCESS else logging.WARNING
    logger.log(level, fields["event"], extra={"security": fields})


def log_event(event: str, *, outcome: str, request=None, user=None, **details) -> None:
    _emit(event_fields(event, outcome=outcome, request=request, user=user, **details))


def log_event_on_commit(event: str, *, outcome: str = SUCCESS, user=None, **details) -> None:
    """For services: the fields are taken now (inside the request), logged on commit."""
    fields = event_fields(event, outcome=outcome, user=user, **details)
    transaction.on_commit(lambda: _emit(fields))


# --- Sign-in, sign-out and lock-out -------------------------------------------------

USERNAME_LOG_LENGTH = 150


def _on_signed_in(sender, request, user, **kwargs):
    from .middleware import LAST_ACTIVITY, SIGNED_IN_AT

    if request is not None and hasattr(request, "session"):
        # The session's clocks start at sign-in (SessionTimeoutMiddleware).
        now = int(time.time())
        request.session[SIGNED_IN_AT] = now
        request.session[LAST_ACTIVITY] = now
    log_event(SIGN_IN, outcome=SUCCESS, request=request, user=user)


def _on_sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:USERNAME_LOG_LENGTH]
    log_event(SIGN_IN_FAILED, outcome=FAILURE, request=request, username=username)


def _on_signed_out(sender, request, user, **kwargs):
    log_event(SIGN_OUT, outcome=SUCCESS, request=request, user=user)


def _on_locked_out(sender, request, username, ip_address, **kwargs):
    log_event(
        LOCKED_OUT,
        outcome=DENIED,
        request=request,
        username=str(username or "")[:USERNAME_LOG_LENGTH],
    )


def connect_signals() -> None:
    from axes.signals import user_locked_out

    user_logged_in.connect(_on_signed_in, dispatch_uid="security_sign_in")
    user_login_failed.connect(_on_sign_in_failed, dispatch_uid="security_sign_in_failed")
    user_logged_out.connect(_on_signed_out, dispatch_uid="security_sign_out")
    user_locked_out.connect(_on_locked_out, dispatch_uid="security_locked_out")


def axes_username(request, credentials) -> str:
    """Count failures per email address whatever its case, as sign-in itself does.
    (The sign-in form's field is `username`; Django's own calls may say `email`.)"""
    credentials = credentials or {}
    username = credentials.get("username") or credentials.get("email")
    if username is None and request is not None:
        username = request.POST.get("username", "")
    return str(username or "").strip().lower()


def lockout_message() -> str:
    minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
    wait = f"{minutes} minute{'s' if minutes != 1 else ''}"
    return (
        "You have entered the wrong email address or password too many times. Wait "
        f"{wait}, then try again. If you have forgotten your password, reset it."
    )


def lockout_response(request, original_response=None, credentials=None):
    """django-axes' answer to a locked-out sign-in: the sign-in page, saying so, with
    429 Too Many Requests (AXES_LOCKOUT_CALLABLE)."""
    from .forms import SignInForm

    username = str((credentials or {}).get("username", ""))[:USERNAME_LOG_LENGTH]
    # Unbound (the password is not shown again), carrying the reason as its one error.
    form = SignInForm(request, initial={"username": username})
    form.cleaned_data = {}
    form.add_error(None, lockout_message())
    redirect_to = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        redirect_to, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        redirect_to = ""
    return render(
        request,
        "registration/login.html",
        {"form": form, "next": redirect_to, "locked_out": True},
        status=429,
    )
