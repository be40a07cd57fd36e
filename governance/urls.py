from django.urls import path

from . import views

app_name = "boards"
urlpatterns = [
    path("", views.BoardListView.as_view(), name="list"),
    path("<slug:slug>/", views.BoardDetailView.as_view(), name="detail"),
]
