"""Signed invitation links: the invitation's id and nonce, timestamped when sent.

The signature stops tampering, the timestamp makes the link expire, and the nonce
(changed on every resend) makes earlier links for the same invitation stop working.
Whether the invitation has been used or withdrawn lives on the row, not in the token.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core import signing

SALT = "adoptadapt.invitation"


def max_age() -> datetime.timedelta:
    return datetime.timedelta(days=settings.INVITATION_MAX_AGE_DAYS)


def invitation_token(invitation) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object(
        {"i": invitation.pk, "n": invitation.nonce}
    )


@dataclass(frozen=True)
class TokenReading:
    """What a token says: the invitation it names (if any) and whether it has expired."""

    invitation_id: int | None
    nonce: str = ""
    expired: bool = False

    @property
    def valid(self) -> bool:
        return self.invitation_id is not None


def read_invitation_token(token: str) -> TokenReading:
    """Never raises: a tampered or garbled token reads as naming no invitation."""
    signer = signing.TimestampSigner(salt=SALT)
    expired = False
    try:
        payload = signer.unsign_object(token, max_age=max_age())
    except signing.SignatureExpired:
        expired = True
        try:
            payload = signer.unsign_object(token)
        except (signing.BadSignature, ValueError):
            return TokenReading(None)
    except (signing.BadSignature, ValueError, UnicodeError):
        return TokenReading(None)
    if not isinstance(payload, dict):
        return TokenReading(None)
    invitation_id, nonce = payload.get("i"), payload.get("n")
    if not isinstance(invitation_id, int) or not isinstance(nonce, str):
        return TokenReading(None)
    return TokenReading(invitation_id, nonce, expired)
