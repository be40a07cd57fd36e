"""Serializer fields shared by the API's lists."""

from rest_framework import serializers

# A stand-in id that matches the id routes ([0-9]{1,18}) and no real address part.
_STAND_IN_ID = "987654321987654321"


class IdLinkField(serializers.HyperlinkedIdentityField):
    """DRF's link to an object's own address, by id, reversed once per response rather
    than once per object: reversing was a third of the time spent serialising a page of
    fifty monthly updates (bench/RESULTS.md). The link is the same text either way."""

    def get_url(self, obj, view_name, request, format):
        if format or self.lookup_field != "pk" or obj.pk is None:
            return super().get_url(obj, view_name, request, format)
        links = self.context.setdefault("_id_link_templates", {})
        if view_name not in links:
            link = self.reverse(
                view_name, kwargs={self.lookup_url_kwarg: _STAND_IN_ID}, request=request
            )
            links[view_name] = link.split(_STAND_IN_ID) if link.count(_STAND_IN_ID) == 1 else None
        parts = links[view_name]
        if parts is None:
            return super().get_url(obj, view_name, request, format)
        return f"{parts[0]}{int(obj.pk)}{parts[1]}"
