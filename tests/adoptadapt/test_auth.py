"""Signing in and out through the GOV.UK-styled form."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from tests.factories import DEFAULT_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


@pytest.fixture
def person(db):
    return UserFactory(email="Robin.Reed@example.test")


def _input(html: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', html)
    assert match, f"no <input name={name!r}> on the page"
    return match.group(0)


def test_sign_in_page_is_public(anonymous_client):
    response = anonymous_client.get(LOGIN)
    assert response.status_code == 200
    assert "Sign in to Adopt &amp; Adapt" in response.text
    assert 'type="email"' in _input(response.text, "username")
    assert "There is a problem" not in response.text


def test_wrong_password_shows_the_error_summary(person, anonymous_client):
    response = anonymous_client.post(
        LOGIN, {"username": "Robin.Reed@example.test", "password": "not-the-password"}
    )
    assert response.status_code == 200
    html = response.text
    assert '<div class="govuk-error-summary"' in html
    assert "There is a problem" in html
    assert "Enter a correct email address and password." in html
    assert "<title>Error: Sign in" in html
    # The email is shown again; the password never is.
    assert 'value="Robin.Reed@example.test"' in _input(html, "username")
    assert "value=" not in _input(html, "password")
    assert "not-the-password" not in html
    assert SESSION_KEY not in anonymous_client.session


def test_empty_form_asks_for_the_email_address(anonymous_client):
    response = anonymous_client.post(LOGIN, {"username": "", "password": ""})
    html = response.text
    assert "There is a problem" in html
    assert "Enter your email address." in html
    assert "Enter your password." in html
    # Each summary entry links to its field.
    assert '<a href="#id_username">Enter your email address.</a>' in html


def test_an_email_address_too_long_is_an_error_not_a_server_error(person, anonymous_client):
    # Found by the fuzzer (tests/fuzz): on SQLite the lookup failed on the long pattern.
    response = anonymous_client.post(
        LOGIN, {"username": "r" * 20_000 + "@example.test", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Email address must be 254 characters or less." in response.text
    assert SESSION_KEY not in anonymous_client.session


def test_successful_sign_in_goes_to_my_work(person, anonymous_client):
    response = anonymous_client.post(
        LOGIN, {"username": "Robin.Reed@example.test", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert anonymous_client.session[SESSION_KEY] == str(person.pk)
    assert "My work" in anonymous_client.get(reverse("home")).text


def test_sign_in_ignores_the_case_of_the_email(person, anonymous_client):
    response = anonymous_client.post(
        LOGIN, {"username": "robin.reed@EXAMPLE.TEST", "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 302
    assert anonymous_client.session[SESSION_KEY] == str(person.pk)


def test_sign_in_returns_to_the_page_asked_for(world, anonymous_client):
    url = world.adoption.get_absolute_url()
    response = anonymous_client.post(
        f"{LOGIN}?next={url}",
        {"username": world.lead.email, "password": DEFAULT_PASSWORD, "next": url},
    )
    assert response["Location"] == url


def test_deactivated_account_cannot_sign_in(person, anonymous_client):
    person.is_active = False
    person.save()
    response = anonymous_client.post(
        LOGIN, {"username": person.email, "password": DEFAULT_PASSWORD}
    )
    assert response.status_code == 200
    assert SESSION_KEY not in anonymous_client.session


def test_signed_in_person_visiting_sign_in_goes_home(person, client_for):
    response = client_for(person).get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_sign_out_is_a_post_that_ends_the_session(person, client_for):
    client = client_for(person)
    assert client.get(reverse("logout")).status_code == 405
    assert SESSION_KEY in client.session
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert SESSION_KEY not in client.session
    # Signed out, the private pages send you to sign in again.
    response = client.get(reverse("boards:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_every_page_for_a_signed_in_person_offers_sign_out(person, client_for):
    html = client_for(person).get(reverse("innovations:list")).text
    assert f'<form method="post" action="{reverse("logout")}"' in html
    assert "Sign out" in html
