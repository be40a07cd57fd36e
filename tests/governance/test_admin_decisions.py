"""The admin shows decisions but never writes them: deciding goes through the service."""

import pytest
from django.urls import reverse

from governance.models import Decision
from governance.services import adaptation_decide
from sites.models import Adaptation
from tests.world import world_adaptation, world_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(world, client_for):
    world.directory_admin.is_staff = True
    world.directory_admin.is_superuser = True
    world.directory_admin.save(update_fields=["is_staff", "is_superuser"])
    return client_for(world.directory_admin)


@pytest.fixture
def decision(world):
    return adaptation_decide(
        actor=world.board_chair,
        adaptation=world_adaptation(world),
        meeting=world_meeting(world),
        outcome="approved",
        rationale="Approved for six months.",
    )


def test_decisions_cannot_be_added_changed_or_deleted_in_the_admin(superuser_client, decision):
    assert superuser_client.get(reverse("admin:governance_decision_add")).status_code == 403
    change = reverse("admin:governance_decision_change", args=[decision.pk])
    page = superuser_client.get(change)
    assert page.status_code == 200
    assert 'name="outcome"' not in page.text
    superuser_client.post(change, {"outcome": "rejected", "rationale": "Changed."})
    delete = reverse("admin:governance_decision_delete", args=[decision.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    decision.refresh_from_db()
    assert (decision.outcome, decision.rationale) == ("approved", "Approved for six months.")


def test_a_meeting_with_decisions_cannot_be_deleted_in_the_admin(superuser_client, decision, world):
    delete = reverse("admin:governance_boardmeeting_delete", args=[decision.meeting_id])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 403
    assert Decision.objects.filter(pk=decision.pk).exists()


def test_the_adaptation_admin_does_not_edit_the_boards_decision(superuser_client, world):
    adaptation = world_adaptation(world)
    page = superuser_client.get(
        reverse("admin:adoptadapt_sites_adaptation_change", args=[adaptation.pk])
    )
    assert 'name="decision_status"' not in page.text
    assert 'name="title"' in page.text
    assert Adaptation.objects.get(pk=adaptation.pk).awaiting_decision
