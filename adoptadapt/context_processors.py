"""Values every page template needs: the service name and role-aware navigation."""

from django.conf import settings
from django.urls import reverse
from django.utils.functional import SimpleLazyObject


def _navigation(request):
    user = request.user
    match = request.resolver_match
    section = match.namespace or match.url_name if match else None
    items = []
    if user.is_authenticated:
        items.append(("My work", reverse("home"), section == "home"))
    items.append(("Innovation directory", reverse("innovations:list"), section == "innovations"))
    if user.is_authenticated:
        from governance.models import GovernanceBoard

        items.append(("Organisations", reverse("sites:list"), section == "sites"))
        if GovernanceBoard.objects.visible_to(user).exists():
            items.append(("Boards", reverse("boards:list"), section == "boards"))
        if user.is_staff:
            items.append(("Django admin", reverse("admin:index"), False))
    return [{"label": label, "url": url, "active": active} for label, url, active in items]


def service(request):
    return {
        "service_name": settings.SERVICE_NAME,
        "navigation": SimpleLazyObject(lambda: _navigation(request)),
    }
