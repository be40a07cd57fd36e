"""Passwords: at least 12 characters and not on the common-password list, wherever a
password is set, with the reasons in the page's GOV.UK error summary."""

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import User
from accounts.services import invitation_create
from accounts.tokens import invitation_token

pytestmark = pytest.mark.django_db

VALIDATORS = {v["NAME"].rsplit(".", 1)[1]: v for v in settings.AUTH_PASSWORD_VALIDATORS}


def test_the_rules_are_length_twelve_and_the_common_list():
    assert VALIDATORS["MinimumLengthValidator"]["OPTIONS"]["min_length"] == 12
    assert "CommonPasswordValidator" in VALIDATORS
    with pytest.raises(ValidationError, match="at least 12 characters"):
        validate_password("short-pass1")
    with pytest.raises(ValidationError, match="too common"):
        validate_password("password123456")
    validate_password("adopt-and-adapt-demo")  # the demo password passes


def error_summary(html: str) -> str:
    return html.split('class="govuk-error-summary"', 1)[1].split("</ul>", 1)[0]


@pytest.fixture
def accept_url(world):
    invitation = invitation_create(
        actor=world.lead,
        email="nia.newcomer@example.test",
        role="contributor",
        adoption=world.adoption,
        send=False,
    )
    return reverse("invitations:accept", kwargs={"token": invitation_token(invitation)})


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-pass1", "This password is too short. It must contain at least 12 characters."),
        ("password123456", "This password is too common."),
    ],
)
def test_accepting_an_invitation_explains_a_weak_password_in_the_summary(
    client, accept_url, password, reason
):
    response = client.post(
        accept_url,
        {
            "first_name": "Nia",
            "last_name": "Newcomer",
            "password1": password,
            "password2": password,
        },
    )
    assert response.status_code == 200
    summary = error_summary(response.text)
    assert reason in summary
    # Each reason links to the password field it is about.
    assert 'href="#id_password1"' in summary
    assert not User.objects.filter(email="nia.newcomer@example.test").exists()
