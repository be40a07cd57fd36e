"""A second factor for admin accounts: a TOTP authenticator app (django-otp).

With ADMIN_TWO_FACTOR_REQUIRED on, a directory admin or staff account must enter a code
from its app once per sign-in before any page (the Django admin and the directory
maintenance pages included); one without an app is sent to set one up first. With it
off, admins may still set an app up, ready for when it is turned on. The secret is
made here, shown once as a QR code drawn on the server (never fetched from elsewhere)
and as text, and kept in the session until a first code proves the app holds it.
"""

import secrets
from base64 import b32encode
from binascii import unhexlify
from urllib.parse import urlencode

import django_otp
import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from adoptadapt import security
from adoptadapt.digits import is_digits

from .models import User

DEVICE_NAME = "Authenticator app"
# A code from the step before or after is accepted too: phones' clocks drift.
TOLERANCE = 1
KEY_BYTES = 20


def is_admin_account(user) -> bool:
    """Accounts a second factor protects: staff, superusers and directory admins."""
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_staff or user.is_superuser or user.is_directory_admin)
    )


def second_factor_required(user) -> bool:
    return settings.ADMIN_TWO_FACTOR_REQUIRED and is_admin_account(user)


def confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def new_key() -> str:
    """A fresh secret as hex, as TOTPDevice stores it."""
    return secrets.token_hex(KEY_BYTES)


def key_as_text(key: str) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    text = b32encode(unhexlify(key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def provisioning_uri(user: User, key: str) -> str:
    # The same URI TOTPDevice.config_url builds, for a device not saved yet.
    device = TOTPDevice(user=user, key=key, name=DEVICE_NAME)
    return device.config_url


def qr_code_svg(data: str) -> str:
    """The QR code as inline SVG markup, drawn here: no image service sees the secret."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode").replace(
        "<svg ", '<svg role="img" aria-label="QR code for your authenticator app" ', 1
    )
    # Our own markup from qrcode's SVG writer; `data` only sets which squares are dark.
    return mark_safe(svg)  # noqa: S308 - markup made by qrcode, not input  # nosec B308, B703


def code_shaped(code: str) -> bool:
    """Whether `code` (spaces removed) looks like an app's code: 6 digits."""
    return is_digits(code) and len(code) == 6


def code_step(key: str, code: str) -> int | None:
    """The time step at which `code` is the app's code for `key` (now, or one step
    either side), or None if it is not."""
    code = code.strip().replace(" ", "")
    if not code_shaped(code):
        return None
    totp = TOTP(unhexlify(key))
    # On a match, verify() sets the drift that made it, so t() is the matching step.
    return totp.t() if totp.verify(int(code), tolerance=TOLERANCE) else None


@transaction.atomic
def totp_device_confirm(*, actor: User, key: str, step: int) -> TOTPDevice:
    """Keep the app whose code for `step` has just been checked, replacing any
    earlier one. That code, and any before it, cannot then be used to sign in."""
    TOTPDevice.objects.filter(user=actor).delete()
    device = TOTPDevice.objects.create(
        user=actor, name=DEVICE_NAME, key=key, confirmed=True, tolerance=TOLERANCE, last_t=step
    )
    security.log_event_on_commit(security.SECOND_FACTOR_SET_UP, user=actor)
    return device


def verify(request, device: TOTPDevice, code: str) -> bool:
    """Check a code against the person's app; on success the session is verified.
    Repeated wrong codes slow down (django-otp's throttling) and are logged."""
    code = code.strip().replace(" ", "")
    if device.verify_token(code):
        django_otp.login(request, device)
        security.log_event(security.SECOND_FACTOR_VERIFIED, outcome=security.SUCCESS)
        return True
    security.log_event(security.SECOND_FACTOR_FAILED, outcome=security.FAILURE)
    return False


def safe_next(request, default: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


# Pages an admin who has not yet verified may still reach.
_OPEN_URL_NAMES = ("two_factor_verify", "two_factor_setup", "logout")


class TwoFactorRequiredMiddleware:
    """Sends an admin account that has not verified a code this session to verify one
    (or to set up an app first), before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and second_factor_required(user)
            and not user.is_verified()
            and request.path not in {reverse(name) for name in _OPEN_URL_NAMES}
            and not request.path.startswith(settings.STATIC_URL)
        ):
            target = "two_factor_verify" if confirmed_device(user) else "two_factor_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
