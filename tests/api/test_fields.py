"""IdLinkField (api/fields.py) gives the same links as DRF's own identity field."""

import pytest
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from api.fields import IdLinkField
from sites.models import Adoption

pytestmark = pytest.mark.django_db


class _DrfLinks(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:adoption-detail")

    class Meta:
        model = Adoption
        fields = ["url"]


class _OurLinks(_DrfLinks):
    url = IdLinkField(view_name="api:adoption-detail")


@pytest.mark.parametrize("host", ["testserver", "localhost:8443"])
def test_the_links_are_drf_s_own(world, host):
    request = Request(APIRequestFactory().get("/api/adoptions/", HTTP_HOST=host, secure=True))
    adoptions = list(Adoption.objects.order_by("pk"))
    context = {"request": request}
    ours = _OurLinks(adoptions, many=True, context=context).data
    drf = _DrfLinks(adoptions, many=True, context=context).data
    assert [row["url"] for row in ours] == [row["url"] for row in drf]
    assert len(ours) >= 2 and ours[0]["url"] != ours[1]["url"]
    assert ours[0]["url"] == f"https://{host}/api/adoptions/{adoptions[0].pk}/"
