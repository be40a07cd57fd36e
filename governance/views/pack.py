"""The board pack downloads: the month's dashboard as PDF, XLSX and CSV.

The same people as the dashboard may download them (members and directory admins);
anyone else gets a 404. The month comes from `?month=` as on the dashboard, and the
file is named after the month it actually holds.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.views.generic import View

from adoptadapt import security

from ..boardpack import pack_file, pack_filename
from ..dashboard import board_month
from .mixins import BoardMonthMixin


class BoardPackView(BoardMonthMixin, View):
    """One view for the three files; `extension` (pdf, xlsx or csv) is set in the URLconf."""

    extension = ""
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        board = self.board
        month = board_month(board, self.get_window())
        content, content_type = pack_file(month, self.extension, generated_at=timezone.now())
        response = HttpResponse(content, content_type=content_type)
        filename = pack_filename(board, month.month, self.extension)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        response["Cache-Control"] = "private, no-store"
        security.log_event(
            security.EXPORT,
            outcome=security.SUCCESS,
            export="board_pack",
            board_id=board.pk,
            month=f"{month.month:%Y-%m}",
            file_format=self.extension,
        )
        return response
