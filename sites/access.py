"""Who may do what with an adoption, written once as the roles that allow it.

Each rule is read two ways: as a filter for `Adoption` querysets (`visible_to`,
`editable_by` and the rest, which lists and the API use), and as a check of one
person's *standing* on one adoption (their role on it and on its board), which the
`rules` predicates use for a single page. One query reads the standing for every
rule; within a GET request it is read once (adoptadapt/request_memo.py), so a page
that asks five questions asks the database once. tests/sites/test_access.py checks
that both readings agree for every combination of roles.
"""

import operator
from dataclasses import dataclass
from functools import reduce

from django.db.models import Exists, OuterRef, Q, Subquery

from accounts.rules import is_directory_admin, is_signed_in
from adoptadapt.request_memo import memoised, remember

# AdoptionRole.Role and BoardMembership.Role values (tests/sites/test_access.py checks).
LEAD, CONTRIBUTOR, ORIGINATING_PARTNER = "lead", "contributor", "originating_partner"
CHAIR, MEMBER, OBSERVER = "chair", "member", "observer"
ADOPTION_ROLES = frozenset({LEAD, CONTRIBUTOR, ORIGINATING_PARTNER})
BOARD_ROLES = frozenset({CHAIR, MEMBER, OBSERVER})


@dataclass(frozen=True)
class Standing:
    """A person's roles on one adoption, as the database holds them."""

    role: str | None = None  # on the adoption (one at most)
    board_role: str | None = None  # on the board overseeing it (one at most)
    contributors_may_submit: bool = False


NOBODY = Standing()


@dataclass(frozen=True)
class AccessRule:
    """Allowed: anyone holding one of `roles` on the adoption, or one of `board_roles`
    on its board, or (with `contributor_if_allowed`) a contributor when the lead lets
    contributors submit, or (with `directory_admins`) any directory admin; never anyone
    holding one of `never_roles`, and never someone signed out or deactivated."""

    roles: frozenset[str] = frozenset()
    board_roles: frozenset[str] = frozenset()
    contributor_if_allowed: bool = False
    never_roles: frozenset[str] = frozenset()
    directory_admins: bool = False

    def allows(self, user, standing: Standing) -> bool:
        if not is_signed_in(user):
            return False
        if self.lets_in_everyone(user):
            return True
        if standing.role in self.never_roles:
            return False
        return (
            standing.role in self.roles
            or standing.board_role in self.board_roles
            or (
                self.contributor_if_allowed
                and standing.role == CONTRIBUTOR
                and standing.contributors_may_submit
            )
        )

    def condition(self, user):
        """The filter for an `Adoption` queryset, for someone signed in who is not let in
        as a directory admin (the queryset checks both first)."""
        parts = []
        if self.roles:
            parts.append(_holds(user, self.roles))
        if self.board_roles:
            parts.append(_sits_on_board(user, self.board_roles))
        if self.contributor_if_allowed:
            parts.append(_holds(user, {CONTRIBUTOR}) & Q(contributors_may_submit=True))
        granted = reduce(operator.or_, parts)
        if self.never_roles:
            granted &= ~_holds(user, self.never_roles)
        return granted

    def lets_in_everyone(self, user) -> bool:
        """Whether `user` is allowed on every adoption, whatever their roles."""
        return self.directory_admins and is_directory_admin(user)


def _holds(user, roles) -> Exists:
    from .models import AdoptionRole

    return Exists(
        AdoptionRole.objects.filter(adoption=OuterRef("pk"), user=user, role__in=sorted(roles))
    )


def _sits_on_board(user, roles) -> Exists:
    from governance.models import BoardMembership

    memberships = BoardMembership.objects.filter(board=OuterRef("board"), user=user)
    if set(roles) != BOARD_ROLES:
        memberships = memberships.filter(role__in=sorted(roles))
    return Exists(memberships)


SEE = AccessRule(roles=ADOPTION_ROLES, board_roles=BOARD_ROLES, directory_admins=True)
EDIT = AccessRule(roles=frozenset({LEAD, CONTRIBUTOR}))
LEAD_ONLY = AccessRule(roles=frozenset({LEAD}))
PARTNER_ONLY = AccessRule(roles=frozenset({ORIGINATING_PARTNER}))
ASSESS_FIDELITY = AccessRule(roles=ADOPTION_ROLES)
SUBMIT_UPDATES = AccessRule(roles=frozenset({LEAD}), contributor_if_allowed=True)
# The people who write updates never review them, whatever board seat they also hold.
REVIEW_UPDATES = AccessRule(
    roles=frozenset({ORIGINATING_PARTNER}),
    board_roles=frozenset({CHAIR, MEMBER}),
    never_roles=frozenset({LEAD, CONTRIBUTOR}),
)


# --- one person's standing on one adoption ---------------------------------------------


def _memo_key(user, adoption_pk) -> tuple:
    return ("sites.access.standing", user.pk, adoption_pk)


def standing_annotations(user) -> dict:
    """Annotations that read `user`'s standing along with the adoption itself."""
    from governance.models import BoardMembership

    from .models import AdoptionRole

    # One row at most each: a person holds one role per adoption, one seat per board. So
    # no ordering: the models' default one joined three tables into each subquery.
    roles = AdoptionRole.objects.filter(adoption=OuterRef("pk"), user=user).order_by()
    seats = BoardMembership.objects.filter(board=OuterRef("board"), user=user).order_by()
    return {
        "viewer_role": Subquery(roles.values("role")[:1]),
        "viewer_board_role": Subquery(seats.values("role")[:1]),
    }


def standing_remember(user, adoption) -> None:
    """Keep the standing an adoption was fetched with (`standing_annotations`) for the
    rest of the request, so the page's permission checks need no query of their own."""
    if is_signed_in(user):
        remember(
            _memo_key(user, adoption.pk),
            Standing(
                role=adoption.viewer_role,
                board_role=adoption.viewer_board_role,
                contributors_may_submit=adoption.contributors_may_submit,
            ),
        )


def standing_of(user, adoption) -> Standing:
    """`user`'s standing on `adoption`, read from the database (once per GET request)."""
    if not is_signed_in(user):
        return NOBODY
    return memoised(_memo_key(user, adoption.pk), lambda: _read_standing(user, adoption.pk))


def _read_standing(user, adoption_pk) -> Standing:
    from .models import Adoption

    row = (
        Adoption.objects.filter(pk=adoption_pk)
        .annotate(**standing_annotations(user))
        .values_list("viewer_role", "viewer_board_role", "contributors_may_submit")
        .first()
    )
    if row is None:
        return NOBODY
    role, board_role, contributors_may_submit = row
    return Standing(role, board_role, contributors_may_submit)


def allowed(rule: AccessRule, user, adoption) -> bool:
    """Whether `rule` lets `user` act on `adoption`; no query when the answer does not
    depend on their roles (signed out, or a directory admin on an admin-wide rule)."""
    if not is_signed_in(user) or rule.lets_in_everyone(user):
        return rule.allows(user, NOBODY)
    return rule.allows(user, standing_of(user, adoption))
