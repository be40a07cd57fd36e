"""Reads about people and invitations, with everything their pages show prefetched."""

import hashlib

from django.db.models import Prefetch, Q, QuerySet

from governance.models import BoardMembership
from sites.models import AdoptionRole

from .models import ApiToken, Invitation, User
from .rules import is_directory_admin


def _role_prefetches():
    return (
        Prefetch(
            "adoption_roles",
            queryset=AdoptionRole.objects.select_related(
                "adoption__innovation", "adoption__adopting_site"
            ),
        ),
        Prefetch("board_memberships", queryset=BoardMembership.objects.select_related("board")),
    )


def adoption_roles_for(user) -> QuerySet[AdoptionRole]:
    """Someone's own adoption roles, for their account page: one query however many."""
    return (
        AdoptionRole.objects.filter(user=user)
        .select_related("adoption__innovation", "adoption__adopting_site")
        .order_by("adoption__innovation__name", "adoption__adopting_site__name")
    )


def board_memberships_for(user) -> QuerySet[BoardMembership]:
    return BoardMembership.objects.filter(user=user).select_related("board").order_by("board__name")


def people_list(*, q: str = "") -> QuerySet[User]:
    """Everyone, with organisation and roles, optionally searched by name or email."""
    people = User.objects.select_related("organisation").prefetch_related(*_role_prefetches())
    for word in q.split():
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people


def person_detail_queryset() -> QuerySet[User]:
    return User.objects.select_related("organisation").prefetch_related(*_role_prefetches())


def grant_histories(person: User) -> dict:
    """The latest audit record for each of the person's roles: who granted it, when.

    Two queries however many roles. Keys are ("adoption", role id) and ("board", id).
    """
    latest = {}
    sources = (
        ("adoption", AdoptionRole, [r.pk for r in person.adoption_roles.all()]),
        ("board", BoardMembership, [m.pk for m in person.board_memberships.all()]),
    )
    for kind, model, ids in sources:
        if not ids:
            continue
        records = (
            model.history.filter(id__in=ids)
            .exclude(history_type="-")
            .select_related("history_user")
            .order_by("history_date")
        )
        for record in records:
            latest[(kind, record.id)] = record
    return latest


def invitations_manageable_by(user) -> QuerySet[Invitation]:
    """Invitations the person may resend or withdraw: the ones they could send today."""
    invitations = Invitation.objects.select_related(
        "adoption__innovation", "adoption__adopting_site", "board", "invited_by"
    )
    if is_directory_admin(user):
        return invitations
    chaired = BoardMembership.objects.filter(user=user, role=BoardMembership.Role.CHAIR)
    led = AdoptionRole.objects.filter(user=user, role=AdoptionRole.Role.LEAD)
    return invitations.filter(
        Q(board__in=chaired.values("board"), role__in=Invitation.BOARD_ROLES)
        | Q(adoption__in=led.values("adoption"), role=Invitation.Role.CONTRIBUTOR)
    )


def pending_invitations(user) -> QuerySet[Invitation]:
    return invitations_manageable_by(user).filter(accepted_at__isnull=True, revoked_at__isnull=True)


def api_token_digest(secret: str) -> str:
    """What is stored instead of the secret: enough to recognise it, not to recreate it."""
    return hashlib.sha256(secret.encode()).hexdigest()


def live_api_tokens_for(user) -> QuerySet[ApiToken]:
    """Someone's tokens that still work, newest first, for their account page."""
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).order_by("-created_at")


def api_token_for_secret(secret: str) -> ApiToken | None:
    """The live token this secret belongs to, with its owner; None if there is none."""
    return (
        ApiToken.objects.select_related("user")
        .filter(digest=api_token_digest(secret), revoked_at__isnull=True)
        .first()
    )
