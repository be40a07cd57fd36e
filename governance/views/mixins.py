"""What the pages of a board's meetings, decisions and actions share."""

from functools import cached_property

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from ..models import GovernanceBoard
from ..months import BoardMonthWindow, latest_complete_month, parse_month
from ..rules import can_record_for_board, can_see_board
from ..seats import seat_annotation, seat_remember


class VisibleBoardMixin:
    """The board in the URL: a 404 for anyone who may not see it."""

    @cached_property
    def board(self) -> GovernanceBoard:
        """The board, read with the person's seat on it, which the page's permission
        checks then use without a query of their own (governance/seats.py)."""
        user = self.request.user
        boards = GovernanceBoard.objects.annotate(viewer_seat=seat_annotation(user))
        board = get_object_or_404(boards, slug=self.kwargs["slug"])
        seat_remember(user, board)
        # The same rule as GovernanceBoard.objects.visible_to, so the same 404 as a
        # board that does not exist.
        if not can_see_board(user, board):
            raise Http404("No board matches the given query.")
        return board


class BoardMonthMixin(VisibleBoardMixin):
    """The board, and the month from `?month=YYYY-MM`, defaulting to the latest
    complete month; `month_error` says why a month asked for is not the one shown."""

    month_error = ""

    def get_window(self) -> BoardMonthWindow:
        now = timezone.now()
        latest = latest_complete_month(timezone.localdate(now))
        asked = self.request.GET.get("month")
        month = parse_month(asked) if asked else latest
        if month is None:
            self.month_error = "Enter the month as a year and month, like 2026-10."
            month = latest
        elif month > latest:
            self.month_error = (
                f"{month:%B %Y} is not over yet, so this shows {latest:%B %Y}, "
                "the latest complete month."
            )
        return BoardMonthWindow.for_month(month, now=now)


class BoardRecordsMixin(VisibleBoardMixin):
    """The board in the URL, and whether this person records for it.

    Someone who may not see the board gets a 404; an object that is not the board's
    is a 404 too (`get_record` fetches it before any permission check). A page that
    writes (`writes = True`) is for the chair and members: other readers get a 403.
    """

    writes = False

    def get_record(self):
        """The meeting, action or adaptation the URL names; None for pages without one."""
        return None

    def dispatch(self, request, *args, **kwargs):
        self.record = self.get_record()
        self.can_record = can_record_for_board(request.user, self.board)
        if self.writes and not self.can_record:
            raise PermissionDenied("Only the board's chair and members record for the board.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("board", self.board)
        kwargs.setdefault("can_record", self.can_record)
        return super().get_context_data(**kwargs)


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field when the form has one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.error_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        form.add_error(None, error)
