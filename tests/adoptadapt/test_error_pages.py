"""The styled error pages (DEBUG is False in the test settings)."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def _template_names(response):
    return [t.name for t in response.templates]


def test_debug_is_off(settings):
    assert settings.DEBUG is False


def test_unknown_address_gets_the_styled_404(anonymous_client):
    response = anonymous_client.get("/no-such-page/")
    assert response.status_code == 404
    assert "404.html" in _template_names(response)
    assert "Page not found" in response.text
    assert "govuk-heading-l" in response.text


def test_someone_elses_adoption_gets_the_same_404(world, client_for):
    response = client_for(world.lead).get(world.other_adoption.get_absolute_url())
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert "Other Borough Council" not in response.text


@pytest.mark.urls("tests.adoptadapt.urls_errors")
def test_permission_denied_gets_the_styled_403(anonymous_client):
    response = anonymous_client.get("/test-errors/forbidden/")
    assert response.status_code == 403
    assert "You do not have access to this page" in response.text


@pytest.mark.urls("tests.adoptadapt.urls_errors")
def test_server_error_gets_the_styled_500():
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/broken/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()
    assert "A deliberate failure" not in response.content.decode()


@pytest.mark.urls("tests.adoptadapt.urls_errors")
@pytest.mark.parametrize("kind", ["cannot-connect", "connection-closed"])
def test_a_database_that_cannot_be_reached_gets_the_503_with_retry_after(kind):
    client = Client(raise_request_exception=False)
    response = client.get(f"/test-errors/database/{kind}/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "Sorry, the service is unavailable" in page
    assert "govuk-heading-l" in page
    assert "5432" not in page and "closed" not in page


@pytest.mark.urls("tests.adoptadapt.urls_errors")
def test_other_database_errors_are_still_the_500():
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/database/integrity/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Sorry, there is a problem with the service" in response.content.decode()


@pytest.mark.urls("tests.adoptadapt.urls_errors")
@pytest.mark.parametrize("kind", ["cannot-connect", "connection-closed"])
def test_the_api_says_it_is_unavailable_in_json(kind):
    client = Client(raise_request_exception=False)
    response = client.get(f"/api/test-errors/database/{kind}/")
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "The service is unavailable. Try again in 30 seconds."}


@pytest.mark.urls("tests.adoptadapt.urls_errors")
def test_an_api_server_error_is_json_and_says_nothing_of_the_cause():
    client = Client(raise_request_exception=False)
    response = client.get("/api/test-errors/broken/")
    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred."}


def test_the_project_uses_the_handler_that_gives_the_503():
    from adoptadapt import urls
    from adoptadapt.errors import server_error

    assert urls.handler500 == f"{server_error.__module__}.{server_error.__name__}"
