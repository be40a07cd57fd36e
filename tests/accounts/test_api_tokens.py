"""Personal API tokens: the services, and making and revoking them from the account page."""

import datetime
import hashlib

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from accounts.models import ApiToken
from accounts.selectors import api_token_for_secret
from accounts.services import api_token_create, api_token_record_use, api_token_revoke
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# --- Services -------------------------------------------------------------------------


def test_a_new_token_keeps_only_a_digest_of_its_secret():
    user = UserFactory()
    token, secret = api_token_create(actor=user, name="  Power BI  ")
    token.refresh_from_db()
    assert token.name == "Power BI"
    assert secret.startswith("aa_") and len(secret) > 40
    assert token.prefix == secret[:10]
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {token.digest, token.name, token.prefix}
    assert token.history.first().history_user == user
    assert api_token_for_secret(secret) == token


def test_two_tokens_never_share_a_secret():
    user = UserFactory()
    secrets = {api_token_create(actor=user, name=f"Report {n}")[1] for n in range(5)}
    assert len(secrets) == 5


def test_a_live_token_name_cannot_be_used_twice_but_a_revoked_ones_can():
    user = UserFactory()
    token, _ = api_token_create(actor=user, name="Power BI")
    with pytest.raises(ValidationError) as raised:
        api_token_create(actor=user, name="Power BI")
    assert "already have a token with this name" in str(raised.value)
    api_token_revoke(actor=user, token=token)
    api_token_create(actor=user, name="Power BI")
    assert ApiToken.objects.filter(user=user, name="Power BI").count() == 2


def test_revoking_stops_the_token_and_keeps_the_record():
    user = UserFactory()
    token, secret = api_token_create(actor=user, name="Power BI")
    api_token_revoke(actor=user, token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.is_live
    assert api_token_for_secret(secret) is None


def test_nobody_revokes_someone_elses_token():
    owner, other = UserFactory(), UserFactory()
    token, _ = api_token_create(actor=owner, name="Power BI")
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=other, token=token)
    token.refresh_from_db()
    assert token.is_live


# --- Pages ----------------------------------------------------------------------------


def test_the_account_page_lists_live_tokens_with_a_way_to_revoke(client_for):
    user = UserFactory()
    live, _ = api_token_create(actor=user, name="Power BI")
    gone, _ = api_token_create(actor=user, name="Old spreadsheet")
    api_token_revoke(actor=user, token=gone)
    page = client_for(user).get(reverse("account")).text
    assert "Power BI" in page and live.prefix in page
    assert reverse("api_tokens:revoke", args=[live.pk]) in page
    assert "Old spreadsheet" not in page
    assert reverse("api_tokens:create") in page


def test_creating_a_token_shows_its_secret_once_and_stores_only_its_digest(client_for):
    user = UserFactory()
    client = client_for(user)
    response = client.post(reverse("api_tokens:create"), {"name": "Power BI"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=user)
    secret = response.context["secret"]
    assert secret in response.text
    assert "will not be shown again" in response.text
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in client.get(reverse("account")).text


@pytest.mark.parametrize(
    ("name", "problem"),
    [("", "Enter what the token is for"), ("   ", "Enter what the token is for")],
)
def test_a_token_needs_a_name(client_for, name, problem):
    response = client_for(UserFactory()).post(reverse("api_tokens:create"), {"name": name})
    assert response.status_code == 200
    assert "There is a problem" in response.text and problem in response.text
    assert not ApiToken.objects.exists()


def test_a_name_in_use_is_shown_as_an_error_on_the_form(client_for):
    user = UserFactory()
    api_token_create(actor=user, name="Power BI")
    response = client_for(user).post(reverse("api_tokens:create"), {"name": "Power BI"})
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "already have a token with this name" in response.text
    assert ApiToken.objects.filter(user=user).count() == 1


def test_revoking_asks_first_then_revokes(client_for):
    user = UserFactory()
    token, _ = api_token_create(actor=user, name="Power BI")
    client = client_for(user)
    url = reverse("api_tokens:revoke", args=[token.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Revoke the token" in confirm.text
    token.refresh_from_db()
    assert token.is_live
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("account")
    token.refresh_from_db()
    assert not token.is_live
    # Revoked already: there is nothing left to revoke.
    assert client.post(url).status_code == 404


def test_someone_elses_token_is_a_404(client_for):
    owner = UserFactory()
    token, _ = api_token_create(actor=owner, name="Power BI")
    client = client_for(UserFactory())
    url = reverse("api_tokens:revoke", args=[token.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    token.refresh_from_db()
    assert token.is_live


def test_use_is_recorded_at_most_once_a_minute():
    token, _ = api_token_create(actor=UserFactory(), name="Power BI")
    start = datetime.datetime(2025, 3, 1, 9, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start, tick=False):
        api_token_record_use(token=token)
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        api_token_record_use(token=ApiToken.objects.get(pk=token.pk))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == start
    later = start + datetime.timedelta(minutes=2)
    with time_machine.travel(later, tick=False):
        api_token_record_use(token=ApiToken.objects.get(pk=token.pk))
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later
