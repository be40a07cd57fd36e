"""The access rules (sites/access.py) read two ways, as queryset filters for lists and as
one person's standing for one page, give the same answer for every combination of roles."""

import itertools

import pytest
from django.contrib.auth.models import AnonymousUser

from governance.models import BoardMembership
from sites import access
from sites.models import Adoption, AdoptionRole
from sites.rules import (
    can_assess_fidelity,
    can_edit_adoption,
    can_review_update,
    can_see_adoption,
    can_submit_update,
    is_adoption_lead,
    is_originating_partner,
)
from sites.services import adoption_contributors_may_submit_set
from tests.access_rules import PEOPLE, answers_in_request, assert_each_predicate_agrees
from tests.factories import (
    AdoptionFactory,
    AdoptionRoleFactory,
    BoardMembershipFactory,
    GovernanceBoardFactory,
    InnovationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ADOPTION_ROLES = [None, *AdoptionRole.Role.values]
BOARD_ROLES = [None, *BoardMembership.Role.values]

# Each predicate (one page's question) and the queryset that lists the same adoptions.
PREDICATES_AND_QUERYSETS = [
    (can_see_adoption, lambda user: Adoption.objects.visible_to(user)),
    (can_edit_adoption, lambda user: Adoption.objects.editable_by(user)),
    (can_assess_fidelity, lambda user: Adoption.objects.fidelity_assessable_by(user)),
    (can_submit_update, lambda user: Adoption.objects.updates_submittable_by(user)),
    (can_review_update, lambda user: Adoption.objects.updates_reviewable_by(user)),
    # A lead or partner who is signed out or deactivated is no longer one.
    (
        is_adoption_lead,
        lambda user: Adoption.objects.editable_by(user).filter(
            roles__user=user, roles__role="lead"
        ),
    ),
    (
        is_originating_partner,
        lambda user: Adoption.objects.fidelity_assessable_by(user).filter(
            roles__user=user, roles__role="originating_partner"
        ),
    ),
]


@pytest.fixture
def person_with_every_combination():
    """One person holding each combination of adoption role, board seat and "contributors
    may submit" on an adoption of its own: 4 × 4 × 2 = 32 adoptions."""
    person, actor = UserFactory(), UserFactory()
    innovation = InnovationFactory()
    adoptions = []
    for role, board_role, contributors_may_submit in itertools.product(
        ADOPTION_ROLES, BOARD_ROLES, [False, True]
    ):
        board = GovernanceBoardFactory()
        adoption = AdoptionFactory(innovation=innovation, board=board, actor=actor)
        if role:
            AdoptionRoleFactory(adoption=adoption, user=person, role=role, actor=actor)
        if board_role:
            BoardMembershipFactory(board=board, user=person, role=board_role, actor=actor)
        if contributors_may_submit:
            adoption_contributors_may_submit_set(actor=actor, adoption=adoption, allowed=True)
        adoptions.append(adoption)
    return person, adoptions


@pytest.mark.parametrize("as_who", PEOPLE)
def test_each_predicate_agrees_with_its_queryset(person_with_every_combination, as_who):
    person, adoptions = person_with_every_combination
    compared = assert_each_predicate_agrees(person, as_who, adoptions, PREDICATES_AND_QUERYSETS)
    assert compared == len(PREDICATES_AND_QUERYSETS) * 32


def test_the_rules_say_what_the_roles_allow(person_with_every_combination):
    """Spot checks against the product's rules, so the two readings cannot agree on
    something wrong."""
    person, adoptions = person_with_every_combination
    by_combination = dict(
        zip(itertools.product(ADOPTION_ROLES, BOARD_ROLES, [False, True]), adoptions, strict=True)
    )
    observer_only = by_combination[(None, "observer", False)]
    assert can_see_adoption(person, observer_only)
    assert not can_review_update(person, observer_only)
    lead_and_chair = by_combination[("lead", "chair", False)]
    assert can_submit_update(person, lead_and_chair)
    assert not can_review_update(person, lead_and_chair)  # never reviews their own updates
    contributor = by_combination[("contributor", None, False)]
    assert can_edit_adoption(person, contributor) and not can_submit_update(person, contributor)
    allowed_contributor = by_combination[("contributor", None, True)]
    assert can_submit_update(person, allowed_contributor)
    assert not can_see_adoption(person, by_combination[(None, None, True)])
    assert not can_see_adoption(AnonymousUser(), lead_and_chair)


def test_role_names_match_the_models():
    assert set(AdoptionRole.Role.values) == access.ADOPTION_ROLES
    assert set(BoardMembership.Role.values) == access.BOARD_ROLES


def test_outside_a_request_a_changed_role_shows_at_once():
    adoption, person = AdoptionFactory(), UserFactory()
    assert not can_edit_adoption(person, adoption)
    role = AdoptionRoleFactory(adoption=adoption, user=person, role=AdoptionRole.Role.CONTRIBUTOR)
    assert can_edit_adoption(person, adoption)
    role.delete()
    assert not can_edit_adoption(person, adoption)


def test_a_get_request_reads_the_standing_once(django_assert_num_queries):
    adoption, person = AdoptionFactory(), UserFactory()
    AdoptionRoleFactory(adoption=adoption, user=person, role=AdoptionRole.Role.LEAD)

    def page():
        return [
            can_see_adoption(person, adoption),
            can_edit_adoption(person, adoption),
            can_submit_update(person, adoption),
            can_review_update(person, adoption),
            is_adoption_lead(person, adoption),
        ]

    with django_assert_num_queries(1):
        answers = answers_in_request("get", page)
    assert answers == [True, True, True, False, True]
    with django_assert_num_queries(5):
        assert answers_in_request("post", page) == answers


def test_a_standing_fetched_with_the_adoption_needs_no_query(django_assert_num_queries):
    adoption, person = AdoptionFactory(), UserFactory()
    AdoptionRoleFactory(adoption=adoption, user=person, role=AdoptionRole.Role.ORIGINATING_PARTNER)

    def page():
        fetched = Adoption.objects.with_viewer_standing(person).get(pk=adoption.pk)
        access.standing_remember(person, fetched)
        return [can_see_adoption(person, fetched), is_originating_partner(person, fetched)]

    with django_assert_num_queries(1):
        assert answers_in_request("get", page) == [True, True]
