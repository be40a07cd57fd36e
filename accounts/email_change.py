"""Signed links that confirm a new email address before the account uses it.

The link carries the person's id, the new address and a hash of the address the
account had when the link was sent. Once the email changes (by this link or
another), the hash no longer matches, so every earlier link stops working: that
makes a link single-use without storing anything.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "adoptadapt.email-change"
MAX_AGE = 60 * 60 * 24 * 2  # two days, in seconds


class EmailChangeLinkError(Exception):
    """The link cannot be used; `str(error)` is the message to show the person."""


EXPIRED = "This link has expired. Links to confirm a new email address last 2 days."
INVALID = "This link is not valid. Check you copied the whole link from the email."
USED = "This link has already been used, or your email address has changed since it was sent."
OTHER_PERSON = (
    "This link is for a different account. Sign out, then sign in as the person it was sent to."
)
TAKEN = "Someone else now has an account with this email address."


def _current_email_hash(email: str) -> str:
    return salted_hmac(SALT + ".current", email.strip().lower()).hexdigest()[:20]


def make_token(user, new_email: str) -> str:
    payload = {"u": user.pk, "e": new_email, "h": _current_email_hash(user.email)}
    return signing.dumps(payload, salt=SALT, compress=True)


@dataclass(frozen=True)
class EmailChange:
    user_id: int
    new_email: str


def read_token(token: str, *, user) -> EmailChange:
    """The change the link asks for, if `user` may make it now; else EmailChangeLinkError."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired as error:
        raise EmailChangeLinkError(EXPIRED) from error
    except (signing.BadSignature, ValueError, TypeError) as error:
        raise EmailChangeLinkError(INVALID) from error
    if not isinstance(payload, dict) or not {"u", "e", "h"} <= payload.keys():
        raise EmailChangeLinkError(INVALID)
    if payload["u"] != user.pk:
        raise EmailChangeLinkError(OTHER_PERSON)
    if not constant_time_compare(payload["h"], _current_email_hash(user.email)):
        raise EmailChangeLinkError(USED)
    new_email = str(payload["e"])
    if email_in_use(new_email, except_user=user):
        raise EmailChangeLinkError(TAKEN)
    return EmailChange(user_id=user.pk, new_email=new_email)


def email_in_use(email: str, *, except_user=None) -> bool:
    people = get_user_model().objects.filter(email__iexact=email.strip())
    if except_user is not None:
        people = people.exclude(pk=except_user.pk)
    return people.exists()
