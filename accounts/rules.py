"""Role predicates about the person alone (not about any object)."""

import rules


@rules.predicate
def is_directory_admin(user):
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.is_superuser or user.is_directory_admin)
    )


@rules.predicate
def is_signed_in(user):
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


# --- Who may invite whom to what ---------------------------------------------------

ADOPTION_ROLES = ("lead", "contributor", "originating_partner")
BOARD_ROLES = ("chair", "member", "observer")


def _target_kind(target) -> str | None:
    from governance.models import GovernanceBoard
    from sites.models import Adoption

    if target is None:
        return "none"
    if isinstance(target, Adoption):
        return "adoption"
    if isinstance(target, GovernanceBoard):
        return "board"
    return None


def _role_fits_target(role: str, kind: str | None) -> bool:
    return (
        (role in ADOPTION_ROLES and kind == "adoption")
        or (role in BOARD_ROLES and kind == "board")
        or (role == "directory_admin" and kind == "none")
    )


def invitable_roles(user, target) -> list[str]:
    """The roles `user` may invite someone to on `target` (an adoption, a board or None).

    Directory admins: any role anywhere. A board chair: chair, member or observer on
    their own board. A project lead: contributor on their own adoption. Nobody else.
    """
    from governance.seats import chairs
    from sites.rules import is_adoption_lead

    if not is_signed_in(user):
        return []
    kind = _target_kind(target)
    if is_directory_admin(user):
        roles = ADOPTION_ROLES + BOARD_ROLES + ("directory_admin",)
        return [role for role in roles if _role_fits_target(role, kind)]
    if kind == "board":
        return list(BOARD_ROLES) if chairs(user, target) else []
    if kind == "adoption":
        return ["contributor"] if is_adoption_lead(user, target) else []
    return []


def can_invite(user, role: str, target) -> bool:
    return role in invitable_roles(user, target)


@rules.predicate
def may_invite_anyone(user):
    """Whether to offer invitation pages at all: admins, board chairs and project leads."""
    from governance.models import BoardMembership
    from sites.models import AdoptionRole

    if not is_signed_in(user):
        return False
    return bool(
        is_directory_admin(user)
        or BoardMembership.objects.filter(user=user, role=BoardMembership.Role.CHAIR).exists()
        or AdoptionRole.objects.filter(user=user, role=AdoptionRole.Role.LEAD).exists()
    )
