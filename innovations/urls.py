from django.urls import path

from .views import adoptions, browse, maintain, transfer

app_name = "innovations"
urlpatterns = [
    path("", browse.InnovationListView.as_view(), name="list"),
    path("export/", transfer.DirectoryExportView.as_view(), name="export"),
    path("export.csv", transfer.DirectoryExportCsvView.as_view(), name="export_csv"),
    path("export.xlsx", transfer.DirectoryExportXlsxView.as_view(), name="export_xlsx"),
    path("import/", transfer.DirectoryImportView.as_view(), name="import"),
    path(
        "import/<slug:kind>-template.csv",
        transfer.DirectoryImportTemplateView.as_view(),
        name="import_template",
    ),
    path(
        "import/<slug:token>/",
        transfer.DirectoryImportPreviewView.as_view(),
        name="import_preview",
    ),
    path("new/", maintain.InnovationCreateView.as_view(), name="create"),
    path("<slug:slug>/", browse.InnovationDetailView.as_view(), name="detail"),
    path("<slug:slug>/edit/", maintain.InnovationUpdateView.as_view(), name="edit"),
    path("<slug:slug>/criteria/", maintain.CriteriaEditView.as_view(), name="criteria"),
    path("<slug:slug>/metrics/", maintain.MetricsEditView.as_view(), name="metrics"),
    path("<slug:slug>/evidence/", maintain.EvidenceEditView.as_view(), name="evidence"),
    path("<slug:slug>/resources/", maintain.ResourcesEditView.as_view(), name="resources"),
    path("<slug:slug>/status/", maintain.InnovationStatusView.as_view(), name="status"),
    path("<slug:slug>/history/", maintain.InnovationHistoryView.as_view(), name="history"),
    path("<slug:slug>/adoptions/", adoptions.InnovationAdoptionsView.as_view(), name="adoptions"),
]
