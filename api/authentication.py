"""Personal API tokens: `Authorization: Bearer <token>`, checked against the stored digest.

A token acts as its owner, so the API shows exactly what that person sees in the
browser. A wrong, revoked or deactivated owner's token is refused (401) rather than
treated as anonymous, so a reporting tool notices at once that its token stopped working.
"""

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from accounts.selectors import api_token_for_secret
from accounts.services import api_token_record_use

KEYWORD = b"bearer"


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                "Send the token as: Authorization: Bearer <token>."
            )
        try:
            secret = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed("This token is not valid.") from error
        token = api_token_for_secret(secret)
        if token is None:
            raise exceptions.AuthenticationFailed("This token is not valid or has been revoked.")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed("The account this token belongs to is closed.")
        api_token_record_use(token=token)
        return (token.user, token)

    def authenticate_header(self, request):
        # Makes DRF answer 401 (with this challenge), not 403, when no one is signed in.
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "A personal API token, made on your account page. It sees what you see."
            ),
        }
