"""The OpenAPI schema: valid, complete in its descriptions, and readable without a CDN."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_is_valid_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)


def test_the_schema_is_served_at_the_stable_address(world):
    response = Client().get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Adopt & Adapt API"


def test_every_endpoint_is_in_the_schema(schema):
    paths = set(schema["paths"])
    for resource, lookup in (
        ("innovations", "slug"),
        ("sites", "slug"),
        ("adoptions", "id"),
        ("progress-updates", "id"),
        ("fidelity-assessments", "id"),
        ("adaptations", "id"),
        ("boards", "slug"),
    ):
        assert f"/api/{resource}/" in paths
        assert f"/api/{resource}/{{{lookup}}}/" in paths


def test_every_operation_parameter_and_field_is_described(schema):
    missing = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for part in ("summary", "description"):
                if not operation.get(part):
                    missing.append(f"{method} {path}: {part}")
            for parameter in operation.get("parameters", []):
                if not parameter.get("description"):
                    missing.append(f"{method} {path}: parameter {parameter['name']}")
            for code, response in operation["responses"].items():
                if not response.get("description"):
                    missing.append(f"{method} {path}: response {code}")
    for name, component in schema["components"]["schemas"].items():
        for field, definition in component.get("properties", {}).items():
            if not definition.get("description"):
                missing.append(f"{name}.{field}")
    assert not missing, f"Describe these in the schema: {missing}"


def test_the_token_is_described_as_a_bearer_scheme(schema):
    schemes = schema["components"]["securitySchemes"]
    assert schemes["apiToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": schemes["apiToken"]["description"],
    }


def test_the_docs_page_loads_nothing_from_another_site(world):
    response = Client().get(reverse("api:docs"))
    assert response.status_code == 200
    addresses = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert addresses, "the docs page should load its assets"
    assert all(address.startswith("/") for address in addresses), addresses
    assert "swagger-ui-bundle.js" in response.text
    assert not re.search(r"https?://(?!127\.0\.0\.1|localhost|testserver)", response.text)
