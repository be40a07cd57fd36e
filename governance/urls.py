from django.urls import path

from .views import actions, boards, decisions, digests, meetings, pack

app_name = "boards"
urlpatterns = [
    path("", boards.BoardListView.as_view(), name="list"),
    path("<slug:slug>/", boards.BoardDashboardView.as_view(), name="detail"),
    path("<slug:slug>/innovations/", boards.BoardInnovationsView.as_view(), name="innovations"),
    # --- board pack ---
    path("<slug:slug>/pack.pdf", pack.BoardPackView.as_view(extension="pdf"), name="pack_pdf"),
    path("<slug:slug>/pack.xlsx", pack.BoardPackView.as_view(extension="xlsx"), name="pack_xlsx"),
    path("<slug:slug>/pack.csv", pack.BoardPackView.as_view(extension="csv"), name="pack_csv"),
    # --- meetings, decisions and actions ---
    path("<slug:slug>/meetings/", meetings.MeetingListView.as_view(), name="meetings"),
    path("<slug:slug>/meetings/new/", meetings.MeetingCreateView.as_view(), name="meeting_create"),
    path(
        "<slug:slug>/meetings/<int:pk>/",
        meetings.MeetingDetailView.as_view(),
        name="meeting_detail",
    ),
    path(
        "<slug:slug>/meetings/<int:pk>/edit/",
        meetings.MeetingEditView.as_view(),
        name="meeting_edit",
    ),
    path(
        "<slug:slug>/adaptations/<int:pk>/decide/",
        decisions.AdaptationDecideView.as_view(),
        name="decide",
    ),
    path("<slug:slug>/actions/", actions.ActionListView.as_view(), name="actions"),
    path("<slug:slug>/actions/new/", actions.ActionCreateView.as_view(), name="action_create"),
    path(
        "<slug:slug>/actions/<int:pk>/edit/",
        actions.ActionEditView.as_view(),
        name="action_edit",
    ),
    # --- digests ---
    path("<slug:slug>/digests/", digests.DigestListView.as_view(), name="digests"),
    path(
        "<slug:slug>/digests/subscription/",
        digests.DigestSubscriptionView.as_view(),
        name="digest_subscription",
    ),
    path("<slug:slug>/digests/<month:month>/", digests.DigestDetailView.as_view(), name="digest"),
    path(
        "<slug:slug>/digests/<month:month>/email/",
        digests.DigestEmailView.as_view(),
        name="digest_email",
    ),
    path("<slug:slug>/settings/", digests.BoardSettingsView.as_view(), name="settings"),
]
