"""Exporting the directory as a spreadsheet and importing sites and innovations from one.

Both are maintenance, so both are for directory admins only; anyone else signed in
gets a 403 (the pages are not secret, only not theirs to use).
"""

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View
from rules.contrib.views import PermissionRequiredMixin

from adoptadapt import security
from sites.models import Site

from ..exporting import directory_csv, directory_xlsx, export_filename
from ..forms import DirectoryImportForm
from ..importing import (
    CREATE,
    ERROR,
    INNOVATIONS,
    KIND_CHOICES,
    SITES,
    TEMPLATE_HEADERS,
    UNCHANGED,
    UPDATE,
    StalePreviewError,
    directory_import_apply,
    plan_import,
    upload_discard,
    upload_load,
    upload_mark_previewed,
    upload_store,
)
from ..selectors import directory_counts

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DirectoryAdminRequiredMixin(PermissionRequiredMixin):
    """Whoever may change the directory may export and import it."""

    permission_required = "innovations.change_innovation"

    def get_permission_object(self):
        return None


def _attachment(content, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


class DirectoryExportView(DirectoryAdminRequiredMixin, TemplateView):
    """What the two downloads hold, with a link to each."""

    template_name = "innovations/directory_export.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            counts=directory_counts(),
            site_count=Site.objects.count(),
            csv_filename=export_filename("csv"),
            xlsx_filename=export_filename("xlsx"),
            **kwargs,
        )


class DirectoryExportCsvView(DirectoryAdminRequiredMixin, View):
    def get(self, request):
        security.log_event(
            security.EXPORT, outcome=security.SUCCESS, export="directory", file_format="csv"
        )
        return _attachment(
            directory_csv(request.user),
            content_type="text/csv; charset=utf-8",
            filename=export_filename("csv"),
        )


class DirectoryExportXlsxView(DirectoryAdminRequiredMixin, View):
    def get(self, request):
        security.log_event(
            security.EXPORT, outcome=security.SUCCESS, export="directory", file_format="xlsx"
        )
        return _attachment(
            directory_xlsx(request.user),
            content_type=XLSX_TYPE,
            filename=export_filename("xlsx"),
        )


class DirectoryImportTemplateView(DirectoryAdminRequiredMixin, View):
    """An empty CSV with the columns the importer reads, for sites or innovations."""

    def get(self, request, kind):
        if kind not in TEMPLATE_HEADERS:
            raise Http404("No such import template.")
        out = io.StringIO()
        out.write("\ufeff")
        csv.writer(out).writerow(TEMPLATE_HEADERS[kind])
        return _attachment(
            out.getvalue(),
            content_type="text/csv; charset=utf-8",
            filename=f"adopt-and-adapt-{kind}-import-template.csv",
        )


class DirectoryImportView(DirectoryAdminRequiredMixin, FormView):
    """Upload a file; it is checked and read, and the preview comes next."""

    form_class = DirectoryImportForm
    template_name = "innovations/directory_import.html"

    def get_initial(self):
        kind = self.request.GET.get("kind")
        return {"kind": kind} if kind in (SITES, INNOVATIONS) else {}

    def form_valid(self, form):
        token = upload_store(
            self.request.session,
            kind=form.cleaned_data["kind"],
            filename=form.cleaned_data["file"].name,
            parsed=form.parsed,
        )
        return redirect("innovations:import_preview", token=token)


class DirectoryImportPreviewView(DirectoryAdminRequiredMixin, TemplateView):
    """GET: what the import would do, row by row; nothing changes. POST: do it."""

    template_name = "innovations/directory_import_preview.html"

    def _upload(self):
        upload = upload_load(self.request.session, self.kwargs["token"])
        if upload is None:
            messages.error(
                self.request,
                "That import preview has expired or has already been imported. "
                "Upload the file again to see a new preview.",
            )
        return upload

    def get(self, request, *args, **kwargs):
        upload = self._upload()
        if upload is None:
            return redirect("innovations:import")
        plan = plan_import(upload["kind"], upload["rows"])
        # Confirming applies exactly this plan, or nothing (see post()).
        upload_mark_previewed(request.session, self.kwargs["token"], plan.fingerprint)
        counts = plan.counts
        return self.render_to_response(
            self.get_context_data(
                upload=upload,
                kind_label=dict(KIND_CHOICES)[upload["kind"]],
                plan=plan,
                to_create=counts[CREATE],
                to_update=counts[UPDATE],
                unchanged=counts[UNCHANGED],
                with_errors=counts[ERROR],
                to_apply=counts[CREATE] + counts[UPDATE],
            )
        )

    def post(self, request, *args, **kwargs):
        upload = self._upload()
        if upload is None:
            return redirect("innovations:import")
        if not upload.get("previewed"):
            return redirect("innovations:import_preview", token=self.kwargs["token"])
        try:
            result = directory_import_apply(
                actor=request.user,
                kind=upload["kind"],
                rows=upload["rows"],
                expected=upload["previewed"],
            )
        except StalePreviewError:
            messages.error(
                request,
                "The directory has changed since this preview was made, so nothing has been "
                "imported. Check the updated preview below and confirm again.",
            )
            return redirect("innovations:import_preview", token=self.kwargs["token"])
        upload_discard(request.session, self.kwargs["token"])
        done = import_summary(upload, result)
        messages.success(request, done)
        return redirect(
            reverse("sites:list") if upload["kind"] == SITES else reverse("innovations:list")
        )


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def import_summary(upload: dict, result) -> str:
    """One sentence for the banner: what was added, updated, unchanged and skipped."""
    noun = "organisation" if upload["kind"] == SITES else "innovation"
    parts = [f"{_plural(result.created, noun)} added", f"{result.updated} updated"]
    if result.unchanged:
        parts.append(f"{result.unchanged} unchanged")
    summary = f"Imported {upload['filename']}: " + ", ".join(parts) + "."
    if result.skipped:
        rows = ", ".join(str(row.number) for row in result.skipped[:20])
        more = " and more" if len(result.skipped) > 20 else ""
        summary += (
            f" {_plural(len(result.skipped), 'row')} with errors "
            f"{'was' if len(result.skipped) == 1 else 'were'} skipped (row {rows}{more})."
        )
    return summary
