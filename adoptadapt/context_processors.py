"""Values every page template needs: the service name and role-aware navigation."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

# URL names of the account pages, so "Your account" is highlighted on each of them.
ACCOUNT_PAGES = {"account", "account_email", "account_email_sent", "account_email_confirm"}


def _navigation(request):
    user = request.user
    match = request.resolver_match
    section = match.namespace or match.url_name if match else None
    items = []
    if user.is_authenticated:
        items.append(("My work", reverse("home"), section == "home"))
    items.append(("Innovation directory", reverse("innovations:list"), section == "innovations"))
    if user.is_authenticated:
        from governance.seats import sees_any_board

        items.append(("Organisations", reverse("sites:list"), section == "sites"))
        if sees_any_board(user):
            items.append(("Boards", reverse("boards:list"), section == "boards"))
        from accounts.rules import is_directory_admin

        if is_directory_admin(user):
            items.append(("People", reverse("people:list"), section == "people"))
        items.append(("Your account", reverse("account"), section in ACCOUNT_PAGES))
        if user.is_staff:
            items.append(("Django admin", reverse("admin:index"), False))
    return [{"label": label, "url": url, "active": active} for label, url, active in items]


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": SimpleLazyObject(lambda: _navigation(request)),
    }
