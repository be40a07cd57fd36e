"""Writes about people and their access: invitations, role changes, deactivation.

Every function is one transaction and names its actor, so the history tables record
who granted or removed which role, from whom, and when.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from adoptadapt import security
from adoptadapt.audit import save_as
from governance.models import BoardMembership
from governance.services import board_membership_grant
from sites.models import AdoptionRole
from sites.services import adoption_role_grant

from . import tokens
from .models import ApiToken, Invitation, User
from .rules import can_invite
from .selectors import api_token_digest


class InvitationUnusable(ValidationError):
    """The invitation cannot be accepted, resent or revoked in its current state."""


def invitation_target(invitation: Invitation):
    return invitation.adoption or invitation.board


def invitation_state(invitation: Invitation) -> str:
    """One of: accepted, revoked, expired, pending."""
    if invitation.accepted_at:
        return "accepted"
    if invitation.revoked_at:
        return "revoked"
    if invitation.sent_at and timezone.now() - invitation.sent_at > tokens.max_age():
        return "expired"
    return "pending"


def user_holds_role(user: User, role: str, *, adoption=None, board=None) -> bool:
    if role == Invitation.Role.DIRECTORY_ADMIN:
        return user.is_directory_admin
    if adoption is not None:
        return AdoptionRole.objects.filter(adoption=adoption, user=user, role=role).exists()
    return BoardMembership.objects.filter(board=board, user=user, role=role).exists()


def _new_nonce() -> str:
    return secrets.token_hex(16)


@transaction.atomic
def invitation_create(
    *,
    actor,
    email: str,
    role: str,
    adoption=None,
    board=None,
    full_name: str = "",
    organisation=None,
    send: bool = True,
) -> Invitation:
    """Record an invitation the actor may give, and email the link (after commit)."""
    target = adoption or board
    if not can_invite(actor, role, target):
        raise PermissionDenied("You cannot invite someone to this role.")
    email = User.objects.normalize_email(email.strip())
    existing = User.objects.filter(email__iexact=email).first()
    if existing and user_holds_role(existing, role, adoption=adoption, board=board):
        raise ValidationError(
            {"email": f"{existing} already has this role. Choose another role or person."}
        )
    pending = Invitation.objects.filter(
        email__iexact=email,
        role=role,
        adoption=adoption,
        board=board,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    )
    if pending.exists():
        raise ValidationError(
            {"email": "This person already has an invitation to this role. Resend it instead."}
        )
    invitation = Invitation(
        email=email,
        full_name=full_name.strip(),
        role=role,
        adoption=adoption,
        board=board,
        organisation=organisation,
        nonce=_new_nonce(),
        invited_by=actor,
    )
    invitation.full_clean()
    save_as(invitation, actor=actor)
    if send:
        invitation_send(actor=actor, invitation=invitation)
    return invitation


def invitation_accept_path(invitation: Invitation) -> str:
    return reverse("invitations:accept", kwargs={"token": tokens.invitation_token(invitation)})


@transaction.atomic
def invitation_send(*, actor, invitation: Invitation) -> Invitation:
    """Stamp the invitation as sent and email the link once the transaction commits."""
    invitation.sent_at = timezone.now()
    save_as(invitation, actor=actor, update_fields=["sent_at"])
    link = settings.SITE_URL + invitation_accept_path(invitation)
    context = {
        "invitation": invitation,
        "inviter": invitation.invited_by,
        "target": invitation_target(invitation),
        "link": link,
        "max_age_days": settings.INVITATION_MAX_AGE_DAYS,
        "service_name": settings.SERVICE_NAME,
    }
    subject = f"You are invited to {settings.SERVICE_NAME}"
    text = render_to_string("accounts/email/invitation.txt", context)
    html = render_to_string("accounts/email/invitation.html", context)

    def send():
        message = EmailMultiAlternatives(subject, text, to=[invitation.email])
        message.attach_alternative(html, "text/html")
        message.send()

    transaction.on_commit(send)
    return invitation


def _locked(invitation: Invitation) -> Invitation:
    return Invitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def invitation_resend(*, actor, invitation: Invitation) -> Invitation:
    """Send a fresh link; a new nonce means every earlier link stops working."""
    invitation = _locked(invitation)
    if not can_invite(actor, invitation.role, invitation_target(invitation)):
        raise PermissionDenied("You cannot manage this invitation.")
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationUnusable("This invitation has already been used or withdrawn.")
    invitation.nonce = _new_nonce()
    save_as(invitation, actor=actor, update_fields=["nonce"])
    return invitation_send(actor=actor, invitation=invitation)


@transaction.atomic
def invitation_revoke(*, actor, invitation: Invitation) -> Invitation:
    invitation = _locked(invitation)
    if not can_invite(actor, invitation.role, invitation_target(invitation)):
        raise PermissionDenied("You cannot manage this invitation.")
    if invitation.accepted_at:
        raise InvitationUnusable("This invitation has already been accepted.")
    if not invitation.revoked_at:
        invitation.revoked_at = timezone.now()
        save_as(invitation, actor=actor, update_fields=["revoked_at"])
    return invitation


def _grant(invitation: Invitation, user: User) -> None:
    """Grant the invited role, recorded as granted by the person who invited."""
    inviter = invitation.invited_by
    if invitation.adoption_id:
        adoption_role_grant(
            actor=inviter, adoption=invitation.adoption, user=user, role=invitation.role
        )
    elif invitation.board_id:
        board_membership_grant(
            actor=inviter, board=invitation.board, user=user, role=invitation.role
        )
    elif not user.is_directory_admin:
        user.is_directory_admin = True
        save_as(user, actor=inviter, update_fields=["is_directory_admin"])
        security.log_event_on_commit(
            security.ROLE_GRANTED,
            user=inviter,
            subject_user_id=user.pk,
            role=Invitation.Role.DIRECTORY_ADMIN.value,
            previous_role=None,
        )


@transaction.atomic
def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> User:
    """Accept the invitation: as the signed-in `user` whose email it was sent to, or by
    creating the account with the name and password given. Returns the person."""
    invitation = _locked(invitation)
    state = invitation_state(invitation)
    if state != "pending":
        raise InvitationUnusable(f"This invitation is {state}.", code=state)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise PermissionDenied("Sign in as the person this invitation was sent to.")
        if not existing.is_active:
            raise PermissionDenied("This account has been deactivated.")
        person = existing
    else:
        if not first_name.strip():
            raise ValidationError({"first_name": "Enter your first name."})
        person = User(
            email=invitation.email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=invitation.organisation,
        )
        validate_password(password, person)
        person.set_password(password)
        person.full_clean(exclude=["password"])
        save_as(person, actor=person)
    _grant(invitation, person)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = person
    save_as(invitation, actor=person, update_fields=["accepted_at", "accepted_by"])
    return person


# --- Changing and removing roles; deactivating accounts ---------------------------


@transaction.atomic
def role_remove(*, actor, grant) -> None:
    """Remove an adoption role or board membership; its history records who removed it."""
    if not isinstance(grant, AdoptionRole | BoardMembership):
        raise TypeError("role_remove takes an AdoptionRole or a BoardMembership")
    grant._history_user = actor
    target = grant_target(grant)
    grant.delete()
    security.log_event_on_commit(
        security.ROLE_REMOVED,
        user=actor,
        subject_user_id=grant.user_id,
        role=grant.role,
        **target,
    )


def grant_target(grant) -> dict:
    """What a role is held on, as a security event names it."""
    if isinstance(grant, AdoptionRole):
        return {"adoption_id": grant.adoption_id}
    return {"board_id": grant.board_id}


@transaction.atomic
def directory_admin_set(*, actor, user: User, is_directory_admin: bool) -> User:
    if not is_directory_admin and user.pk == actor.pk:
        raise ValidationError("You cannot remove your own directory admin role.")
    was_directory_admin = user.is_directory_admin
    user.is_directory_admin = is_directory_admin
    save_as(user, actor=actor, update_fields=["is_directory_admin"])
    if was_directory_admin != is_directory_admin:
        security.log_event_on_commit(
            security.ROLE_GRANTED if is_directory_admin else security.ROLE_REMOVED,
            user=actor,
            subject_user_id=user.pk,
            role=Invitation.Role.DIRECTORY_ADMIN.value,
        )
    return user


@transaction.atomic
def account_deactivate(*, actor, user: User) -> User:
    """Stop someone signing in. Their roles, history and past updates stay attributed."""
    if user.pk == actor.pk:
        raise ValidationError("You cannot deactivate your own account.")
    user.is_active = False
    save_as(user, actor=actor, update_fields=["is_active"])
    security.log_event_on_commit(security.ACCOUNT_DEACTIVATED, user=actor, subject_user_id=user.pk)
    return user


@transaction.atomic
def account_reactivate(*, actor, user: User) -> User:
    user.is_active = True
    save_as(user, actor=actor, update_fields=["is_active"])
    security.log_event_on_commit(security.ACCOUNT_REACTIVATED, user=actor, subject_user_id=user.pk)
    return user


# --- Your account (the account page and email change) ----------------------------


@transaction.atomic
def account_update(
    *,
    actor: User,
    user: User,
    first_name: str,
    last_name: str,
    job_title: str,
    organisation,
    receives_reminders: bool,
) -> User:
    """Change a person's own details and reminder preference."""
    user.first_name = first_name
    user.last_name = last_name
    user.job_title = job_title
    user.organisation = organisation
    user.receives_reminders = receives_reminders
    return save_as(user, actor=actor)


@transaction.atomic
def digest_preferences_update(*, actor: User, user: User, receiving: set[int]) -> None:
    """Turn board digests on for the memberships in `receiving` and off for the rest."""
    for membership in BoardMembership.objects.filter(user=user).select_for_update():
        wanted = membership.pk in receiving
        if membership.receives_digest != wanted:
            membership.receives_digest = wanted
            save_as(membership, actor=actor)


def email_change_request(*, actor: User, user: User, new_email: str) -> None:
    """Send a confirmation link to the new address and a notice to the current one."""
    from django.core.mail import send_mail

    from . import email_change

    token = email_change.make_token(user, new_email)
    context = {
        "user": user,
        "new_email": new_email,
        "old_email": user.email,
        "service_name": settings.SERVICE_NAME,
        "confirm_url": settings.SITE_URL + reverse("account_email_confirm", args=[token]),
        "account_url": settings.SITE_URL + reverse("account"),
        "reset_url": settings.SITE_URL + reverse("password_reset"),
    }

    def send():
        for template, recipient in (
            ("email_change_confirm", new_email),
            ("email_change_notice", context["old_email"]),
        ):
            send_mail(
                render_to_string(f"accounts/email/{template}_subject.txt", context).strip(),
                render_to_string(f"accounts/email/{template}.txt", context),
                None,
                [recipient],
            )

    transaction.on_commit(send)


@transaction.atomic
def email_change_confirm(*, actor: User, user: User, token: str) -> User:
    """Apply a confirmed email change; raises EmailChangeLinkError if the link is unusable."""
    from . import email_change

    user = User.objects.select_for_update().get(pk=user.pk)
    change = email_change.read_token(token, user=user)
    user.email = change.new_email
    return save_as(user, actor=actor)


# --- Personal API tokens -----------------------------------------------------------

# Marks a string as one of ours, so secret scanners and people can recognise it.
API_TOKEN_MARK = "aa_"  # noqa: S105 - a label, not a secret
API_TOKEN_PREFIX_LENGTH = 10
# Writing last_used_at on every request would make each read a write; once a minute
# is close enough to tell a token in use from one forgotten.
API_TOKEN_USE_RESOLUTION = datetime.timedelta(minutes=1)


@transaction.atomic
def api_token_create(*, actor: User, name: str) -> tuple[ApiToken, str]:
    """Make a token for the actor; returns it with its secret, which is stored nowhere
    and so can be shown only this once."""
    name = name.strip()
    if ApiToken.objects.filter(user=actor, name=name, revoked_at__isnull=True).exists():
        raise ValidationError(
            {"name": "You already have a token with this name. Choose another name."}
        )
    secret = API_TOKEN_MARK + secrets.token_urlsafe(32)
    token = ApiToken(
        user=actor,
        name=name,
        prefix=secret[:API_TOKEN_PREFIX_LENGTH],
        digest=api_token_digest(secret),
    )
    return save_as(token, actor=actor), secret


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Stop a token working at once. The row stays, as the record that it existed."""
    if token.user_id != actor.pk:
        raise PermissionDenied("You can only revoke your own tokens.")
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        save_as(token, actor=actor, update_fields=["revoked_at"])
    return token


def api_token_record_use(*, token: ApiToken) -> None:
    """Note when a token was last used (to the minute), so its owner can tell which
    tokens are still in use. Not audited: the history excludes last_used_at."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= API_TOKEN_USE_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
