import datetime

import pytest
import time_machine

from sites.models import Rag, Stage
from sites.services import adoption_stage_change
from tests.factories import ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@time_machine.travel(datetime.datetime(2025, 3, 20, 12, tzinfo=datetime.UTC), tick=False)
def test_adoption_overview_shows_people_stage_history_and_updates(world, client_for):
    adoption = world.adoption
    adoption_stage_change(
        actor=world.lead,
        adoption=adoption,
        stage=Stage.PREPARATION,
        changed_on=datetime.date(2024, 6, 3),
    )
    ProgressUpdateFactory(
        adoption=adoption,
        period=datetime.date(2025, 1, 1),
        rag=Rag.AMBER_RED,
        rag_explanation="Recruitment is slow",
        submit=True,
    )
    response = client_for(world.originating_partner).get(adoption.get_absolute_url())
    assert response.status_code == 200
    text = response.text
    assert "Systemic Units" in text and "Adopting Borough Council" in text
    assert "Originating partner" in text and "Project lead" in text
    assert "Preparation</span> from 3 June 2024" in text
    assert "January 2025" in text
    assert "Amber/red" in text and "Submitted" in text
    assert "Our Adopters Board" in text


def test_adoption_overview_without_updates_says_so(world, client_for):
    response = client_for(world.lead).get(world.adoption.get_absolute_url())
    assert "No monthly updates yet." in response.text
