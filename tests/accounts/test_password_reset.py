"""Resetting a forgotten password by email, with Django's views in GOV.UK dress."""

import re

import pytest
from django.core import mail

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RESET_URL = "/accounts/password-reset/"
NEW_PASSWORD = "a brand new passphrase for adopt"


def _request_reset(client, email):
    return client.post(RESET_URL, {"email": email}, follow=True)


def _link_path(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/password-reset/\S+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_the_same_message_whether_or_not_the_address_has_an_account(client):
    UserFactory(email="known@example.test")

    known = _request_reset(client, "Known@Example.test")
    unknown = _request_reset(client, "nobody@example.test")

    assert (
        known.redirect_chain == unknown.redirect_chain == [("/accounts/password-reset/sent/", 302)]
    )
    assert "Check your email" in known.text
    assert known.text == unknown.text
    # Only the real account gets an email.
    assert [message.to for message in mail.outbox] == [["known@example.test"]]


def test_no_email_for_a_deactivated_account(client):
    UserFactory(email="gone@example.test", is_active=False)

    response = _request_reset(client, "gone@example.test")

    assert "Check your email" in response.text
    assert mail.outbox == []


def test_the_email_names_the_service_address_and_the_link(client, settings):
    settings.SITE_URL = "https://adoptadapt.example.gov.uk"
    UserFactory(email="reset.me@example.test", first_name="Rita")

    _request_reset(client, "reset.me@example.test")

    (message,) = mail.outbox
    assert message.subject == "Reset your Adopt & Adapt password"
    assert message.body.startswith("Hello Rita,")
    assert "https://adoptadapt.example.gov.uk/accounts/password-reset/" in message.body
    assert "&amp;" not in message.body


@pytest.mark.parametrize(
    ("email", "message"),
    [
        ("", "Enter your email address"),
        ("not-an-address", "Enter an email address in the correct format, like name@example.com"),
    ],
)
def test_a_missing_or_malformed_address_is_shown_in_the_error_summary(client, email, message):
    response = client.post(RESET_URL, {"email": email})

    assert response.status_code == 200
    assert "govuk-error-summary" in response.text
    assert message in response.text
    assert response.text.count(message) == 2  # in the summary and by the field
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once(client):
    user = UserFactory(email="once@example.test")
    _request_reset(client, "once@example.test")
    link = _link_path(mail.outbox[0])

    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.text
    assert "at least 12 characters" in form_page.text
    set_password_url = form_page.redirect_chain[-1][0]

    done = client.post(
        set_password_url,
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        follow=True,
    )
    assert "Your password has been changed" in done.text
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)

    again = client.get(link, follow=True)
    assert "This link cannot be used" in again.text
    assert 'href="/accounts/password-reset/"' in again.text


def test_mismatched_or_weak_passwords_are_explained(client):
    UserFactory(email="weak@example.test")
    _request_reset(client, "weak@example.test")
    set_password_url = client.get(_link_path(mail.outbox[0]), follow=True).redirect_chain[-1][0]

    mismatch = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD + "x"}
    )
    assert "The passwords do not match" in mismatch.text
    short = client.post(set_password_url, {"new_password1": "short", "new_password2": "short"})
    assert "govuk-error-summary" in short.text
    assert "at least 12 characters" in short.text


def test_a_tampered_link_shows_a_friendly_page(client):
    user = UserFactory(email="tamper@example.test")
    _request_reset(client, "tamper@example.test")
    link = _link_path(mail.outbox[0])
    tampered = link[:-3] + ("aa/" if not link.endswith("aa/") else "bb/")

    response = client.get(tampered, follow=True)

    assert response.status_code == 200
    assert "This link cannot be used" in response.text
    assert "Request a new link" in response.text
    user.refresh_from_db()
    assert not user.check_password(NEW_PASSWORD)


def test_sign_in_page_links_to_password_reset(client):
    response = client.get("/accounts/login/")

    assert 'href="/accounts/password-reset/"' in response.text
    assert "Forgotten your password?" in response.text
