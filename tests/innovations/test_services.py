import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from innovations.models import Innovation
from innovations.services import innovation_set_status
from tests.factories import FidelityCriterionFactory, InnovationFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = Innovation.Status
NOW = datetime.datetime(2025, 6, 2, 9, 30, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (Status.DRAFT, Status.PUBLISHED),
        (Status.PUBLISHED, Status.ARCHIVED),
        (Status.PUBLISHED, Status.DRAFT),
        (Status.ARCHIVED, Status.PUBLISHED),
    ],
)
def test_allowed_moves_record_who_and_when(start, end):
    admin = UserFactory(is_directory_admin=True)
    innovation = InnovationFactory(status=start)
    FidelityCriterionFactory(innovation=innovation)  # publishing needs a must-have
    with time_machine.travel(NOW, tick=False):
        result = innovation_set_status(actor=admin, innovation=innovation, status=end)
    innovation.refresh_from_db()
    assert result.status == innovation.status == end
    assert innovation.status_changed_by == admin
    assert innovation.status_changed_at == NOW
    # Travelling back in time puts this record before the factory's, so order by id.
    assert innovation.history.order_by("-history_id").first().history_user == admin


def test_status_change_history_names_the_actor():
    admin = UserFactory(is_directory_admin=True)
    innovation = InnovationFactory(status=Status.DRAFT)
    FidelityCriterionFactory(innovation=innovation)  # publishing needs a must-have
    innovation_set_status(actor=admin, innovation=innovation, status=Status.PUBLISHED)
    latest = innovation.history.first()
    assert latest.history_user == admin
    assert latest.status == Status.PUBLISHED


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (Status.DRAFT, Status.ARCHIVED),
        (Status.DRAFT, Status.DRAFT),
        (Status.PUBLISHED, Status.PUBLISHED),
        (Status.ARCHIVED, Status.DRAFT),
        (Status.ARCHIVED, Status.ARCHIVED),
    ],
)
def test_refused_moves_change_nothing(start, end):
    admin = UserFactory(is_directory_admin=True)
    innovation = InnovationFactory(status=start)
    with pytest.raises(ValidationError, match="cannot be moved to"):
        innovation_set_status(actor=admin, innovation=innovation, status=end)
    innovation.refresh_from_db()
    assert innovation.status == start
    assert innovation.status_changed_by is None
    assert innovation.status_changed_at is None
