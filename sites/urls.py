"""Two URL trees: /adoptions/ (namespace "adoptions") and /sites/ (namespace "sites")."""

from django.urls import path

from .views import adoptions

adoption_urlpatterns = [
    path("<int:pk>/", adoptions.AdoptionDetailView.as_view(), name="detail"),
]

site_urlpatterns = []
