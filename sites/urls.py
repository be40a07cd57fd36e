"""Two URL trees: /adoptions/ (namespace "adoptions") and /sites/ (namespace "sites")."""

from django.urls import path, register_converter

from .converters import MonthConverter
from .views import (
    accreditations,
    adaptations,
    adoptions,
    fidelity,
    journey,
    organisations,
    programmes,
    updates,
)

register_converter(MonthConverter, "month")

adoption_urlpatterns = [
    path("<int:pk>/", adoptions.AdoptionDetailView.as_view(), name="detail"),
    # --- adoption overview and journey ---
    path("<int:pk>/partnerships/", journey.PartnershipsView.as_view(), name="partnerships"),
    path("<int:pk>/exchanges/new/", journey.ExchangeCreateView.as_view(), name="exchange_new"),
    path(
        "<int:pk>/exchanges/<int:item>/edit/",
        journey.ExchangeUpdateView.as_view(),
        name="exchange_edit",
    ),
    path(
        "<int:pk>/exchanges/<int:item>/delete/",
        journey.ExchangeDeleteView.as_view(),
        name="exchange_delete",
    ),
    path("<int:pk>/innovation/", journey.InnovationView.as_view(), name="innovation"),
    path("<int:pk>/context/", journey.ContextView.as_view(), name="context"),
    path(
        "<int:pk>/context/new/",
        journey.ContextFactorCreateView.as_view(),
        name="context_factor_new",
    ),
    path(
        "<int:pk>/context/<int:item>/edit/",
        journey.ContextFactorUpdateView.as_view(),
        name="context_factor_edit",
    ),
    path(
        "<int:pk>/context/<int:item>/delete/",
        journey.ContextFactorDeleteView.as_view(),
        name="context_factor_delete",
    ),
    path("<int:pk>/readiness/", journey.ReadinessView.as_view(), name="readiness"),
    path(
        "<int:pk>/readiness/new/",
        journey.ReadinessItemCreateView.as_view(),
        name="readiness_item_new",
    ),
    path(
        "<int:pk>/readiness/<int:item>/edit/",
        journey.ReadinessItemUpdateView.as_view(),
        name="readiness_item_edit",
    ),
    path(
        "<int:pk>/readiness/<int:item>/status/",
        journey.ReadinessItemStatusView.as_view(),
        name="readiness_item_status",
    ),
    path(
        "<int:pk>/readiness/<int:item>/delete/",
        journey.ReadinessItemDeleteView.as_view(),
        name="readiness_item_delete",
    ),
    path("<int:pk>/stage/", journey.StageView.as_view(), name="stage"),
    path("<int:pk>/milestones/", journey.MilestonesView.as_view(), name="milestones"),
    path(
        "<int:pk>/milestones/new/",
        journey.MilestoneCreateView.as_view(),
        name="milestone_new",
    ),
    path(
        "<int:pk>/milestones/<int:item>/edit/",
        journey.MilestoneUpdateView.as_view(),
        name="milestone_edit",
    ),
    path(
        "<int:pk>/milestones/<int:item>/complete/",
        journey.MilestoneCompleteView.as_view(),
        name="milestone_complete",
    ),
    path(
        "<int:pk>/milestones/<int:item>/delete/",
        journey.MilestoneDeleteView.as_view(),
        name="milestone_delete",
    ),
    # --- accreditations and licences ---
    path(
        "<int:pk>/accreditations/",
        accreditations.AccreditationListView.as_view(),
        name="accreditations",
    ),
    path(
        "<int:pk>/accreditations/new/",
        accreditations.AccreditationCreateView.as_view(),
        name="accreditation_new",
    ),
    path(
        "<int:pk>/accreditations/<int:item>/edit/",
        accreditations.AccreditationUpdateView.as_view(),
        name="accreditation_edit",
    ),
    path(
        "<int:pk>/accreditations/<int:item>/delete/",
        accreditations.AccreditationDeleteView.as_view(),
        name="accreditation_delete",
    ),
    # --- monthly progress updates ---
    path("<int:pk>/updates/", updates.UpdateListView.as_view(), name="update_list"),
    path(
        "<int:pk>/updates/who-submits/",
        updates.ContributorsMaySubmitView.as_view(),
        name="update_who_submits",
    ),
    path("<int:pk>/updates/<month:period>/", updates.UpdateEditView.as_view(), name="update_edit"),
    path(
        "<int:pk>/updates/<month:period>/submit/",
        updates.UpdateSubmitView.as_view(),
        name="update_submit",
    ),
    path(
        "<int:pk>/updates/<month:period>/review/",
        updates.UpdateReviewView.as_view(),
        name="update_review",
    ),
    # --- fidelity assessments and adaptations ---
    path(
        "<int:pk>/fidelity/",
        fidelity.FidelityAssessmentListView.as_view(),
        name="assessment_list",
    ),
    path(
        "<int:pk>/fidelity/new/",
        fidelity.FidelityAssessmentCreateView.as_view(),
        name="assessment_new",
    ),
    path(
        "<int:pk>/fidelity/<int:assessment_pk>/",
        fidelity.FidelityAssessmentDetailView.as_view(),
        name="assessment_detail",
    ),
    path(
        "<int:pk>/adaptations/",
        adaptations.AdaptationListView.as_view(),
        name="adaptation_list",
    ),
    path(
        "<int:pk>/adaptations/new/",
        adaptations.AdaptationCreateView.as_view(),
        name="adaptation_new",
    ),
    path(
        "<int:pk>/adaptations/<int:adaptation_pk>/",
        adaptations.AdaptationDetailView.as_view(),
        name="adaptation_detail",
    ),
    path(
        "<int:pk>/adaptations/<int:adaptation_pk>/promote/",
        adaptations.AdaptationPromoteView.as_view(),
        name="adaptation_promote",
    ),
    path(
        "<int:pk>/adaptations/<int:adaptation_pk>/withdraw/",
        adaptations.AdaptationWithdrawView.as_view(),
        name="adaptation_withdraw",
    ),
]

site_urlpatterns = [
    path("", organisations.SiteListView.as_view(), name="list"),
    path("new/", organisations.SiteCreateView.as_view(), name="create"),
    path("<slug:slug>/", organisations.SiteDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", organisations.SiteUpdateView.as_view(), name="edit"),
    path(
        "<slug:slug>/programmes/<int:pk>/",
        programmes.ProgrammeDetailView.as_view(),
        name="programme",
    ),
    path(
        "<slug:slug>/programmes/<int:pk>/conflicts/new/",
        programmes.ConflictCreateView.as_view(),
        name="conflict_new",
    ),
    path(
        "<slug:slug>/programmes/<int:pk>/conflicts/<int:conflict>/edit/",
        programmes.ConflictUpdateView.as_view(),
        name="conflict_edit",
    ),
]
