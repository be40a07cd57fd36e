"""The board list and a board's monthly dashboard. Only members and directory admins
see a board; anyone else gets a 404."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.views.generic import ListView, TemplateView

from accounts.rules import invitable_roles

from ..dashboard import board_month
from ..months import BoardMonthWindow, latest_complete_month, parse_month
from ..rules import can_record_for_board
from ..selectors import board_list, board_with_members


class BoardListView(ListView):
    template_name = "governance/governanceboard_list.html"
    context_object_name = "boards"
    paginate_by = 50

    def get_queryset(self):
        return board_list(self.request.user)


class BoardMonthMixin:
    """The board from the URL (a 404 unless the person may see it) and the month from
    `?month=YYYY-MM`, defaulting to the latest complete month."""

    month_error = ""

    def get_board(self):
        return get_object_or_404(board_with_members(self.request.user), slug=self.kwargs["slug"])

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


class BoardDashboardView(BoardMonthMixin, TemplateView):
    template_name = "governance/board_dashboard.html"

    def get_context_data(self, **kwargs):
        board = self.get_board()
        window = self.get_window()
        user = self.request.user
        return super().get_context_data(
            board=board,
            window=window,
            dashboard=board_month(board, window),
            can_record=can_record_for_board(user, board),
            can_invite=bool(invitable_roles(user, board)),
            can_change_settings=user.has_perm("governance.change_governanceboard", board),
            month_error=self.month_error,
            **kwargs,
        )
