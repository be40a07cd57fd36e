import datetime

import pytest

from sites.models import AdoptionRole, Rag
from sites.selectors import adoption_detail_queryset, adoptions_for_person
from tests.factories import (
    AdaptationFactory,
    AdoptionFactory,
    AdoptionRoleFactory,
    FidelityCriterionFactory,
    ProgressUpdateFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 3, 20)  # the reporting period is February 2025
FEB = datetime.date(2025, 2, 1)
JAN = datetime.date(2025, 1, 1)


def test_adoptions_for_person_lists_only_their_own_with_their_role():
    person = UserFactory()
    mine = AdoptionRoleFactory(user=person, role=AdoptionRole.Role.CONTRIBUTOR).adoption
    AdoptionFactory()  # someone else's
    listed = list(adoptions_for_person(person, today=TODAY))
    assert listed == [mine]
    assert listed[0].my_role == "contributor"


def test_adoptions_for_person_annotates_the_period_and_latest_submitted_update():
    person = UserFactory()
    adoption = AdoptionRoleFactory(user=person).adoption
    ProgressUpdateFactory(adoption=adoption, period=JAN, rag=Rag.AMBER, submit=True)
    ProgressUpdateFactory(adoption=adoption, period=FEB, rag=Rag.RED)  # a draft
    listed = adoptions_for_person(person, today=TODAY).get()
    assert listed.period_update_status == "draft"
    # Drafts are not reported: the latest RAG is January's submitted one.
    assert listed.latest_rag == Rag.AMBER
    assert listed.latest_rag_period == JAN


def test_adoptions_for_person_counts_adaptations_awaiting_a_decision():
    person = UserFactory()
    adoption = AdoptionRoleFactory(user=person).adoption
    must_have = FidelityCriterionFactory(innovation=adoption.innovation)
    AdaptationFactory(adoption=adoption, criteria=[must_have])
    AdaptationFactory(adoption=adoption, criteria=[must_have])
    AdaptationFactory(adoption=adoption)  # approved at once
    ProgressUpdateFactory(adoption=adoption, period=JAN)
    ProgressUpdateFactory(adoption=adoption, period=FEB)
    listed = adoptions_for_person(person, today=TODAY).get()
    assert listed.awaiting_decision_count == 2
    assert listed.period_update_status == "draft"


def test_adoption_detail_queryset_keeps_the_twelve_latest_updates(world):
    adoption = world.adoption
    for month in range(1, 15):
        ProgressUpdateFactory(
            adoption=adoption, period=datetime.date(2023 + month // 13, (month - 1) % 12 + 1, 1)
        )
    fetched = adoption_detail_queryset(world.lead).get(pk=adoption.pk)
    assert len(fetched.recent_updates) == 12
    assert fetched.recent_updates[0].period == datetime.date(2024, 2, 1)
    assert [u.period for u in fetched.recent_updates] == sorted(
        (u.period for u in fetched.recent_updates), reverse=True
    )


def test_adoption_detail_queryset_is_limited_to_what_the_person_may_see(world):
    assert not adoption_detail_queryset(world.lead).filter(pk=world.other_adoption.pk).exists()
    assert (
        adoption_detail_queryset(world.directory_admin).filter(pk=world.other_adoption.pk).exists()
    )
