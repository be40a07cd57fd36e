"""Objects the API tests (and the project's permission matrix) look at, made on demand
through the services, on top of tests.world."""

import datetime

from accounts.models import ApiToken
from accounts.services import api_token_create, api_token_revoke
from sites.models import ProgressUpdate
from sites.services import progress_update_save
from tests.world import WORLD_UPDATE_PERIOD, World, world_update_period

DRAFT_PERIOD = datetime.date(2025, 2, 1)


def api_update(world: World, adoption: str = "adoption") -> ProgressUpdate:
    """The (other) adoption's submitted January 2025 update."""
    other = adoption == "other_adoption"
    world_update_period(world, other=other)
    target = world.other_adoption if other else world.adoption
    return ProgressUpdate.objects.get(adoption=target, period=WORLD_UPDATE_PERIOD)


def api_draft_update(world: World) -> ProgressUpdate:
    """A draft on our adoption: the team's own, never in the API."""
    draft = ProgressUpdate.objects.filter(adoption=world.adoption, period=DRAFT_PERIOD).first()
    return draft or progress_update_save(
        actor=world.lead,
        adoption=world.adoption,
        period=DRAFT_PERIOD,
        fields={"summary": "Half-written notes."},
    )


def api_token(user, name: str = "Reporting") -> tuple[ApiToken, str]:
    """A live token of `user`, with its secret."""
    return api_token_create(actor=user, name=name)


def revoked_api_token(user) -> tuple[ApiToken, str]:
    token, secret = api_token_create(actor=user, name="Old report")
    return api_token_revoke(actor=user, token=token), secret


def bearer(secret: str) -> dict:
    """Test client keyword arguments that send the token."""
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
