"""Schemathesis against the OpenAPI schema, in-process through the WSGI app: every
operation, with generated parameters, gives no server error and answers as described."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis import checks

from adoptadapt.wsgi import application
from tests.api.objects import api_token
from tests.world import world_adaptation, world_assessment

pytestmark = pytest.mark.django_db

CHECKS = [
    checks.not_a_server_error,
    checks.status_code_conformance,
    checks.content_type_conformance,
    checks.response_headers_conformance,
    checks.response_schema_conformance,
]


# Loaded from the running app (the schema view needs no database), as clients do.
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@pytest.fixture
def keep_the_test_connection():
    """The WSGI handler closes the database connection after each request, which would
    end the test's transaction (on PostgreSQL); Django's own test client avoids it the
    same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_secret(world, settings, keep_the_test_connection):
    """The directory admin sees every object, so lists and details come back full."""
    # Room for every generated request; throttling has its own tests.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "10000/minute", "user": "10000/minute"},
    }
    from tests.api.objects import api_update

    api_update(world)
    world_assessment(world)
    world_adaptation(world)
    return api_token(world.directory_admin)[1]


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_the_schema_says(case, admin_secret):
    case.call_and_validate(headers={"Authorization": f"Bearer {admin_secret}"}, checks=CHECKS)
