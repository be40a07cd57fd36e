from django.urls import path

from .views import browse

app_name = "innovations"
urlpatterns = [
    path("", browse.InnovationListView.as_view(), name="list"),
    path("<slug:slug>/", browse.InnovationDetailView.as_view(), name="detail"),
]
