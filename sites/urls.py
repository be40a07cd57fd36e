from django.urls import path

from . import views

app_name = "adoptions"
urlpatterns = [
    path("<int:pk>/", views.AdoptionDetailView.as_view(), name="detail"),
]
