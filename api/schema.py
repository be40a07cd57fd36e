"""The OpenAPI description of what can go wrong, added to every operation.

drf-spectacular describes the successful response from the serializer; the errors
below are the same for every endpoint, so they are described once here rather than
on each view. Schemathesis checks every response against them.
"""

from drf_spectacular import openapi
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in words.")


FILTER_ERRORS = {
    "type": "object",
    "description": "For each query parameter that was not understood, what was wrong with it.",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        found = responses.get("200")
        if found is not None and not found.get("description"):
            found["description"] = (
                "One page of the list, with links to the pages either side."
                if self._is_list_view()
                else "The object asked for."
            )
        errors = {
            "401": OpenApiResponse(
                ErrorSerializer,
                "The token is not valid, has been revoked or belongs to a closed account; "
                "or, for anything but the directory, no token was sent.",
            ),
            "404": OpenApiResponse(
                ErrorSerializer,
                "There is no such object, or not one you may see; or no such page.",
            ),
            "429": OpenApiResponse(
                ErrorSerializer,
                "Too many requests: wait the number of seconds in the Retry-After header.",
            ),
        }
        if getattr(self.view, "filterset_class", None) and self._is_list_view():
            errors["400"] = OpenApiResponse(FILTER_ERRORS, "A filter's value was not understood.")
        for code, response in errors.items():
            responses.setdefault(code, self._get_response_for_code(response, code))
        return responses
