from django.urls import path

from .views import api_tokens, invitations, people

# Mounted in adoptadapt/urls.py as "people:", "invitations:" and "api_tokens:".

people_urlpatterns = [
    path("", people.PeopleListView.as_view(), name="list"),
    path("<int:pk>/", people.PersonDetailView.as_view(), name="detail"),
    path("<int:pk>/deactivate/", people.PersonDeactivateView.as_view(), name="deactivate"),
    path("<int:pk>/reactivate/", people.PersonReactivateView.as_view(), name="reactivate"),
    path(
        "<int:pk>/directory-admin/remove/",
        people.PersonDirectoryAdminRemoveView.as_view(),
        name="directory_admin_remove",
    ),
    path(
        "<int:pk>/roles/<str:kind>/<int:grant_pk>/remove/",
        people.PersonRoleRemoveView.as_view(),
        name="role_remove",
    ),
    path(
        "<int:pk>/roles/<str:kind>/<int:grant_pk>/change/",
        people.PersonRoleChangeView.as_view(),
        name="role_change",
    ),
]

invitation_urlpatterns = [
    path("", invitations.InvitationListView.as_view(), name="list"),
    path("new/", invitations.InvitationCreateView.as_view(), name="create"),
    path("<int:pk>/resend/", invitations.InvitationResendView.as_view(), name="resend"),
    path("<int:pk>/withdraw/", invitations.InvitationRevokeView.as_view(), name="revoke"),
    path("accept/<str:token>/", invitations.InvitationAcceptView.as_view(), name="accept"),
]

# Personal API tokens, from the account page (/accounts/api-tokens/).
api_token_urlpatterns = [
    path("new/", api_tokens.ApiTokenCreateView.as_view(), name="create"),
    path("<int:pk>/revoke/", api_tokens.ApiTokenRevokeView.as_view(), name="revoke"),
]
