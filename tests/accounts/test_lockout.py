"""Sign-in lock-out (django-axes): too many wrong passwords for one email address from
one IP lock that pair out for a while, with the reason on the sign-in page.

The test settings turn axes off (tests sign in again and again); these turn it on.
"""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.services import api_token_create
from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3
LOGIN = "/accounts/login/"
HERE = "10.1.1.1"
ELSEWHERE = "10.2.2.2"
LOCKED = "You have entered the wrong email address or password too many times"


@pytest.fixture(autouse=True)
def lockout_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)


@pytest.fixture
def person():
    return UserFactory(email="pat.lee@example.test")


def sign_in(client, email, password, ip=HERE, **data):
    return client.post(LOGIN, {"username": email, "password": password, **data}, REMOTE_ADDR=ip)


def fail(client, email, times, ip=HERE):
    return [sign_in(client, email, "not-the-password", ip) for _ in range(times)]


def signed_in(response) -> bool:
    return response.status_code == 302 and "_auth_user_id" in response.client.session


def test_wrong_passwords_up_to_the_limit_lock_the_address_out(client, person):
    responses = fail(client, person.email, LIMIT)
    assert [r.status_code for r in responses[:-1]] == [200] * (LIMIT - 1)
    assert "Enter a correct email address and password." in responses[0].text
    locked = responses[-1]
    assert locked.status_code == 429
    # Even the right password is refused now, with the same explanation.
    right = sign_in(client, person.email, DEFAULT_PASSWORD)
    assert right.status_code == 429
    assert not signed_in(right)


def test_the_lockout_is_the_sign_in_page_with_the_reason_in_the_error_summary(client, person):
    page = fail(client, person.email, LIMIT)[-1].text
    summary = page.split('class="govuk-error-summary"', 1)[1].split("</div>", 2)[0]
    assert LOCKED in summary
    assert "Wait 15 minutes" in summary
    assert '<h1 class="govuk-heading-l">Sign in' in page
    assert f'value="{person.email}"' in page
    assert "Forgotten your password?" in page


def test_the_lock_is_on_the_email_address_and_ip_together(client, person):
    other = UserFactory(email="sam.ng@example.test")
    fail(client, person.email, LIMIT)
    # The same person from another address, and someone else from this one, sign in.
    assert signed_in(sign_in(client, person.email, DEFAULT_PASSWORD, ip=ELSEWHERE))
    client.logout()
    assert signed_in(sign_in(client, other.email, DEFAULT_PASSWORD))


def test_failures_count_for_the_address_whatever_its_case(client, person):
    fail(client, person.email.upper(), LIMIT - 1)
    assert sign_in(client, person.email, "wrong again").status_code == 429


def test_the_lock_lifts_after_the_cool_off_period(client, person):
    fail(client, person.email, LIMIT)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=10), tick=False):
        assert sign_in(client, person.email, DEFAULT_PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=16), tick=False):
        assert signed_in(sign_in(client, person.email, DEFAULT_PASSWORD))


def test_a_try_during_the_lockout_does_not_restart_the_wait(client, person):
    fail(client, person.email, LIMIT)
    start = timezone.now()
    with time_machine.travel(start + datetime.timedelta(minutes=14), tick=False):
        assert sign_in(client, person.email, "still wrong").status_code == 429
    with time_machine.travel(start + datetime.timedelta(minutes=16), tick=False):
        assert signed_in(sign_in(client, person.email, DEFAULT_PASSWORD))


def test_signing_in_resets_the_count(client, person):
    fail(client, person.email, LIMIT - 1)
    assert signed_in(sign_in(client, person.email, DEFAULT_PASSWORD))
    client.logout()
    responses = fail(client, person.email, LIMIT - 1)
    assert [r.status_code for r in responses] == [200] * (LIMIT - 1)
    assert signed_in(sign_in(client, person.email, DEFAULT_PASSWORD))


def test_sign_in_keeps_a_safe_next_page(client, person):
    response = sign_in(client, person.email, DEFAULT_PASSWORD, next="/boards/")
    assert response["Location"] == "/boards/"


def test_a_locked_out_person_can_still_reset_their_password(client, person):
    fail(client, person.email, LIMIT)
    response = client.post(reverse("password_reset"), {"email": person.email}, REMOTE_ADDR=HERE)
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")


def test_api_tokens_are_not_affected(client, person):
    _token, secret = api_token_create(actor=person, name="Power BI")
    fail(client, person.email, LIMIT)
    response = client.get(
        "/api/adoptions/", HTTP_AUTHORIZATION=f"Bearer {secret}", REMOTE_ADDR=HERE
    )
    assert response.status_code == 200


def test_the_lockout_is_logged_as_a_security_event(client, person, security_events):
    fail(client, person.email, LIMIT)
    failed = security_events("sign_in_failed")
    assert len(failed) == LIMIT
    assert {e["username"] for e in failed} == {person.email}
    (locked,) = security_events("locked_out")
    assert locked["outcome"] == "denied"
    assert locked["ip"] == HERE
    assert locked["path"] == LOGIN
    assert locked["username"] == person.email
