"""/api/: the read-only API, its OpenAPI schema and its documentation page."""

from csp.decorators import csp_update
from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import routers

from . import views

app_name = "api"


class Router(routers.DefaultRouter):
    APIRootView = views.ApiRootView
    # One address per resource: no `.json` twins to document and permission-test.
    include_format_suffixes = False


router = Router()
router.register("innovations", views.InnovationViewSet, basename="innovation")
router.register("sites", views.SiteViewSet, basename="site")
router.register("adoptions", views.AdoptionViewSet, basename="adoption")
router.register("progress-updates", views.ProgressUpdateViewSet, basename="progress-update")
router.register(
    "fidelity-assessments", views.FidelityAssessmentViewSet, basename="fidelity-assessment"
)
router.register("adaptations", views.AdaptationViewSet, basename="adaptation")
router.register("boards", views.GovernanceBoardViewSet, basename="board")

urlpatterns = [
    # The schema and docs describe the API, not anyone's data: public like the directory.
    path("schema/", login_not_required(SpectacularAPIView.as_view()), name="schema"),
    # The split view serves its start-up script from ?script rather than inline, so the
    # page keeps the strict Content-Security-Policy; Swagger UI's icons are data: images.
    path(
        "docs/",
        login_not_required(
            csp_update({"img-src": ["data:"]})(
                SpectacularSwaggerSplitView.as_view(
                    url_name="api:schema", template_name="api/swagger_ui.html"
                )
            )
        ),
        name="docs",
    ),
    *router.urls,
    # Last: only addresses ending in "/", so a missing slash still gets Django's redirect.
    re_path(r"^(?P<rest>[\s\S]*)/$", views.not_found, name="not_found"),
]
