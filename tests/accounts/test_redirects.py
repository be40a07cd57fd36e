"""No redirect goes where a link's ?next= says unless it is a page of this service."""

import pytest
from django.test import Client

from tests.factories import DEFAULT_PASSWORD

pytestmark = pytest.mark.django_db

ELSEWHERE = [
    "https://evil.example/",
    "//evil.example/",
    "http://evil.example/accounts/login/",
    "/\\evil.example",
    "https:evil.example",
]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_in_never_redirects_to_another_site(world, target):
    client = Client()
    page = client.get("/accounts/login/", {"next": target})
    assert "evil.example" not in page.text
    response = client.post(
        "/accounts/login/",
        {"username": world.lead.email, "password": DEFAULT_PASSWORD, "next": target},
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_signing_in_goes_on_to_a_page_of_this_service(world):
    response = Client().post(
        "/accounts/login/",
        {"username": world.lead.email, "password": DEFAULT_PASSWORD, "next": "/boards/"},
    )
    assert response["Location"] == "/boards/"


@pytest.mark.parametrize("target", ELSEWHERE)
def test_someone_signed_in_is_not_sent_elsewhere_from_the_sign_in_page(world, client_for, target):
    response = client_for(world.lead).get("/accounts/login/", {"next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize("target", ELSEWHERE)
def test_signing_out_never_redirects_to_another_site(world, client_for, target):
    response = client_for(world.lead).post("/accounts/logout/", {"next": target})
    assert response.status_code == 302
    assert response["Location"] == "/"
