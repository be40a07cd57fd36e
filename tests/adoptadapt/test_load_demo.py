"""The demo loader: the real programmes, loaded once, never twice, never in production."""

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from accounts.models import User
from governance.models import GovernanceBoard
from innovations.models import Innovation
from sites.models import Adaptation, Adoption, ProgressUpdate

pytestmark = pytest.mark.django_db


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_loading_twice_adds_nothing_the_second_time(capsys):
    call_command("load_demo")
    first = _row_counts()
    call_command("load_demo")

    assert _row_counts() == first
    assert "Demo data already loaded" in capsys.readouterr().out


def test_the_demo_holds_the_programmes_and_a_person_for_every_role():
    call_command("load_demo")

    names = set(Innovation.objects.values_list("name", flat=True))
    assert {"Reclaiming Social Work", "Mockingbird", "No Wrong Door"} <= names
    assert Adoption.objects.filter(adopting_site__name__icontains="Bradford").count() == 2
    assert GovernanceBoard.objects.filter(memberships__isnull=False).exists()
    assert ProgressUpdate.objects.filter(status=ProgressUpdate.Status.RETURNED).exists()
    assert Adaptation.objects.filter(
        needs_board_decision=True, decision_status=Adaptation.DecisionStatus.PROPOSED
    ).exists()
    for email in ("admin", "lead", "contributor", "partner", "chair", "member", "observer"):
        user = User.objects.get(email=f"{email}@demo.adoptadapt.test")
        assert user.check_password("adopt-and-adapt-demo")


def test_refuses_to_run_with_production_settings(settings):
    settings.DEMO_DATA_ALLOWED = False

    with pytest.raises(CommandError, match="Refusing to load demo data"):
        call_command("load_demo")

    assert not Innovation.objects.exists()
