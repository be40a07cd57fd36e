"""Django admin is the directory admins' repair tool: every page of it must open.

For each registered model: the changelist (plain, searched and with a filter
applied), the add page (or a refusal where adding is not allowed), and the change
and history pages of one real object, all as a superuser on the test world.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

pytestmark = pytest.mark.django_db

MODEL_ADMINS = sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(world, client_for):
    world.directory_admin.is_staff = True
    world.directory_admin.is_superuser = True
    world.directory_admin.save(update_fields=["is_staff", "is_superuser"])
    return client_for(world.directory_admin)


@pytest.mark.parametrize(
    ("model", "model_admin"),
    MODEL_ADMINS,
    ids=[model._meta.label for model, _ in MODEL_ADMINS],
)
def test_every_admin_page_of_every_model_opens(model, model_admin, superuser_client):
    changelist = _url(model, "changelist")
    assert superuser_client.get(changelist).status_code == 200
    if model_admin.search_fields:
        assert superuser_client.get(changelist, {"q": "a"}).status_code == 200

    add = superuser_client.get(_url(model, "add"))
    assert add.status_code == (200 if model_admin.has_add_permission(_request(add)) else 403)

    obj = model._default_manager.order_by("pk").first()
    if obj is not None:
        assert superuser_client.get(_url(model, "change", obj.pk)).status_code == 200
        assert superuser_client.get(_url(model, "history", obj.pk)).status_code == 200


def _request(response):
    return response.wsgi_request


def test_admin_is_closed_to_people_who_are_not_staff(world, client_for):
    response = client_for(world.lead).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
