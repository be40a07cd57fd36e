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
